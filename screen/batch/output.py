"""Where results go: stdout, or a file written atomically (temp file, then rename)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from screen.errors import UsageError

_FORMAT_BY_SUFFIX = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".txt": "table",
}


def default_format(output: Path | None, stdout_is_tty: bool) -> str:
    """The output format when none is given: from the output file's suffix, else
    ``table`` on a terminal and ``csv`` otherwise."""
    if output is not None:
        return _FORMAT_BY_SUFFIX.get(output.suffix.lower(), "csv")
    return "table" if stdout_is_tty else "csv"


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """Stdout, or a temp file beside ``path`` renamed onto it only if all went well."""
    if path is None:
        yield sys.stdout
        return
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"Cannot write {path}: directory {directory} does not exist.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
