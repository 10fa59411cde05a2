"""Which listed names a query's name is compared with: every one that can reach a tier.

Retrieval is exact, not a heuristic top-k: a name is left out only when a bound derived
from the name feature's own rules (``name_features.name_bound``) shows it cannot reach
``floor``. The paths:

* **words**: names sharing a word with the query, exactly or as a typo (every
  vocabulary word within the typo edits, found by ``GramIndex.within``), kept when their
  bound reaches the floor. Posting lists of common words are walked only while a name
  found through them alone could still reach it;
* **characters**: every name whose compact form is within the character path's edits,
  and, across scripts, every name whose skeleton is within the skeleton path's;
* **joins**: names in which two adjacent query words are one word, or one query word is
  two adjacent words (the word path merges those, so no bound applies);
* **initials**: listed names a one-word query spells the initials of;
* **people**: listed people sharing spelling keys with enough of the query's name parts.

``tests/match/test_oracle.py`` checks the whole engine against a scan of every name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from screen.match.index import ListIndex
from screen.match.limits import typo_ok
from screen.match.memo import Memo
from screen.match.name_features import (
    name_bound,
    pair_keys,
    person_keys_meet,
    query_person,
    typo_min_length,
)
from screen.match.names import NameForm
from screen.match.persons import name_parts, part_keys
from screen.match.policy import Policy, edits_allowed
from screen.match.tokens import IntArray, _members, union_ids

FloatArray = npt.NDArray[np.float64]
#: Relative slack on bounds, for sums taken in another order than the feature's.
ROUNDING = 1e-9


class Term(NamedTuple):
    """One posting list the query reaches: the query word's weight, the listed word's."""

    query_weight: float
    listed_weight: float
    distinct: bool
    postings: IntArray


def word_candidates(index: ListIndex, q: NameForm, floor: float, policy: Policy) -> list[int]:
    """Names the word path can lift to ``floor`` or more."""
    terms = word_terms(index, q, policy)
    if not terms:
        return []
    total = sum(index.name_index.weights[t] for t in q.tokens)
    # a name in none of the first k lists shares at most the rest of the weights; it can
    # use the containment rule only through a distinctive list (those come first)
    rest_q = np.cumsum([t.query_weight for t in terms][::-1])[::-1]
    rest_l = np.cumsum([t.listed_weight for t in terms][::-1])[::-1]
    distinct_left = np.array([t.distinct for t in terms], dtype=np.bool_)
    unseen = name_bound(total, rest_l, rest_q, rest_l, distinct_left, policy.name)
    below = np.flatnonzero(unseen < floor * (1 - ROUNDING))
    walked = int(below[0]) if len(below) else len(terms)
    if not walked:
        return []
    seen = union_ids([t.postings for t in terms[:walked]])
    shared_q = np.zeros(len(seen))
    shared_l = np.zeros(len(seen))
    distinct = np.zeros(len(seen), dtype=np.bool_)
    for term in terms:
        has = _members(seen, term.postings)
        shared_q += term.query_weight * has
        shared_l += term.listed_weight * has
        distinct |= has & term.distinct
    own = index.name_index.doc_weight[seen]
    bound = name_bound(total, own, shared_q, shared_l, distinct, policy.name)
    return [int(i) for i in seen[bound >= floor * (1 - ROUNDING)]]


def word_terms(index: ListIndex, q: NameForm, policy: Policy) -> list[Term]:
    """The query's posting lists: its words, and the listed words a typo away from them."""
    tokens = index.name_index
    w = tokens.weights
    shortest = typo_min_length(policy.name)
    terms: list[Term] = []
    for t in q.tokens:
        if t in tokens:
            terms.append(Term(w[t], w[t], tokens.is_distinct(t), tokens.postings(t)))
        if len(t) < shortest or not typo_ok(t):
            continue  # no typo is looked for (name_features.typo_similarity says 0)
        edits = edits_allowed(policy.name.typo_edits, len(t))
        for j in index.typo_neighbours(t, edits):
            h = index.vocabulary.strings[j]
            if h != t:
                distinct = tokens.is_distinct(t) and tokens.is_distinct(h)
                terms.append(Term(w[t], w[h], distinct, tokens.postings(h)))
    terms.sort(key=lambda term: (not term.distinct, -(term.query_weight + term.listed_weight)))
    return terms


def name_candidates(
    index: ListIndex,
    q: NameForm,
    floor: float,
    policy: Policy,
    memo: Memo[Hashable, tuple[int, ...]] | None = None,
) -> set[int]:
    """Every listed name (by id) whose name score against ``q`` may reach ``floor``.

    With ``memo``, each path's finds are remembered by what that path reads of the query
    (its words, its letters, its name as a person's): names in a batch share them.
    """
    if not q.tokens:
        return set()
    memo = memo if memo is not None else Memo(0)
    found = set(memo.get(("words", q.tokens, floor), by_words, index, q, floor, policy))
    letters = ("letters", q.compact, q.skeleton, q.foreign)
    found.update(memo.get(letters, by_letters, index, q, policy))
    for text in {q.compact, q.full} - {""}:  # the same letters, legal form or not
        found.update(index.full_names.get(text, ()))
        found.update(index.compacts.exact.get(text, ()))
    person = ("person", bool(q.legal), " ".join(q.raw) or q.text)  # ``query_person``
    found.update(memo.get(person, person_candidates, index, q, policy))
    return found


def by_words(index: ListIndex, q: NameForm, floor: float, policy: Policy) -> tuple[int, ...]:
    """The names the word path can lift to ``floor``, and those joining or splitting a
    query word, or spelling a one-word query's initials (all read only ``q.tokens``)."""
    found = set(word_candidates(index, q, floor, policy))
    for key in pair_keys(q.tokens):  # two query words are one listed word
        found.update(index.name_index.postings(key).tolist())
    for t in q.tokens:  # one query word is two adjacent listed words
        found.update(index.pairs.postings(t).tolist())
    if len(q.tokens) == 1:
        found.update(index.acronyms.get(q.tokens[0], ()))
    return tuple(found)


def by_letters(index: ListIndex, q: NameForm, policy: Policy) -> tuple[int, ...]:
    """The names the character paths may score: compact forms within their edits, and
    skeletons across scripts (read only the compact form, skeleton and script)."""
    edits = edits_allowed(policy.name.compact_edits, len(q.compact))
    found = set(index.compacts.within(q.compact, edits))
    skeletons = index.skeletons if q.foreign else index.foreign_skeletons
    if q.skeleton and skeletons.slots:  # across scripts: names whose skeleton is near
        edits = edits_allowed(policy.name.skeleton_edits, len(q.skeleton))
        found.update(i for i in skeletons.within(q.skeleton, edits) if skeletons.strings[i])
    return tuple(found)


def person_candidates(index: ListIndex, q: NameForm, policy: Policy) -> tuple[int, ...]:
    """Listed people sharing spelling keys with ``person_key_parts`` of the query's name
    parts: the person path scores them whatever their words' bound (``_person_score``)."""
    keys = index.person_keys
    # (the ids array, not ``slots``: a stored index's slots read whole when sized)
    if not len(keys.ids) or q.legal:  # a company is not the person (``_person_score``)
        return ()
    hits: Counter[int] = Counter()
    full: Counter[int] = Counter()
    for part in name_parts(query_person(q)):
        found = {int(i) for k in part_keys(part) for i in keys.postings(k)}
        hits.update(found)
        if len(part) > 1:
            full.update(found)
    return tuple(i for i, n in hits.items() if person_keys_meet((n, full[i]), policy.name))
