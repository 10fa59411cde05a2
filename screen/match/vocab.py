"""Word tables for company names and addresses, read once from ``screen/match/data/``.

Tables, not code: add a row to a data file to teach the matcher a new variant. Each
file opens with ``#`` lines naming what it holds and its source; then one row per
line, columns separated by a tab. The Python names and types below are the interface.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(name: str) -> list[list[str]]:
    """Rows of one data file: comment and blank lines skipped, columns split on tabs."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(row[0] for row in read_rows(name))


def _mapping(name: str) -> dict[str, str]:
    return {row[0]: row[1] for row in read_rows(name)}


def _phrases(name: str) -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row[1].split()) for row in read_rows(name)}


#: Legal forms, as token sequences after tokenizing. Longest first when matching.
LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(row[0].split()) for row in read_rows("legal_forms.tsv")
)
#: Stop words that carry no identity in a company name.
STOP_WORDS: frozenset[str] = _words("stop_words.tsv")
#: Abbreviations and plurals to one canonical word.
ABBREVIATIONS: dict[str, str] = _mapping("abbreviations.tsv")
#: Pinyin company vocabulary to English words (after two-syllable grouping).
PINYIN_WORDS: dict[str, tuple[str, ...]] = _phrases("pinyin_words.tsv")
#: Transliterated Russian (and Turkish) company words to English, as for pinyin.
TRANSLIT_WORDS: dict[str, tuple[str, ...]] = _phrases("translit_words.tsv")
#: Pinyin (and transliterated) address words to English.
ADDRESS_WORDS: dict[str, str] = _mapping("address_words.tsv")
#: Address words that mark a number as a house number (not a floor, room or unit).
STREET_TYPES: frozenset[str] = _words("street_types.tsv")
#: Address words that mark a number as a unit inside a building.
UNIT_WORDS: frozenset[str] = _words("unit_words.tsv")
#: Address words that, after a number, make it a floor ("3rd Floor").
FLOOR_WORDS: frozenset[str] = _words("floor_words.tsv")
#: Filler words in addresses.
ADDRESS_FILLER: frozenset[str] = _words("address_filler.tsv")
#: Direction words skipped when naming a street ("Dongbeiwang West Road" -> dongbeiwang road).
DIRECTIONS: frozenset[str] = _words("directions.tsv")

#: Short spellings of legal-form words, folded before legal forms are recognised, so that
#: "Joint Stock Co" and "Co., Limited" are the legal forms they abbreviate.
LEGAL_ABBREVIATIONS: dict[str, str] = _mapping("legal_abbreviations.tsv")

#: Generic words of company names (English business vocabulary): never a family's name,
#: however rare in a list.
GENERIC_WORDS: frozenset[str] = frozenset(
    line.strip()
    for line in (DATA_DIR / "generic_words.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
