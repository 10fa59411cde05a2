"""Token inverted index: rarity weights, which words are distinctive, and the top-k
retrieval the address index uses (the name index retrieves through
``screen.match.retrieval``)."""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from screen.match.name_features import Rarity
from screen.match.policy import DEFAULT_POLICY, RarityPolicy

#: ``TokenIndex.top`` walks posting lists this short in plain Python, longer ones in numpy.
SMALL_POSTINGS = 600

IntArray = npt.NDArray[np.int32]


class Weights(dict[str, float]):
    """Token -> rarity weight; a token never seen weighs ``default``, as rare as can be."""

    default: float = 1.0

    def __missing__(self, token: str) -> float:
        return self.default


def deletes(token: str) -> set[str]:
    """All strings one deletion away (SymSpell): finds one-typo neighbours fast."""
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


@dataclass
class TokenIndex:
    """Inverted index from tokens to item ids, with rarity weights.

    Postings are one int32 array sliced by ``slots`` (token -> start, end): few
    objects, so a cached index loads fast.
    """

    n_items: int = 0
    slots: dict[str, tuple[int, int]] = field(default_factory=dict)
    ids: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    weights: Weights = field(default_factory=Weights)
    max_weight: float = 1.0
    #: Weight of a token used by ``distinctive_share`` of the items: rarer ones are distinctive.
    distinctive: float = 0.0
    #: Tokens that name a family of items (not generic, not a place, in few items).
    heads: frozenset[str] = frozenset()
    #: Generic words and places: never distinctive, however rare.
    common: frozenset[str] = frozenset()
    #: Total token weight of each item: ranks short exact names above long ones.
    doc_weight: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def build(
        cls,
        docs: Sequence[Iterable[str]],
        extra: Sequence[Iterable[str]] = (),
        rarity: RarityPolicy = DEFAULT_POLICY.rarity,
        common: frozenset[str] = frozenset(),
    ) -> TokenIndex:
        """Index ``docs[i]`` tokens (weighted) and ``extra[i]`` keys (lookup only) for item i."""
        sets = [set(toks) for toks in docs]
        lists: dict[str, list[int]] = defaultdict(list)
        for i, uniq in enumerate(sets):
            for t in uniq:
                lists[t].append(i)  # ascending, each item once
        keys: dict[str, list[int]] = defaultdict(list)
        for i, found in enumerate(extra):
            for k in set(found):
                if k not in lists:
                    keys[k].append(i)
        df = Counter({t: len(v) for t, v in lists.items()})
        n = len(sets)
        idx = cls(n_items=n)
        idx._set_postings(lists | keys)
        idx._set_weights(df, n, rarity)
        idx.common = common
        idx.heads = _family_names(df, n, rarity.family_share, idx.common)
        weight = idx.weights.__getitem__
        idx.doc_weight = np.array([sum(map(weight, uniq)) for uniq in sets], dtype=np.float64)
        return idx

    def _set_weights(self, df: Counter[str], n: int, rarity: RarityPolicy) -> None:
        """idf ** power per token; the distinctive weight; unseen tokens weigh the most."""

        def weigh(count: float) -> float:
            return float(max(math.log((n + 1) / (count + 0.5)), rarity.min_idf) ** rarity.power)

        self.weights = Weights({t: weigh(c) for t, c in df.items()})
        self.max_weight = self.weights.default = weigh(0.0)
        self.distinctive = weigh(max(rarity.distinctive_min_df, rarity.distinctive_share * n))

    def is_distinct(self, token: str) -> bool:
        """The name of a family of items, or rare (or never seen) and not a generic word
        or a place."""
        if token in self.heads:
            return True
        return self.weights[token] >= self.distinctive and token not in self.common

    @property
    def rarity(self) -> Rarity:
        """Weights and distinctiveness, as the features take them."""
        return Rarity(self.weights.__getitem__, self.is_distinct)

    def _set_postings(self, lists: dict[str, list[int]]) -> None:
        """One ids array, sliced per token by ``slots`` (each list ascending already)."""
        ends = np.cumsum(np.fromiter(map(len, lists.values()), dtype=np.int64, count=len(lists)))
        total = int(ends[-1]) if len(ends) else 0
        flat = itertools.chain.from_iterable(lists.values())
        self.ids = np.fromiter(flat, dtype=np.int32, count=total)
        bounds = [0, *ends.tolist()]
        self.slots = dict(zip(lists, itertools.pairwise(bounds), strict=True))

    def __contains__(self, token: object) -> bool:
        return token in self.slots

    def postings(self, token: str) -> IntArray:
        """Ids of the items with ``token`` (empty if none)."""
        lo, hi = self.slots.get(token, (0, 0))
        return self.ids[lo:hi]

    @property
    def weight(self) -> Callable[[str], float]:
        """Rarity weight of a token (unseen tokens are as rare as can be), as the
        fastest lookup Python offers: the matcher makes hundreds per query."""
        return self.weights.__getitem__

    def top(
        self,
        tokens: Iterable[str],
        k: int,
        share: float = 0.0,
        floor: float = 0.0,
        exact: Iterable[str] = (),
    ) -> list[int]:
        """Ids of the k items sharing the most token weight with ``tokens``.

        ``exact``: more keys, looked up as they are (never fuzzily).

        Ranked by shared weight relative to the item's own weight (so "Huawei
        Technologies" ranks above "Huawei Technologies Service Center" for the
        query "Huawei Technologies"). Only items sharing at least ``share`` of the
        best item's weight, and at least ``floor`` weight, are kept.

        Long posting lists of common words are not walked when the words rarer
        than them already decide which items can be kept (see ``_essential``).
        """
        words = set(tokens)
        terms = self._terms(words)
        extra = set(exact) - words  # a key that is also a token counts once
        terms += [(self.weights[t], self.postings(t)) for t in extra if t in self.slots]
        terms.sort(key=lambda term: (-term[0], len(term[1])))
        if not terms:
            return []
        if sum(len(p) for _, p in terms) <= SMALL_POSTINGS:
            return self._top_small(terms, k, share, floor)
        # any item of any list shares at least that list's weight with the query
        cutoff = max(floor, share * terms[0][0])
        essential = _essential([w for w, _ in terms], cutoff)
        nz = sorted_distinct(np.concatenate([p for _, p in terms[:essential]]))
        scores = np.zeros(len(nz), dtype=np.float64)
        for w, postings in terms:
            scores += w * _members(nz, postings)
        keep = scores >= max(floor, share * float(scores.max()))
        nz, scores = nz[keep], scores[keep]
        if len(nz) > k:
            rank = scores / (scores.max() + self.doc_weight[nz])
            nz = nz[np.argsort(-rank, kind="stable")[:k]]  # on a tie the lower id, as below
        return [int(i) for i in nz]

    def _top_small(
        self, terms: list[tuple[float, IntArray]], k: int, share: float, floor: float
    ) -> list[int]:
        """``top`` for short posting lists: plain Python beats numpy's per-call cost."""
        acc: dict[int, float] = {}
        for w, postings in terms:
            for i in postings.tolist():
                acc[i] = acc.get(i, 0.0) + w
        best = max(acc.values())
        cut = max(floor, share * best)
        kept = [i for i, score in acc.items() if score >= cut]
        if len(kept) > k:
            dw = self.doc_weight
            kept = heapq.nlargest(k, kept, key=lambda i: (acc[i] / (best + dw[i]), -i))
        return kept

    def _terms(self, tokens: Iterable[str]) -> list[tuple[float, IntArray]]:
        """(weight, postings) of each query token found (typos: ``ListIndex.typo_neighbours``)."""
        terms: list[tuple[float, IntArray]] = []
        for t in sorted(set(tokens)):
            if t in self.slots:
                terms.append((self.weights[t], self.postings(t)))
        return terms


def _family_names(df: Counter[str], n: int, share: float, common: frozenset[str]) -> frozenset[str]:
    """Words in at most ``share`` of the items that are not ``common`` (generic, places)."""
    return frozenset(t for t, c in df.items() if c <= share * n and t not in common)


def _essential(weights: Sequence[float], cutoff: float) -> int:
    """How many of the heaviest terms must be walked to find every item scoring ``cutoff``+.

    An item in none of the first n lists shares at most the weight of the rest,
    so once that is below ``cutoff`` the rest only add to items already found.
    """
    rest = sum(weights)
    for n, w in enumerate(weights):
        if rest < cutoff * (1 - 1e-9):  # clearly below: rest is rounded by subtraction
            return max(n, 1)
        rest -= w
    return len(weights)


def _members(ids: IntArray, postings: IntArray) -> npt.NDArray[np.bool_]:
    """Which of the sorted ``ids`` are in the sorted ``postings``."""
    if len(postings) == 0:
        return np.zeros(len(ids), dtype=np.bool_)
    at = np.searchsorted(postings, ids)
    at[at == len(postings)] = 0
    found: npt.NDArray[np.bool_] = postings[at] == ids
    return found


def sorted_distinct(ids: IntArray) -> IntArray:
    """``np.unique(ids)`` by a sort (numpy 2 hashes in ``np.unique``: many times slower
    for posting lists)."""
    ids = np.sort(ids)
    if len(ids) > 1:
        ids = ids[np.concatenate(([True], ids[1:] != ids[:-1]))]
    return ids
