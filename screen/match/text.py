"""Script-level text clean-up shared by the name, address and person normalizers.

Everything is turned into lower-case ASCII tokens:

- symbols, emoji, marks of enclosure, format and private-use characters are dropped
  first (``Huawei®`` = ``Huawei``), never spelled out as words;
- Chinese characters become pinyin, grouped two syllables to a word (most Chinese
  words are two characters; the vocab tables depend on it);
- Greek, Armenian, Georgian, Arabic/Persian, Hangul, kana and Thai runs go through the
  ICU transform measured best for that script (``bench/bench_translit.py``);
- anything left (Cyrillic, Latin accents, Hebrew, Devanagari...) goes through
  ``anyascii``: for Cyrillic its spellings are the lists' (Aktsionernoe, Otkrytoe), where
  ICU's BGN writes Aktsionernoye and splits "ts" with a middle dot.

pypinyin and ICU are imported on first use, so importing this module stays cheap.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Iterable
from functools import cache, lru_cache

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u02be\u02bf'`\u00b4]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
#: Every ASCII character but a-z and 0-9, to a space (``_NON_WORD`` for ASCII text).
_SEPARATORS = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isdigit() or "a" <= chr(c) <= "z")}
)
#: Unicode categories dropped before transliteration: symbols (So, Sk, Sm, Sc), enclosing
#: marks (Me), format characters (Cf: zero-width joiners, ZWNJ), surrogates, private use
#: and unassigned code points. ASCII characters are kept (they separate words).
_DROP_CATEGORIES = frozenset({"So", "Sk", "Sm", "Sc", "Me", "Cf", "Cs", "Co", "Cn"})
_VARIATION_SELECTORS = re.compile(r"[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
#: ICU transform per script, the best of the measured ones (see bench_translit.py).
_SCRIPT_RUNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Greek-Latin/UNGEGN", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+")),
    ("Armenian-Latin/BGN", re.compile(r"[\u0530-\u058f\ufb13-\ufb17]+")),
    ("Georgian-Latin/BGN", re.compile(r"[\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f]+")),
    (
        "Any-Latin",  # Arabic and Persian (Arabic-Latin), Hangul, kana, Thai
        re.compile(
            r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
            r"\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
            r"\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\u0e00-\u0e7f]+"
        ),
    ),
)
_NEEDS_ICU = re.compile("|".join(p.pattern for _, p in _SCRIPT_RUNS))
#: Arabic ta marbuta is said "a" at a word's end (Osama, Fatima, Qaeda).
_TA_MARBUTA = re.compile(r"[\u0629\ufe93\ufe94]")
#: Hebrew letters anyascii reads one way where names mostly read another: vav is
#: mostly a vowel (w, as Arabic waw), shin more often sh than s.
_HEBREW = str.maketrans({"\u05d5": "w", "\u05e9": "sh"})


def drop_symbols(text: str) -> str:
    """Remove non-ASCII symbols, emoji and invisible format characters; keep letters,
    digits, marks and punctuation of every script."""
    if text.isascii():
        return text
    text = _VARIATION_SELECTORS.sub("", text)
    return "".join(
        ch for ch in text if ch.isascii() or unicodedata.category(ch) not in _DROP_CATEGORIES
    )


@cache
def _pinyin() -> Callable[[str], list[str]]:
    from pypinyin import Style, lazy_pinyin

    return lambda run: list(lazy_pinyin(run, style=Style.NORMAL))


@cache
def _icu(transform: str) -> Callable[[str], str]:
    import icu

    return icu.Transliterator.createInstance(transform).transliterate  # type: ignore[no-any-return]


def _pinyin_words(run: str) -> str:
    """Pinyin of a run of Chinese characters, grouped two syllables to a word."""
    syllables = _pinyin()(run)
    words = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    return " " + " ".join(words) + " "


def _by_script(text: str) -> str:
    """Transliterate each run of an ICU-handled script with its transform."""
    text = _TA_MARBUTA.sub("\u0627", text)  # alif: read as "a"
    for transform, pattern in _SCRIPT_RUNS:
        translit = _icu(transform)
        text = pattern.sub(lambda m: translit(m.group(0)), text)  # noqa: B023 (used at once)
    return text.replace("\u00b7", "")  # BGN's separator inside a word (t·s), not a space


@lru_cache(maxsize=65536)
def to_ascii(text: str) -> str:
    """Transliterate any script to ASCII, symbols and emoji dropped (see module doc)."""
    if text.isascii():
        return text
    text = drop_symbols(text)
    text = unicodedata.normalize("NFKC", text)
    text = _CJK.sub(lambda m: _pinyin_words(m.group(0)), text)
    if _NEEDS_ICU.search(text):
        text = _by_script(text)
    from anyascii import anyascii  # (with importlib.resources: only for non-ASCII text)

    return anyascii(drop_symbols(text.translate(_HEBREW)))


def tokenize(text: str) -> list[str]:
    """Lower-case ASCII word tokens; apostrophes vanish (Xi'an -> xian), '&' becomes 'and'."""
    return list(_tokens(text))


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    """``tokenize``, cached: the same names and parts of names are tokenized again and
    again (listed names are split and checked part by part)."""
    ascii_text = to_ascii(text.casefold()).lower().replace("&", " and ")
    if not ascii_text.isascii():  # (to_ascii gives ASCII: a safeguard)
        ascii_text = _APOSTROPHES.sub("", ascii_text).replace("?s ", "s ")
        return tuple(t for t in _NON_WORD.split(ascii_text) if t)
    if "'" in ascii_text or "`" in ascii_text:  # the ASCII ones of _APOSTROPHES
        ascii_text = ascii_text.replace("'", "").replace("`", "")
    # as _NON_WORD.split, for ASCII: every other character separates words
    return tuple(ascii_text.replace("?s ", "s ").translate(_SEPARATORS).split())


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


def transliterated(text: str) -> bool:
    """Whether ``text`` has letters of a script other than Latin, so that its tokens are a
    transliteration (where the vowel skeleton is the fairer comparison)."""
    if text.isascii():
        return False
    return any(ord(ch) > _LATIN_END and ch.isalpha() for ch in text)


_LATIN_END = 0x024F  # end of Latin Extended-B
_REPEAT = re.compile(r"(.)\1+")
#: Spelling folds applied before vowels drop (Hebrew bet/vet, pe/fe; kh = k, q = k...).
_FOLDS = ["ph f", "p f", "v b", "q k", "c(?!h) k", "kh k", "gh g", "z s"]
_SKELETON_FOLDS = tuple((f[0], re.compile(f.split()[0]), f.split()[1]) for f in _FOLDS)
_NO_VOWELS = str.maketrans("", "", "aeiouyw")


def skeleton(text: str) -> str:
    """Vowel-light form of a name's words, for matching across scripts that omit vowels.

    Arabic, Persian and Hebrew write no short vowels, so a transliteration differs from
    the usual Latin spelling mostly by vowels (محمد -> "mhmd" vs "Mohammed"). The skeleton
    folds a few spelling pairs, drops vowels and the semi-vowels w/y, and squeezes
    doubled letters: both become "mhmd". Words are kept apart by spaces; join them for
    a compact form. Lossy by design: a secondary signal, never an identity.
    """
    return skeleton_of(tokenize(text))


def skeleton_of(words: Iterable[str]) -> str:
    """``skeleton`` of a name already tokenized (``tokenize``'s words)."""
    return " ".join(w for w in map(_skeleton_word, words) if w)


@lru_cache(maxsize=1 << 16)
def _skeleton_word(word: str) -> str:
    """Folds, vowels out, doubles squeezed, repeated until stable (so idempotent)."""
    before = ""
    while word != before:
        before = word
        word = _REPEAT.sub(r"\1", word.translate(_NO_VOWELS))  # vowels and w, y out
        for letter, pattern, repl in _SKELETON_FOLDS:
            if letter in word:  # each fold starts with its letter: nothing to do without it
                word = pattern.sub(repl, word)
    return word


_DOTTED = re.compile(r"\b[A-Za-z](?:\.[A-Za-z])+\b(?:\.(?![A-Za-z]))?")


def join_dotted_initials(text: str) -> str:
    """Write dotted abbreviations as one word: "U.A.E." -> "UAE", "P.O. Box" -> "PO Box",
    so that their letters are never read as words of their own (E = East)."""
    if "." not in text:
        return text
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)


def join_initials(tokens: list[str]) -> list[str]:
    """Join runs of two or more single-letter tokens: the letters of a dotted
    abbreviation ("U.A.E." -> "uae", "P.R. China" -> "pr china")."""
    out: list[str] = []
    run: list[str] = []
    for tok in [*tokens, ""]:
        if len(tok) == 1 and tok.isalpha():
            run.append(tok)
            continue
        out.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if tok:
            out.append(tok)
    return out
