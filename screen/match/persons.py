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


@dataclass(frozen=True)
class PersonForm:
    """A normalized person name: canonical tokens (sorted) and patronymics apart."""

    text: str
    tokens: tuple[str, ...]
    patronymics: tuple[str, ...]
    common: bool


def _canonical(token: str) -> str:
    for pattern, repl in _SPELLING:
        token = re.sub(pattern, repl, token)
    return token


@lru_cache(maxsize=65536)
def normalize_person(text: str) -> PersonForm:
    """Normalize a person's name (order-free, spelling variants folded)."""
    raw = tokenize(text)
    patronymics = tuple(sorted(_canonical(t) for t in raw if _PATRONYMIC.search(t)))
    names = [t for t in raw if not _PATRONYMIC.search(t)]
    common = any(t in COMMON_FAMILY_NAMES for t in names) and len("".join(names)) <= 12
    tokens = tuple(sorted(_canonical(t) for t in names))
    return PersonForm(text, tokens, patronymics, common)


def person_similarity(a: PersonForm, b: PersonForm) -> float:
    """1.0 for the same name in any order or spelling; < 0.8 for different people."""
    if not a.tokens or not b.tokens:
        return 0.0
    if a.patronymics and b.patronymics and a.patronymics != b.patronymics:
        return 0.0
    ta = sorted(merge_split_words(list(a.tokens), set(b.tokens)))
    tb = sorted(merge_split_words(list(b.tokens), set(ta)))
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
