"""Resolve ``--list`` arguments (stored snapshot names or list files) to prepared lists.

With no ``--list``, the default snapshot is used (see :func:`choose_default`): the
pinned one, else the newest full Consolidated Screening List, and the choice is
stated in the source's warnings (printed on stderr).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from screen.errors import ListError
from screen.model import Entry

if TYPE_CHECKING:
    from screen.match.index_cache import IndexCache
    from screen.snapshot_meta import SnapshotMeta
    from screen.store import Store

#: The environment variable naming the snapshot store (the CLI's ``--store``).
STORE_ENV = "SCREEN_LISTS_DIR"
#: A CSL snapshot holding at least this many source lists is a full export.
FULL_CSL_SOURCES = 5


@dataclass
class ListSource:
    """A list ready to screen against: its display name, entries and index cache.

    ``cache_dir`` says where the matcher's index file is and what it must be
    (None: build the index in memory).
    """

    name: str
    entries: Sequence[Entry]
    cache_dir: IndexCache | None = None
    warnings: list[str] = field(default_factory=list)


def store_dir_default(store_dir: str | Path | None = None) -> Path:
    """``store_dir``, else ``$SCREEN_LISTS_DIR``, else ``./lists`` (as the CLI)."""
    if store_dir is not None:
        return Path(store_dir)
    return Path(os.environ.get(STORE_ENV) or "lists")


def open_snapshot(store_dir: Path, name: str) -> ListSource:
    """Open a stored snapshot by name (its files checked against meta.json)."""
    from screen.store import Store

    snapshot = Store(store_dir).open(name)
    return ListSource(snapshot.meta.name, snapshot.entries, snapshot.index)


def open_file(path: Path, encoding: str | None = None, cache: bool = True) -> ListSource:
    """Open a list file (CSL CSV/TSV/JSON, nsfreg JSON, internal CSV).

    With ``cache``, the file is stored once, by content hash, as a snapshot in the
    user cache directory (see :mod:`screen.file_cache`), so the next call is as fast
    as a stored snapshot.
    """
    if cache:
        from screen.file_cache import cached_snapshot

        source = cached_snapshot(path, encoding)
        if source is not None:
            return source
    from screen.loaders import load_list

    loaded = load_list(path, encoding=encoding)
    return ListSource(path.name, loaded.entries, None, loaded.warnings)


def choose_default(store: Store) -> tuple[SnapshotMeta, str]:
    """The snapshot to screen against when no list is named, and why it was chosen.

    The pinned default (``screen lists default NAME``); else the only snapshot;
    else the newest full CSL (a CSL export with at least FULL_CSL_SOURCES source
    lists). Several snapshots and none of them a full CSL is an error: a small
    internal list is never chosen silently over the others.
    """
    metas, damaged = store.scan()
    pinned = store.pinned()
    if pinned is not None:
        try:
            return store.meta(pinned), "the pinned default"
        except ListError as err:
            raise ListError(
                f"The pinned default snapshot cannot be used: {err.message}",
                "Pin another with `screen lists default NAME`, or unpin it with "
                "`screen lists default --unset`.",
            ) from None
    if len(metas) == 1 and not damaged:
        return metas[0], "the only snapshot in the store"
    full = [m for m in metas if m.format.startswith("csl-") and len(m.counts) >= FULL_CSL_SOURCES]
    if full:
        return full[-1], "the newest full Consolidated Screening List snapshot"
    if not metas:
        raise ListError(
            f"No --list given and the snapshot store {store.root} holds no "
            f"{'readable ' if damaged else ''}snapshot.",
            "Import one with `screen lists import FILE`, or pass `--list FILE`.",
        )
    names = ", ".join(m.name for m in metas)
    raise ListError(
        f"No --list given, no default pinned, and none of the snapshots in {store.root} "
        f"({names}) is a full Consolidated Screening List.",
        "Pass --list NAME, or pin one with `screen lists default NAME`.",
    )


def resolve_lists(
    specs: Sequence[str], store_dir: Path | None = None, cache: bool = True
) -> list[ListSource]:
    """Each spec is a stored snapshot name or a path to a list file; none = the default."""
    from screen.store import Store

    root = store_dir_default(store_dir)
    if not specs:
        store = Store(root)
        meta, why = choose_default(store)
        source = open_snapshot(root, meta.name)
        damaged = [name for name, _ in store.scan()[1]]
        if damaged:
            source.warnings.append(
                f"skipped {len(damaged)} damaged snapshot(s) in {root}: {', '.join(damaged)} "
                "(`screen lists verify` says why)"
            )
        source.warnings.append(
            f"no --list given: screening against {meta.name} ({why}; "
            "pin another with `screen lists default NAME`)"
        )
        return [source]
    sources = []
    for spec in specs:
        path = Path(spec)
        if path.is_file():
            sources.append(open_file(path, cache=cache))
        else:
            sources.append(open_snapshot(root, spec))
    return sources
