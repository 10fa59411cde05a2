"""The word tables are data files under screen/match/data/, well formed and loaded."""

from __future__ import annotations

import pytest

from screen.match import vocab
from screen.match.text import tokenize

DATA_FILES = sorted(p.name for p in vocab.DATA_DIR.glob("*.tsv"))


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_names_what_it_holds(name: str) -> None:
    text = (vocab.DATA_DIR / name).read_text(encoding="utf-8")
    assert text.startswith("# "), f"{name}: no header comment"
    rows = vocab.read_rows(name)
    assert rows and all(all(col.strip() == col and col for col in row) for row in rows)


def test_legal_forms_are_written_as_tokens() -> None:
    assert len(set(vocab.LEGAL_FORMS)) == len(vocab.LEGAL_FORMS)
    for form in vocab.LEGAL_FORMS:
        assert tuple(tokenize(" ".join(form))) == form


def test_word_tables_are_tokens() -> None:
    for table in (vocab.ABBREVIATIONS, vocab.PINYIN_WORDS, vocab.TRANSLIT_WORDS):
        for word in table:
            assert tokenize(word) == [word]
    assert vocab.PINYIN_WORDS["keji"] == ("science", "technology")
    assert vocab.ABBREVIATIONS["intl"] == "international"
    assert "road" in vocab.STREET_TYPES and "floor" in vocab.UNIT_WORDS


def test_tables_are_package_data() -> None:
    from importlib.resources import files

    assert files("screen.match").joinpath("data/legal_forms.tsv").is_file()
