"""Script-level text clean-up shared by the name, address and person normalizers.

Everything is turned into lower-case ASCII tokens: Chinese characters become
pinyin, grouped two syllables to a word (most Chinese words are two characters),
Cyrillic and other scripts are transliterated with ``anyascii``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from functools import lru_cache

from anyascii import anyascii

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc'`\u00b4]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _pinyin_words(run: str) -> str:
    """Pinyin of a run of Chinese characters, grouped two syllables to a word."""
    from pypinyin import Style, lazy_pinyin  # 0.3 s to import: only when Chinese is seen

    syllables = lazy_pinyin(run, style=Style.NORMAL)
    words = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    return " " + " ".join(words) + " "


@lru_cache(maxsize=65536)
def to_ascii(text: str) -> str:
    """Transliterate any script to ASCII; Chinese to pinyin words, the rest by anyascii."""
    text = unicodedata.normalize("NFKC", text)
    text = _CJK.sub(lambda m: _pinyin_words(m.group(0)), text)
    return anyascii(text)


def tokenize(text: str) -> list[str]:
    """Lower-case ASCII word tokens; apostrophes vanish (Xi'an -> xian), '&' becomes 'and'."""
    ascii_text = to_ascii(text.casefold()).lower().replace("&", " and ")
    ascii_text = _APOSTROPHES.sub("", ascii_text).replace("?s ", "s ")
    return [t for t in _NON_WORD.split(ascii_text) if t]


def merge_split_words(tokens: list[str], known: Container[str]) -> list[str]:
    """Join adjacent tokens whose concatenation is a known word ("hik vision" -> "hikvision")."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i] + tokens[i + 1] in known:
            out.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out
