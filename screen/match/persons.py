"""Person-name normalization for officer overlap.

Given/family order does not matter ("Li Jun" = "Jun Li" = "LI, Jun"), hyphens and
spaces inside given names do not matter ("Xiao-Ming" = "Xiaoming"), patronymics
are optional, and common Latin spellings of Russian names meet (Aleksandr =
Alexander, Sergey = Sergei, Dmitriy = Dmitry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from screen.match.limits import PERSON_CHARS, capped
from screen.match.text import merge_split_words, tokenize

_PATRONYMIC = re.compile(r"(ovich|evich|ovna|evna|ichna|ogly|kyzy)$")
_SPELLING = (
    (r"ks", "x"),
    (r"kh", "h"),
    (r"^ye", "e"),
    (r"yo", "e"),
    (r"jo", "e"),
    (r"der$", "dr"),
    (r"(iy|yy|ii|ij|y|i)$", ""),
    (r"(iya|ija|ia|ya)$", "a"),
    (r"ph", "f"),
    (r"w", "v"),
    (r"a[ei]", "a"),
)
#: Very common family names: one shared officer with such a name is weak evidence.
COMMON_FAMILY_NAMES = frozenset(
    [
        "wang",
        "li",
        "zhang",
        "liu",
        "chen",
        "yang",
        "huang",
        "zhao",
        "wu",
        "zhou",
        "xu",
        "sun",
        "ma",
        "zhu",
        "hu",
        "guo",
        "he",
        "lin",
        "gao",
        "luo",
        "zheng",
        "liang",
        "xie",
        "song",
        "tang",
        "han",
        "feng",
        "deng",
        "cao",
        "peng",
        "zeng",
        "xiao",
        "tian",
        "dong",
        "pan",
        "yuan",
        "cai",
        "kim",
        "lee",
        "park",
        "choi",
        "nguyen",
        "tran",
        "le",
        "pham",
        "khan",
        "ali",
        "ahmed",
        "mohammed",
        "hussain",
        "singh",
        "kumar",
        "smith",
        "johnson",
        "brown",
        "jones",
        "miller",
        "davis",
        "ivanov",
        "smirnov",
        "kuznetsov",
        "popov",
        "petrov",
        "sidorov",
    ]
)
#: Very common given names (as written in Latin script).
COMMON_GIVEN_NAMES = frozenset(
    [
        "ivan",
        "andrey",
        "andrei",
        "sergey",
        "sergei",
        "alexander",
        "aleksandr",
        "dmitry",
        "dmitriy",
        "alexey",
        "aleksey",
        "vladimir",
        "john",
        "james",
        "michael",
        "david",
        "robert",
        "mohammad",
        "mohammed",
        "muhammad",
        "ali",
        "ahmad",
        "ahmed",
    ]
)


#: Similarity at which two person names are taken to be the same person.
SAME_PERSON = 0.9


@dataclass(frozen=True)
class PersonForm:
    """A normalized person name: canonical tokens (sorted) and patronymics apart."""

    text: str
    tokens: tuple[str, ...]  # canonical spellings, sorted
    patronymics: tuple[str, ...]
    common: bool
    raw: tuple[str, ...] = ()  # as written (lower case), in order, without patronymics


def _is_common(names: list[str]) -> bool:
    """A very common family name with a one-syllable (Chinese) or very common given name."""
    for i, family in enumerate(names):
        if family in COMMON_FAMILY_NAMES:
            given = names[:i] + names[i + 1 :]
            if given and (len("".join(given)) <= 5 or all(g in COMMON_GIVEN_NAMES for g in given)):
                return True
    return False


def _canonical(token: str) -> str:
    """Fold common Latin spellings of one name together (Sergey = Sergei); short names kept."""
    if len(token) <= 3:
        return token
    for pattern, repl in _SPELLING:
        token = re.sub(pattern, repl, token)
    return token


@lru_cache(maxsize=65536)
def normalize_person(text: str) -> PersonForm:
    """Normalize a person's name (order-free, spelling variants folded)."""
    text = capped(text, PERSON_CHARS)  # bounded work for hostile input (screen.match.limits)
    raw = tokenize(text)
    patronymics = tuple(sorted(_canonical(t) for t in raw if _PATRONYMIC.search(t)))
    names = [t for t in raw if not _PATRONYMIC.search(t)]
    common = _is_common(names)
    tokens = tuple(sorted(_canonical(t) for t in names))
    return PersonForm(text, tokens, patronymics, common, tuple(names))


def person_similarity(a: PersonForm, b: PersonForm) -> float:
    """1.0 for the same name in any order or spelling; < 0.8 for different people."""
    if not a.tokens or not b.tokens:
        return 0.0
    if a.patronymics and b.patronymics and a.patronymics != b.patronymics:
        return 0.0
    return max(_compare(a.tokens, b.tokens), _compare(a.raw, b.raw))


def _compare(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Similarity of two token lists: split given names joined, then order-free."""
    ta = merge_split_words(list(a), set(b))
    tb = sorted(merge_split_words(list(b), set(ta)))
    ta = sorted(merge_split_words(ta, set(tb)))
    if ta == tb:
        return 1.0
    if "".join(ta) == "".join(tb) or sorted("".join(ta)) == sorted("".join(tb)):
        return 0.95 if len(ta) > 1 or len(tb) > 1 else 0.0
    return _token_alignment(ta, tb)


def _token_alignment(ta: list[str], tb: list[str]) -> float:
    """Average similarity of the best one-to-one token pairing; 0 if any token is unpaired."""
    if len(ta) != len(tb) or len(ta) < 2:
        return 0.0
    remaining = list(tb)
    total = 0.0
    for tok in ta:
        best = max(remaining, key=lambda other: Levenshtein.normalized_similarity(tok, other))
        sim = float(Levenshtein.normalized_similarity(tok, best))
        if sim < 0.75:
            return 0.0
        total += sim
        remaining.remove(best)
    return total / len(ta)
