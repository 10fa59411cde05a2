"""Person-name normalization for officer overlap.

Given/family order does not matter ("Li Jun" = "Jun Li" = "LI, Jun"), hyphens and
spaces inside given names do not matter ("Xiao-Ming" = "Xiaoming"), patronymics
are optional, and common Latin spellings of Russian names meet (Aleksandr =
Alexander, Sergey = Sergei, Dmitriy = Dmitry).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from screen.match.limits import PERSON_CHARS, capped
from screen.match.text import merge_split_words, skeleton, tokenize
from screen.match.vocab import read_rows

#: Patronymic endings: Russian, Ukrainian (-ovych, -ivna), Belarusian (-avich, -auna),
#: Azerbaijani and Kyrgyz (ogly, kyzy).
_PATRONYMIC = re.compile(
    r"(ovich|evich|avich|ovych|evych|ovna|evna|ivna|auna|euna|ichna|ogly|kyzy)$"
)
#: Spelling folds of name parts, in order (``data/person_spelling.tsv``).
_SPELLING: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(row[0]), "" if row[1] == "-" else row[1])
    for row in read_rows("person_spelling.tsv")
)
#: Very common family names: one shared officer with such a name is weak evidence.
COMMON_FAMILY_NAMES: frozenset[str] = frozenset(r[0] for r in read_rows("common_family_names.tsv"))
#: Very common given names (as written in Latin script).
COMMON_GIVEN_NAMES: frozenset[str] = frozenset(r[0] for r in read_rows("common_given_names.tsv"))


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
    """A very common family name with a one-syllable (Chinese) or very common given name
    (never said of a name with a patronymic: Ivan Ivanovich Ivanov names one person)."""
    for i, family in enumerate(names):
        if family in COMMON_FAMILY_NAMES:
            given = names[:i] + names[i + 1 :]
            if given and (len("".join(given)) <= 5 or all(g in COMMON_GIVEN_NAMES for g in given)):
                return True
    return False


@lru_cache(maxsize=1 << 16)
def _canonical(token: str) -> str:
    """Fold common Latin spellings of one name together (Sergey = Sergei); short names kept."""
    if len(token) <= 3:
        return token
    for pattern, repl in _SPELLING:
        token = pattern.sub(repl, token)
    return token


@lru_cache(maxsize=65536)
def normalize_person(text: str) -> PersonForm:
    """Normalize a person's name (order-free, spelling variants folded)."""
    text = capped(text, PERSON_CHARS)  # bounded work for hostile input (screen.match.limits)
    raw = tokenize(text)
    patronymics = tuple(sorted(_canonical(t) for t in raw if _PATRONYMIC.search(t)))
    names = [t for t in raw if not _PATRONYMIC.search(t)]
    common = _is_common(names) and not patronymics  # a full name with patronymic is specific
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


#: Particles that join name parts and identify no one ("bin", "al", "van").
_PARTICLES = frozenset(
    {"bin", "ibn", "bint", "binti", "al", "el", "ul", "ud", "ad", "as", "ash", "az"}
    | {"van", "von", "der", "de", "da", "del", "di", "du", "dos", "das", "la", "le", "y"}
)
_VARIANT: dict[str, str] = {
    spelling: group[0] for group in read_rows("person_name_variants.tsv") for spelling in group
}
_VOWELS = frozenset("aeiouy")
_FINAL_H = re.compile(r"([aeiou])h$")  # Arabic ta marbuta written -ah: Usamah = Usama
#: Pair similarities of name parts: same spelling group, initial, same vowel skeleton.
_SAME, _SKELETON, _INITIAL = 1.0, 0.9, 0.85
#: Least Levenshtein similarity for two parts to be one name misspelt.
_TYPO = 0.75
#: A part of the shorter name with no partner: what the rest can earn at most.
_UNPAIRED = 0.6
#: Most a single name part can score against a longer name (a shared given name alone).
_ALONE = 0.45
#: Per part only the longer name has (a middle name), down to _MIDDLE_FLOOR.
_MIDDLE, _MIDDLE_FLOOR = 0.15, 0.6
#: Most name parts on each side paired by trying every pairing (more: greedily).
_EXACT_PARTS = 7
#: Factor when both carry patronymics and they differ (brothers are not one person).
_OTHER_FATHER = 0.4


@lru_cache(maxsize=1 << 16)
def _key(token: str) -> str:
    return _VARIANT.get(token) or _VARIANT.get(_canonical(token)) or _canonical(token)


#: Letters read two or more ways, and their readings (``data/person_ambiguous.tsv``).
_AMBIGUOUS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(row[0]), tuple(row[1].split())) for row in read_rows("person_ambiguous.tsv")
)


@lru_cache(maxsize=1 << 16)
def _readings(token: str) -> tuple[str, ...]:
    """A name part as written, then as each reading of its ambiguous letters."""
    out = [token]
    for pattern, readings in _AMBIGUOUS:
        if pattern.search(token):
            out += [pattern.sub(r, t) for t in list(out) for r in readings]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def _part_similarity(a: str, b: str) -> float:
    """Similarity of two name parts (0 when unrelated): the best over their readings."""
    return max(_reading_similarity(ra, rb) for ra in _readings(a) for rb in _readings(b))


def _reading_similarity(a: str, b: str) -> float:
    """Similarity of one reading of each of two name parts."""
    if _key(a) == _key(b):
        return _SAME
    if len(a) == 1 or len(b) == 1:
        return _INITIAL if a[0] == b[0] else 0.0
    ca, cb = _final_h_dropped(_canonical(a)), _final_h_dropped(_canonical(b))
    ska, skb = skeleton(ca), skeleton(cb)
    if ska == skb and len(ska) >= 3 and (ca[-1] in _VOWELS) == (cb[-1] in _VOWELS):
        return _SKELETON  # Mohammed = Muhammad, Usamah = Osama; not Bashar = Bushra
    if ca[0] != cb[0] and not (ca[0] in _VOWELS and cb[0] in _VOWELS):
        return 0.0  # a misspelling keeps the first sound (Yong is not Kyong)
    sim = float(Levenshtein.normalized_similarity(ca, cb))
    return sim if sim >= _TYPO else 0.0


def _final_h_dropped(word: str) -> str:
    """``_FINAL_H`` applied (a vowel's final h dropped), without a regex for a word."""
    if "\n" in word:  # ("$" also matches before a final newline: a word has none)
        return _FINAL_H.sub(r"\1", word)
    return word[:-1] if word[-1:] == "h" and word[-2:-1] in _FINAL_H_VOWELS else word


_FINAL_H_VOWELS = frozenset("aeiou")


def _parts(form: PersonForm, other: PersonForm) -> tuple[str, ...]:
    """Name parts less particles, split parts joined where the other joins them."""
    parts = [t for t in form.raw if t not in _PARTICLES] or list(form.raw)
    return tuple(merge_split_words(parts, {_key(t) for t in other.raw} | set(other.raw)))


#: Name parts paired: (a part of the shorter name, its partner, their similarity).
Pairs = tuple[tuple[str, str, float], ...]


@lru_cache(maxsize=1 << 16)
def _best_pairs(short: tuple[str, ...], long: tuple[str, ...]) -> Pairs:
    """The one-to-one pairing of every part of ``short`` with the highest total: exact
    over the parts that pair with something (up to seven on the smaller side), else
    greedy. A part that pairs with nothing is paired at 0 (cached: a pair of names is
    compared both ways, and name parts recur across names)."""
    sim = [[_part_similarity(a, b) for b in long] for a in short]
    rows = [i for i, row in enumerate(sim) if any(row)]
    cols = [j for j in range(len(long)) if any(row[j] for row in sim)]
    chosen = _assign(sim, rows, cols)
    spare = iter(j for j in range(len(long)) if j not in chosen.values())
    pairs = []
    for i, a in enumerate(short):
        j = chosen[i] if i in chosen else next(spare)
        pairs.append((a, long[j], sim[i][j] if i in chosen else 0.0))
    return tuple(pairs)


def _assign(sim: list[list[float]], rows: list[int], cols: list[int]) -> dict[int, int]:
    """Row -> column of the highest total similarity (rows and columns that pair)."""
    if not rows:
        return {}
    if max(len(rows), len(cols)) <= _EXACT_PARTS:
        if len(rows) <= len(cols):
            perms = itertools.permutations(cols, len(rows))
            options = (dict(zip(rows, p, strict=True)) for p in perms)
        else:
            perms = itertools.permutations(rows, len(cols))
            options = (dict(zip(p, cols, strict=True)) for p in perms)
        return max(options, key=lambda m: sum(sim[i][j] for i, j in m.items()))
    left, chosen = set(cols), {}
    for i in rows:
        if not left:
            break
        j = max(sorted(left), key=lambda c: sim[i][c])
        chosen[i] = j
        left.remove(j)
    return chosen


def _directed(
    q: PersonForm, li: PersonForm, a: tuple[str, ...], b: tuple[str, ...]
) -> tuple[float, str]:
    """``q`` against ``li``, their name parts ``a`` and ``b`` (``_parts``)."""
    if not a or not b:
        return 0.0, ""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    pairs = _best_pairs(short, long)
    total = sum(s for _, _, s in pairs) / len(short)
    unpaired = [x for x, _, s in pairs if s == 0.0] or _crossed_initials(pairs)
    if len(short) == 1 and len(long) > 1:
        score, detail = min(_ALONE, total * _ALONE), f'only "{short[0]}" in common'
    elif unpaired:
        score, detail = total * _UNPAIRED, "not shared: " + ", ".join(unpaired)
    else:
        extra = len(long) - len(short)
        score = total * max(_MIDDLE_FLOOR, 1.0 - _MIDDLE * extra)
        detail = _describe(pairs, extra)
    if (
        q.patronymics
        and li.patronymics
        and set(map(_key, q.patronymics)) != set(map(_key, li.patronymics))
    ):
        score, detail = score * _OTHER_FATHER, detail + "; patronymics differ"
    return score, detail


def _crossed_initials(pairs: Pairs) -> list[str]:
    """Initials of both names paired with full names of the other (Abeni O. vs
    Oluwole A.): no evidence. Returns the initials so paired, or nothing."""
    left = [a for a, b, _ in pairs if len(a) == 1 < len(b)]
    right = [b for a, b, _ in pairs if len(b) == 1 < len(a)]
    return left + right if left and right else []


def _describe(pairs: Pairs, extra: int) -> str:
    notes = [
        f"{a} = {b} ({'initial' if min(len(a), len(b)) == 1 else 'spelling'})"
        for a, b, s in pairs
        if a != b
    ]
    if extra:
        notes.append(f"{extra} more name part(s) on one side")
    return "same name" + (": " + "; ".join(notes) if notes else "")


def person_name_match(query: PersonForm, listed: PersonForm) -> tuple[float, str]:
    """How likely two person names name one individual: score in [0, 1] and a detail.

    Order-free; initials meet full names (J. = John); middle names and particles (bin,
    al, van) may be missing on one side; transliterations meet (Mohammed = Muhammad,
    Aleksandr = Alexander, Yevgeny = Evgeny) by spelling folds, a variant table and the
    vowel skeleton. One shared given name alone stays under 0.5; differing patronymics
    halve the score. Symmetric: the better of both directions.
    """
    a, b = _parts(query, listed), _parts(listed, query)
    forward, backward = _directed(query, listed, a, b), _directed(listed, query, b, a)
    return forward if forward[0] >= backward[0] else backward


#: Shortest vowel skeleton used as a retrieval key (shorter ones, "l" of Ali, join too much).
_SKELETON_KEY_CHARS = 3


@lru_cache(maxsize=65536)
def part_keys(part: str) -> frozenset[str]:
    """Spelling keys of one name part: its variant group (Aleksandr = Alexander) and its
    vowel skeleton (Husayn = Hussein, Brendyuk = Brindyuk); an initial's is "t." (it
    meets every listed part starting with that letter). Two parts sharing a key are one
    name spelt two ways."""
    if len(part) == 1:
        return frozenset({part + "."})
    keys = set()
    for reading in _readings(part):
        keys.add(_key(reading))
        bare = skeleton(_final_h_dropped(_canonical(reading)))
        if len(bare) >= _SKELETON_KEY_CHARS:
            keys.add("~" + bare)  # a skeleton never collides with a spelling
    return frozenset(keys)


def name_parts(form: PersonForm) -> tuple[str, ...]:
    """A person's distinct name parts, particles (bin, al, van) and patronymics left out."""
    parts = [t for t in form.raw if t not in _PARTICLES] or list(form.raw)
    return tuple(dict.fromkeys(parts))


@lru_cache(maxsize=65536)
def person_keys(form: PersonForm) -> frozenset[str]:
    """The keys a listed person is found by: every name part's spelling keys and initial."""
    parts = name_parts(form)
    return frozenset(k for part in parts for k in part_keys(part)) | {p[0] + "." for p in parts}


def shared_parts(query: PersonForm, listed: PersonForm) -> tuple[int, int]:
    """How many of the query's name parts share a key with the listed name's: all of
    them, and those that are more than an initial."""
    keys = person_keys(listed)
    shared = [part for part in name_parts(query) if not part_keys(part).isdisjoint(keys)]
    return len(shared), sum(1 for part in shared if len(part) > 1)
