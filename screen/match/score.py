"""Combine feature scores into one risk score (0-1), a tier and a breakdown.

``combine`` is the only place where signals become a verdict. The rules, with the
numbers of :class:`screen.match.policy.CombinePolicy` (the README's table is tested
against them):

* **name**: a country mismatch first multiplies the name score (and only the name
  score) by ``country_factor``; the result counts in full from ``name_floor`` up, a
  weaker one at ``weak_name_factor`` of itself. So a name only "review"-similar to a
  listed party in another country is no alarm ("Arab Real Estate Investment" [EG] vs
  "Real Estate Bank" [SY]), while a name close enough to clear the floor after the
  discount still is.
* **address**: an address scoring ``address_floor`` or more counts at its feature weight
  x its score, or ``multi_address_weight`` x when ``multi_address_count`` or more of the
  listed party's addresses match.
* **officers**: the officer feature's weight x its score.
* The parts combine like independent evidence: ``risk = 1 - prod(1 - part)``.
* Without a name scoring ``match_name`` the risk is capped at ``link_cap``: linked or
  similar, but not shown to be the listed party itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from screen.match.policy import DEFAULT_POLICY, Policy


class Evidence(NamedTuple):
    """Feature scores for one (query, listed entry) pair (a tuple: made for every candidate)."""

    name: float = 0.0
    address: float = 0.0
    addresses_matched: int = 0
    officers: float = 0.0
    country_mismatch: bool = False


@dataclass(frozen=True)
class Verdict:
    """What ``combine`` makes of the evidence."""

    score: float
    tier: str | None
    #: True when the name alone makes the counterparty the listed party (not a link).
    listed: bool
    #: Each part's contribution (name, address, officers), the combined value before the
    #: cap, the cap applied (or None) and the country factor on the name part.
    breakdown: dict[str, float | None]


def name_part(ev: Evidence, policy: Policy = DEFAULT_POLICY) -> float:
    """The name's part of the risk score."""
    c = policy.combine
    name = ev.name * (c.country_factor if ev.country_mismatch else 1.0)
    part = name if name >= c.name_floor else c.weak_name_factor * name
    return c.weight("name_match") * part


def address_part(ev: Evidence, policy: Policy = DEFAULT_POLICY) -> float:
    """The addresses' part of the risk score."""
    c = policy.combine
    if ev.address < c.address_floor:
        return 0.0
    several = ev.addresses_matched >= c.multi_address_count
    return (c.multi_address_weight if several else c.weight("address_match")) * ev.address


def combine(ev: Evidence, policy: Policy = DEFAULT_POLICY) -> Verdict:
    """Score, tier, listed-or-link and breakdown of one pair (rules: module docstring)."""
    c = policy.combine
    parts = {
        "name_match": name_part(ev, policy),
        "address_match": address_part(ev, policy),
        "officer_overlap": c.weight("officer_overlap") * ev.officers,
    }
    remaining = 1.0
    for part in parts.values():
        remaining *= 1 - part
    combined = 1 - remaining
    listed = ev.name >= c.match_name
    cap = None if listed or combined <= c.link_cap else c.link_cap
    score = max(0.0, min(1.0, combined if cap is None else cap))
    breakdown: dict[str, float | None] = {
        **parts,
        "combined": combined,
        "cap": cap,
        "country_factor": c.country_factor if ev.country_mismatch else 1.0,
    }
    return Verdict(score, policy.tier_for(score), listed, breakdown)


def risk_score(ev: Evidence, policy: Policy = DEFAULT_POLICY) -> float:
    """The combined risk score in [0, 1]."""
    return combine(ev, policy).score


def weakest_name_reaching(target: float, policy: Policy = DEFAULT_POLICY) -> float:
    """The lowest name score that alone (no link, no country mismatch) scores ``target``.

    The engine's name retrieval keeps every candidate whose name-score bound reaches
    this for the lowest tier (or a higher threshold), so the pruning follows ``combine``
    whatever the policy says.
    """
    c = policy.combine
    weak = target / c.weak_name_factor
    return weak if weak < c.name_floor else max(c.name_floor, target)
