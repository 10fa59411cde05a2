"""The index file: any dataclass of supported field types round-trips, as data only."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screen.match import index_file
from screen.match.addresses import AddressForm, normalize_address
from screen.match.index import ListIndex, Weights
from screen.match.index_file import IndexFileChanged, IndexFileError, dump, load
from screen.match.index_lazy import LazyDict, Ragged, Records
from screen.match.names import NameForm
from screen.model import Address, Entry


@dataclass(frozen=True)
class Item:
    text: str
    tokens: tuple[str, ...]
    tags: frozenset[str]
    score: float
    count: int


@dataclass
class Inner:
    table: dict[str, tuple[int, int]] = field(default_factory=dict)
    weights: Weights = field(default_factory=Weights)
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))


@dataclass
class Outer:
    items: list[Item]
    sets: list[frozenset[str]]
    groups: dict[str, list[int]]
    inner: Inner
    name: str = ""
    ratio: float = 0.0
    #: A field the serializer has never heard of: it must round-trip without any change.
    extra_field: tuple[str, ...] = ()


def _roundtrip(obj: object, tmp_path: Path) -> object:
    path = tmp_path / "x.bin"
    with path.open("wb") as fh:
        dump(obj, fh, {"k": 1})
    return load(path, type(obj), {"k": 1})


def _sample() -> Outer:
    weights = Weights({"huawei": 3.5, "co": 0.1})
    weights.default = 9.0
    return Outer(
        items=[
            Item("Huawei 华为", ("huawei",), frozenset({"b", "a"}), 0.5, 3),
            Item("", (), frozenset(), -1.0, 0),
        ],
        sets=[frozenset({"CN", "HK"}), frozenset()],
        groups={"hw": [0, 1], "z": []},
        inner=Inner({"a": (0, 2), "b\0c": (2, 5)}, weights, np.arange(5, dtype=np.int32)),
        name="n",
        ratio=0.25,
        extra_field=("new", "field"),
    )


def test_round_trip_with_an_extra_field(tmp_path: Path) -> None:
    back = _roundtrip(_sample(), tmp_path)
    assert isinstance(back, Outer)
    assert list(back.items) == _sample().items and list(back.sets) == _sample().sets
    assert back.groups == {"hw": [0, 1], "z": []} and back.extra_field == ("new", "field")
    assert back.inner.table == {"a": (0, 2), "b\0c": (2, 5)}
    assert back.inner.ids.tolist() == [0, 1, 2, 3, 4] and back.inner.ids.dtype == np.int32
    assert (back.name, back.ratio) == ("n", 0.25)


def test_lazy_containers_keep_their_interfaces(tmp_path: Path) -> None:
    back = _roundtrip(_sample(), tmp_path)
    assert isinstance(back, Outer)
    assert isinstance(back.items, Records) and isinstance(back.sets, Ragged)
    assert back.items[-1] == Item("", (), frozenset(), -1.0, 0) and back.items[0:1][0].count == 3
    with pytest.raises(IndexError):
        back.items[2]
    weights = back.inner.weights
    assert isinstance(weights, Weights) and isinstance(weights, LazyDict)
    assert weights["huawei"] == 3.5 and weights["unseen"] == 9.0 and weights.default == 9.0
    assert "co" in weights and "unseen" not in weights and weights.get("nope", 1.5) == 1.5
    assert len(weights) == 2 and dict(weights) == {"huawei": 3.5, "co": 0.1}


def test_a_lazy_dict_made_plain_keeps_its_class_items_and_attributes(tmp_path: Path) -> None:
    back = _roundtrip(_sample(), tmp_path)
    assert isinstance(back, Outer)
    weights = back.inner.weights
    assert "unseen" not in weights  # a miss remembered: not carried over
    plain = weights.plain()
    assert type(plain) is Weights and plain == {"huawei": 3.5, "co": 0.1}
    assert plain["unseen"] == 9.0 and plain.default == 9.0 and not hasattr(plain, "_absent")
    table = back.inner.table.plain()
    assert type(table) is dict and table == {"a": (0, 2), "b\0c": (2, 5)}


@dataclass(frozen=True)
class _Maybe:
    label: str | None
    rank: int | None = None


@dataclass
class _WithOptional:
    items: list[_Maybe]
    note: str | None = None


def test_optional_fields_round_trip(tmp_path: Path) -> None:
    obj = _WithOptional([_Maybe("a", 1), _Maybe(None), _Maybe("", 0)], note=None)
    back = _roundtrip(obj, tmp_path)
    assert isinstance(back, _WithOptional) and list(back.items) == obj.items and back.note is None


@dataclass
class _Counts:
    counts: Counter[str]
    groups: defaultdict[str, list[int]]
    pairs: dict[tuple[str, str], float]


def test_dict_subclasses_and_tuple_keys_round_trip(tmp_path: Path) -> None:
    groups: defaultdict[str, list[int]] = defaultdict(list, {"a": [1, 2]})
    obj = _Counts(Counter({"x": 3, "y": 1}), groups, {("a", "b"): 0.5})
    back = _roundtrip(obj, tmp_path)
    assert isinstance(back, _Counts) and isinstance(back.counts, Counter)
    assert back.counts == obj.counts and back.counts["unseen"] == 0
    assert dict(back.groups) == {"a": [1, 2]} and back.pairs == {("a", "b"): 0.5}


def test_unstorable_field_is_a_type_error(tmp_path: Path) -> None:
    @dataclass
    class _Bad:
        items: list[object]

    with pytest.raises(TypeError, match="cannot store"):
        dump(_Bad([object()]), io.BytesIO(), {"k": 1})


def test_changed_fields_or_key_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    with path.open("wb") as fh:
        dump(_sample(), fh, {"k": 1})
    with pytest.raises(IndexFileError, match="other data"):
        load(path, Outer, {"k": 2})
    with pytest.raises(IndexFileError, match="other fields"):
        load(path, Inner, {"k": 1})


@pytest.mark.parametrize("damage", [b"", b"\x80\x04\x95pickle", b"SCRNIDX1\xff\xff"])
def test_foreign_or_truncated_bytes_are_refused(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(damage)
    with pytest.raises(IndexFileError):
        load(path, Outer, {"k": 1})


def test_bytes_other_than_recorded_are_refused_before_they_are_read(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "x.bin"
    with path.open("wb") as fh:
        dump(_sample(), fh, {"k": 1})
    good = path.read_bytes()
    record = (len(good), hashlib.sha256(good).hexdigest())
    assert list(load(path, Outer, {"k": 1}, record).items) == _sample().items
    flipped = bytearray(good)
    flipped[-1] ^= 1  # one bit of the last array
    for bad in (bytes(flipped), good[:-1], b""):
        path.write_bytes(bad)
        with pytest.raises(IndexFileChanged, match="recorded size and hash"):
            load(path, Outer, {"k": 1}, record)
    path.write_bytes(bytes(flipped))
    assert load(path, Outer, {"k": 1}) is not None  # unchecked, the same bytes load


def test_truncated_arrays_are_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    dump(_sample(), buf, {"k": 1})
    path = tmp_path / "x.bin"
    path.write_bytes(buf.getvalue()[:-8])
    with pytest.raises(IndexFileError, match="truncated"):
        load(path, Outer, {"k": 1})


def test_list_index_round_trips(tmp_path: Path) -> None:
    entries = [
        Entry(
            "1",
            "EL",
            "Huawei Technologies Co., Ltd.",
            alt_names=("HW",),
            addresses=(Address("No. 1 Bantian Road, Shenzhen, CN", country="CN"),),
        ),
        Entry("2", "SDN", "Sugon", countries=("China",)),
    ]
    index = ListIndex.build(entries)
    path = tmp_path / "x.bin"
    with path.open("wb") as fh:
        dump(index, fh, {"k": 1}, skip=["entries"])
    back = load(path, ListIndex, {"k": 1})
    assert list(back.names) == index.names and list(back.addresses) == index.addresses
    assert list(back.countries) == index.countries and back.acronyms == index.acronyms
    for part in ("name_index", "address_index"):
        a, b = getattr(index, part), getattr(back, part)
        assert (a.slots, a.weights, a.heads) == (b.slots, b.weights, b.heads)
        assert a.ids.tolist() == b.ids.tolist() and a.doc_weight.tolist() == b.doc_weight.tolist()
        assert b.weight("never-seen") == a.weight("never-seen")
    assert back.entries == []
    back.materialize()  # every lazy part made plain, the same values
    assert type(back.name_index.weights) is Weights and type(back.acronyms) is dict
    assert back.name_index.weights == index.name_index.weights
    assert back.name_index.weight("never-seen") == index.name_index.weight("never-seen")
    assert back.compacts.slots == index.compacts.slots and back.acronyms == index.acronyms


texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(texts, st.lists(texts, max_size=3)), max_size=6))
def test_name_forms_round_trip(rows: list[tuple[str, list[str]]]) -> None:
    import tempfile

    forms = [NameForm(t, tuple(toks), (), tuple(toks[:1])) for t, toks in rows]
    addrs = [normalize_address(t) for t, _ in rows]
    obj = _Forms(forms, addrs, {t: i for i, (t, _) in enumerate(rows)})
    with tempfile.TemporaryDirectory() as tmp:
        back = _roundtrip(obj, Path(tmp))
    assert isinstance(back, _Forms)
    assert list(back.names) == forms and list(back.addresses) == addrs
    assert dict(back.where) == obj.where


@dataclass
class _Forms:
    names: list[NameForm]
    addresses: list[AddressForm]
    where: dict[str, int]


def test_layout_names_every_field() -> None:
    layout = index_file.layout_of(Outer)
    assert set(layout[f"{__name__}.Outer"]) >= {"extra_field", "inner", "items"}
    assert f"{__name__}.Item" in layout and f"{__name__}.Inner" in layout


def test_a_column_read_whole_equals_it_read_item_by_item(tmp_path: Path) -> None:
    by_item, whole = _roundtrip(_sample(), tmp_path), _roundtrip(_sample(), tmp_path)
    assert isinstance(by_item, Outer) and isinstance(whole, Outer)
    first = whole.items[0]  # made before the column is read whole: the same object after
    assert list(whole.items) == [by_item.items[i] for i in range(len(by_item.items))]
    assert whole.items[0] is first
    assert list(whole.sets) == [by_item.sets[i] for i in range(len(by_item.sets))]
    table = whole.inner.table
    assert isinstance(table, LazyDict)
    found = table["b\0c"]  # a key with a NUL: the strings read one by one
    assert table.plain() == {k: by_item.inner.table[k] for k in ("a", "b\0c")}
    assert table.plain()["b\0c"] is found


def test_iterating_lazy_containers_reads_the_columns_whole() -> None:
    def one_by_one(i: int) -> object:
        raise AssertionError("read item by item")

    items = Records(Item, 2, {"text": one_by_one}, lambda: ["a", "b"])
    assert list(items) == ["a", "b"] and items[1] == "b"
    assert list(Ragged(one_by_one, 2, lambda: [(1,), ()])) == [(1,), ()]
    table = LazyDict()
    table._init(one_by_one, one_by_one, 2, lambda: (["x", "y"], [1, 2]))  # type: ignore[arg-type]
    assert dict(table.items()) == {"x": 1, "y": 2}


def test_materialize_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    index = ListIndex.build([Entry("1", "EL", "Sugon")])
    path = tmp_path / "x.bin"
    with path.open("wb") as fh:
        dump(index, fh, {"k": 1}, skip=["entries"])
    assert gc.isenabled()
    load(path, ListIndex, {"k": 1}).materialize()
    assert gc.isenabled()
    gc.disable()
    try:
        load(path, ListIndex, {"k": 1}).materialize()
        assert not gc.isenabled()
    finally:
        gc.enable()
