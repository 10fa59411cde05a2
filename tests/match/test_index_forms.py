"""Building an index in two processes gives what one process gives; and the numpy-built
q-gram postings are those of a plain dict of sets."""

from __future__ import annotations

import dataclasses
import io
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screen.loaders import load_list
from screen.match import index_file, index_forms
from screen.match.grams import GRAM_SIZES, GramIndex, grams, longest_bigram_string
from screen.match.index import UNSTORED, ListIndex, index_key
from screen.match.index_cache import IndexCache
from screen.match.index_forms import list_forms, places_of
from screen.match.index_save import store_index
from screen.model import Address, Entry


def _entries(n: int) -> list[Entry]:
    names = [
        "Huawei Technologies Co., Ltd., Dongguan, Guangdong",
        "HiSilicon Technologies Co., Ltd (HiSilicon)",
        "Beijing Sugon Information Industry Co., Ltd. (a.k.a. Sugon; Dawning)",
        "ZINC",
        "Ôoo «Рога и копыта»",
        "Kazanskiy Zavod Tochnogo Mashinostroyeniya",  # Russian vocabulary
        "Mohammed bin Abdullah AL-QAHTANI",  # a person: spelling keys
        "Сергей Иванович ПЕТРОВ",
    ]
    return [
        Entry(
            id=str(i),
            source="test",
            type="Individual" if i % len(names) >= len(names) - 2 else "Entity",
            name=f"{names[i % len(names)]} {i // len(names)}",
            alt_names=(f"Alias {i}", "ORION") if i % 3 else (),
            addresses=(Address(f"No. {i} Huake Street, Beijing, {i % 7}0000, CN", country="CN"),),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("chunk", [1, 7, 128])
def test_two_processes_make_the_forms_one_makes(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(index_forms, "CHUNK_ENTRIES", chunk)
    entries = _entries(300)
    places = places_of(entries)
    assert list_forms(entries, places, workers=2) == list_forms(entries, places, workers=1)


def test_a_failed_child_leaves_its_chunks_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(_chunks: object) -> bytes:
        raise RuntimeError("the child fails")

    entries = _entries(100)
    places = places_of(entries)
    alone = list_forms(entries, places, workers=1)
    monkeypatch.setattr(index_forms, "CHUNK_ENTRIES", 3)
    monkeypatch.setattr(index_forms, "_packed", fail)  # runs only in the child
    assert list_forms(entries, places, workers=2) == alone


def test_the_real_entity_list_in_two_processes(real_data: Path) -> None:
    entries = load_list(
        real_data / "entity_list" / "bis_entity_list_ecfr_2026-07-09_nsfreg.json"
    ).entries
    places = places_of(entries)
    assert list_forms(entries, places, workers=2) == list_forms(entries, places, workers=1)


def _postings(strings: list[str], max_edits: int) -> dict[str, list[int]]:
    """What GramIndex.build must index: each string's distinct grams, ids ascending."""
    lists: dict[str, set[int]] = defaultdict(set)
    for i, s in enumerate(strings):
        for q in GRAM_SIZES:
            if q == 2 and len(s) > longest_bigram_string(max_edits):
                continue
            for g in grams(s, q):
                lists[g].add(i)
    return {g: sorted(ids) for g, ids in lists.items()}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(st.sampled_from("abcé中😀\0"), max_size=12), max_size=30),
    st.integers(0, 2),
)
def test_gram_postings_are_each_strings_grams(strings: list[str], max_edits: int) -> None:
    index = GramIndex.build(strings, max_edits)
    found = {g: index.postings(g).tolist() for g in index.slots}
    assert found == _postings(strings, max_edits)
    assert index.strings == strings and index.lengths.tolist() == [len(s) for s in strings]
    assert index.exact == {s: [i for i, t in enumerate(strings) if t == s] for s in strings}


def _stored(entries: list[Entry], directory: Path) -> Any:
    """The index ``store_index`` stores for ``entries``, read back whole."""
    saved: dict[str, bytes] = {}

    def save(name: str, write: Callable[[IO[bytes]], None]) -> None:
        buffer = io.BytesIO()
        write(buffer)
        saved[name] = buffer.getvalue()

    cache = IndexCache(directory, {"entries_sha256": "x"}, {}, save, "test")
    store_index(entries, lambda: cache)
    ((name, data),) = saved.items()
    (directory / name).write_bytes(data)
    index = index_file.load(directory / name, ListIndex, index_key(cache.key))
    index.materialize()
    return index


def _same(a: Any, b: Any) -> bool:
    if dataclasses.is_dataclass(a):
        return all(
            _same(getattr(a, f.name), getattr(b, f.name))
            for f in dataclasses.fields(a)
            if f.name not in UNSTORED
        )
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and np.array_equal(a, b)
    if isinstance(a, dict):  # Weights keep their default weight
        return dict(a) == dict(b) and getattr(a, "default", 0) == getattr(b, "default", 0)
    return bool(a == b)


@pytest.mark.parametrize("n", [10, 3000])  # one process, then two
def test_a_stored_index_is_the_one_built_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    for module in ("index_forms", "index_save"):  # however busy the machine is
        monkeypatch.setattr(f"screen.match.{module}.can_fork", lambda: True)
    entries = _entries(n)
    built = ListIndex.build(entries)
    assert built.person_keys.slots  # (listed people have spelling keys)
    assert _same(_stored(entries, tmp_path), built)


def test_places_are_the_cities_addresses_end_with_not_companies_in_care_of() -> None:
    def entry(i: int, *addresses: str) -> Entry:
        return Entry(
            id=str(i), source="SDN", name=f"E{i}", addresses=tuple(map(Address, addresses))
        )

    entries = [
        entry(0, "Atrium Building, Weygand Street, Beirut, LB"),
        entry(1, "c/o SOLMAR, LB", "C / O Zorvex Trading, Cotonou, BJ", "c/o GELRO, 12345"),
        entry(2, "Calle 5, Bogota, Colombia"),
    ]
    found = places_of(entries) - places_of([])  # without the country names
    assert found == {"beirut", "cotonou", "bogota"}
