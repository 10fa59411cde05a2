"""Matching features: one pure function per signal, registered in ``screen.match.registry``.

Each returns ``(score, detail)``: a score in [0, 1] and a human-readable detail saying
what matched. The first paragraph of each docstring is the explanation the report shows
for that signal. The name feature lives in ``screen.match.name_features``; every number
comes from the :class:`~screen.match.policy.Policy`.
"""

from __future__ import annotations

from collections.abc import Sequence

from screen.match.addresses import AddressForm
from screen.match.name_features import (
    Overlap,
    Rarity,
    Weight,
    name_match,
    name_match_deferred,
    pair_keys,
    typo_similarity,
    weighted_overlap,
)
from screen.match.persons import SAME_PERSON, PersonForm, person_similarity
from screen.match.policy import DEFAULT_POLICY, Policy
from screen.match.registry import Signal, feature

__all__ = [
    "Rarity",
    "address_match",
    "address_may_link",
    "address_signal",
    "country_mismatch",
    "name_match",
    "name_match_deferred",
    "officer_overlap",
    "typo_similarity",
    "weighted_overlap",
]


@feature
def address_match(
    query: AddressForm, listed: AddressForm, weight: Weight, policy: Policy = DEFAULT_POLICY
) -> Signal:
    """Address: the same building, written differently (Rd./Road, order of parts, missing district).

    Street and place words must agree and the house numbers must be the same; a
    different house number or another city scores low. Floors and rooms are ignored.
    """
    ov = weighted_overlap(query.words, listed.words, weight, policy.name)
    return address_signal(query, listed, ov, policy)


def address_signal(
    query: AddressForm, listed: AddressForm, ov: Overlap, policy: Policy = DEFAULT_POLICY
) -> Signal:
    """``address_match`` given the overlap of the two addresses' words (``ov``: the same
    for every pair of addresses with those words, whatever their numbers)."""
    p = policy.address
    if not ov.pairs:
        return 0.0, ""
    cov_q, cov_l = ov.cov_q, ov.cov_c
    score = p.major_share * max(cov_q, cov_l) + (1 - p.major_share) * min(cov_q, cov_l)
    notes = []
    if query.numbers and listed.numbers:
        same = query.numbers & listed.numbers
        if same and query.streets & listed.streets:
            score = max(score, p.same_street_number)
            street = sorted(query.streets & listed.streets)[0]
            notes.append(f"same number {', '.join(sorted(same))} on {street}")
        elif same:
            notes.append(f"same number {', '.join(sorted(same))}")
        else:
            score *= p.other_number_factor
            notes.append("different house number")
    elif query.numbers or listed.numbers:
        score *= p.one_number_factor
    if _other_city(query, listed):
        score *= p.other_city_factor
        notes.append("different city")
    if all(b in listed.locality or a in query.locality for a, b, _ in ov.pairs):
        score *= p.city_only_factor
        notes.append("only the city or area agrees")
    detail = f'"{listed.text}"' + (f" ({'; '.join(notes)})" if notes else "")
    return min(score, 1.0), detail


def address_may_link(query: AddressForm, listed: AddressForm) -> bool:
    """Whether ``address_match`` can score above 0.5: a quick test before scoring candidates.

    It cannot when both addresses carry house numbers and share none
    (``other_number_factor``), or when every word of one of them names only its city or
    area and no two words could be joined into one (``city_only_factor``).
    """
    if query.numbers and listed.numbers and not query.numbers & listed.numbers:
        return False
    for side in (query, listed):
        if side.locality.issuperset(side.words):
            known = {*query.words, *listed.words}
            if pair_keys(side.words).isdisjoint(known):
                return False
    return True


def _other_city(a: AddressForm, b: AddressForm) -> bool:
    """Both name a locality and neither's locality words appear in the other address."""
    if not a.locality or not b.locality:
        return False
    return not (a.locality & set(b.words)) and not (b.locality & set(a.words))


@feature
def officer_overlap(
    officers: Sequence[PersonForm],
    associates: Sequence[tuple[PersonForm, str]],
    policy: Policy = DEFAULT_POLICY,
) -> Signal:
    """Officers: people of the counterparty are also officers of the listed party.

    Names match in any order and common spellings; one shared very common name is
    weak evidence, one distinctive name is moderate, two shared people are strong.
    """
    shared: list[tuple[PersonForm, PersonForm, str]] = []
    for officer in officers:
        for person, role in associates:
            if person_similarity(officer, person) >= SAME_PERSON:
                shared.append((officer, person, role))
                break
    if not shared:
        return 0.0, ""
    people = {p.text for _, p, _ in shared}
    p = policy.officer
    common = len(people) == 1 and shared[0][1].common
    if len(people) >= p.several_count:
        score = p.several
    else:
        score = p.one_common if common else p.one_distinctive
    detail = "; ".join(
        f'"{o.text}" = "{p.text}"' + (f" ({role})" if role else "") for o, p, role in shared
    )
    if common:
        detail += " (a common name: weak evidence)"
    return score, detail


@feature
def country_mismatch(query_country: str, listed_countries: frozenset[str]) -> Signal:
    """Country: the counterparty's country is not among the listed party's countries.

    A mismatch lowers the name's part of the risk score; it does not clear a hit, and it
    does not weaken an address or officer link.
    """
    if not query_country or not listed_countries or query_country in listed_countries:
        return 0.0, ""
    return (
        1.0,
        f"counterparty in {query_country}, listed party in {', '.join(sorted(listed_countries))}",
    )
