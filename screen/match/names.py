"""Company-name normalization: one canonical token list per name, computed once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from screen.match.limits import NAME_CHARS, capped
from screen.match.text import merge_split_words, tokenize
from screen.match.vocab import ABBREVIATIONS, LEGAL_FORMS, PINYIN_WORDS, STOP_WORDS, TRANSLIT_WORDS

_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_LEGAL_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _form in sorted(LEGAL_FORMS, key=len, reverse=True):
    _LEGAL_BY_FIRST.setdefault(_form[0], []).append(_form)


@dataclass(frozen=True)
class NameForm:
    """A normalized name: identity tokens (no legal form, no stop word) and helpers."""

    text: str
    tokens: tuple[str, ...]
    legal: tuple[str, ...]
    initials: tuple[str, ...]

    @property
    def compact(self) -> str:
        """The identity tokens joined without spaces, in order."""
        return "".join(self.tokens)


def canonical_word(token: str) -> tuple[str, ...]:
    """One token to its canonical word(s): pinyin and transliterated company words to
    English, abbreviations and plurals to one form."""
    if token in PINYIN_WORDS:
        return PINYIN_WORDS[token]
    if token in TRANSLIT_WORDS:
        return TRANSLIT_WORDS[token]
    ordinal = _ORDINAL.match(token)
    if ordinal:
        return (ordinal.group(1),)
    token = ABBREVIATIONS.get(token, token)
    if len(token) > 4 and token.endswith("ies"):
        return (token[:-3] + "y",)
    if len(token) > 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return (token[:-1],)
    return (token,)


def _split_legal(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Separate legal-form token runs (anywhere in the name) from identity tokens."""
    core: list[str] = []
    legal: list[str] = []
    i = 0
    while i < len(tokens):
        for form in _LEGAL_BY_FIRST.get(tokens[i], ()):
            if tuple(tokens[i : i + len(form)]) == form:
                legal.extend(form)
                i += len(form)
                break
        else:
            core.append(tokens[i])
            i += 1
    return core, legal


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> NameForm:
    """Normalize a company or person name for matching.

    Transliterates (pinyin, Cyrillic), lower-cases, drops punctuation, legal forms
    (Co., Ltd. = Company Limited = Youxian Gongsi) and stop words, maps pinyin company
    words and abbreviations to English (Jishu = Tech = Technology).
    """
    text = capped(text, NAME_CHARS)  # bounded work for hostile input (screen.match.limits)
    raw = merge_split_words(tokenize(text), PINYIN_WORDS)  # "wei dianzi" = "weidianzi"
    core, legal = _split_legal(raw)
    if not core:  # a name that is only a legal form ("Company") keeps its words
        core, legal = raw, []
    words = [w for t in core for w in canonical_word(t) if w not in STOP_WORDS]
    if not words:
        words = [w for t in core for w in canonical_word(t)]
    return NameForm(text, tuple(words), tuple(legal), _initials(raw, core))


def _initials(raw: list[str], core: list[str]) -> tuple[str, ...]:
    """Acronyms a name may go by: initials with and without the legal form."""
    forms = []
    for tokens in (raw, core):
        letters = "".join(t[0] for t in tokens if t not in STOP_WORDS and not t.isdigit())
        if len(letters) >= 3 and letters not in forms:
            forms.append(letters)
    return tuple(forms)
