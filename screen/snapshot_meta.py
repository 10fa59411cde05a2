"""A snapshot's ``meta.json``: what it holds, and a check of its types when it is read.

A ``meta.json`` edited by hand, or damaged, must make its snapshot "damaged" (reported
and skipped), never a crash of every command that lists the store: so each field's type
is checked as it is read (``meta_from_json``), with the first wrong field named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass, field, fields
from datetime import date
from typing import Any


@dataclass
class SnapshotMeta:
    """What is known about one stored snapshot.

    ``content_hash``: SHA-256 of the source file as imported; ``source_file``: its
    absolute path or URL; ``files``: size and SHA-256 of each file of the snapshot.
    """

    name: str
    content_hash: str
    imported_at: str
    as_of: str
    source_file: str
    format: str
    counts: dict[str, int]
    entry_count: int
    warnings: list[str] = field(default_factory=list)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def validate_date(value: str) -> str:
    """Return ``value`` if it is a YYYY-MM-DD date, else raise ValueError."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date")
    date.fromisoformat(value)
    return value


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _date(value: Any) -> bool:
    try:
        return isinstance(value, str) and bool(validate_date(value))
    except ValueError:
        return False


def _counts(value: Any) -> bool:
    return isinstance(value, dict) and all(_text(k) and _count(v) for k, v in value.items())


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(map(_text, value))


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _digest(value: Any) -> bool:
    return isinstance(value, str) and bool(_SHA256.fullmatch(value))


def _file(value: Any) -> bool:
    """A file's record: its size and SHA-256, and for the entries file its blocks'."""
    if not (isinstance(value, dict) and _count(value.get("size"))):
        return False
    if not _digest(value.get("sha256")):
        return False
    blocks = value.get("block_sha256", [])
    if not (isinstance(blocks, list) and all(map(_digest, blocks))):
        return False
    return "block_entries" not in value or (
        _count(value["block_entries"]) and value["block_entries"] > 0
    )


def _files(value: Any) -> bool:
    return isinstance(value, dict) and all(_text(k) and _file(v) for k, v in value.items())


#: The check of each field's value, by field name.
_CHECKS: dict[str, Callable[[Any], bool]] = {
    "name": _text,
    "content_hash": _text,
    "imported_at": _text,
    "as_of": _date,
    "source_file": _text,
    "format": _text,
    "counts": _counts,
    "entry_count": _count,
    "warnings": _texts,
    "files": _files,
}
#: The fields without a default.
_REQUIRED = tuple(
    f.name for f in fields(SnapshotMeta) if f.default is MISSING and f.default_factory is MISSING
)


def meta_from_json(data: Any) -> SnapshotMeta:
    """A ``SnapshotMeta`` from parsed ``meta.json``; ValueError naming the first field
    that is missing, unknown or of the wrong type."""
    if not isinstance(data, dict):
        raise ValueError(f"it holds a JSON {type(data).__name__}, not an object")
    for key in data:
        if key not in _CHECKS:
            raise ValueError(f"unknown field {key!r}")
    for key in _REQUIRED:
        if key not in data:
            raise ValueError(f"field {key!r} is missing")
    for key, value in data.items():
        if not _CHECKS[key](value):
            raise ValueError(f"field {key!r} has a value of the wrong type or form: {value!r:.60}")
    meta = SnapshotMeta(**data)
    for file, record in meta.files.items():
        if "block_sha256" in record and "block_entries" in record:
            want = -(-meta.entry_count // record["block_entries"])
            if len(record["block_sha256"]) != want:
                raise ValueError(
                    f"{file} has {len(record['block_sha256'])} block hashes recorded where"
                    f" {meta.entry_count} entries make {want}"
                )
    return meta
