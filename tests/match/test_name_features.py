"""``name_match`` directly: identity, symmetry and monotonicity as properties, and
golden cases of its rules (the policy's numbers are pinned by test_policy_knobs)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screen.match.name_features import (
    ALIAS,
    WHOLE,
    Rarity,
    branch_of,
    letters_score,
    name_match,
)
from screen.match.names import normalize_name
from screen.match.policy import DEFAULT_POLICY
from screen.match.vocab import GENERIC_WORDS

COMMON = ("technology", "group", "industry", "research", "institute", "scientific")


def _rarity() -> Rarity:
    """Generic company words weigh little and are never distinctive; the rest are rare."""

    def weight(token: str) -> float:
        return 2.0 if token in GENERIC_WORDS else 12.0

    return Rarity(weight, lambda token: token not in GENERIC_WORDS)


RARITY = _rarity()
#: Brand-like words over letters no generic word is made of alone (so none merge into one).
brand = st.text(alphabet="bdfgklmnoprstuvz", min_size=4, max_size=9)
word = st.one_of(brand, st.sampled_from(COMMON))
#: Names of distinct words (a name written twice collapses: test_names pins that rule).
names = st.lists(word, min_size=1, max_size=4, unique=True).map(" ".join)


def score(query: str, listed: str) -> float:
    return name_match(normalize_name(query), normalize_name(listed), RARITY)[0]


@given(names)
def test_a_name_is_itself(name: str) -> None:
    assert score(name, name) == 1.0


@given(names, names)
def test_scores_are_bounded(a: str, b: str) -> None:
    assert 0.0 <= score(a, b) <= 1.0


@given(names, names)
def test_the_character_path_is_symmetric(a: str, b: str) -> None:
    na, nb = normalize_name(a), normalize_name(b)
    p = DEFAULT_POLICY.name
    assert letters_score(na, nb, RARITY, p) == pytest.approx(letters_score(nb, na, RARITY, p))


@given(st.lists(brand, min_size=1, max_size=4, unique=True), st.data())
def test_same_length_names_score_alike_both_ways(words: list[str], data: st.DataObject) -> None:
    # one typo (a letter changed) in some words: no containment or acronym rule applies
    other = [
        w[:-1] + data.draw(st.sampled_from("bdfg")) if data.draw(st.booleans()) else w
        for w in words
    ]
    a, b = " ".join(words), " ".join(other)
    assert score(a, b) == pytest.approx(score(b, a))


@given(names, names)
def test_an_unrelated_word_never_raises_the_score(query: str, listed: str) -> None:
    # "qxqxq" shares no letter with the generated words: it pairs and merges with none
    assert score(f"{query} Qxqxq", listed) <= score(query, listed) + 1e-9


@given(brand)
def test_more_typos_never_score_higher(name: str) -> None:
    one = name[:-1] + "x"
    two = "x" + name[1:-1] + "x"
    assert score(name, two) <= score(name, one) <= score(name, name)


def test_a_whole_name_of_common_words_with_a_typo_is_not_cut_as_generic() -> None:
    # every word pairs: the same name but for a typo, however common its words
    # (transliterated, so only the word path sees it: the letters differ throughout)
    whole = score("Tsentr Tekhnologii", "Center of Technolgy")
    assert whole >= DEFAULT_POLICY.combine.name_floor
    # a partial match of common words is cut
    partial = score("Scientific Research Electronics", "Scientific Research Institute")
    assert partial < DEFAULT_POLICY.combine.name_floor


def test_containment_and_initials_are_one_way() -> None:
    assert score("Inspur Electronic Information Technology", "Inspur Group") >= 0.6
    assert score("JICT", "Jiangnan Institute of Computing Technology") > 0
    assert score("Jiangnan Institute of Computing Technology", "JICT") == 0.0


def _kind_score(query: str, listed: str, kind: str) -> float:
    return name_match(normalize_name(query), normalize_name(listed), RARITY, kind=kind)[0]


@pytest.mark.parametrize(
    ("query", "branch"),
    [
        ("Hikvision UK Ltd", True),
        ("Hikvision Europe B.V.", True),
        ("Hikvision Deutschland GmbH", True),
        ("Hikvision Trading Ltd", False),  # a generic word is not a place
        ("Hikvision", False),  # the name itself: no place added
        ("Zinc IT", False),  # a country code is not a qualifier
    ],
)
def test_a_branch_is_the_listed_name_with_places_added(query: str, branch: bool) -> None:
    assert branch_of(normalize_name(query), normalize_name("Hikvision")) is branch


def test_a_one_word_alias_matches_whole_or_as_a_branch() -> None:
    floor = DEFAULT_POLICY.tiers[1][1]  # strong link
    assert _kind_score("Hikvision UK Ltd", "Hikvision", ALIAS) >= floor
    assert _kind_score("Orion Metals", "Orion", ALIAS) == 0.0  # a cover name stays whole
    assert _kind_score("Orion Metals", "Orion", "company") > 0.0
    assert _kind_score("Jupiter UK", "Jupiter", WHOLE) == 0.0  # a vessel: no branches


def test_a_place_after_the_name_does_not_make_another_party() -> None:
    # the query holds the listed name; its other word is a place: containment applies
    contained = DEFAULT_POLICY.name.contained_factor
    assert score("Dahua Technology UK Limited", "Dahua Technology") == pytest.approx(contained)
    assert score("Dahua Technology Vortex Limited", "Dahua Technology") < score(
        "Dahua Technology UK Limited", "Dahua Technology"
    )


def test_the_bound_counts_a_whole_name_summed_in_another_order_as_whole() -> None:
    # a name's weight is summed over its words as a set, the shared weight in the order
    # the query's posting lists are walked: 0.1 + 0.2 + 0.3 != 0.3 + 0.2 + 0.1
    from screen.match.name_features import name_bound

    own, shared = 0.1 + 0.2 + 0.3, 0.3 + 0.2 + 0.1
    assert own > shared
    bound = float(name_bound(shared, own, shared, shared, False, DEFAULT_POLICY.name))
    assert bound >= 1 - 1e-9  # every word of both names pairs: not cut as generic
