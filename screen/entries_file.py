"""A snapshot's entries: one JSON object per line, and where each line starts.

``entries.jsonl`` holds one :meth:`Entry.to_dict` per line (UTF-8);
``entries.idx`` holds n + 1 little-endian int64 byte offsets, so one entry is
read without parsing the others. meta.json records the file's size and SHA-256,
and the SHA-256 of each block of ``BLOCK`` entries: reading one entry reads and
checks only its block; reading all of them checks the whole file.
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from screen.errors import ListError
from screen.model import Address, Entry
from screen.store_io import write_file

ENTRIES_FILE = "entries.jsonl"
OFFSETS_FILE = "entries.idx"
#: Entries per hashed block.
BLOCK = 512


def write_entries(directory: Path, entries: Sequence[Entry]) -> dict[str, Any]:
    """Write ``entries.jsonl`` and ``entries.idx`` into ``directory``; the block hashes
    (``block_entries``, ``block_sha256``) for the entries file's record in meta.json."""
    lines = [
        json.dumps(_entry_dict(e), ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        for e in entries
    ]
    offsets = array("q", [0])
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    if sys.byteorder != "little":  # pragma: no cover
        offsets.byteswap()
    blocks = [
        hashlib.sha256(b"".join(lines[i : i + BLOCK])).hexdigest()
        for i in range(0, len(lines), BLOCK)
    ]
    write_file(directory / ENTRIES_FILE, b"".join(lines))
    write_file(directory / OFFSETS_FILE, offsets.tobytes())
    return {"block_entries": BLOCK, "block_sha256": blocks}


def damaged(path: Path, problem: str, name: str) -> ListError:
    """The error for a snapshot file that is not what meta.json recorded."""
    return ListError(
        f"Snapshot {name!r} is damaged: {path} {problem}.",
        f"Run `screen lists verify {name}`; re-import the list under a new name "
        f"(and `screen lists rm {name}`).",
    )


def read_offsets(path: Path, name: str) -> array[int]:
    """The offsets of ``entries.idx``."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise damaged(path, f"cannot be read ({err.strerror})", name) from None
    offsets = array("q")
    if len(data) % offsets.itemsize:
        raise damaged(path, "is truncated", name)
    offsets.frombytes(data)
    if sys.byteorder != "little":  # pragma: no cover
        offsets.byteswap()
    return offsets


class StoredEntries(Sequence[Entry]):
    """The entries of a snapshot, each parsed when first used.

    The whole file is read and its hash checked once, on first use; a mismatch is
    a ListError naming the file, never a silent result.
    """

    def __init__(self, path: Path, offsets: array[int], record: dict[str, Any], name: str) -> None:
        self._path, self._offsets, self._record, self._name = path, offsets, record, name
        self._data: bytes | None = None
        self._blocks: dict[int, bytes] = {}
        self._made: list[Entry | None] = [None] * max(len(offsets) - 1, 0)

    def _bytes(self) -> bytes:
        if self._data is None:
            try:
                data = self._path.read_bytes()
            except OSError as err:
                raise damaged(self._path, f"cannot be read ({err.strerror})", self._name) from None
            if len(data) != self._record.get("size") or (
                hashlib.sha256(data).hexdigest() != self._record.get("sha256")
            ):
                raise damaged(
                    self._path, "does not match the size and hash recorded in meta.json", self._name
                )
            if self._offsets[-1] != len(data):
                raise damaged(self._path, "does not match entries.idx", self._name)
            self._data = data
        return self._data

    def __len__(self) -> int:
        return len(self._made)

    def _line(self, i: int) -> bytes:
        """Line i, from the whole file if it was read, else from its checked block."""
        if self._data is not None or "block_sha256" not in self._record:
            data = self._bytes()
            return data[self._offsets[i] : self._offsets[i + 1]]
        size = int(self._record["block_entries"])
        b = i // size
        if b not in self._blocks:
            self._blocks[b] = self._read_block(b, size)
        start = self._offsets[b * size]
        return self._blocks[b][self._offsets[i] - start : self._offsets[i + 1] - start]

    def _read_block(self, b: int, size: int) -> bytes:
        start, end = self._offsets[b * size], self._offsets[min((b + 1) * size, len(self))]
        try:
            with self._path.open("rb") as fh:
                fh.seek(start)
                data = fh.read(end - start)
        except OSError as err:
            raise damaged(self._path, f"cannot be read ({err.strerror})", self._name) from None
        hashes = self._record["block_sha256"]
        if b >= len(hashes) or hashlib.sha256(data).hexdigest() != hashes[b]:
            raise damaged(
                self._path,
                f"does not match the hash meta.json records for "
                f"entries {b * size + 1}-{b * size + size}",
                self._name,
            )
        return data

    @overload
    def __getitem__(self, i: int) -> Entry: ...
    @overload
    def __getitem__(self, i: slice) -> list[Entry]: ...
    def __getitem__(self, i: int | slice) -> Entry | list[Entry]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        made = self._made[i]
        if made is None:
            i = range(len(self))[i]
            try:
                raw = json.loads(self._line(i))
                made = self._made[i] = entry_from_dict(raw)
            except (ValueError, TypeError, KeyError) as err:
                raise damaged(
                    self._path, f"has an unreadable entry {i + 1}: {err}", self._name
                ) from None
        return made

    def __iter__(self) -> Iterator[Entry]:
        if len(self) and all(made is None for made in self._made[:1]):
            self._parse_all()
        return (self[i] for i in range(len(self)))

    def _parse_all(self) -> None:
        """Parse every line in one ``json.loads`` (lines hold no raw newline)."""
        data = self._bytes()
        try:
            raw = json.loads(b"[" + data.rstrip(b"\n").replace(b"\n", b",") + b"]")
            if len(raw) != len(self._made):
                raise ValueError(f"{len(raw)} lines for {len(self._made)} entries")
            self._made = [entry_from_dict(item) for item in raw]
        except (ValueError, TypeError, KeyError) as err:
            raise damaged(self._path, f"has unreadable entries: {err}", self._name) from None


def _entry_dict(entry: Entry) -> dict[str, Any]:
    """:meth:`Entry.to_dict` without ``asdict``'s deep copy (4x faster, same JSON)."""
    data = dict(vars(entry))
    data["addresses"] = [vars(a) for a in entry.addresses]
    return data


def entry_from_dict(data: dict[str, Any]) -> Entry:
    """:meth:`Entry.from_dict`, minus its defensive copy (about 30% faster)."""
    data["addresses"] = tuple([Address(**a) for a in data["addresses"]])
    for key in ("alt_names", "programs", "ids", "countries"):
        data[key] = tuple(data[key])
    return Entry(**data)
