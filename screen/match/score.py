"""Combine feature scores into one risk score (0-1) and a tier.

How the signals combine (documented in the README):

* **name**: a name score of 0.6 or more counts in full; below that a partly similar
  name (shared generic words) counts at half weight.
* **address**: an address match of 0.6 or more counts at 0.70 x its score, or
  0.82 x when two or more of the listed party's addresses match.
* **officers**: 0.9 x the officer-overlap score (one common name 0.3, one
  distinctive name 0.6, two or more people 0.9).
* The parts combine like independent evidence: ``risk = 1 - prod(1 - part)``.
* Without a strong name match (name < 0.85) the risk is capped at 0.84: linked, or
  similar, but not shown to be the same party, so at most "strong link".
* A country mismatch multiplies the risk by 0.85.
"""

from __future__ import annotations

from typing import NamedTuple

NAME_FLOOR = 0.6
ADDRESS_FLOOR = 0.8
LINK_CAP = 0.84
#: Only a name scoring at least this can make the tier "match" (the listed party itself).
MATCH_NAME = 0.85
COUNTRY_FACTOR = 0.85


class Evidence(NamedTuple):
    """Feature scores for one (query, listed entry) pair (a tuple: made for every candidate)."""

    name: float = 0.0
    address: float = 0.0
    addresses_matched: int = 0
    officers: float = 0.0
    country_mismatch: bool = False


def risk_score(ev: Evidence) -> float:
    """The combined risk score in [0, 1] (see the module docstring for the rules)."""
    name_part = ev.name if ev.name >= NAME_FLOOR else 0.5 * ev.name
    address_part = 0.0
    if ev.address >= ADDRESS_FLOOR:
        address_part = (0.82 if ev.addresses_matched >= 2 else 0.70) * ev.address
    officer_part = 0.9 * ev.officers
    remaining = (1 - name_part) * (1 - address_part) * (1 - officer_part)
    risk = 1 - remaining
    if ev.name < MATCH_NAME:
        risk = min(risk, LINK_CAP)
    if ev.country_mismatch:
        risk *= COUNTRY_FACTOR
    return max(0.0, min(1.0, risk))
