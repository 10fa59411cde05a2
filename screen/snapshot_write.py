"""Writing snapshots: a new one (entries, index, meta.json, then one rename) and a
rebuilt index added to an existing one. Both fsync every file before renaming it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from screen.entries_file import ENTRIES_FILE, OFFSETS_FILE, write_entries
from screen.errors import ListError
from screen.model import Entry
from screen.store_io import (
    file_record,
    fsync_dir,
    make_temp_dir,
    store_lock,
    temp_name,
    write_file,
)

if TYPE_CHECKING:
    from screen.snapshot_meta import SnapshotMeta
    from screen.store import Store

Writer = Callable[[IO[bytes]], None]


def write_snapshot(
    root: Path, meta: SnapshotMeta, entries: Sequence[Entry], step: Callable[[str], None]
) -> None:
    """Write a snapshot into ``ROOT/.tmp-*`` and rename it to ``ROOT/<meta.name>``.

    The index is written before meta.json and the rename, so a snapshot exists
    only complete with its index. Call with the store lock held.
    """
    from screen.match.index_cache import IndexCache
    from screen.match.index_save import store_index
    from screen.store import META_FILE, index_source, meta_bytes

    tmp = make_temp_dir(root)
    try:
        step("writing entries")

        def write_entries_file() -> None:  # while a child starts normalizing
            blocks = write_entries(tmp, entries)
            meta.files = {n: file_record(tmp / n) for n in (ENTRIES_FILE, OFFSETS_FILE)}
            meta.files[ENTRIES_FILE].update(blocks)
            step("normalizing names and addresses")

        def save(file_name: str, write: Writer) -> None:
            step("writing the index")
            _write_synced(tmp / file_name, write)
            meta.files[file_name] = file_record(tmp / file_name)

        def cache() -> IndexCache:  # what the index is of: the entries as written
            return IndexCache(tmp, index_source(meta), {}, save, meta.name)

        store_index(entries, cache, meanwhile=write_entries_file)
        write_file(tmp / META_FILE, meta_bytes(meta))
        fsync_dir(tmp)
        os.rename(tmp, root / meta.name)
        fsync_dir(root)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ListError(
            f"Cannot write snapshot {meta.name!r} in {root}: {err}.",
            "Check free space and permissions of the store directory.",
        ) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def add_index_file(store: Store, name: str, file_name: str, write: Writer) -> None:
    """Add a rebuilt index file to snapshot ``name`` and record its hash (best effort).

    Order: the file under a temp name, meta.json recording it, then the rename; a
    kill in between leaves a temp file (removed later) or a recorded, missing
    index (rebuilt), never an unrecorded one.
    """
    from screen.store import META_FILE, meta_bytes

    directory = store.snapshot_dir(name)
    try:
        with store_lock(store.root):
            tmp = temp_name(directory, ".index-", ".tmp")
            _write_synced(tmp, write)
            meta = store.meta(name)
            meta.files[file_name] = file_record(tmp)
            meta_tmp = temp_name(directory, ".index-", ".tmp")
            write_file(meta_tmp, meta_bytes(meta))
            os.replace(meta_tmp, directory / META_FILE)
            os.replace(tmp, directory / file_name)
            fsync_dir(directory)
    except (OSError, ListError):
        pass  # a read-only store still screens; it rebuilds the index in memory


def _write_synced(path: Path, write: Writer) -> None:
    """Create ``path`` with what ``write`` writes, fsynced; removed again if ``write`` fails."""
    try:
        with path.open("xb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
