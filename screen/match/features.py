"""Matching features: one pure function per signal.

Each returns ``(score, detail)``: a score in [0, 1] and a human-readable detail
saying what matched. The first paragraph of each docstring is the explanation
the report shows for that signal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

from screen.match.addresses import AddressForm
from screen.match.names import NameForm
from screen.match.persons import SAME_PERSON, PersonForm, person_similarity
from screen.match.text import merge_split_words

Weight = Callable[[str], float]
Signal = tuple[float, str]
Pairs = list[tuple[str, str, float]]

#: Edits (insert, delete, substitute, swap two letters) allowed between two words of
#: at least this many letters to count as a typo: (min length, edits).
TYPO_EDITS = ((9, 2), (5, 1))
#: When both names have words the other lacks ("Asia Pacific Links" vs "Asia Pacific
#: Electronics"), probably different companies sharing some words: the score is cut by
#: this times the smaller unmatched share of word weight.
TWO_SIDED_PENALTY = 0.5
#: A query containing at least this share of the listed name's word weight, with a
#: distinctive word among them, scores at least CONTAINED_FACTOR x that share.
CONTAINED_COVERAGE = 0.75
CONTAINED_FACTOR = 0.8
#: Address score at least for the same house number on the same street (before a
#: city check): the same building, whatever else the two texts say.
SAME_STREET_NUMBER = 0.85
#: Factor when both names carry numbers and none agree: sister units, not the same one.
NUMBER_FACTOR = 0.5
#: Score of a one-word query that spells a listed name's initials: many names share
#: initials, so this alone is only worth a review.
ACRONYM_SCORE = 0.65


def typo_similarity(a: str, b: str) -> float:
    """Similarity of two words if they differ only by a typo, else 0.

    Squared, so that a one-letter difference in a short word (Eleron, Elecon) counts for
    less than in a long one (Hikvison, Hikvision).
    """
    shortest = min(len(a), len(b))
    for min_len, edits in TYPO_EDITS:
        if shortest >= min_len:
            dist = OSA.distance(a, b, score_cutoff=edits)
            return (1 - dist / max(len(a), len(b))) ** 2 if dist <= edits else 0.0
    return 0.0


def _align(q: Sequence[str], c: Sequence[str]) -> list[tuple[int, int, float]]:
    """Pair query and candidate tokens one-to-one (by position): exact first, then typos."""
    pairs: list[tuple[int, int, float]] = []
    left_c = list(range(len(c)))
    left_q: list[int] = []
    for i, tok in enumerate(q):
        for k, j in enumerate(left_c):
            if c[j] == tok:
                del left_c[k]
                pairs.append((i, j, 1.0))
                break
        else:
            left_q.append(i)
    for i in left_q:
        tok = q[i]
        if len(tok) < 5 or not left_c:
            continue
        # the most similar spelling; on a tie the greater word, as max() of (sim, word)
        best, best_sim = -1, 0.0
        for k, j in enumerate(left_c):
            other = c[j]
            if len(other) < 5 or abs(len(other) - len(tok)) > 2:
                continue  # typo_similarity is 0
            sim = typo_similarity(tok, other)
            if sim > best_sim or (sim == best_sim > 0 and other > c[left_c[best]]):
                best, best_sim = k, sim
        if best_sim > 0:
            pairs.append((i, left_c.pop(best), best_sim))
    return pairs


class Overlap(NamedTuple):
    """How two token lists overlap, by rarity weight."""

    cov_q: float  # share of the query's weight matched
    cov_c: float  # share of the candidate's weight matched
    dice: float  # weighted Dice coefficient of both
    pairs: Pairs
    q_left: tuple[str, ...]  # query words without a partner
    c_left: tuple[str, ...]  # candidate words without a partner


def _joinable(tokens: tuple[str, ...], known: set[str]) -> bool:
    """Whether two adjacent tokens join into a known word."""
    return len(tokens) > 1 and not _joins(tokens).isdisjoint(known)


@lru_cache(maxsize=1 << 16)
def _joins(tokens: tuple[str, ...]) -> frozenset[str]:
    """Every two adjacent tokens joined (the same names come up query after query)."""
    return frozenset(a + b for a, b in itertools.pairwise(tokens))


def weighted_overlap(q: Sequence[str], c: Sequence[str], weight: Weight) -> Overlap:
    """Pair the words of two names (split words merged, typos allowed) and weigh the overlap."""
    q, c = tuple(q), tuple(c)
    cset = set(c)
    if _joinable(q, cset):
        q = tuple(merge_split_words(list(q), cset))
    qset = set(q)
    if _joinable(c, qset):
        c = tuple(merge_split_words(list(c), qset))
    wq = [weight(t) for t in q]
    wc = [weight(t) for t in c]
    matched_q = matched_c = 0.0
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: Pairs = []
    for i, j, sim in _align(q, c):
        matched_q += sim * wq[i]
        matched_c += sim * wc[j]
        used_q.add(i)
        used_c.add(j)
        pairs.append((q[i], c[j], sim))
    total_q = sum(wq) or 1.0
    total_c = sum(wc) or 1.0
    return Overlap(
        matched_q / total_q,
        matched_c / total_c,
        (matched_q + matched_c) / (total_q + total_c),
        pairs,
        tuple(t for i, t in enumerate(q) if i not in used_q),
        tuple(t for j, t in enumerate(c) if j not in used_c),
    )


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
    score, explain = name_match_deferred(query, candidate, weight, distinctive)
    return score, explain()


def name_match_deferred(
    query: NameForm, candidate: NameForm, weight: Weight, distinctive: float = 0.0
) -> tuple[float, Callable[[], str]]:
    """``name_match`` with its detail built only when called: cheap for every candidate."""
    if query.tokens == candidate.tokens:
        return 1.0, lambda: f'same name as "{candidate.text}"'
    if len(query.tokens) == 1 and query.tokens[0] in candidate.initials:
        # a one-word query spelling the listed name's initials (JICT = Jiangnan Institute
        # of ...); not the other way round: Hyundai Motor Company is not HMC
        return ACRONYM_SCORE, lambda: f'"{query.text}" is the initials of "{candidate.text}"'
    ov = weighted_overlap(query.tokens, candidate.tokens, weight)
    if not ov.pairs:
        return 0.0, str
    score = ov.dice
    differ = _numbers_differ(query.tokens, candidate.tokens)
    if differ:
        score *= NUMBER_FACTOR
    if ov.q_left and ov.c_left:
        score *= 1 - TWO_SIDED_PENALTY * min(1 - ov.cov_q, 1 - ov.cov_c)
    distinct = max(weight(b) for _, b, _ in ov.pairs) >= distinctive
    if distinct and ov.cov_c >= CONTAINED_COVERAGE:
        # the listed name's distinctive words all appear in the query: "Inspur
        # Electronic Information (Hong Kong)" contains "Inspur (Group)"
        score = max(score, CONTAINED_FACTOR * ov.cov_c)
    if not distinct:
        score *= GENERIC_FACTOR
    return score, lambda: _shared_words(candidate, ov, differ, distinct)


def _shared_words(candidate: NameForm, ov: Overlap, differ: bool, distinct: bool) -> str:
    shared = ", ".join(a if a == b else f"{a}~{b}" for a, b, _ in ov.pairs)
    if differ:
        shared += " (different numbers)"
    if not distinct:
        shared += " (common words only)"
    detail = f'"{candidate.text}": shared words {shared}'
    if ov.q_left:
        detail += f"; not in listed name: {', '.join(ov.q_left)}"
    return detail


def _numbers_differ(a: Sequence[str], b: Sequence[str]) -> bool:
    """Both names carry numbers and share none (the 709th vs the 719th Research Institute)."""
    na = {t for t in a if t.isdigit()}
    nb = {t for t in b if t.isdigit()}
    return bool(na and nb and not na & nb)


def address_match(query: AddressForm, listed: AddressForm, weight: Weight) -> Signal:
    """Address: the same building, written differently (Rd./Road, order of parts, missing district).

    Street and place words must agree and the house numbers must be the same; a
    different house number or another city scores low. Floors and rooms are ignored.
    """
    ov = weighted_overlap(query.words, listed.words, weight)
    if not ov.pairs:
        return 0.0, ""
    cov_q, cov_l = ov.cov_q, ov.cov_c
    score = 0.7 * max(cov_q, cov_l) + 0.3 * min(cov_q, cov_l)
    notes = []
    if query.numbers and listed.numbers:
        same = query.numbers & listed.numbers
        if same and query.streets & listed.streets:
            score = max(score, SAME_STREET_NUMBER)
            street = sorted(query.streets & listed.streets)[0]
            notes.append(f"same number {', '.join(sorted(same))} on {street}")
        elif same:
            notes.append(f"same number {', '.join(sorted(same))}")
        else:
            score *= 0.35
            notes.append("different house number")
    elif query.numbers or listed.numbers:
        score *= 0.85
    if _other_city(query, listed):
        score *= 0.4
        notes.append("different city")
    if all(b in listed.locality or a in query.locality for a, b, _ in ov.pairs):
        score *= 0.5
        notes.append("only the city or area agrees")
    detail = f'"{listed.text}"' + (f" ({'; '.join(notes)})" if notes else "")
    return min(score, 1.0), detail


def address_may_link(query: AddressForm, listed: AddressForm) -> bool:
    """Whether ``address_match`` can score above 0.5: a quick test before scoring candidates.

    It cannot when both addresses carry house numbers and share none (x 0.35), or
    when every word of one of them names only its city or area and no two words
    could be joined into one (x 0.5: "only the city or area agrees").
    """
    if query.numbers and listed.numbers and not query.numbers & listed.numbers:
        return False
    for side in (query, listed):
        if side.locality.issuperset(side.words) and not _joinable(
            side.words, {*query.words, *listed.words}
        ):
            return False
    return True


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
            if person_similarity(officer, person) >= SAME_PERSON:
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
