"""Company-name normalization: one canonical form per name, computed once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from screen.match.limits import NAME_CHARS, capped
from screen.match.russian import RUSSIAN_MARKERS, compound_word, place_word
from screen.match.text import (
    join_dotted_initials,
    merge_split_words,
    skeleton_of,
    tokenize,
    transliterated,
)
from screen.match.vocab import (
    ABBREVIATIONS,
    GENERIC_WORDS,
    LEGAL_ABBREVIATIONS,
    LEGAL_FORMS,
    PHRASE_ABBREVIATIONS,
    PINYIN_WORDS,
    STOP_WORDS,
    TRANSLIT_WORDS,
)

#: An ordinal number as a token ("14th"), its number the first group.
ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")


def legal_key(tokens: tuple[str, ...] | list[str]) -> str:
    """A legal form's words joined, short spellings folded: "Co., Ltd" = "Company Limited"."""
    return "".join(LEGAL_ABBREVIATIONS.get(t, t) for t in tokens)


#: Every legal form by its joined key, so a form split or joined anywhere ("Jo int Stock
#: Co", "L.L.C.", "Co.,Ltd") is still recognised.
_LEGAL_KEYS: frozenset[str] = frozenset(legal_key(form) for form in LEGAL_FORMS)


def is_legal_form(tokens: tuple[str, ...] | list[str]) -> bool:
    """Whether ``tokens`` are a legal form, short spellings folded ("Co Ltd", "LLC")."""
    return legal_key(tokens) in _LEGAL_KEYS


#: Every start of a legal form's key: a run of words whose key is none can be no legal form.
_LEGAL_PREFIXES: frozenset[str] = frozenset(k[:n] for k in _LEGAL_KEYS for n in range(len(k) + 1))


@dataclass(frozen=True)
class NameForm:
    """A normalized name.

    ``tokens``: identity words (legal form and stop words dropped, abbreviations and
    pinyin company words mapped to English), each once, in order. ``raw``: the same
    words as written (not mapped), for the character-level comparison; ``compact`` is
    ``raw`` joined without spaces ("Hik Vision" and "Hikvision" share it).
    """

    text: str
    tokens: tuple[str, ...]
    legal: tuple[str, ...]
    initials: tuple[str, ...]
    raw: tuple[str, ...] = ()
    #: Vowel-light compact form (``text.skeleton``), and whether the name was written in
    #: a script other than Latin (where the skeleton is the fairer comparison).
    skeleton: str = ""
    foreign: bool = False
    #: The words as written with the legal form, joined: "MajoryLLP" is "Majory LLP".
    full: str = ""

    @property
    def compact(self) -> str:
        """The words as written, joined without spaces, in order."""
        return "".join(self.raw)


@lru_cache(maxsize=1 << 16)
def canonical_word(token: str) -> tuple[str, ...]:
    """One token to its canonical word(s): pinyin and transliterated company words to
    English, abbreviations and plurals to one form."""
    if token in PINYIN_WORDS:
        return PINYIN_WORDS[token]
    if token in TRANSLIT_WORDS:
        return TRANSLIT_WORDS[token]
    compound = compound_word(token)  # "metallokeramicheskikh" = metal ceramic
    if compound:
        return tuple(ABBREVIATIONS.get(w, w) for w in compound)
    ordinal = ORDINAL.match(token)
    if ordinal:
        return (ordinal.group(1),)
    token = ABBREVIATIONS.get(token, token)
    # plurals of generic words only: "Saras" is a name, not two "Sara"
    if len(token) > 4 and token.endswith("ies") and token[:-3] + "y" in GENERIC_WORDS:
        return (token[:-3] + "y",)
    if len(token) > 4 and token.endswith("s") and token[:-1] in GENERIC_WORDS:
        return (token[:-1],)
    return (token,)


def legal_run(tokens: list[str], i: int) -> int:
    """Length of the longest legal form starting at ``tokens[i]`` (0 if none)."""
    best = 0
    joined = ""
    for n in range(1, len(tokens) - i + 1):
        joined += LEGAL_ABBREVIATIONS.get(tokens[i + n - 1], tokens[i + n - 1])
        if joined not in _LEGAL_PREFIXES:
            break
        if joined in _LEGAL_KEYS:
            best = n
    return best


def split_legal(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Separate legal-form token runs (anywhere in the name) from identity tokens."""
    core: list[str] = []
    legal: list[str] = []
    i = 0
    while i < len(tokens):
        first = LEGAL_ABBREVIATIONS.get(tokens[i], tokens[i])
        run = legal_run(tokens, i) if first in _LEGAL_PREFIXES else 0  # (legal_run's 1st test)
        if run:
            legal.extend(tokens[i : i + run])
            i += run
        else:
            core.append(tokens[i])
            i += 1
    return core, legal


def abbreviated(words: list[str]) -> list[str]:
    """English phrases read as the Russian abbreviation they stand for: "Svyaz Design
    Bureau" and "KB Svyaz" are both (svyaz, kb); "Konstruktorskoe Byuro" = design bureau
    = kb; its words in any order ("Bureau Design" too). Longest phrase first."""
    out: list[str] = []
    i = 0
    while i < len(words):
        # a phrase in any order starts with one of its words: others need no sorting
        for size, key, abbr in _PHRASES if words[i] in _PHRASE_WORDS else ():
            if sorted(words[i : i + size]) == key:
                out.append(abbr)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


#: Each phrase abbreviated, as (its length, its words sorted, the abbreviation), in order.
_PHRASES = tuple((len(phrase), sorted(phrase), abbr) for phrase, abbr in PHRASE_ABBREVIATIONS)
_PHRASE_WORDS = frozenset(w for phrase, _ in PHRASE_ABBREVIATIONS for w in phrase)


def _once(words: list[str]) -> tuple[str, ...]:
    """A name written twice (or more) in a row is the same name: "Sugon Sugon" = "Sugon"."""
    n = len(words)
    if n < 2 or words.count(words[0]) < 2:  # a repeat repeats the first word: fast way out
        return tuple(words)
    for period in range(1, n // 2 + 1):
        if n % period == 0 and words == words[:period] * (n // period):
            return tuple(words[:period])
    return tuple(words)


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> NameForm:
    """Normalize a company or person name for matching.

    Transliterates (pinyin, Cyrillic), lower-cases, drops punctuation, legal forms
    (Co., Ltd. = Company Limited = Youxian Gongsi) and stop words, maps pinyin company
    words and abbreviations to English (Jishu = Tech = Technology), keeps each word once.
    """
    text = capped(text, NAME_CHARS)  # bounded work for hostile input (screen.match.limits)
    # dotted initials are one word ("I.E.S." = "IES", not "i", "e", "s")
    raw = merge_split_words(tokenize(join_dotted_initials(text)), PINYIN_WORDS)
    core, legal = split_legal(raw)
    if not core:  # a name that is only a legal form ("Company") keeps its words
        core, legal = raw, []
    kept = [t for t in core if t not in STOP_WORDS] or core
    words = _identity_words(kept, russian=not _RUSSIAN.isdisjoint(raw))
    kept_once = _once(kept)
    return NameForm(
        text,
        tuple(dict.fromkeys(words)),  # each word once: weights and bounds count it once
        tuple(legal),
        _initials(raw, core),
        kept_once,
        skeleton_of(kept_once).replace(" ", ""),  # words already: not tokenized again
        transliterated(text),
        "".join(_once([t for t in raw if t not in STOP_WORDS])),
    )


#: Words that make a name Russian, less the English business words among them.
_RUSSIAN: frozenset[str] = RUSSIAN_MARKERS - GENERIC_WORDS


def _identity_words(kept: list[str], russian: bool) -> list[str]:
    """The canonical words of a name's kept tokens, stop words out (unless nothing else
    is left), English phrases read as their abbreviation. In a Russian name, a place
    adjective is its place ("Kazanskiy Zavod" = Kazan Plant); elsewhere it is a family
    name as written (Kazansky)."""

    def word(token: str) -> tuple[str, ...]:
        place = russian and token not in TRANSLIT_WORDS and place_word(token)
        return place or canonical_word(token)

    words = [w for t in kept for w in word(t) if w not in STOP_WORDS]
    return abbreviated(words or [w for t in kept for w in word(t)])


def _initials(raw: list[str], core: list[str]) -> tuple[str, ...]:
    """Acronyms a name may go by: initials with and without the legal form."""
    forms = []
    for tokens in (raw, core):
        letters = "".join(t[0] for t in tokens if t not in STOP_WORDS and not t.isdigit())
        if len(letters) >= 3 and letters not in forms:
            forms.append(letters)
    return tuple(forms)
