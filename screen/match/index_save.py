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
    screening still works (it rebuilds the index each time), as in ``load_or_build``.
    """
    done: list[bool] = []

    def once() -> None:
        if not done:
            done.append(True)
            meanwhile()

    with contextlib.suppress(TypeError):
        parts = _parts(entries, once)
        cache_dir = cache()
        save = cache_dir.save
        if save is None:
            return
        key = index_key(cache_dir.key)
        save(
            index_file_name(key),
            lambda fh: index_file.dump(ListIndex, fh, key, skip=UNSTORED, parts=parts),
        )
    once()  # (run already, unless the index could not be made)


def _parts(entries: Sequence[Entry], meanwhile: Callable[[], None]) -> list[index_file.Part]:
    """Every stored field of the index of ``entries``, encoded (in two parts)."""
    policy = DEFAULT_POLICY
    forms, places = forms_of(entries, meanwhile, policy=policy)
    child = None
    if len(entries) >= PARALLEL_MIN_ENTRIES and can_fork():
        child = Child.start(lambda: _side(forms, policy).to_bytes())
    try:
        main = {**main_fields(entries, forms, places, policy), "version": INDEX_VERSION}
        parts = [index_file.dump_part(ListIndex, main)]
    except BaseException:
        if child is not None:
            child.cancel()
        raise
    data = child.result() if child is not None else None  # (ends the child if interrupted)
    side = _side(forms, policy) if data is None else index_file.Part.from_bytes(data)
    return [*parts, side]


def _side(forms: ListForms, policy: Policy) -> index_file.Part:
    return index_file.dump_part(ListIndex, side_fields(forms, policy))
