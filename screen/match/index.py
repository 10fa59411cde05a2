"""The per-snapshot index: every name and address normalized once, token rarity,
and inverted indexes so a query only compares against a few candidates.

Built once per snapshot and stored next to it as data, not code
(``index-v<version>-<key>.bin``, see :mod:`screen.match.index_file`).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from screen.match import index_file
from screen.match.addresses import AddressForm, normalize_address
from screen.match.countries import country_code
from screen.match.index_cache import IndexCache, key_digest
from screen.match.names import NameForm, normalize_name
from screen.model import Entry

#: Bump when normalization or the index layout changes: old caches are then rebuilt.
INDEX_VERSION = "8"
#: Rarity weights are idf ** WEIGHT_POWER: rare words dominate generic ones.
WEIGHT_POWER = 1.5
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
    """Inverted index from tokens to item ids, with rarity weights and typo lookup.

    Postings are one int32 array sliced by ``slots`` (token -> start, end): few
    objects, so a cached index loads fast.
    """

    n_items: int = 0
    slots: dict[str, tuple[int, int]] = field(default_factory=dict)
    ids: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    weights: Weights = field(default_factory=Weights)
    max_weight: float = 1.0
    #: Weight of a token used by 0.2% of the items (at least 3): rarer tokens are distinctive.
    distinctive: float = 0.0
    #: One deletion of an indexed token -> the tokens (space-separated) it comes from.
    typo: dict[str, str] = field(default_factory=dict)
    #: Total token weight of each item: ranks short exact names above long ones.
    doc_weight: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def build(
        cls,
        docs: Sequence[Iterable[str]],
        extra: Sequence[Iterable[str]] = (),
        typos: bool = True,
    ) -> TokenIndex:
        """Index ``docs[i]`` tokens (weighted) and ``extra[i]`` keys (lookup only) for item i."""
        lists: dict[str, list[int]] = defaultdict(list)
        df: Counter[str] = Counter()
        for i, toks in enumerate(docs):
            uniq = set(toks)
            df.update(uniq)
            for t in uniq:
                lists[t].append(i)
        for i, keys in enumerate(extra):
            for k in set(keys):
                if k not in df:
                    lists[k].append(i)
        n = len(docs)
        idx = cls(n_items=n)
        idx._set_postings(lists)
        idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        idx.weights = Weights({t: max(v, 0.1) ** WEIGHT_POWER for t, v in idf.items()})
        idx.max_weight = idx.weights.default = math.log((n + 1) / 0.5) ** WEIGHT_POWER
        idx.distinctive = max(math.log((n + 1) / (max(3.0, 0.002 * n) + 0.5)), 0.1) ** WEIGHT_POWER
        if typos:
            idx.typo = _typo_table(df)
        idx.doc_weight = np.array(
            [sum(idx.weights[t] for t in set(toks)) for toks in docs], dtype=np.float64
        )
        return idx

    def _set_postings(self, lists: dict[str, list[int]]) -> None:
        start = 0
        chunks = []
        for t, v in lists.items():
            arr = np.array(sorted(set(v)), dtype=np.int32)
            self.slots[t] = (start, start + len(arr))
            chunks.append(arr)
            start += len(arr)
        self.ids = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)

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

    def near(self, token: str) -> set[str]:
        """Indexed tokens one edit away (substitution, insertion, deletion)."""
        if len(token) < 4:
            return set()
        found: set[str] = set(self.typo.get(token, "").split())
        for d in deletes(token):
            if d in self.slots:
                found.add(d)
            found.update(self.typo.get(d, "").split())
        found.discard(token)
        return found

    def top(
        self,
        tokens: Iterable[str],
        k: int,
        fuzzy: bool = True,
        share: float = 0.0,
        floor: float = 0.0,
        exact: Iterable[str] = (),
    ) -> list[int]:
        """Ids of the k items sharing the most token weight with ``tokens``.

        ``fuzzy``: a token not in the index counts through its one-edit neighbours.
        ``exact``: more keys, looked up as they are (never fuzzily).

        Ranked by shared weight relative to the item's own weight (so "Huawei
        Technologies" ranks above "Huawei Technologies Service Center" for the
        query "Huawei Technologies"). Only items sharing at least ``share`` of the
        best item's weight, and at least ``floor`` weight, are kept.

        Long posting lists of common words are not walked when the words rarer
        than them already decide which items can be kept (see ``_essential``).
        """
        words = set(tokens)
        terms = self._terms(words, fuzzy)
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
        nz = np.unique(np.concatenate([p for _, p in terms[:essential]]))
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

    def _terms(self, tokens: Iterable[str], fuzzy: bool) -> list[tuple[float, IntArray]]:
        """(weight, postings) of each query token found, or of its typo neighbours."""
        terms: list[tuple[float, IntArray]] = []
        for t in sorted(set(tokens)):
            for h in [t] if t in self.slots else (sorted(self.near(t)) if fuzzy else []):
                terms.append((self.weights[h], self.postings(h)))
        return terms


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


def _typo_table(df: Iterable[str]) -> dict[str, str]:
    """SymSpell table: each one-letter deletion of a token (5+ letters) -> the tokens."""
    typo: dict[str, list[str]] = defaultdict(list)
    for t in df:
        if len(t) >= 5 and not t.isdigit():
            for d in deletes(t):
                typo[d].append(t)
    return {d: " ".join(ts) for d, ts in typo.items()}


def _pair_keys(tokens: Sequence[str]) -> list[str]:
    return [a + b for a, b in itertools.pairwise(tokens)]


@dataclass
class ListIndex:
    """Everything the matcher needs about one list, normalized once."""

    entries: list[Entry]
    names: list[NameForm]
    name_entry: IntArray
    addresses: list[AddressForm]
    address_entry: IntArray
    countries: list[frozenset[str]]
    name_index: TokenIndex
    address_index: TokenIndex
    acronyms: dict[str, list[int]]
    version: str = INDEX_VERSION

    def names_of(self, entry: int) -> IntArray:
        """Ids of the normalized names (name and aliases) of one entry."""
        lo, hi = np.searchsorted(self.name_entry, [entry, entry + 1])
        return np.arange(lo, hi, dtype=np.int32)

    def addresses_of(self, entry: int) -> IntArray:
        """Ids of the normalized addresses of one entry."""
        lo, hi = np.searchsorted(self.address_entry, [entry, entry + 1])
        return np.arange(lo, hi, dtype=np.int32)

    @classmethod
    def build(cls, entries: Sequence[Entry]) -> ListIndex:
        """Normalize every name, alias and address of ``entries`` and index them."""
        names: list[NameForm] = []
        name_entry: list[int] = []
        addresses: list[AddressForm] = []
        address_entry: list[int] = []
        for i, e in enumerate(entries):
            seen: set[tuple[str, ...]] = set()
            for text in (e.name, *e.alt_names):
                form = normalize_name(text)
                if form.tokens and form.tokens not in seen:
                    seen.add(form.tokens)
                    names.append(form)
                    name_entry.append(i)
            for addr in e.addresses:
                if addr.full.strip():
                    addresses.append(normalize_address(addr.full))
                    address_entry.append(i)
        acronyms: dict[str, list[int]] = defaultdict(list)
        for j, form in enumerate(names):
            for initials in form.initials:
                acronyms[initials].append(j)
        return cls(
            entries=list(entries),
            names=names,
            name_entry=np.array(name_entry, dtype=np.int32),
            addresses=addresses,
            address_entry=np.array(address_entry, dtype=np.int32),
            countries=[_countries(e) for e in entries],
            name_index=TokenIndex.build(
                [n.tokens for n in names], [_pair_keys(n.tokens) for n in names]
            ),
            address_index=TokenIndex.build(
                [a.words for a in addresses], [_pair_keys(a.words) for a in addresses], typos=False
            ),
            acronyms=dict(acronyms),
        )


def _countries(entry: Entry) -> frozenset[str]:
    codes = {country_code(c) for c in entry.countries}
    codes.update(country_code(a.country) for a in entry.addresses if a.country)
    codes.discard("")
    return frozenset(codes)


def load_or_build(entries: Sequence[Entry], cache_dir: IndexCache | None) -> ListIndex:
    """The stored index of a snapshot, built (and stored) when there is none for this
    version of ``screen`` and these entries yet.

    ``cache_dir`` says where the index file is and what it must be (see
    :class:`~screen.match.index_cache.IndexCache`); None builds the index in memory.
    The file is data (arrays and strings), verified against meta.json, never code.
    """
    if cache_dir is None:
        return ListIndex.build(entries)
    key = index_key(cache_dir.key)
    name = index_file_name(key)
    index = cache_dir.load(name, ListIndex, key)
    if not isinstance(index, ListIndex) or len(index.countries) != len(entries):
        index = ListIndex.build(entries)
        if cache_dir.save is not None:
            built = index
            # a field index_file cannot store (test_index_file says which) is a TypeError:
            # screening still works, it rebuilds the index each time
            with contextlib.suppress(TypeError):
                cache_dir.save(name, lambda fh: index_file.dump(built, fh, key, skip=["entries"]))
    index.entries = cast(list[Entry], entries)  # not in the file: the store holds them
    return index


def index_key(source: dict[str, Any]) -> dict[str, Any]:
    """What an index file must have been built from: the entries and this code's versions."""
    from screen import __version__

    return {**source, "index_version": INDEX_VERSION, "package_version": __version__}


def index_file_name(key: dict[str, Any]) -> str:
    """The index file of ``key``: another version or other entries use another file."""
    return f"index-v{INDEX_VERSION}-{key_digest(key, ListIndex)}.bin"
