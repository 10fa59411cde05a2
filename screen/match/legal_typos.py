"""Typos in legal forms: a legal form is a closed vocabulary, so a word a letter or two
from one of its words is read as that word, where the reading is safe.

* ``repair_legal_typos``: a word that completes a legal form of two words or more with
  its neighbours ("Joina Stock Company" = "Joint Stock Company") is repaired outright;
* ``edge_legal_typos``: a first or last word a typo away from a one-word legal form
  ("Euro African Group Ltr", "PoO Zvezda") gives a reading of the name without it. The
  word alone may be a name ("Slate", "Ink"), so that reading counts only against a listed
  name written with one of those legal forms (``fits``): the engine checks.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from screen.match.names import is_legal_form, legal_key, legal_run
from screen.match.policy import edits_allowed
from screen.match.vocab import LEGAL_FORMS, STOP_WORDS

#: The words legal forms are made of (a typo in one is repaired, ``repair_legal_typos``).
_LEGAL_WORDS: tuple[str, ...] = tuple(sorted({t for form in LEGAL_FORMS for t in form}))
_LEGAL_WORDS_SET = frozenset(_LEGAL_WORDS)
#: A legal form repaired must span this many words: a word alone is never read as one.
_LEGAL_REPAIR_WORDS = 2
#: The most words a legal form has (a legal form covering a word starts this close to it).
_LEGAL_MAX_WORDS = max(len(form) for form in LEGAL_FORMS)


EditTable = tuple[tuple[int, int], ...]


@lru_cache(maxsize=1 << 14)
def _legal_neighbours(token: str, table: EditTable) -> tuple[str, ...]:
    """Legal-form words within ``table``'s edits of ``token`` (by the shorter's length),
    closest first."""
    most = edits_allowed(table, len(token))
    if not most:
        return ()
    near = process.extract(token, _LEGAL_WORDS, scorer=OSA.distance, score_cutoff=most, limit=None)
    found = sorted(
        (dist, word)
        for word, dist, _ in near
        if dist <= edits_allowed(table, min(len(word), len(token)))
    )
    return tuple(word for _, word in found)


def _in_legal_run(tokens: list[str], i: int) -> bool:
    """Whether a legal form of ``_LEGAL_REPAIR_WORDS`` or more words covers ``tokens[i]``."""
    for start in range(max(0, i - _LEGAL_MAX_WORDS + 1), i + 1):
        run = legal_run(tokens, start)
        if run >= _LEGAL_REPAIR_WORDS and start + run > i:
            return True
    return False


def repair_legal_typos(tokens: list[str], table: EditTable) -> list[str] | None:
    """The tokens with typos in legal-form words repaired, or None when there are none.

    A word is read as the legal-form word within ``table``'s edits of it only when that
    completes a legal form of two words or more with its neighbours as written ("Joina
    Stock Company" = "Joint Stock Company", "(Pvt) Lta." = "(Pvt) Ltd."), never alone:
    "Slate" stays "Slate".
    """
    out = list(tokens)
    changed = False
    for i, token in enumerate(tokens):
        if token in _LEGAL_WORDS_SET or _in_legal_run(out, i):
            continue
        for word in _legal_neighbours(token, table):
            trial = [*out[:i], word, *out[i + 1 :]]
            if _in_legal_run(trial, i):
                out, changed = trial, True
                break
    return out if changed else None


class EdgeTypo(NamedTuple):
    """A name read without an edge word that may be a typo of a one-word legal form."""

    #: The name's tokens without that word.
    tokens: tuple[str, ...]
    #: The word as written.
    word: str
    #: The legal forms it may stand for, as their keys (``legal_key``: "ltd" = "limited").
    forms: frozenset[str]


def edge_legal_typos(tokens: list[str], table: EditTable) -> list[EdgeTypo]:
    """The readings of a name without its first or last word, where that word is within
    ``table``'s edits of a one-word legal form and is neither a legal-form word nor a
    stop word as written ("Ltr" may be Ltd or Ltda; "PoO" may be PAO or OOO)."""
    if len(tokens) < _EDGE_MIN_TOKENS:
        return []
    out = []
    for i in dict.fromkeys((0, len(tokens) - 1)):
        token = tokens[i]
        if token in _LEGAL_WORDS_SET or token in STOP_WORDS or not token.isalpha():
            continue
        forms = frozenset(
            legal_key((w,)) for w in _legal_neighbours(token, table) if is_legal_form((w,))
        )
        if forms:
            out.append(EdgeTypo((*tokens[:i], *tokens[i + 1 :]), token, forms))
    return out


#: A name with an edge word read as a legal form keeps a word of its own.
_EDGE_MIN_TOKENS = 2


def fits(typo: EdgeTypo, legal: tuple[str, ...]) -> str:
    """The legal-form word of ``legal`` (a listed name's) that ``typo``'s word may be a
    typo of, or ""."""
    for word in legal:
        if legal_key((word,)) in typo.forms:
            return word
    return ""
