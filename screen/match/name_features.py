"""The name feature: how alike two company names are, and the bound the index prunes by.

Two paths, and the name score is the better of them:

* **words**: the names' identity words are paired (exact, then typos), and the overlap
  is weighed by rarity, so that "Beijing", "Technology" or "Group" cannot make a match
  on their own;
* **characters**: the names' compact forms (words as written, joined) are compared
  character by character when they are within a few edits, so a word split or joined
  anywhere ("Jo int Stock", "HikVision") or a typo in a short word still scores high.
  Each word's unmatched letters cost it a share of its weight, as a typo does.

``name_bound`` gives the highest word-path score a listed name can reach from what the
index knows (shared weight, the name's own weight); the engine keeps every name whose
bound reaches a tier, so the pruning follows these rules whatever the policy says.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA, Levenshtein, Opcodes

from screen.match.countries import place_qualifier
from screen.match.limits import typo_ok
from screen.match.names import NameForm, canonical_word
from screen.match.persons import PersonForm, normalize_person, person_name_match, shared_parts
from screen.match.policy import DEFAULT_POLICY, NamePolicy, Policy, edits_allowed
from screen.match.registry import Signal, feature
from screen.match.text import merge_split_words

Weight = Callable[[str], float]
Num = float | npt.NDArray[np.float64]
EditTable = tuple[tuple[int, int], ...]
#: Guards a division by an empty name's weight in ``name_bound`` (never a real weight).
_TINY = 1e-12
#: Relative slack when ``name_bound`` asks whether shared weights are a name's whole
#: weight: sums taken in another order (a name's words as a set) differ in the last bits.
_SUM_SLACK = 1e-9
Flag = bool | npt.NDArray[np.bool_]


class Rarity(NamedTuple):
    """A list's word weights and which words are distinctive (rare, or a family's name)."""

    weight: Weight
    distinct: Callable[[str], bool]


def typo_similarity(a: str, b: str, policy: NamePolicy = DEFAULT_POLICY.name) -> float:
    """Similarity of two words if they differ only by a typo, else 0.

    Squared, so that a one-letter difference in a short word (Eleron, Elecon) counts for
    less than in a long one (Hikvison, Hikvision).
    """
    edits = edits_allowed(policy.typo_edits, min(len(a), len(b)))
    if not edits or not (typo_ok(a) and typo_ok(b)) or _digits(a) != _digits(b):
        return 0.0  # no typo, or another number: "Unit 61398" is not "Unit 61389"
    dist = OSA.distance(a, b, score_cutoff=edits)
    return (1 - dist / max(len(a), len(b))) ** 2 if dist <= edits else 0.0


def _digits(text: str) -> str:
    """The digits of a word, in order: a typo never changes a number."""
    if text.isalpha():
        return ""
    return "".join(ch for ch in text if ch.isdigit())


def typo_min_length(policy: NamePolicy = DEFAULT_POLICY.name) -> int:
    """The shortest word a typo is looked for in."""
    return min(min_len for min_len, _ in policy.typo_edits)


def _align(q: Sequence[str], c: Sequence[str], policy: NamePolicy) -> list[tuple[int, int, float]]:
    """Pair query and candidate tokens one-to-one: exact first, then the closest typo."""
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
    shortest = typo_min_length(policy)
    for i in left_q:
        tok = q[i]
        if len(tok) < shortest or not left_c:
            continue
        best, best_sim = -1, 0.0
        for k, j in enumerate(left_c):
            sim = typo_similarity(tok, c[j], policy)
            if sim > best_sim or (sim == best_sim > 0 and c[j] > c[left_c[best]]):
                best, best_sim = k, sim
        if best_sim > 0:
            pairs.append((i, left_c.pop(best), best_sim))
    return pairs


class Overlap(NamedTuple):
    """How two token lists overlap, by rarity weight."""

    cov_q: float  # share of the query's weight matched
    cov_c: float  # share of the candidate's weight matched
    dice: float  # weighted Dice coefficient of both
    pairs: list[tuple[str, str, float]]
    q_left: tuple[str, ...]  # query words without a partner
    c_left: tuple[str, ...]  # candidate words without a partner


@lru_cache(maxsize=1 << 16)
def pair_keys(tokens: tuple[str, ...]) -> frozenset[str]:
    """Every two adjacent tokens joined (the keys a split word is found by)."""
    return frozenset(a + b for a, b in itertools.pairwise(tokens))


def _merged(tokens: tuple[str, ...], known: set[str]) -> tuple[str, ...]:
    if len(tokens) > 1 and not pair_keys(tokens).isdisjoint(known):
        return tuple(merge_split_words(list(tokens), known))
    return tokens


def weighted_overlap(
    q: Sequence[str], c: Sequence[str], weight: Weight, policy: NamePolicy = DEFAULT_POLICY.name
) -> Overlap:
    """Pair the words of two names (split words merged, typos allowed) and weigh the overlap."""
    q = _merged(tuple(q), set(c))
    c = _merged(tuple(c), set(q))
    wq = [weight(t) for t in q]
    wc = [weight(t) for t in c]
    matched_q = matched_c = 0.0
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    for i, j, sim in _align(q, c, policy):
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


def numbers_differ(a: Sequence[str], b: Sequence[str]) -> bool:
    """Both names carry numbers and share none (the 709th vs the 719th Research Institute)."""
    na = {t for t in a if t.isdigit()}
    nb = {t for t in b if t.isdigit()}
    return bool(na and nb and not na & nb)


Explain = Callable[[], str]


#: What a listed name is, for the name rules: a company's, a person's, a whole-name-only
#: one (a vessel's or aircraft's name), or a one-word alias (the cover name "ZINC"): whole
#: name only, but for the alias with a place after it ("Hikvision UK", see ``branch_of``).
COMPANY, PERSON, WHOLE, ALIAS = "company", "person", "whole", "alias"


def branch_of(query: NameForm, candidate: NameForm) -> bool:
    """Whether the query is the listed name with places added ("Hikvision Europe",
    "Hikvision UK" for the alias "Hikvision"): how a company names its branches abroad."""
    rest = [t for t in query.tokens if not place_qualifier(t)]
    return len(rest) < len(query.tokens) and set(rest) == set(candidate.tokens)


def name_kind(entry_type: str, policy: Policy = DEFAULT_POLICY) -> str:
    """The name rules an entry of ``entry_type`` follows."""
    kind = entry_type.strip().lower()
    if kind in policy.name.whole_name_types:
        return WHOLE
    return PERSON if kind in policy.name.person_types else COMPANY


@feature
def name_match(
    query: NameForm,
    candidate: NameForm,
    rarity: Rarity,
    policy: Policy = DEFAULT_POLICY,
    kind: str = COMPANY,
) -> Signal:
    """Name: the distinctive words of the names agree (rare words count more than generic ones).

    Case, punctuation, legal forms, word order, spacing, typos, abbreviations and
    transliteration do not matter. A match made only of common words counts less.
    """
    score, explain = name_match_deferred(query, candidate, rarity, policy, kind)
    return score, explain()


def name_match_deferred(
    query: NameForm,
    candidate: NameForm,
    rarity: Rarity,
    policy: Policy = DEFAULT_POLICY,
    kind: str = COMPANY,
) -> tuple[float, Explain]:
    """``name_match`` with its detail built only when called: cheap for every candidate."""
    p = policy.name
    if query.tokens == candidate.tokens or same_letters(query, candidate):
        return 1.0, lambda: f'same name as "{candidate.text}"'
    if min(len(candidate.compact), len(query.compact)) <= p.short_name:
        return 0.0, str  # a short name ("HUA", "MNC") matches only as a whole name
    if kind == ALIAS:
        kind = COMPANY if branch_of(query, candidate) else WHOLE
    if kind == WHOLE:  # a vessel's or aircraft's name: whole, or but for a few letters
        chars = compact_score(query, candidate, rarity, p, p.whole_name_edits)
        return chars, lambda: _compact_detail(query, candidate)
    if kind == PERSON:  # a person's name: also held to the person-name rules
        return _person_score(query, candidate, rarity, p)
    if len(query.tokens) == 1 and query.tokens[0] in candidate.initials:
        # a one-word query spelling the listed name's initials (JICT = Jiangnan Institute
        # of ...); not the other way round: Hyundai Motor Company is not HMC
        return p.acronym_score, lambda: f'"{query.text}" is the initials of "{candidate.text}"'
    words, explain = _word_score(query, candidate, rarity, p, contain=kind == COMPANY)
    chars = letters_score(query, candidate, rarity, p)
    if chars > words:
        return chars, lambda: _compact_detail(query, candidate)
    return words, explain


def letters_score(query: NameForm, candidate: NameForm, rarity: Rarity, p: NamePolicy) -> float:
    """The character paths: compact forms (same script), or skeletons (across scripts)."""
    return max(compact_score(query, candidate, rarity, p), skeleton_score(query, candidate, p))


def same_letters(query: NameForm, candidate: NameForm) -> bool:
    """The same letters, however spaced, with or without a legal form joined to the name
    ("Hik Vision" = "Hikvision"; "OOOAlabuga" = "OOO Alabuga")."""
    if not query.compact or not candidate.compact:
        return False
    return bool({query.compact, query.full} & {candidate.compact, candidate.full} - {""})


def skeleton_edits(query: NameForm, candidate: NameForm, p: NamePolicy) -> int:
    """Edits the skeleton path allows (-1: it does not apply, no name is foreign)."""
    if not (query.foreign or candidate.foreign) or not (query.skeleton and candidate.skeleton):
        return -1
    return edits_allowed(p.skeleton_edits, min(len(query.skeleton), len(candidate.skeleton)))


def skeleton_score(query: NameForm, candidate: NameForm, p: NamePolicy) -> float:
    """Across scripts: the vowel-light skeletons agree but for a few letters."""
    edits = skeleton_edits(query, candidate, p)
    if edits < 0:
        return 0.0
    a, b = query.skeleton, candidate.skeleton
    dist = OSA.distance(a, b, score_cutoff=edits)
    if dist > edits:
        return 0.0
    return float(p.skeleton_factor * (1 - dist / max(len(a), len(b))) ** 2)


def _person_score(
    query: NameForm, candidate: NameForm, rarity: Rarity, p: NamePolicy
) -> tuple[float, Explain]:
    """A listed person: the word and character paths, capped by ``person_name_match``;
    or, when ``person_key_parts`` of the query's name parts share a spelling key with
    the listed name (the index finds those people by the keys), that score itself;
    never for a query with a legal form (a company is not the person).

    The cap only lowers a score (so retrieval's bounds still hold): a shared family or
    given name alone ("NOMURA Co., Ltd." vs "NOMURA, Satoru") is not the person.
    """
    if not query.legal:
        met = _person_by_keys(" ".join(query.raw) or query.text, candidate.text, p)
        if met is not None:
            return met[0], lambda: f'"{candidate.text}": {met[1]}'
    words, explain = _word_score(query, candidate, rarity, p, contain=False)
    chars = letters_score(query, candidate, rarity, p)
    score = max(words, chars)
    if chars > words:
        explain = lambda: _compact_detail(query, candidate)  # noqa: E731
    return min(score, _person_cap(query.text, candidate.text)), explain


@lru_cache(maxsize=1 << 16)
def _person_by_keys(query: str, listed: str, p: NamePolicy) -> tuple[float, str] | None:
    """The person-name score of two names that share enough spelling keys, else None
    (cached: the same pairs recur in a batch)."""
    q_person, c_person = normalize_person(query), normalize_person(listed)
    if not person_keys_meet(shared_parts(q_person, c_person), p):
        return None
    score, detail = person_name_match(q_person, c_person)
    return p.person_key_factor * score, detail


def query_person(query: NameForm) -> PersonForm:
    """A query's name as a person's: its words without the legal form ("Nestle S.A." is
    not "S. A.")."""
    return normalize_person(" ".join(query.raw) or query.text)


def person_keys_meet(shared: tuple[int, int], p: NamePolicy) -> bool:
    """Whether (all, more than initials) shared name parts make the person path apply."""
    return shared[0] >= p.person_key_parts and shared[1] >= p.person_key_full_parts


@lru_cache(maxsize=1 << 16)
def _person_cap(query: str, listed: str) -> float:
    """``person_name_match`` of two names as written (the same pairs recur in a batch)."""
    return person_name_match(normalize_person(query), normalize_person(listed))[0]


def _word_score(
    query: NameForm, candidate: NameForm, rarity: Rarity, p: NamePolicy, contain: bool = True
) -> tuple[float, Explain]:
    ov = weighted_overlap(query.tokens, candidate.tokens, rarity.weight, p)
    if not ov.pairs:
        return 0.0, str
    score = ov.dice
    if ov.q_left and ov.c_left:
        score *= 1 - p.two_sided_penalty * min(1 - ov.cov_q, 1 - ov.cov_c)
    distinct = any(rarity.distinct(a) and rarity.distinct(b) for a, b, _ in ov.pairs)
    # a place after the name ("Hikvision UK") names a branch, not another party
    only_common_left = not any(rarity.distinct(t) and not place_qualifier(t) for t in ov.q_left)
    if contain and distinct and only_common_left and ov.cov_c >= p.contained_coverage:
        # the listed name's words all appear in the query, the rest of which is generic:
        # "Inspur Electronic Information (Hong Kong)" contains "Inspur (Group)"
        score = max(score, p.contained_factor * ov.cov_c)
    differ = numbers_differ(query.tokens, candidate.tokens)
    if differ:  # after containment: the 709th Institute does not contain the 719th
        score *= p.number_factor
    if not distinct and (ov.q_left or ov.c_left):  # a whole name word for word is not cut
        score *= p.generic_factor
    return score, lambda: _shared_words(candidate, ov, differ, distinct)


def raw_weight(token: str, weight: Weight) -> float:
    """The weight of a word as written: that of the canonical word(s) it stands for."""
    return sum(weight(w) for w in canonical_word(token))


def compact_edits(
    query: NameForm, candidate: NameForm, p: NamePolicy, table: EditTable | None = None
) -> int:
    """Edits the character path allows between two names' compact forms (by ``table``,
    else the policy's ``compact_edits``)."""
    shortest = min(len(query.compact), len(candidate.compact))
    return edits_allowed(p.compact_edits if table is None else table, shortest)


def compact_score(
    query: NameForm,
    candidate: NameForm,
    rarity: Rarity,
    p: NamePolicy,
    table: EditTable | None = None,
) -> float:
    """Character path: the compact forms within a few edits, each word's letters weighed.

    Each word counts its weight x the square of the share of its letters the alignment
    keeps (a typo costs as on the word path); the name that keeps less decides.
    """
    qc, cc = query.compact, candidate.compact
    edits = compact_edits(query, candidate, p, table)
    if not edits or _digits(qc) != _digits(cc):
        return 0.0
    if OSA.distance(qc, cc, score_cutoff=edits) > edits:
        return 0.0
    ops = Levenshtein.opcodes(qc, cc)
    sides = []
    for words, source in ((query.raw, True), (candidate.raw, False)):
        kept = _kept_letters(words, ops, source)
        weights = [raw_weight(w, rarity.weight) for w in words]
        total = sum(weights)
        sides.append(
            sum(w * k**2 for w, k in zip(weights, kept, strict=True)) / total if total else 0.0
        )
    # the weaker side: a letter added to one name costs as much as one changed in both
    score = min(sides)
    if numbers_differ(query.tokens, candidate.tokens):
        score *= p.number_factor
    return score


def _kept_letters(words: tuple[str, ...], ops: Opcodes, source: bool) -> list[float]:
    """Share of each word's letters that the alignment keeps unchanged."""
    length = sum(len(w) for w in words)
    equal = [False] * length
    for op in ops:
        if op.tag == "equal":
            lo, hi = (op.src_start, op.src_end) if source else (op.dest_start, op.dest_end)
            equal[lo:hi] = [True] * (hi - lo)
    shares, at = [], 0
    for w in words:
        shares.append(sum(equal[at : at + len(w)]) / len(w) if w else 0.0)
        at += len(w)
    return shares


def _compact_detail(query: NameForm, candidate: NameForm) -> str:
    letters = f'"{query.compact}" ~ "{candidate.compact}"'
    return f'"{candidate.text}": the same letters but for a few ({letters})'


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


def name_bound(
    query_weight: float,
    own_weight: Num,
    shared_query: Num,
    shared_listed: Num,
    distinct: Flag,
    policy: NamePolicy = DEFAULT_POLICY.name,
) -> npt.NDArray[np.float64]:
    """The highest word-path score listed names can reach, from what the index knows.

    ``shared_query``/``shared_listed``: the query's and the listed name's weight in the
    words they may share (exactly or as typos; over-counting is safe), ``own_weight`` the
    listed name's whole weight, ``query_weight`` the query's; ``distinct``: whether a
    shared word may be distinctive. Works on scalars and numpy arrays alike.

    The Dice part is at most ``(shared_query + shared_listed) / (query + own)``; the
    containment rule at most ``contained_factor`` x the listed share, and only with a
    distinctive word and that share at ``contained_coverage``; without a distinctive
    word both are cut by ``generic_factor``, unless every word of both names may pair
    (a whole name word for word). Numbers, the two-sided penalty and typo similarities
    below 1 only lower a score.
    """
    own = np.asarray(own_weight, dtype=np.float64)
    listed = np.minimum(shared_listed, own)
    query = np.minimum(shared_query, query_weight)
    dice = (query + listed) / np.maximum(query_weight + own, _TINY)
    cover = np.where(own > 0, listed / np.maximum(own, _TINY), 0.0)
    contained = np.where(cover >= policy.contained_coverage, policy.contained_factor * cover, 0.0)
    whole = (query >= query_weight * (1 - _SUM_SLACK)) & (listed >= own * (1 - _SUM_SLACK))
    generic = np.where(whole, dice, dice * policy.generic_factor)
    best = np.where(distinct, np.maximum(dice, contained), generic)
    return np.asarray(np.minimum(best, 1.0), dtype=np.float64)
