"""The risk score: documented combination rules, bounds and monotonicity."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screen.match.features import country_mismatch
from screen.match.policy import DEFAULT_POLICY
from screen.match.score import Evidence, combine, risk_score
from screen.match.types import tier_for

LINK_CAP = DEFAULT_POLICY.combine.link_cap

unit = st.floats(min_value=0.0, max_value=1.0)


def test_exact_name_is_a_match() -> None:
    assert risk_score(Evidence(name=1.0)) == 1.0
    assert tier_for(risk_score(Evidence(name=1.0))) == "match"


def test_shared_address_alone_is_a_strong_link_and_two_addresses_more() -> None:
    one = risk_score(Evidence(name=0.3, address=1.0, addresses_matched=1))
    two = risk_score(Evidence(name=0.3, address=1.0, addresses_matched=2))
    assert tier_for(one) == "strong link"
    assert one < two <= LINK_CAP


def test_links_without_a_name_never_reach_match() -> None:
    ev = Evidence(name=0.5, address=1.0, addresses_matched=3, officers=0.9)
    assert risk_score(ev) == LINK_CAP


def test_one_common_officer_alone_is_below_review_two_officers_are_strong() -> None:
    assert tier_for(risk_score(Evidence(officers=0.3))) is None
    assert tier_for(risk_score(Evidence(officers=0.6))) == "review"
    assert tier_for(risk_score(Evidence(officers=0.9))) == "strong link"
    assert tier_for(risk_score(Evidence(officers=0.6, address=0.9, addresses_matched=1))) == (
        "strong link"
    )


def test_country_mismatch_lowers_the_score() -> None:
    assert risk_score(Evidence(name=1.0, country_mismatch=True)) == 0.85


def test_country_mismatch_applies_before_the_name_floor() -> None:
    c = DEFAULT_POLICY.combine
    # a name just over the floor, in another country, falls under it: weak, no tier
    name = c.name_floor / c.country_factor - 0.01
    assert combine(Evidence(name=name)).tier == "review"
    moved = combine(Evidence(name=name, country_mismatch=True))
    assert moved.score == pytest.approx(c.weak_name_factor * name * c.country_factor)
    assert moved.tier is None
    # one that clears the floor after the discount counts in full
    name = c.name_floor / c.country_factor + 0.01
    moved = combine(Evidence(name=name, country_mismatch=True))
    assert moved.score == pytest.approx(name * c.country_factor)


@given(unit, unit, st.integers(0, 5), unit, st.booleans())
def test_score_is_bounded(
    name: float, address: float, n: int, officers: float, other: bool
) -> None:
    assert 0.0 <= risk_score(Evidence(name, address, n, officers, other)) <= 1.0


@given(unit, unit, unit, unit)
def test_more_evidence_never_lowers_the_score(
    name: float, address: float, officers: float, extra: float
) -> None:
    base = risk_score(Evidence(name, address, 1, officers))
    assert risk_score(Evidence(name, address, 1, min(1.0, officers + extra))) >= base
    assert risk_score(Evidence(name, min(1.0, address + extra), 1, officers)) >= base


def test_country_mismatch_feature() -> None:
    assert country_mismatch("DE", frozenset({"CN"}))[0] == 1.0
    assert country_mismatch("CN", frozenset({"CN", "HK"})) == (0.0, "")
    assert country_mismatch("", frozenset({"CN"})) == (0.0, "")  # unknown: no signal
    assert country_mismatch("DE", frozenset()) == (0.0, "")
