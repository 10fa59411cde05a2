"""Matching features: one pure function per signal.

Each returns ``(score, detail)``: a score in [0, 1] and a human-readable detail
saying what matched. The first paragraph of each docstring is the explanation
the report shows for that signal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz.distance import Levenshtein

from screen.match.addresses import AddressForm
from screen.match.names import NameForm
from screen.match.persons import PersonForm, person_similarity
from screen.match.text import merge_split_words

Weight = Callable[[str], float]
Signal = tuple[float, str]

#: Two tokens at least this similar (normalized Levenshtein) count as a typo match.
TYPO_SIMILARITY = 0.8


def _align(q: Sequence[str], c: Sequence[str]) -> list[tuple[str, str, float]]:
    """Pair query and candidate tokens one-to-one: exact first, then near spellings."""
    pairs: list[tuple[str, str, float]] = []
    left_c = list(c)
    left_q = []
    for tok in q:
        if tok in left_c:
            left_c.remove(tok)
            pairs.append((tok, tok, 1.0))
        else:
            left_q.append(tok)
    for tok in left_q:
        if len(tok) < 4 or not left_c:
            continue
        best = max(left_c, key=lambda o: Levenshtein.normalized_similarity(tok, o))
        sim = float(Levenshtein.normalized_similarity(tok, best))
        if sim >= TYPO_SIMILARITY and len(best) >= 4:
            left_c.remove(best)
            pairs.append((tok, best, sim))
    return pairs


Pairs = list[tuple[str, str, float]]


def weighted_overlap(
    q: Sequence[str], c: Sequence[str], weight: Weight
) -> tuple[float, float, float, Pairs]:
    """Weighted coverage of the query, of the candidate, and weighted Dice of both."""
    q2 = merge_split_words(list(q), set(c))
    c2 = merge_split_words(list(c), set(q2))
    pairs = _align(q2, c2)
    total_q = sum(weight(t) for t in q2) or 1.0
    total_c = sum(weight(t) for t in c2) or 1.0
    matched_q = sum(s * weight(a) for a, _, s in pairs)
    matched_c = sum(s * weight(b) for _, b, s in pairs)
    dice = (matched_q + matched_c) / (total_q + total_c)
    return matched_q / total_q, matched_c / total_c, dice, pairs


#: Factor for a name match made only of common words (none rarer than ``distinctive``).
GENERIC_FACTOR = 0.75


def name_match(
    query: NameForm, candidate: NameForm, weight: Weight, distinctive: float = 0.0
) -> Signal:
    """Name: the distinctive words of the names agree (rare words count more than generic ones).

    Case, punctuation, legal forms, word order, spacing, one-letter typos,
    abbreviations and transliteration (pinyin, Cyrillic) do not matter. A match
    made only of common words (none weighing ``distinctive`` or more) counts less.
    """
    if query.tokens == candidate.tokens:
        return 1.0, f'same name as "{candidate.text}"'
    acronym = _acronym(query, candidate)
    if acronym:
        return acronym
    _, _, score, pairs = weighted_overlap(query.tokens, candidate.tokens, weight)
    if not pairs:
        return 0.0, ""
    shared = ", ".join(a if a == b else f"{a}~{b}" for a, b, _ in pairs)
    if max(weight(b) for _, b, _ in pairs) < distinctive:
        score *= GENERIC_FACTOR
        shared += " (common words only)"
    missing = [t for t in query.tokens if t not in {a for a, _, _ in pairs}]
    detail = f'"{candidate.text}": shared words {shared}'
    if missing:
        detail += f"; not in listed name: {', '.join(missing)}"
    return score, detail


def _acronym(query: NameForm, candidate: NameForm) -> Signal | None:
    """A one-word name that spells the other's initials (JICT = Jiangnan Institute of ...)."""
    if len(query.tokens) == 1 and query.tokens[0] in candidate.initials:
        return 0.8, f'"{query.text}" is the initials of "{candidate.text}"'
    if len(candidate.tokens) == 1 and candidate.tokens[0] in query.initials:
        return 0.8, f'listed "{candidate.text}" is the initials of "{query.text}"'
    return None


def address_match(query: AddressForm, listed: AddressForm, weight: Weight) -> Signal:
    """Address: the same building, written differently (Rd./Road, order of parts, missing district).

    Street and place words must agree and the house numbers must be the same; a
    different house number or another city scores low. Floors and rooms are ignored.
    """
    cov_q, cov_l, _, pairs = weighted_overlap(query.words, listed.words, weight)
    if not pairs:
        return 0.0, ""
    score = 0.7 * max(cov_q, cov_l) + 0.3 * min(cov_q, cov_l)
    notes = []
    if query.numbers and listed.numbers:
        if query.numbers & listed.numbers:
            notes.append(f"same number {', '.join(sorted(query.numbers & listed.numbers))}")
        else:
            score *= 0.35
            notes.append("different house number")
    elif query.numbers or listed.numbers:
        score *= 0.85
    if _other_city(query, listed):
        score *= 0.4
        notes.append("different city")
    detail = f'"{listed.text}"' + (f" ({'; '.join(notes)})" if notes else "")
    return min(score, 1.0), detail


def _other_city(a: AddressForm, b: AddressForm) -> bool:
    """Both name a locality and neither's locality words appear in the other address."""
    if not a.locality or not b.locality:
        return False
    return not (a.locality & set(b.words)) and not (b.locality & set(a.words))


def officer_overlap(
    officers: Sequence[PersonForm], associates: Sequence[tuple[PersonForm, str]]
) -> Signal:
    """Officers: people of the counterparty are also officers of the listed party.

    Names match in any order and common spellings; one shared very common name is
    weak evidence, one distinctive name is moderate, two shared people are strong.
    """
    shared: list[tuple[PersonForm, PersonForm, str]] = []
    for officer in officers:
        for person, role in associates:
            if person_similarity(officer, person) >= 0.9:
                shared.append((officer, person, role))
                break
    if not shared:
        return 0.0, ""
    people = {p.text for _, p, _ in shared}
    score = 0.9 if len(people) >= 2 else 0.3 if shared[0][1].common else 0.6
    detail = "; ".join(
        f'"{o.text}" = "{p.text}"' + (f" ({role})" if role else "") for o, p, role in shared
    )
    if len(people) == 1 and shared[0][1].common:
        detail += " (a common name: weak evidence)"
    return score, detail


def country_mismatch(query_country: str, listed_countries: frozenset[str]) -> Signal:
    """Country: the counterparty's country is not among the listed party's countries.

    A mismatch lowers the risk score; it does not clear a hit.
    """
    if not query_country or not listed_countries or query_country in listed_countries:
        return 0.0, ""
    return (
        1.0,
        f"counterparty in {query_country}, listed party in {', '.join(sorted(listed_countries))}",
    )
