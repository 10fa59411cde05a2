"""Tables derived from the word tables, kept between runs as JSON in the user cache.

Deriving the Russian tables (each word in every case and seven Latin spellings) takes
about 0.1 s, a quarter of a ``check``'s start-up budget. The first run writes what it
derived to ``<cache root>/.tables/<name>-<key>.json`` (the cache root of
:mod:`screen.file_cache`; the dot keeps it out of the snapshots listed there); later runs
read it in about 15 ms. The key is the SHA-256 of the data files (``tables.data_digest``,
which the index key reads too, so they are read once a process) and of the module that
derives the table, so an edit to either is a new file and a stale table is never read.

JSON holds data only: reading it runs no code. Fresh and cached tables go through the
same ``decode``, so both give the same objects. A file that does not parse or decode is
derived again, and a cache that cannot be written is skipped: the tables are then
derived on every run, as if there were no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Characters of the inputs' SHA-256 that name a cache file.
_KEY_CHARS = 24


def cache_file(name: str, inputs: Sequence[Path]) -> Path:
    """Where the table ``name`` derived from the data files and ``inputs`` (the code that
    derives it) is cached."""
    from screen.file_cache import cache_root
    from screen.match.tables import data_digest

    digest = hashlib.sha256(data_digest().encode())
    for path in inputs:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return cache_root() / ".tables" / f"{name}-{digest.hexdigest()[:_KEY_CHARS]}.json"


def load(
    name: str,
    inputs: Sequence[Path],
    build: Callable[[], Any],
    decode: Callable[[Any], T],
) -> T:
    """``decode`` of the table ``build`` derives from the data files and ``inputs``: read
    from the cache when it holds that table, else derived now and cached."""
    path = cache_file(name, inputs)
    try:
        return decode(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        pass  # absent, unreadable or damaged: derive it
    raw = build()
    _write(path, json.dumps(raw, ensure_ascii=False, separators=(",", ":")))
    return decode(raw)


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, or not at all if the cache is not writable."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
