"""Word tables for company names and addresses, read once from ``screen/match/data/``.

Tables, not code: add a row to a data file to teach the matcher a new variant. Each
file opens with ``#`` lines naming what it holds and its source; then one row per
line, columns separated by a tab. The Python names and types below are the interface.
"""

from __future__ import annotations

from screen.match.russian import RUSSIAN_ABBREVIATIONS, RUSSIAN_LEGAL_FORMS, RUSSIAN_WORDS
from screen.match.tables import DATA_DIR as DATA_DIR
from screen.match.tables import read_rows as read_rows


def _words(name: str) -> frozenset[str]:
    return frozenset(row[0] for row in read_rows(name))


def _mapping(name: str) -> dict[str, str]:
    return {row[0]: row[1] for row in read_rows(name)}


def _phrases(name: str) -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row[1].split()) for row in read_rows(name)}


#: Legal forms, as token sequences after tokenizing (the Russian ones in every spelling).
LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    dict.fromkeys(
        (*(tuple(row[0].split()) for row in read_rows("legal_forms.tsv")), *RUSSIAN_LEGAL_FORMS)
    )
)
#: Stop words that carry no identity in a company name.
STOP_WORDS: frozenset[str] = _words("stop_words.tsv")
#: Abbreviations and plurals to one canonical word.
ABBREVIATIONS: dict[str, str] = _mapping("abbreviations.tsv")
#: Pinyin company vocabulary to English words (after two-syllable grouping).
PINYIN_WORDS: dict[str, tuple[str, ...]] = _phrases("pinyin_words.tsv")
#: Transliterated Russian (every case and spelling) and Turkish company words to English,
#: as for pinyin; the English as the abbreviation table writes it (industrial = industry).
TRANSLIT_WORDS: dict[str, tuple[str, ...]] = {
    word: tuple(ABBREVIATIONS.get(w, w) for w in english)
    for word, english in {**RUSSIAN_WORDS, **_phrases("translit_words.tsv")}.items()
}
#: The hand-made rows of TRANSLIT_WORDS (translit_words.tsv), whose English is generic.
HAND_TRANSLIT_WORDS: dict[str, tuple[str, ...]] = _phrases("translit_words.tsv")
#: English phrases read as the Russian abbreviation they stand for, longest first:
#: "design bureau" = kb, "scientific research institute" = nii.
PHRASE_ABBREVIATIONS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        (
            (tuple(ABBREVIATIONS.get(w, w) for w in phrase), abbr)
            for abbr, phrase in RUSSIAN_ABBREVIATIONS
        ),
        key=lambda row: -len(row[0]),
    )
)
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

#: Generic company words: the vocabulary tables' English words and keys. The English of
#: the Russian tables is not made generic by them (it names trades: "Navigation",
#: "Ceramic"); their business words are in generic_words.txt.
GENERIC: frozenset[str] = (
    GENERIC_WORDS
    | frozenset(ABBREVIATIONS)
    | frozenset(ABBREVIATIONS.values())
    | frozenset(
        w for words in (*PINYIN_WORDS.values(), *HAND_TRANSLIT_WORDS.values()) for w in words
    )
    | frozenset(PINYIN_WORDS)
    | frozenset(TRANSLIT_WORDS)
    | frozenset(abbr for _, abbr in PHRASE_ABBREVIATIONS)
)
