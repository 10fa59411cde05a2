"""Tests for screen.match.countries: any spelling or script to ISO 3166 alpha-2."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.script_pairs import COUNTRY_SPELLINGS, NOT_COUNTRIES
from screen.match.countries import (
    DATA_DIR,
    country_code,
    lookup_key,
    official_country_code,
    place_qualifier,
    read_table,
)


@pytest.mark.parametrize(("text", "code"), COUNTRY_SPELLINGS)
def test_spellings_resolve(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize("text", [*NOT_COUNTRIES, "Dubai", "Hamburg", "Ontario", "London"])
def test_places_and_words_are_not_countries(text: str) -> None:
    assert country_code(text) == ""


def test_dotted_two_letters_are_not_iso_codes() -> None:
    assert country_code("S.A.") == ""  # a legal form
    assert country_code("SA") == "SA"
    assert country_code("U.K.") == "GB"


def test_official_names_exclude_aliases_that_may_be_places() -> None:
    assert official_country_code("Deutschland") == ""  # an alias only
    assert country_code("Deutschland") == "DE"
    assert official_country_code("Germany") == official_country_code("DEU") == "DE"
    assert official_country_code("U.A.E.") == "AE"  # the project's own spellings count


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Korea (the Democratic People's Republic of)", "KP"),
        ("Korea, Republic of", "KR"),
        ("Congo, Democratic Republic of the", "CD"),
        ("Taiwan (R.O.C.)", "TW"),
    ],
)
def test_inverted_names_resolve(text: str, code: str) -> None:
    assert country_code(text) == code


def test_every_iso_code_resolves_to_itself() -> None:
    for country in pycountry.countries:
        assert country_code(country.alpha_2) == country.alpha_2
        assert country_code(country.alpha_3.lower()) == country.alpha_2


def test_table_keys_are_lookup_keys() -> None:
    """The generated table is keyed as lookups are (rerun bench/build_countries.py if not)."""
    for name in ("countries.tsv", "countries_extra.tsv"):
        rows = read_table(DATA_DIR / name)
        assert len(rows) > (10000 if name == "countries.tsv" else 20)
        assert all(lookup_key(key) == key for key in rows), name


@given(st.text(max_size=30))
def test_result_is_empty_or_a_code(text: str) -> None:
    code = country_code(text)
    assert code == "" or (len(code) == 2 and code.isupper())


@pytest.mark.parametrize(
    ("word", "qualifies"),
    [
        ("uk", True),
        ("deutschland", True),
        ("germany", True),
        ("europe", True),
        ("emea", True),
        ("it", False),  # an ISO code, but "IT Services" is not Italian
        ("am", False),
        ("hikvision", False),
        ("trading", False),
    ],
)
def test_place_qualifiers_are_country_names_and_regions(word: str, qualifies: bool) -> None:
    assert place_qualifier(word) is qualifies


def test_place_qualifiers_are_the_one_word_country_names_and_regions() -> None:
    from screen.match.countries import _qualifiers
    from screen.match.vocab import read_rows

    words = _qualifiers()
    regions = {row[0] for row in read_rows("regions.tsv")}
    assert regions <= words
    assert all(country_code(w) for w in words - regions)  # the rest are country names
    assert not any(len(w) <= 3 for w in words - regions)  # never a code
    assert {"germany", "deutschland", "turkiye"} <= words
