"""Derived tables cached between runs: read back equal, derived again when damaged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from screen.match import derived, russian


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SCREEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / ".tables"


def _counting(calls: list[int], value: Any) -> Any:
    def build() -> Any:
        calls.append(1)
        return value

    return build


def test_a_table_is_derived_once_then_read_from_the_cache(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.tsv"
    source.write_text("a\tb\n", encoding="utf-8")
    calls: list[int] = []
    build = _counting(calls, {"a": ["b"]})
    first = derived.load("t", [source], build, lambda raw: raw["a"])
    second = derived.load("t", [source], build, lambda raw: raw["a"])
    assert (first, second, len(calls)) == (["b"], ["b"], 1)
    [file] = cache.iterdir()
    assert json.loads(file.read_text(encoding="utf-8")) == {"a": ["b"]}
    source.write_text("a\tc\n", encoding="utf-8")  # a changed input is a new key
    derived.load("t", [source], build, lambda raw: raw["a"])
    assert len(calls) == 2 and len(list(cache.iterdir())) == 2


@pytest.mark.parametrize("damage", ["{not json", '{"b": 1}', "[]"])
def test_a_damaged_cache_file_is_derived_again(cache: Path, tmp_path: Path, damage: str) -> None:
    source = tmp_path / "words.tsv"
    source.write_text("x", encoding="utf-8")
    path = derived.cache_file("t", [source])
    path.parent.mkdir(parents=True)
    path.write_text(damage, encoding="utf-8")
    calls: list[int] = []
    got = derived.load("t", [source], _counting(calls, {"a": 1}), lambda raw: raw["a"])
    assert (got, len(calls)) == (1, 1)
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": 1}  # and repaired


def test_an_unwritable_cache_derives_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SCREEN_CACHE_DIR", str(blocker / "cache"))  # under a file
    source = tmp_path / "words.tsv"
    source.write_text("x", encoding="utf-8")
    calls: list[int] = []
    for _ in range(2):
        assert derived.load("t", [source], _counting(calls, [7]), lambda raw: raw[0]) == 7
    assert len(calls) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "words.tsv"]


def test_the_russian_tables_read_back_equal_to_a_fresh_derivation(cache: Path) -> None:
    fresh = russian._decode(russian._derive())
    cached = derived.load("russian", russian._INPUTS, russian._derive, russian._decode)
    again = derived.load("russian", russian._INPUTS, russian._derive, russian._decode)
    assert fresh == cached == again
    assert list(fresh.words) == list(again.words)  # and in the same order
    assert (fresh.words, fresh.markers) == (russian.RUSSIAN_WORDS, russian.RUSSIAN_MARKERS)


def test_an_edited_data_file_is_a_new_cache_key(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from screen.match import tables

    before = derived.cache_file("russian", russian._INPUTS)
    copy = tmp_path / "data"
    shutil.copytree(tables.DATA_DIR, copy)
    monkeypatch.setattr(tables, "DATA_DIR", copy)
    tables.data_digest.cache_clear()
    try:
        with (copy / "russian_words.tsv").open("a", encoding="utf-8") as fh:
            fh.write("завод\tn\tplant\n")
        assert derived.cache_file("russian", russian._INPUTS) != before
    finally:
        tables.data_digest.cache_clear()
