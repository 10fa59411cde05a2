"""Building a new snapshot's index and storing it, in two processes for a large list.

After the names and addresses are normalized (``screen.match.index_forms``), a forked
child builds and encodes the ``side_fields`` (the address index and the joined-words
index) while this process builds and encodes the rest; the child's encoded part comes
back as bytes and the file is written from both parts (``index_file.dump``). The
file holds what ``ListIndex.build`` and ``dump`` give in one process (its arrays in
another order); where forking is not possible or the child fails, this process does
all of it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from screen.match import index_file
from screen.match.forked import Child, can_fork
from screen.match.index import (
    INDEX_VERSION,
    UNSTORED,
    ListIndex,
    index_file_name,
    index_key,
    main_fields,
    side_fields,
)
from screen.match.index_cache import IndexCache
from screen.match.index_forms import PARALLEL_MIN_ENTRIES, ListForms, forms_of
from screen.match.policy import DEFAULT_POLICY, Policy
from screen.model import Entry


def store_index(
    entries: Sequence[Entry],
    cache: Callable[[], IndexCache],
    meanwhile: Callable[[], None] = lambda: None,
) -> None:
    """Build the index of ``entries`` and store it through ``cache()`` (a new snapshot's:
    it is read from its file when the snapshot is used). ``meanwhile`` (the snapshot's
    entries written) runs first, while a child starts normalizing, and ``cache`` after.

    A field ``index_file`` cannot store is a TypeError: nothing is stored then, and
    screening still works (it rebuilds the index each time), as in ``load_or_build``;
    an error in building the index is raised, as there.
    """
    parts = _parts(entries, meanwhile)
    cache_dir = cache()
    save = cache_dir.save
    if parts is None or save is None:
        return
    key = index_key(cache_dir.key)
    with contextlib.suppress(TypeError):
        save(
            index_file_name(key),
            lambda fh: index_file.dump(ListIndex, fh, key, skip=UNSTORED, parts=parts),
        )


def _parts(entries: Sequence[Entry], meanwhile: Callable[[], None]) -> list[index_file.Part] | None:
    """Every stored field of the index of ``entries``, encoded (in two parts); None if
    ``index_file`` cannot encode one."""
    policy = DEFAULT_POLICY
    forms, places = forms_of(entries, meanwhile, policy=policy)
    child = None
    if len(entries) >= PARALLEL_MIN_ENTRIES and can_fork():
        child = Child.start(lambda: _side(forms, policy).to_bytes())
    try:
        main = _encoded({**main_fields(entries, forms, places, policy), "version": INDEX_VERSION})
        data = child.result() if child is not None and main is not None else None
    finally:
        if child is not None:  # (reaped already, unless interrupted or not needed)
            child.cancel()
    if main is None:
        return None
    side = (
        _encoded(side_fields(forms, policy)) if data is None else index_file.Part.from_bytes(data)
    )
    return None if side is None else [main, side]


def _side(forms: ListForms, policy: Policy) -> index_file.Part:
    return index_file.dump_part(ListIndex, side_fields(forms, policy))


def _encoded(fields: dict[str, Any]) -> index_file.Part | None:
    """``fields`` encoded; None if ``index_file`` cannot store one (a TypeError)."""
    try:
        return index_file.dump_part(ListIndex, fields)
    except TypeError:
        return None
