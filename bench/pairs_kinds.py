"""The pair kinds of ``bench/pairs.py`` that hinge on generic company words (issue 8).

* ``contained`` (positive): a listed name with two to four generic company words put
  around it ("Global Kestrel Avionics Trading Supply Ltd." for "Kestrel Avionics Ltd."):
  the query holds the listed name, and only generic words besides. The entries the
  quality bench's regression probes use are left out (``exclude``), so that category
  stays a held-out test of the same rule.
* ``generic_only`` (negative): a name made only of a city and generic words
  ("Shenzhen Electronics Trading Co., Ltd."), from the vocabulary of the quality bench's
  fixed-vocabulary negatives (its names themselves are left out: they stay held out),
  against its nearest listed name that has a word the query lacks (``NearestNames``): a
  name of generic words alone is not any listed party that carries another word.

Both are seeded and deterministic, and split by the listed entry like every pair.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz, process, utils

from bench.quality_cases import (
    _GENERIC,
    CN_CITIES,
    NEGATIVE_NAMES,
    RU_CITIES,
    _split_legal,
    address_only,
    norm,
    party_name,
)
from bench.quality_variants import COMMON_WORDS
from screen.model import Entry

#: Listed-name words never counted as shared: legal forms and joining words.
LEGAL = frozenset(
    [
        "co",
        "ltd",
        "limited",
        "company",
        "llc",
        "inc",
        "corp",
        "corporation",
        "jsc",
        "ooo",
        "oao",
        "ao",
        "pjsc",
        "the",
        "of",
        "and",
        "sa",
        "gmbh",
        "plc",
    ]
)
CITIES = tuple(sorted({*CN_CITIES, *RU_CITIES}))
_NOT_FILLER = frozenset(
    [
        "asia",
        "china",
        "east",
        "west",
        "north",
        "south",
        "star",
        "joint",
        "stock",
        "liability",
        "private",
        "pvt",
        "bureau",
        "plant",
        "factory",
        "tech",
    ]
)
#: Generic company words put around a listed name, or making up a generic-only name.
FILLER = tuple(
    sorted(
        w.title()
        for w in _GENERIC | COMMON_WORDS
        if w.isalpha()
        and len(w) >= 4
        and w not in LEGAL | _NOT_FILLER
        and w not in {c.casefold() for c in CITIES}
    )
)
LEGAL_FORMS = ("Co., Ltd.", "Limited", "LLC", "Company", "Inc.", "Corporation", "JSC", "")
_GENERICISH = frozenset(w.casefold() for w in FILLER) | _GENERIC | COMMON_WORDS
_NOT_CORE = _GENERICISH | LEGAL | {w for c in CITIES for w in norm(c).split()}
_NO_CONTAIN_TYPES = frozenset(("individual", "vessel", "aircraft"))

Pick = tuple[str, str, str]  # (query text, listed text, listed entry id)


def core_words(name: str) -> list[str]:
    """The words of a name that are neither generic, legal-form words nor cities."""
    return [w for w in norm(name).split() if w not in _NOT_CORE]


def can_contain(e: Entry) -> bool:
    """A company-like entry whose name has one to three core words, one of them at
    least four letters long: the shape of name a query may hold with generic words. A
    name of several words none of which is generic or a legal form may be a person's
    (lists without types write "Jinghua Zhuang" like a company): not used."""
    if address_only(e) or e.type.casefold() in _NO_CONTAIN_TYPES:
        return False
    core = core_words(e.name)
    if len(core) > 1 and len(core) == len(norm(e.name).split()):
        return False
    return 1 <= len(core) <= 3 and any(len(w) >= 4 and w.isalpha() for w in core)


def with_generic_words(name: str, rng: random.Random) -> str:
    """``name`` with two to four generic words around it: at most one before the name,
    the rest after its core (before a legal form at its end)."""
    prefix, core, suffix = _split_legal(name)
    words = rng.sample(FILLER, rng.randint(2, 4))
    before = [words.pop()] if rng.random() < 0.3 else []
    tail = suffix.strip().lstrip(",").strip()
    text = " ".join((*before, prefix.strip(), core.strip().rstrip(","), *words, tail))
    return " ".join(text.split())


def contained(
    entries: Sequence[Entry], n: int, seed: int, exclude: Iterable[str] = ()
) -> list[Pick]:
    """Up to ``n`` (query, listed name, id): listed names with generic words around them,
    one per party, none of a party in ``exclude`` (party names, ``party_name``)."""
    skip = set(exclude)
    known = {norm(nm) for e in entries for nm in (e.name, *e.alt_names)}
    rng = random.Random(f"{seed}-contained")
    out: list[Pick] = []
    for e in rng.sample(list(entries), len(entries)):
        party = party_name(e.name)
        if party in skip or not can_contain(e):
            continue
        query = with_generic_words(e.name, rng)
        if norm(query) in known:  # another listed name, not a containment
            continue
        skip.add(party)
        out.append((query, e.name, e.id))
        if len(out) >= n:
            break
    return out


def generic_name(rng: random.Random) -> str:
    """A name of generic words only: mostly a city, one to three generic words, a legal
    form ("Wuhan Electronics Trading Co., Ltd.", "International Supply LLC")."""
    city = [rng.choice(CITIES)] if rng.random() < 0.75 else []
    words = rng.sample(FILLER, rng.randint(1, 3))
    return " ".join((*city, *words, rng.choice(LEGAL_FORMS))).strip()


class NearestNames:
    """Listed names (and aliases) by the words they carry, to find the nearest one to a
    query by rapidfuzz ``token_set_ratio`` among those sharing a non-legal-form word."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)
        self.names: list[tuple[str, str, int]] = []  # (processed, as written, entry)
        self.by_token: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(self.entries):
            for nm in dict.fromkeys((e.name, *e.alt_names)):
                self.names.append((utils.default_process(nm), nm, i))
        for j, (nm, _, _) in enumerate(self.names):
            for t in set(nm.split()) - LEGAL:
                self.by_token[t].append(j)

    def nearest(
        self, query: str, keep: Callable[[str], bool] | None = None, fallback: bool = True
    ) -> tuple[Entry, str] | None:
        """(entry, its name as written) nearest to ``query`` among the names sharing a
        word with it that ``keep`` accepts (all such names when none shares a word and
        ``fallback``); None when there is no such name."""
        q = utils.default_process(query)
        cand = sorted({j for t in set(q.split()) - LEGAL for j in self.by_token.get(t, ())})
        pool: Sequence[int] = cand or (range(len(self.names)) if fallback else [])
        if keep is not None:
            pool = [j for j in pool if keep(self.names[j][0])]
        if not pool:
            return None
        best = process.extractOne(
            q, [self.names[j][0] for j in pool], scorer=fuzz.token_set_ratio, processor=None
        )
        if best is None:
            return None
        _, written, i = self.names[pool[best[2]]]
        return self.entries[i], written


def has_word_beyond(query: str) -> Callable[[str], bool]:
    """Whether a processed listed name carries a non-legal-form word ``query`` lacks."""
    words = set(utils.default_process(query).split()) | LEGAL
    return lambda listed: not set(listed.split()) <= words


def generic_only(nearest: NearestNames, n: int, seed: int) -> list[Pick]:
    """Up to ``n`` (generic-only name, nearest listed name with a word it lacks, id)."""
    rng = random.Random(f"{seed}-generic-only")
    held_out = {norm(nm) for nm in NEGATIVE_NAMES}
    known = {norm(nm) for _, nm, _ in nearest.names}
    seen: set[str] = set()
    out: list[Pick] = []
    for _ in range(50 * n):
        if len(out) >= n:
            break
        query = generic_name(rng)
        key = norm(query)
        if key in seen or key in held_out or key in known:
            continue
        seen.add(key)
        got = nearest.nearest(query, has_word_beyond(query), fallback=False)
        if got is not None:
            out.append((query, got[1], got[0].id))
    return out
