"""Property and example tests of the pure cleaning helpers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from screen.loaders.clean import (
    clean_address_list,
    clean_name,
    collapse_ws,
    disambiguate,
    mend_qmark,
    split_joined,
    stable_hash,
    trailing_country_code,
)

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
WORDS = st.lists(
    st.from_regex(r"[A-Za-z][A-Za-z ,.'-]{0,20}[A-Za-z]", fullmatch=True), min_size=1, max_size=5
)


@given(TEXT)
def test_split_parts_are_clean(text: str) -> None:
    for part in split_joined(text):
        assert part == part.strip() and part
        assert ";" not in part
        assert not part.lower().startswith("and ")
        assert "  " not in part


@given(WORDS)
def test_split_round_trips_semicolon_and_joins(words: list[str]) -> None:
    cleaned = [collapse_ws(w) for w in words]
    cleaned = [w for w in cleaned if not w.lower().startswith("and ")]
    joined = "; and ".join(cleaned)
    assert split_joined(joined) == [w for w in cleaned if w]


@given(TEXT)
def test_clean_name_is_idempotent(text: str) -> None:
    name, _ = clean_name(text)
    again, removed = clean_name(name)
    assert again == name
    assert removed == []


@given(TEXT)
def test_collapse_ws_idempotent(text: str) -> None:
    once = collapse_ws(text)
    assert collapse_ws(once) == once
    assert "  " not in once


@given(TEXT)
def test_addresses_have_no_trailing_period(text: str) -> None:
    for address in clean_address_list(text):
        assert not address.endswith((".", ";", ",", " "))


@given(st.lists(st.sampled_from(["a", "b", "c"]), max_size=12))
def test_disambiguate_makes_unique(values: list[str]) -> None:
    out = disambiguate(values)
    assert len(set(out)) == len(out)
    assert disambiguate(values) == out


@given(TEXT, TEXT)
def test_stable_hash_deterministic(a: str, b: str) -> None:
    assert stable_hash(a, b) == stable_hash(a, b)
    assert stable_hash(a + "  ", b) == stable_hash(a, b)


def test_examples() -> None:
    assert mend_qmark("Children?s Hospital") == "Children's Hospital"
    assert split_joined("A Co; and B Co; C") == ["A Co", "B Co", "C"]
    name, removed = clean_name(
        "Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity:  Huawei Tech Investment"
    )
    assert name == "Huawei Tech Investment"
    assert removed == ["Affiliated entity of: Huawei Technologies Co., Ltd. (Huawei)"]
    name, removed = clean_name("Ardis Group LLC and any successor, sub-unit, or subsidiary thereof")
    assert name == "Ardis Group LLC"
    assert removed == ["and any successor, sub-unit, or subsidiary thereof"]
    assert clean_address_list(
        "501 Market, Kabul, Afghanistan; and Flat 41, Kabul, Afghanistan. "
        "(See alternate addresses under Pakistan)."
    ) == ["501 Market, Kabul, Afghanistan", "Flat 41, Kabul, Afghanistan"]
    assert trailing_country_code("31 Jinrong Street, Beijing, 100033, CN") == "CN"
    assert trailing_country_code("SY") == "SY"
    assert trailing_country_code("Kabul, Afghanistan") == ""
