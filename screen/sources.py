"""Resolve ``--list`` arguments (stored snapshot names or list files) to prepared lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from screen.errors import ListError
from screen.model import Entry


@dataclass
class ListSource:
    """A list ready to screen against: its display name, entries and index cache dir."""

    name: str
    entries: list[Entry]
    cache_dir: Path | None = None
    warnings: list[str] = field(default_factory=list)


def open_snapshot(store_dir: Path, name: str) -> ListSource:
    """Open a stored snapshot by name."""
    from screen.store import Store

    store = Store(store_dir)
    meta = store.meta(name)
    return ListSource(meta.name, store.entries(meta.name), store.snapshot_dir(meta.name))


def open_file(path: Path, encoding: str | None = None) -> ListSource:
    """Load a list file directly (CSL CSV/TSV/JSON, nsfreg JSON, internal CSV)."""
    from screen.loaders import load_list

    loaded = load_list(path, encoding=encoding)
    return ListSource(path.name, loaded.entries, None, loaded.warnings)


def resolve_lists(specs: Sequence[str], store_dir: Path) -> list[ListSource]:
    """Each spec is a stored snapshot name or a path to a list file; none = newest snapshot."""
    from screen.store import Store

    if not specs:
        latest = Store(store_dir).latest()
        if latest is None:
            raise ListError(
                f"No --list given and the snapshot store {store_dir} holds no snapshot.",
                "Import one with `screen lists import FILE`, or pass `--list FILE`.",
            )
        return [open_snapshot(store_dir, latest.name)]
    sources = []
    for spec in specs:
        path = Path(spec)
        if path.is_file():
            sources.append(open_file(path))
        else:
            sources.append(open_snapshot(store_dir, spec))
    return sources


def warm_cache(store_dir: Path, name: str) -> None:
    """Build and cache the matcher's index for a stored snapshot (called after import)."""
    from screen.match.index import load_or_build

    source = open_snapshot(store_dir, name)
    load_or_build(source.entries, source.cache_dir)
