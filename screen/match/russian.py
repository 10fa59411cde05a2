"""Russian company words in every case and Latin spelling, made from Cyrillic tables.

The tables (``data/russian_*.tsv``) hold each word once, in Cyrillic, with its kind and
its English. Here every word is declined (завод: завода, заводу, заводов ...;
механический: механическая, механического, механических ...) and each form is written
in the seven Latin spellings of ``russian_translit.tsv`` (BGN/PCGN with and without its
"ye", ICAO, U.S. lists, GOST 7.79 B, scientific, informal), so that "Mekhanicheskiy",
"Mekhanicheskii", "Mehanicheskij" and "Mekhanicheskikh" are all "mechanical". The
masculine nominative of an adjective is also written with the endings lists use loosely
(Kazanski, Kazansky, Nauchny).

``place_word`` reads an adjective made from a place's name (Kazanskiy = of Kazan,
Ryazanskogo = of Ryazan): the caller only asks in a name that has Russian company words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from screen.match import derived, tables
from screen.match.tables import read_rows

#: The column of ``russian_translit.tsv`` whose e is "ye" after a vowel or sign.
_YE_SYSTEM = "bgn_ye"
_SYSTEM_NAMES = ("bgn", "bgn_ye", "icao", "us_lists", "gost", "scientific", "informal")
#: A Cyrillic e at a word's start or after a vowel or a sign: BGN's "ye" (written here
#: as short i + e); lists drop the sign often ("Obedineniye"), so both are made.
_YE = (re.compile(r"(^|[аеёиоуыэюяьъ])е"), re.compile(r"(^|[аеёиоуыэюя])е"))
_VELAR_OR_SIBILANT = "кгхжшчщ"
_SIBILANT = "жшчщ"

#: Adjective endings by the stem's last letter: masculine nominative first, then the
#: feminine and neuter nominative, the oblique cases and the plural.
_HARD_ADJ = ("ый", "ая", "ое", "ого", "ой", "ому", "ым", "ом", "ую", "ые", "ых", "ыми")
_VELAR_ADJ = ("ий", "ая", "ое", "ого", "ой", "ому", "им", "ом", "ую", "ие", "их", "ими")
_SIBILANT_ADJ = ("ий", "ая", "ее", "его", "ей", "ему", "им", "ем", "ую", "ие", "их", "ими")
_SOFT_ADJ = ("ий", "яя", "ее", "его", "ей", "ему", "им", "ем", "юю", "ие", "их", "ими")
#: How lists write the masculine nominative ending -ий / -ый besides the systems' own.
_LOOSE_MASCULINE = ("iy", "ii", "ij", "i", "y", "yi", "yy", "yj")

#: Noun endings by the nominative's ending (nominative singular first).
_NOUN_IE = ("ие", "ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях")
_NOUN_IYA = ("ия", "ии", "ию", "ией", "ий", "иям", "иями", "иях")
_NOUN_SOFT = ("ь", "и", "ью", "ей", "ям", "ями", "ях", "я", "ю", "ем", "е")
_NOUN_YA = ("я", "и", "е", "ю", "ей", "ь", "ям", "ями", "ях")
_NOUN_O = ("о", "а", "у", "ом", "е", "", "ам", "ами", "ах")
#: -а and hard masculine nouns: "Y" is ы, or и after a velar or sibilant; "OV" is the
#: genitive plural, -ов or -ей after a sibilant.
_NOUN_A = ("а", "Y", "е", "у", "ой", "", "ам", "ами", "ах")
_NOUN_HARD = ("", "а", "у", "ом", "е", "Y", "OV", "ам", "ами", "ах")

#: Most Latin spellings a legal form is written in before only one a system is kept.
_LEGAL_COMBINATIONS = 81
#: A place adjective's stem shorter than this keeps its "sk" (Tomskiy = Tomsk, Kurskiy =
#: Kursk) if russian_sk_places.tsv does not say so already; a longer one loses it unless
#: that table has the place (Kazanskiy = Kazan, Ulyanovskiy = Ulyanovsk).
_SHORT_PLACE_STEM = 4
#: Adjective stems that are not places: -icheskiy (of a noun: mekhanicheskiy) and
#: -telskiy (of an agent: issledovatelskiy).
_NOT_PLACE = ("che", "tel")


def _tables() -> dict[str, dict[int, str]]:
    rows = read_rows("russian_translit.tsv")
    return {
        name: {ord(row[0]): "" if row[k] == "-" else row[k] for row in rows}
        for k, name in enumerate(_SYSTEM_NAMES, start=1)
    }


_TABLES = _tables()


def spellings_in(word: str, system: str, after_signs: bool = True) -> str:
    """A Cyrillic word in one system's Latin spelling."""
    if system == _YE_SYSTEM:
        word = _YE[0 if after_signs else 1].sub(r"\1йэ", word)
    return word.translate(_TABLES[system])


def spellings(word: str) -> set[str]:
    """The Latin spellings of a Cyrillic word, one a system (two for BGN's "ye")."""
    out = {spellings_in(word, system) for system in _TABLES}
    if "ъ" in word or "ь" in word:
        out.add(spellings_in(word, _YE_SYSTEM, after_signs=False))
    return out


def adjective_forms(word: str) -> list[str]:
    """Every case, gender and number of an adjective given in the masculine nominative."""
    stem, ending = word[:-2], word[-2:]
    if stem[-1] in _SIBILANT and ending == "ий":
        endings = _SIBILANT_ADJ
    elif stem[-1] in _VELAR_OR_SIBILANT:
        endings = _VELAR_ADJ
    elif ending == "ий":
        endings = _SOFT_ADJ
    else:
        endings = _HARD_ADJ
    return [word, *(stem + e for e in endings[1:])]


def noun_forms(word: str) -> list[str]:
    """The cases of a noun, singular and plural, nominative singular first."""
    for tail, by_tail in (("ие", _NOUN_IE), ("ия", _NOUN_IYA), ("ь", _NOUN_SOFT)):
        if word.endswith(tail):
            return [word[: -len(tail)] + e for e in by_tail]
    endings: tuple[str, ...]
    if word[-1] in "аяо":
        stem, endings = word[:-1], {"а": _NOUN_A, "я": _NOUN_YA, "о": _NOUN_O}[word[-1]]
    else:
        stem, endings = word, _NOUN_HARD
    y = "и" if stem[-1] in _VELAR_OR_SIBILANT else "ы"
    ov = "ей" if stem[-1] in _SIBILANT else "ов"
    return [stem + e.replace("Y", y).replace("OV", ov) for e in endings]


def _latin_forms(word: str, kind: str) -> set[str]:
    """Every Latin spelling of every form of one table word."""
    if kind == "a":
        forms = adjective_forms(word)
    elif kind in ("n", "o"):
        forms = noun_forms(word)[1 if kind == "o" else 0 :]
    else:
        forms = [word]
    out = {latin for form in forms for latin in spellings(form)}
    if kind == "a" and word[-2:] in ("ий", "ый"):
        out |= {stem + end for stem in spellings(word[:-2]) for end in _LOOSE_MASCULINE}
    return out


def _load_words() -> tuple[dict[str, tuple[str, ...]], frozenset[str], dict[str, str]]:
    """Russian word forms -> English; the adjective forms; combining forms -> English
    (ending in "-" when the English joins the next word's)."""
    words: dict[str, tuple[str, ...]] = {}
    adjectives: set[str] = set()
    prefixes: dict[str, str] = {}
    for cyrillic, kind, english, *_ in read_rows("russian_words.tsv"):
        for latin in sorted(_latin_forms(cyrillic, kind)):
            words.setdefault(latin, tuple(english.split()))
            if kind == "a":
                adjectives.add(latin)
            if kind in ("p", "b"):
                prefixes[latin] = english + ("-" if kind == "b" else "")
    return words, frozenset(adjectives), prefixes


def _legal_spellings(phrase: str) -> set[tuple[str, ...]]:
    """A legal form's Latin spellings: every combination of its words' spellings when
    there are few, else one spelling a system throughout."""
    words = phrase.split()
    per_word = [sorted(spellings(w)) for w in words]
    combos = 1
    for options in per_word:
        combos *= len(options)
    if combos <= _LEGAL_COMBINATIONS:
        return set(itertools.product(*per_word))
    return {tuple(spellings_in(w, system) for w in words) for system in _TABLES}


def _legal_forms(rows: Iterable[list[str]]) -> list[tuple[str, ...]]:
    return sorted({form for row in rows for form in _legal_spellings(row[0])})


def _abbreviations() -> list[tuple[str, tuple[str, ...]]]:
    """Abbreviations (KB, NII, NPO) and the English phrases they stand for, the
    abbreviation written as BGN spells it."""
    return [
        (spellings_in(row[0], _SYSTEM_NAMES[0]), tuple(phrase.split()))
        for row in read_rows("russian_words.tsv")
        if row[1] == "x" and len(row[2].split()) > 1
        for phrase in (row[2], *(row[3].split(";") if len(row) > 3 else ()))
    ]


def _markers(words: dict[str, tuple[str, ...]], legal: list[tuple[str, ...]]) -> list[str]:
    """Words that make a name Russian (its company words, its legal forms' words).
    Words of two letters (KB, AO) and words that are also English (bank, institut) are
    not markers."""
    english = {e for words_english in words.values() for e in words_english}
    found = (*words, *(w for form in legal for w in form))
    return sorted({w for w in found if len(w) > 2 and w not in english})


def _derive() -> dict[str, Any]:
    """Every table this module derives from its data files, as JSON data."""
    words, adjectives, prefixes = _load_words()
    legal = _legal_forms(read_rows("russian_legal_forms.tsv"))
    return {
        "markers": _markers(words, legal),
        "words": words,
        "adjectives": sorted(adjectives),
        "prefixes": prefixes,
        "abbreviations": _abbreviations(),
        "legal_forms": legal,
        "place_adjectives": {
            latin: row[1].split()
            for row in read_rows("russian_places.tsv")
            for latin in sorted(_latin_forms(row[0], "a"))
        },
        "sk_places": {
            latin: spellings_in(row[0], _YE_SYSTEM)
            for row in read_rows("russian_sk_places.tsv")
            for latin in sorted(spellings(row[0]))
        },
    }


class _Tables(NamedTuple):
    markers: frozenset[str]
    words: dict[str, tuple[str, ...]]
    adjectives: frozenset[str]
    prefixes: dict[str, str]
    abbreviations: tuple[tuple[str, tuple[str, ...]], ...]
    legal_forms: tuple[tuple[str, ...], ...]
    place_adjectives: dict[str, tuple[str, ...]]
    sk_places: dict[str, str]


def _decode(raw: dict[str, Any]) -> _Tables:
    """The tables from their JSON data (fresh from ``_derive`` or read from the cache)."""
    return _Tables(
        frozenset(raw["markers"]),
        {word: tuple(english) for word, english in raw["words"].items()},
        frozenset(raw["adjectives"]),
        dict(raw["prefixes"].items()),
        tuple((abbr, tuple(phrase)) for abbr, phrase in raw["abbreviations"]),
        tuple(tuple(form) for form in raw["legal_forms"]),
        {latin: tuple(place) for latin, place in raw["place_adjectives"].items()},
        dict(raw["sk_places"].items()),
    )


#: The code the tables are derived by (with the data files: a change to any derives them
#: again).
_INPUTS = (Path(__file__), Path(tables.__file__))
_T = derived.load("russian", _INPUTS, _derive, _decode)
#: Russian company words (every form and spelling) -> English words.
RUSSIAN_WORDS = _T.words
_ADJECTIVES, _PREFIXES = _T.adjectives, _T.prefixes
#: Abbreviations (KB, NII, NPO) and the English phrases they stand for: the phrase is
#: read as the abbreviation.
RUSSIAN_ABBREVIATIONS = _T.abbreviations
#: Russian legal forms in every spelling, as token sequences.
RUSSIAN_LEGAL_FORMS = _T.legal_forms
#: Words that make a name Russian: the context in which a place adjective is read as
#: its place (see ``_markers``).
RUSSIAN_MARKERS = _T.markers
#: Adjectives of places whose stem is not the place's English name.
PLACE_ADJECTIVES = _T.place_adjectives
#: Places in -sk, every spelling -> the place as BGN/PCGN writes it (with its "ye").
_SK_PLACES = _T.sk_places
_SK_ENDINGS = sorted(
    {latin[2:] for e in _VELAR_ADJ for latin in spellings("ск" + e)}
    | {*_LOOSE_MASCULINE, "oy", "oi", "oj"},
    key=len,
    reverse=True,
)
_PLACE_ADJECTIVE = re.compile(rf"^([a-z]{{2,}})sk(?:{'|'.join(_SK_ENDINGS)})$")


@lru_cache(maxsize=1 << 14)
def place_word(token: str) -> tuple[str, ...] | None:
    """The place a Russian place adjective is of ("kazanskiy" -> kazan, "tomskogo" ->
    tomsk, "moskovskiy" -> moscow), or None. Ask only in a Russian company name."""
    if token in PLACE_ADJECTIVES:
        return PLACE_ADJECTIVES[token]
    match = _PLACE_ADJECTIVE.match(token)
    if not match or match.group(1).endswith(_NOT_PLACE):
        return None
    stem = match.group(1)
    if stem + "sk" in _SK_PLACES:
        return (_SK_PLACES[stem + "sk"],)
    return (stem + "sk",) if len(stem) < _SHORT_PLACE_STEM else (stem,)


@lru_cache(maxsize=1 << 14)
def compound_word(token: str) -> tuple[str, ...] | None:
    """A compound adjective read as its parts ("metallokeramicheskikh" -> metal ceramic,
    "elektromekhanicheskiy" -> electromechanical), or None."""
    for cut in range(len(token) - 1, 1, -1):
        head, rest = token[:cut], token[cut:]
        if head in _PREFIXES and rest in _ADJECTIVES:
            english, tail = _PREFIXES[head], RUSSIAN_WORDS[rest]
            if english.endswith("-"):
                return (english[:-1] + tail[0], *tail[1:])
            return (english, *tail)
    return None
