"""A directory of immutable, versioned, verified list snapshots, shareable by a team.

Layout of a store ``ROOT``::

    ROOT/.lock                     taken by every writer (imports, rm, default, index)
    ROOT/.default                  the pinned default snapshot's name (optional)
    ROOT/<name>/meta.json          what the snapshot is, and size + SHA-256 of each file
    ROOT/<name>/entries.jsonl      one entry per line (see screen.entries_file)
    ROOT/<name>/entries.idx        where each line starts
    ROOT/<name>/index-v*-*.bin     the matcher's index, data not code (screen.match.index_file)

A snapshot is written into ``ROOT/.tmp-*`` (entries, then its index, then
meta.json, each fsynced) and renamed into place, so a failed or killed import
leaves nothing but a temp directory, removed by the next writer. Modes follow
the umask. An existing name is never overwritten.
"""

from __future__ import annotations

import builtins
import codecs
import contextlib
import gc
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screen.entries_file import (
    ENTRIES_FILE,
    OFFSETS_FILE,
    StoredEntries,
    damaged,
    read_offsets,
)
from screen.errors import ListError
from screen.model import Entry
from screen.snapshot_meta import SnapshotMeta, meta_from_json, validate_date
from screen.store_io import (
    fsync_dir,
    make_temp_dir,
    matches,
    store_lock,
    temp_name,
    write_file,
)

if TYPE_CHECKING:
    from screen.loaders import LoadedList
    from screen.match.index_cache import IndexCache

#: Told the name of each phase of an import as it starts (see screen.import_progress).
Progress = Callable[[str], None]
META_FILE = "meta.json"
DEFAULT_FILE = ".default"
#: Files of a snapshot up to this size are hashed whenever it is opened.
SMALL_FILE = 1 << 20
_MISMATCH = "does not match the size and hash recorded in meta.json"
_NAME_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")  # \Z: no trailing newline


@dataclass
class Snapshot:
    """An opened snapshot: its metadata, its entries (read on use) and its index cache."""

    meta: SnapshotMeta
    directory: Path
    entries: StoredEntries
    index: IndexCache


class Store:
    """Snapshots under one root directory."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def snapshot_dir(self, name: str) -> Path:
        """The directory of a snapshot (it need not exist)."""
        return self.root / name

    def scan(self) -> tuple[builtins.list[SnapshotMeta], builtins.list[tuple[str, ListError]]]:
        """Readable snapshots (oldest list date first) and (name, error) of damaged ones."""
        metas: builtins.list[SnapshotMeta] = []
        errors: builtins.list[tuple[str, ListError]] = []
        if self.root.is_dir():
            for d in sorted(self.root.iterdir()):
                if d.name.startswith(".") or not d.is_dir():
                    continue
                try:
                    metas.append(self._read_meta(d.name))
                except ListError as err:
                    errors.append((d.name, err))
        return sorted(metas, key=lambda m: (m.as_of, m.imported_at, m.name)), errors

    def list(self) -> builtins.list[SnapshotMeta]:
        """All readable snapshots, oldest list date first (then by import time)."""
        return self.scan()[0]

    def latest(self) -> SnapshotMeta | None:
        """The snapshot with the newest list date, or None if the store is empty."""
        metas = self.list()
        return metas[-1] if metas else None

    def meta(self, name: str) -> SnapshotMeta:
        """The metadata of a snapshot; ListError (listing what exists) if unknown."""
        if not _NAME_OK.match(name) or not self.snapshot_dir(name).is_dir():
            names = ", ".join(m.name for m in self.list()) or "none"
            raise ListError(
                f"No snapshot named {name!r} in the store {self.root}.",
                f"Available snapshots: {names}. Import one with `screen lists import FILE`.",
            )
        return self._read_meta(name)

    def open(self, name: str) -> Snapshot:
        """Open a snapshot, checking the size of every file and the hash of the small ones."""
        from screen.match.index_cache import IndexCache

        meta = self.meta(name)
        directory = self.snapshot_dir(meta.name)
        for file_name, record in meta.files.items():
            path = directory / file_name
            try:
                size = path.stat().st_size
            except OSError:
                if file_name.startswith("index-"):
                    continue  # derived from the entries: rebuilt when missing
                raise damaged(path, "is missing", meta.name) from None
            if size != record.get("size"):
                raise damaged(
                    path, f"has {size} bytes, meta.json records {record.get('size')}", meta.name
                )
            if size <= SMALL_FILE and not matches(path, record):
                raise damaged(
                    path, "does not match the size and hash recorded in meta.json", meta.name
                )
        offsets = read_offsets(directory / OFFSETS_FILE, meta.name)
        entries = StoredEntries(
            directory / ENTRIES_FILE, offsets, meta.files[ENTRIES_FILE], meta.name
        )
        if len(entries) != meta.entry_count:
            raise damaged(
                directory / OFFSETS_FILE,
                f"lists {len(entries)} entries, meta.json records {meta.entry_count}",
                meta.name,
            )
        cache = IndexCache(
            directory,
            index_source(meta),
            meta.files,
            lambda n, w: self._add_index(meta.name, n, w),
            meta.name,
        )
        return Snapshot(meta, directory, entries, cache)

    def entries(self, name: str) -> builtins.list[Entry]:
        """The entries of a snapshot (verified against meta.json)."""
        return builtins.list(self.open(name).entries)

    def import_file(
        self,
        path: Path,
        name: str | None = None,
        as_of: str | None = None,
        encoding: str | None = None,
        allow_partial: bool = False,
        source_file: str | None = None,
        progress: Progress | None = None,
        list_format: str = "auto",
    ) -> SnapshotMeta:
        """Load a list file (read and parsed once) and store it as a new snapshot.

        ``progress(phase)`` is called as each phase starts (see screen.import_progress).
        """
        from screen.loaders import load_list

        if name is not None:
            _check_name(name)  # before anything is read, locked or written
        step = progress or _silent
        path = Path(path)
        step("reading")
        data = _read(path)
        with _no_cycle_gc():
            step("parsing")
            loaded = load_list(
                path,
                encoding=encoding,
                allow_partial=allow_partial,
                list_format=list_format,
                data=data,
            )
            return self.add(
                loaded,
                _content_hash(data, encoding, list_format),
                source_file or str(path.resolve()),
                path.stem,
                name,
                as_of,
                progress=step,
            )

    def add(
        self,
        loaded: LoadedList,
        content_hash: str,
        source: str,
        stem: str,
        name: str | None = None,
        as_of: str | None = None,
        progress: Progress | None = None,
    ) -> SnapshotMeta:
        """Store loaded entries as a snapshot, its index included, under the store lock."""
        list_date = _as_of(loaded, as_of)
        with store_lock(self.root):
            final = self._choose_name(name, stem, list_date, content_hash)
            warnings = builtins.list(loaded.warnings)
            warnings += [
                f"the same file is already stored as snapshot {other.name!r}"
                for other in self.list()
                if other.content_hash == content_hash
            ]
            meta = SnapshotMeta(
                name=final,
                content_hash=content_hash,
                imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
                as_of=list_date,
                source_file=source,
                format=loaded.format,
                counts=_counts(loaded.entries),
                entry_count=len(loaded.entries),
                warnings=warnings,
            )
            with _no_cycle_gc():
                self._write(meta, loaded.entries, progress or _silent)
        return meta

    def remove(self, name: str) -> bool:
        """Delete a snapshot, and unpin it if it was the default: whether it was."""
        with store_lock(self.root):
            meta_name = self._existing_dir(name)
            trash = make_temp_dir(self.root)
            os.rename(self.snapshot_dir(meta_name), trash / meta_name)
            unpinned = self.pinned() == meta_name
            if unpinned:
                (self.root / DEFAULT_FILE).unlink(missing_ok=True)
            shutil.rmtree(trash, ignore_errors=True)
        return unpinned

    def pin(self, name: str | None) -> None:
        """Pin ``name`` as the default snapshot (None: unpin)."""
        with store_lock(self.root):
            target = self.root / DEFAULT_FILE
            if name is None:
                target.unlink(missing_ok=True)
                return
            self.meta(name)
            tmp = temp_name(self.root, ".tmp-", ".default")
            write_file(tmp, (name + "\n").encode())
            os.replace(tmp, target)
            fsync_dir(self.root)

    def pinned(self) -> str | None:
        """The pinned default snapshot's name, if one is pinned."""
        try:
            return (self.root / DEFAULT_FILE).read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def _existing_dir(self, name: str) -> str:
        """``name`` if it is a snapshot's directory (damaged ones too: a directory holding
        any of a snapshot's files), else the "no snapshot named" ListError."""
        directory = self.snapshot_dir(name)
        if not _NAME_OK.match(name) or not directory.is_dir():
            self.meta(name)  # raises the "no snapshot named" error
        if not any((directory / f).exists() for f in (META_FILE, ENTRIES_FILE, OFFSETS_FILE)):
            raise ListError(
                f"{directory} is not a snapshot: it holds no {META_FILE}, {ENTRIES_FILE} "
                f"or {OFFSETS_FILE}; nothing was removed.",
                "Remove it by hand if it is yours; `screen lists ls` lists the snapshots.",
            )
        return name

    def _choose_name(self, name: str | None, stem: str, as_of: str, digest: str) -> str:
        if name is not None:
            _check_name(name)
            self._refuse_existing(name, digest)
            return name
        base = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._") or "list"
        base = f"{base[:100]}_{as_of}"
        candidate, n = base, 1
        while self.snapshot_dir(candidate).exists():
            self._refuse_existing(candidate, digest, only_same=True)
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def _refuse_existing(self, name: str, digest: str, only_same: bool = False) -> None:
        if not self.snapshot_dir(name).exists():
            return
        try:
            same = self._read_meta(name).content_hash == digest
        except ListError:
            same = False
        if same:
            raise ListError(
                f"This file is already stored as snapshot {name!r}.",
                "Nothing to do; use `screen lists show NAME` to inspect it.",
            )
        if not only_same:
            raise ListError(
                f"A snapshot named {name!r} already exists; snapshots are "
                "immutable and are never overwritten.",
                "Choose another --name, or omit --name for an automatic one.",
            )

    def _write(self, meta: SnapshotMeta, entries: builtins.list[Entry], step: Progress) -> None:
        from screen.snapshot_write import write_snapshot

        write_snapshot(self.root, meta, entries, step)

    def _add_index(self, name: str, file_name: str, write: Any) -> None:
        from screen.snapshot_write import add_index_file

        add_index_file(self, name, file_name, write)

    def _read_meta(self, name: str) -> SnapshotMeta:
        path = self.snapshot_dir(name) / META_FILE
        try:
            meta = meta_from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as err:
            raise ListError(
                f"Snapshot {name!r} is damaged: cannot read {path}: {err}.",
                f"Re-import the list under a new name; `screen lists rm {name}` "
                "removes the damaged one.",
            ) from None
        if meta.name != name:
            raise ListError(
                f"Snapshot {name!r} is damaged: {path} names another snapshot, {meta.name!r}.",
                f"Re-import the list under a new name; `screen lists rm {name}` "
                "removes the damaged one.",
            )
        if ENTRIES_FILE not in meta.files or OFFSETS_FILE not in meta.files:
            raise ListError(
                f"Snapshot {name!r} is damaged or was made by an older version of "
                f"screen: {path} records no hashes for {ENTRIES_FILE} and "
                f"{OFFSETS_FILE}.",
                f"Re-import the list; `screen lists rm {name}` removes the old one.",
            )
        return meta


def _silent(_phase: str) -> None:
    """A progress callback that shows nothing."""


@contextlib.contextmanager
def _no_cycle_gc() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: an import makes millions of objects and
    no cycles, and the collector's passes over them took more than half its time.

    The objects made meanwhile go straight to the oldest generation (a freeze and an
    unfreeze: no pass over them) rather than into the youngest, whose first collection
    would walk all of them (0.5 s after a 14k-entry import). They are still collected
    as garbage, and in cycles by the next full collection.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if gc.get_freeze_count() == 0:  # nobody else froze objects: leave theirs be
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def index_source(meta: SnapshotMeta) -> dict[str, Any]:
    """What a snapshot's index is built from: the entries, by hash."""
    return {"entries_sha256": meta.files[ENTRIES_FILE]["sha256"]}


def meta_bytes(meta: SnapshotMeta) -> bytes:
    """meta.json's content."""
    return (json.dumps(meta.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()


def _check_name(name: str) -> None:
    if not _NAME_OK.match(name):
        raise ListError(
            f"Invalid snapshot name {name!r}.",
            "Use letters, digits, '.', '_' and '-' (start with a "
            "letter or digit, at most 128 characters).",
        )


def _content_hash(data: bytes, encoding: str | None, list_format: str) -> str:
    """sha256 of the bytes, and of how they were read when not the default: the same
    bytes read with another --encoding or --format are other content."""
    digest = hashlib.sha256(data).hexdigest()
    options = [f"encoding={codecs.lookup(encoding).name}"] if encoding else []
    options += [f"format={list_format}"] if list_format != "auto" else []
    if not options:
        return digest
    return hashlib.sha256(";".join([digest, *options]).encode()).hexdigest()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise ListError(
            f"Cannot read list file {path}: {err.strerror}.", "Check the path."
        ) from None


def _as_of(loaded: LoadedList, given: str | None) -> str:
    if given:
        try:
            return validate_date(given)
        except ValueError as err:
            raise ListError(f"Invalid list date: {err}.", "Pass --as-of YYYY-MM-DD.") from None
    if loaded.list_date:
        return loaded.list_date
    dates = [e.start_date for e in loaded.entries if len(e.start_date) == 10]
    return max(dates) if dates else datetime.now(UTC).date().isoformat()


def _counts(entries: builtins.list[Entry]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.source] = counts.get(entry.source, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
