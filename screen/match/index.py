"""The per-snapshot index: every name and address normalized once, token rarity,
and inverted indexes so a query only compares against a few candidates.

Built once per snapshot and stored next to it as data, not code
(``index-v<version>-<key>.bin``, see :mod:`screen.match.index_file`). Listed names are
split into name, aliases and localities first (``screen.match.listed``).
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
from screen.match.grams import GramIndex
from screen.match.index_cache import IndexCache, key_digest
from screen.match.limits import typo_ok
from screen.match.listed import country_name_words, split_listed_name
from screen.match.name_features import Rarity, name_kind, pair_keys, typo_min_length
from screen.match.names import NameForm, normalize_name
from screen.match.policy import DEFAULT_POLICY, Policy, RarityPolicy
from screen.match.text import tokenize
from screen.match.vocab import ABBREVIATIONS, GENERIC_WORDS, PINYIN_WORDS, TRANSLIT_WORDS
from screen.model import Entry

#: Bump when normalization or the index layout changes: old caches are then rebuilt.
INDEX_VERSION = "9"
#: Generic company words: the vocabulary tables' English words and keys.
GENERIC: frozenset[str] = (
    GENERIC_WORDS
    | frozenset(ABBREVIATIONS)
    | frozenset(ABBREVIATIONS.values())
    | frozenset(w for words in (*PINYIN_WORDS.values(), *TRANSLIT_WORDS.values()) for w in words)
    | frozenset(PINYIN_WORDS)
    | frozenset(TRANSLIT_WORDS)
)
#: Most words in the last part of an address for it to be taken as a city's name.
PLACE_WORDS = 3
#: How deep ``ListIndex.materialize`` follows nested dataclasses.
MATERIALIZE_DEPTH = 2
#: Query words whose typo neighbours are remembered per index.
NEAR_CACHE_SIZE = 1 << 16
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
    #: Weight of a token used by ``distinctive_share`` of the items: rarer ones are distinctive.
    distinctive: float = 0.0
    #: Tokens that name a family of items (not generic, not a place, in few items).
    heads: frozenset[str] = frozenset()
    #: Generic words and places: never distinctive, however rare.
    common: frozenset[str] = frozenset()
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
        rarity: RarityPolicy = DEFAULT_POLICY.rarity,
        common: frozenset[str] = frozenset(),
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
        idx._set_weights(df, n, rarity)
        idx.common = common
        idx.heads = _family_names(df, n, rarity.family_share, idx.common)
        if typos:
            idx.typo = _typo_table(df)
        idx.doc_weight = np.array(
            [sum(idx.weights[t] for t in set(toks)) for toks in docs], dtype=np.float64
        )
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
        if len(token) < 4 or not typo_ok(token):
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


def _typo_table(df: Iterable[str]) -> dict[str, str]:
    """SymSpell table: each one-letter deletion of a token (5+ letters) -> the tokens."""
    typo: dict[str, list[str]] = defaultdict(list)
    for t in df:
        if len(t) >= 5 and not t.isdigit() and typo_ok(t):
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
    #: Adjacent words of each name joined ("hik vision" -> hikvision), lookup only.
    pairs: TokenIndex = field(default_factory=TokenIndex)
    #: Name words long enough for a typo, for the typo-neighbour search.
    vocabulary: GramIndex = field(default_factory=GramIndex)
    #: Compact form of each name (same ids as ``names``), for the character path.
    compacts: GramIndex = field(default_factory=GramIndex)
    #: Each name's words with its legal form, joined -> name ids (``same_letters``).
    full_names: dict[str, list[int]] = field(default_factory=dict)
    #: Skeleton of each name (same ids), for a query in another script; and of the names
    #: written in another script only ("" for the rest), for a Latin query.
    skeletons: GramIndex = field(default_factory=GramIndex)
    foreign_skeletons: GramIndex = field(default_factory=GramIndex)
    version: str = INDEX_VERSION
    #: The name rules each entry follows (``name_features.name_kind``).
    kinds: list[str] = field(default_factory=list)
    #: Per name: a one-word alias (a cover name: it matches only as a whole name).
    lone_alias: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))
    #: Typo neighbours found so far, by query word (not stored: words recur across queries).
    near_cache: dict[str, list[int]] = field(
        default_factory=dict, repr=False, compare=False, metadata={"cache": True}
    )

    def materialize(self) -> None:
        """Read every lazily loaded part of a stored index into plain Python objects.

        A stored index is read on demand (fast for one ``check``); a batch about to fork
        workers reads it all once instead, so every worker shares one copy and none pays
        for the reads again.
        """
        _materialize(self, depth=0)

    def typo_neighbours(self, token: str, edits: int) -> list[int]:
        """Vocabulary ids of the words within ``edits`` of ``token`` (cached)."""
        found = self.near_cache.get(token)
        if found is None:
            if len(self.near_cache) >= NEAR_CACHE_SIZE:
                self.near_cache.clear()
            found = self.near_cache[token] = self.vocabulary.within(token, edits)
        return found

    def names_of(self, entry: int) -> IntArray:
        """Ids of the normalized names (name and aliases) of one entry."""
        lo, hi = np.searchsorted(self.name_entry, [entry, entry + 1])
        return np.arange(lo, hi, dtype=np.int32)

    def addresses_of(self, entry: int) -> IntArray:
        """Ids of the normalized addresses of one entry."""
        lo, hi = np.searchsorted(self.address_entry, [entry, entry + 1])
        return np.arange(lo, hi, dtype=np.int32)

    @classmethod
    def build(cls, entries: Sequence[Entry], policy: Policy = DEFAULT_POLICY) -> ListIndex:
        """Normalize every name, alias and address of ``entries`` and index them."""
        places = _places(entries)
        names: list[NameForm] = []
        name_entry: list[int] = []
        lone_alias: list[bool] = []
        addresses: list[AddressForm] = []
        address_entry: list[int] = []
        for i, e in enumerate(entries):
            forms, lone, localities = _entry_names(e, places)
            names.extend(forms)
            lone_alias.extend(lone)
            name_entry.extend([i] * len(forms))
            for text in (*(a.full for a in e.addresses), *localities):
                if text.strip():
                    addresses.append(normalize_address(text))
                    address_entry.append(i)
        acronyms: dict[str, list[int]] = defaultdict(list)
        for j, form in enumerate(names):
            for initials in form.initials:
                acronyms[initials].append(j)
        name_index = TokenIndex.build(
            [n.tokens for n in names], typos=False, rarity=policy.rarity, common=places | GENERIC
        )
        shortest = typo_min_length(policy.name)
        tables = (policy.name.typo_edits, policy.name.compact_edits, policy.name.skeleton_edits)
        edits = max(e for table in tables for _, e in table)
        return cls(
            entries=list(entries),
            names=names,
            name_entry=np.array(name_entry, dtype=np.int32),
            addresses=addresses,
            address_entry=np.array(address_entry, dtype=np.int32),
            countries=[_countries(e) for e in entries],
            kinds=[name_kind(e.type, policy) for e in entries],
            lone_alias=np.array(lone_alias, dtype=np.bool_),
            name_index=name_index,
            address_index=TokenIndex.build(
                [a.words for a in addresses],
                [_pair_keys(a.words) for a in addresses],
                typos=False,
                rarity=policy.rarity,
            ),
            acronyms=dict(acronyms),
            pairs=TokenIndex.build([sorted(pair_keys(n.tokens)) for n in names], typos=False),
            vocabulary=GramIndex.build(
                sorted(t for t in name_index.slots if len(t) >= shortest and typo_ok(t)), edits
            ),
            compacts=GramIndex.build([n.compact for n in names], edits),
            full_names=_by_full(names),
            skeletons=GramIndex.build([n.skeleton for n in names], edits),
            foreign_skeletons=GramIndex.build(
                [n.skeleton if n.foreign else "" for n in names], edits
            ),
        )


def _by_full(names: Sequence[NameForm]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(names):
        if n.full:
            found[n.full].append(i)
    return dict(found)


def _materialize(obj: object, depth: int) -> None:
    """Fill lazy dicts and turn lazy sequences into lists, through nested dataclasses."""
    from dataclasses import fields, is_dataclass

    from screen.match.index_lazy import LazyDict, Ragged, Records

    if depth > MATERIALIZE_DEPTH or not is_dataclass(obj):
        return
    for f in fields(obj):
        if f.name == "entries":
            continue  # the store's, read per hit
        value = getattr(obj, f.name)
        if isinstance(value, LazyDict):
            value._fill()
        elif isinstance(value, Records | Ragged):
            setattr(obj, f.name, list(value))
        else:
            _materialize(value, depth + 1)


def _places(entries: Sequence[Entry]) -> frozenset[str]:
    """Words the list's own addresses end with (the city, after country and postal code),
    and the words of country names."""
    words: set[str] = set()
    for e in entries:
        for a in e.addresses:
            parts = [p for p in a.full.split(",") if p.strip()]
            while parts and (country_code(parts[-1].strip()) or parts[-1].strip().isdigit()):
                parts.pop()
            city = [t for t in tokenize(parts[-1]) if not t.isdigit()] if parts else []
            if len(city) <= PLACE_WORDS:  # a longer last part is not a city's name
                words.update(city)
    return frozenset(words) | country_name_words()


def _entry_names(
    entry: Entry, places: frozenset[str]
) -> tuple[list[NameForm], list[bool], list[str]]:
    """An entry's distinct name forms (name, aliases, short names), whether each is a
    one-word alias (a cover name: "ZINC", "ORION"), and its split localities."""
    forms: list[NameForm] = []
    lone: list[bool] = []
    localities: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for k, text in enumerate((entry.name, *entry.alt_names)):
        split = split_listed_name(text, places)
        localities.extend(split.localities)
        for name in (split.name, *split.aliases):
            form = normalize_name(name)
            if form.tokens and form.tokens not in seen:
                seen.add(form.tokens)
                forms.append(form)
                lone.append(k > 0 and len(form.tokens) == 1)
    if localities:
        localities = [", ".join(dict.fromkeys(localities))]
    return forms, lone, localities


def _countries(entry: Entry) -> frozenset[str]:
    codes = {country_code(c) for c in entry.countries}
    codes.update(country_code(a.country) for a in entry.addresses if a.country)
    codes.discard("")
    return frozenset(codes)


def load_or_build(
    entries: Sequence[Entry], cache_dir: IndexCache | None, policy: Policy = DEFAULT_POLICY
) -> ListIndex:
    """The stored index of a snapshot, built (and stored) when there is none for this
    version of ``screen`` and these entries yet.

    ``cache_dir`` says where the index file is and what it must be (see
    :class:`~screen.match.index_cache.IndexCache`); None builds the index in memory.
    The file is data (arrays and strings), verified against meta.json, never code.
    """
    if cache_dir is None or policy != DEFAULT_POLICY:  # only the default policy's is stored
        return ListIndex.build(entries, policy)
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
                skip = ["entries", "near_cache"]
                cache_dir.save(name, lambda fh: index_file.dump(built, fh, key, skip=skip))
    index.entries = cast(list[Entry], entries)  # not in the file: the store holds them
    index.near_cache = {}  # nor is the typo-neighbour cache
    return index


def index_key(source: dict[str, Any]) -> dict[str, Any]:
    """What an index file must have been built from: the entries and this code's versions."""
    from screen import __version__

    return {**source, "index_version": INDEX_VERSION, "package_version": __version__}


def index_file_name(key: dict[str, Any]) -> str:
    """The index file of ``key``: another version or other entries use another file."""
    return f"index-v{INDEX_VERSION}-{key_digest(key, ListIndex)}.bin"
