"""``screen lists verify``: check every file of a snapshot against meta.json, fully."""

from __future__ import annotations

from collections import Counter

from screen.entries_file import ENTRIES_FILE
from screen.errors import ListError
from screen.store import META_FILE, Store
from screen.store_io import matches


def verify_snapshot(store: Store, name: str) -> list[str]:
    """Every problem found in snapshot ``name`` (empty: it is intact).

    Checks the size and SHA-256 of every recorded file, that the entries parse
    and match the recorded counts, that the current index loads, and that no
    file is there that meta.json does not record (such a file is never loaded).
    """
    try:
        meta = store.meta(name)
    except ListError as err:
        return [err.message]
    directory = store.snapshot_dir(meta.name)
    problems = []
    for file_name, record in meta.files.items():
        path = directory / file_name
        if not path.is_file():
            if not file_name.startswith("index-"):
                problems.append(f"{path} is missing")
        elif not matches(path, record):
            problems.append(f"{path} does not match the size and SHA-256 recorded in meta.json")
    problems += [
        f"{path} is not recorded in meta.json (not part of the snapshot; never loaded)"
        for path in sorted(directory.iterdir())
        if path.name not in meta.files and path.name != META_FILE and not path.name.startswith(".")
    ]
    if problems:
        return problems
    return _check_content(store, meta.name)


def _check_content(store: Store, name: str) -> list[str]:
    from screen.match.index import load_or_build

    try:
        snapshot = store.open(name)
        counts = Counter(e.source for e in snapshot.entries)
        load_or_build(snapshot.entries, snapshot.index)
    except ListError as err:
        return [err.message]
    if dict(counts) != snapshot.meta.counts:
        return [
            f"{snapshot.directory / ENTRIES_FILE} holds other counts per source list than "
            "meta.json records"
        ]
    return []
