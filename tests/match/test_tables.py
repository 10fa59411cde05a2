"""The word tables' digest keys the index: other tables, another index file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screen.match import tables
from screen.match.index import index_file_name, index_key


def test_an_edited_word_table_names_another_index_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = {"entries_sha256": "x"}
    before = index_file_name(index_key(source))
    copy = tmp_path / "data"
    shutil.copytree(tables.DATA_DIR, copy)
    monkeypatch.setattr(tables, "DATA_DIR", copy)
    tables.data_digest.cache_clear()
    try:
        assert index_file_name(index_key(source)) == before  # same bytes, same file
        tables.data_digest.cache_clear()
        with (copy / "person_spelling.tsv").open("a", encoding="utf-8") as fh:
            fh.write("q\tk\tone more fold\n")
        assert index_file_name(index_key(source)) != before
    finally:
        tables.data_digest.cache_clear()
