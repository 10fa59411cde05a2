"""What a result was screened with: time, tool version, snapshots and hashes, threshold.

Every output of ``check`` and ``batch`` can carry this (the JSON document's ``meta``,
the first ``{"meta": ...}`` line of JSON Lines with ``--meta``), and every audited run
records it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from screen.audit import now
from screen.sources import ListSource


def tool_version() -> str:
    """The version of ``screen`` (``screen.__version__``, which pyproject.toml reads:
    no ``importlib.metadata`` walk of the installed distributions, 20 ms a run)."""
    from screen import __version__

    return __version__


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes (read in blocks)."""
    from screen.store_io import sha256_file

    return sha256_file(path)[1]


def snapshot_refs(
    specs: Sequence[str], sources: Sequence[ListSource], store_dir: Path
) -> list[dict[str, Any]]:
    """Name, kind and content hash of each list screened against.

    ``sources`` are what :func:`screen.sources.resolve_lists` made of ``specs`` (in
    order; no spec = the newest stored snapshot)."""
    from screen.store import Store

    refs = []
    for i, source in enumerate(sources):
        spec = specs[i] if i < len(specs) else source.name
        path = Path(spec)
        if path.is_file():  # a list file (cached by content or not), not a snapshot name
            refs.append(
                {
                    "name": source.name,
                    "kind": "file",
                    "path": str(path),
                    "content_hash": file_sha256(path),
                    "as_of": None,
                }
            )
            continue
        meta = Store(store_dir).meta(source.name)
        refs.append(
            {
                "name": meta.name,
                "kind": "snapshot",
                "path": meta.source_file,
                "content_hash": meta.content_hash,
                "as_of": meta.as_of,
            }
        )
    return refs


def run_meta(
    snapshots: Sequence[dict[str, Any]],
    threshold: float,
    since: Sequence[dict[str, Any]] = (),
    screened_at: str | None = None,
) -> dict[str, Any]:
    """The provenance header; ``threshold`` 0-100 as on the command line."""
    meta: dict[str, Any] = {
        "screened_at": screened_at or now(),
        "tool_version": tool_version(),
        "snapshots": list(snapshots),
        "threshold": threshold,
    }
    if since:
        meta["since"] = list(since)
    return meta


class HashingText:
    """A text stream that forwards everything and hashes it (UTF-8), for the audit log."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._digest = hashlib.sha256()

    def write(self, text: str) -> int:
        self._digest.update(text.encode("utf-8", "surrogateescape"))
        return self._out.write(text)

    def flush(self) -> None:
        self._out.flush()

    def hexdigest(self) -> str:
        return self._digest.hexdigest()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def run_record(
    command: str,
    argv: Sequence[str],
    meta: dict[str, Any],
    input_ref: dict[str, Any],
    rows: int,
    tiers: dict[str, int],
    cases: dict[str, int] | None,
    output: dict[str, Any],
) -> dict[str, Any]:
    """The audit payload of one screening run."""
    return {
        "command": command,
        "argv": list(argv),
        "meta": meta,
        "input": input_ref,
        "rows": rows,
        "tiers": dict(tiers),
        "cases": cases,
        "output": output,
    }
