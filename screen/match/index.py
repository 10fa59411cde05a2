"""The per-snapshot index: every name and address normalized once, token rarity,
and inverted indexes so a query only compares against a few candidates.

Built once per snapshot and stored next to it as data, not code
(``index-v<version>-<key>.bin``, see :mod:`screen.match.index_file`). Listed names are
split into name, aliases and localities first (``screen.match.listed``).
"""

from __future__ import annotations

import contextlib
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from screen.match import index_file
from screen.match.addresses import AddressForm
from screen.match.countries import country_code
from screen.match.grams import GramIndex
from screen.match.index_cache import IndexCache, key_digest
from screen.match.index_forms import ListForms, list_forms, places_of
from screen.match.limits import typo_ok
from screen.match.name_features import name_kind, pair_keys, typo_min_length
from screen.match.names import NameForm
from screen.match.policy import DEFAULT_POLICY, Policy
from screen.match.tokens import IntArray, TokenIndex, Weights

__all__ = ["INDEX_VERSION", "ListIndex", "TokenIndex", "Weights", "load_or_build"]
from screen.match.vocab import GENERIC
from screen.model import Entry

#: Bump when normalization or the index layout changes: old caches are then rebuilt.
INDEX_VERSION = "14"
#: Fields not in an index file: the store holds the entries; the typo-neighbour cache.
UNSTORED = ("entries", "near_cache")
#: How deep ``ListIndex.materialize`` follows nested dataclasses.
MATERIALIZE_DEPTH = 2
#: Query words whose typo neighbours are remembered per index.
NEAR_CACHE_SIZE = 1 << 16


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
    #: Spelling keys of the name parts of listed people (``persons.person_keys``; none
    #: for other names), lookup only: how a person written another way is found.
    person_keys: TokenIndex = field(default_factory=TokenIndex)
    #: Typo neighbours found so far, by query word (not stored: words recur across queries).
    near_cache: dict[str, list[int]] = field(
        default_factory=dict, repr=False, compare=False, metadata={"cache": True}
    )

    def materialize(self) -> None:
        """Read every lazily loaded part of a stored index into plain Python objects.

        A stored index is read on demand (fast for one ``check``); a batch about to fork
        workers reads it all once instead, so every worker shares one copy and none pays
        for the reads again. The garbage collector is held off meanwhile: the objects
        made are all kept, and each collection would walk the whole growing index.
        """
        import gc

        enabled = gc.isenabled()
        gc.disable()
        try:
            _materialize(self, depth=0)
        finally:
            if enabled:
                gc.enable()

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
        places = places_of(entries)
        forms = list_forms(entries, places, policy=policy)
        return cls(
            entries=list(entries),
            **main_fields(entries, forms, places, policy),
            **side_fields(forms, policy),
        )


#: The fields ``side_fields`` makes (another process may make them, see index_save).
SIDE_FIELDS = ("addresses", "address_entry", "address_index", "pairs")


def side_fields(forms: ListForms, policy: Policy) -> dict[str, Any]:
    """The address index, and the index of each name's adjacent words joined."""
    addresses = forms.addresses
    return {
        "addresses": addresses,
        "address_entry": np.array(forms.address_entry, dtype=np.int32),
        "address_index": TokenIndex.build(
            [a.words for a in addresses],
            [_pair_keys(a.words) for a in addresses],
            rarity=policy.rarity,
        ),
        "pairs": TokenIndex.build([sorted(pair_keys(n.tokens)) for n in forms.names]),
    }


def main_fields(
    entries: Sequence[Entry], forms: ListForms, places: frozenset[str], policy: Policy
) -> dict[str, Any]:
    """Every built field but the entries and the ``side_fields``."""
    names = forms.names
    acronyms: dict[str, list[int]] = defaultdict(list)
    for j, form in enumerate(names):
        for initials in form.initials:
            acronyms[initials].append(j)
    name_index = TokenIndex.build(
        [n.tokens for n in names], rarity=policy.rarity, common=places | GENERIC
    )
    shortest = typo_min_length(policy.name)
    tables = (policy.name.typo_edits, policy.name.compact_edits, policy.name.skeleton_edits)
    edits = max(e for table in tables for _, e in table)
    return {
        "names": names,
        "name_entry": np.array(forms.name_entry, dtype=np.int32),
        "countries": [_countries(e) for e in entries],
        "kinds": [name_kind(e.type, policy) for e in entries],
        "person_keys": TokenIndex.build([[] for _ in forms.people], forms.people),
        "lone_alias": np.array(forms.lone_alias, dtype=np.bool_),
        "name_index": name_index,
        "acronyms": dict(acronyms),
        "vocabulary": GramIndex.build(
            sorted(t for t in name_index.slots if len(t) >= shortest and typo_ok(t)), edits
        ),
        "compacts": GramIndex.build([n.compact for n in names], edits),
        "full_names": _by_full(names),
        "skeletons": GramIndex.build([n.skeleton for n in names], edits),
        "foreign_skeletons": GramIndex.build(
            [n.skeleton if n.foreign else "" for n in names], edits
        ),
    }


def _by_full(names: Sequence[NameForm]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(names):
        if n.full:
            found[n.full].append(i)
    return dict(found)


def _materialize(obj: object, depth: int) -> None:
    """Turn lazy dicts and sequences into plain ones, through nested dataclasses."""
    from dataclasses import fields, is_dataclass

    from screen.match.index_lazy import LazyDict, Ragged, Records

    if depth > MATERIALIZE_DEPTH or not is_dataclass(obj):
        return
    for f in fields(obj):
        if f.name == "entries":
            continue  # the store's, read per hit
        value = getattr(obj, f.name)
        if isinstance(value, LazyDict):
            setattr(obj, f.name, value.plain())
        elif isinstance(value, Records | Ragged):
            setattr(obj, f.name, list(value))
        else:
            _materialize(value, depth + 1)


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
                cache_dir.save(name, lambda fh: index_file.dump(built, fh, key, skip=UNSTORED))
    index.entries = cast(list[Entry], entries)  # not in the file: the store holds them
    index.near_cache = {}  # nor is the typo-neighbour cache
    return index


def index_key(source: dict[str, Any]) -> dict[str, Any]:
    """What an index file must have been built from: the entries, this code's versions
    and the word tables' contents (``tables.data_digest``)."""
    from screen import __version__
    from screen.match.tables import data_digest

    return {
        **source,
        "index_version": INDEX_VERSION,
        "package_version": __version__,
        "word_tables": data_digest(),
    }


def index_file_name(key: dict[str, Any]) -> str:
    """The index file of ``key``: another version or other entries use another file."""
    return f"index-v{INDEX_VERSION}-{key_digest(key, ListIndex)}.bin"
