"""Bounded work: huge cells, names and words cost about what a normal row costs.

Memory is asserted with tracemalloc (deterministic, unlike time): before the caps
of ``screen/match/limits.py`` a 40,000-letter word in a list built a 1.5 GB index and
a 10 MB name took 2.8 GB to import. Time is measured in ``bench/bench_hostile.py``.
"""

from __future__ import annotations

import json
import random
import string
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from screen.match.limits import NAME_CHARS, TYPO_TOKEN_CHARS, capped, typo_ok

from .conftest import LIST, batch, rows, screen

_LETTERS = bytes(ord(string.ascii_lowercase[i % 26]) for i in range(256))


def letters(n: int, seed: int = 11) -> str:
    """Random letters (a repeated letter would have a single one-letter deletion)."""
    return random.Random(seed).randbytes(n).translate(_LETTERS).decode("ascii")


def words(total: int, seed: int = 5) -> str:
    """About ``total`` characters of random 8-letter words."""
    text = letters(total, seed)
    return " ".join(text[i : i + 8] for i in range(0, total - 8, 9))


def peak_mb(func: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_a_2_mb_cell_is_screened_and_the_rows_after_it_too(tmp: Path) -> None:
    big = words(2_000_000)
    path = tmp / "big.csv"
    path.write_text(f"name,country\nAcme Ltd,GB\n{big},CN\nZzyzx Plumbing,US\n")
    out: list[Any] = []
    peak = peak_mb(lambda: out.append(batch(path)))
    assert rows(out[0]) == [(2, "Acme Ltd", None), (3, big, None), (4, "Zzyzx Plumbing", None)]
    assert peak < 60  # the input is 2 MB; kept whole in the row and in the output


def test_a_50000_letter_check_name_is_kept_whole_in_the_report() -> None:
    name = letters(50_000)
    out: list[Any] = []
    peak = peak_mb(
        lambda: out.append(screen("check", name, "--list", str(LIST), "--format", "json"))
    )
    assert out[0].code == 0
    assert json.loads(out[0].out)["query"]["name"] == name
    assert peak < 60


def test_a_40000_letter_word_in_a_list_file_builds_a_small_index(tmp: Path) -> None:
    word = letters(40_000, 3)
    path = tmp / "list.csv"
    path.write_text(
        "name,country\n" + "".join(f"Company {i} Trading,US\n" for i in range(50)) + f"{word},CN\n"
    )
    out: list[Any] = []
    peak = peak_mb(
        lambda: out.append(
            screen("check", "Company 7 Trading", "--list", str(path), "--format", "json")
        )
    )
    assert out[0].code == 0
    assert peak < 100  # 1.6 GB before: every one-letter deletion of the word


def test_a_10_mb_name_in_a_list_file_is_imported(tmp: Path) -> None:
    big = words(10_000_000)
    path = tmp / "list.json"
    path.write_text(
        json.dumps(
            {
                "results": [
                    {"name": "Acme Evil", "source": "X", "_id": "1"},
                    {"name": big, "source": "X", "_id": "2"},
                ]
            }
        )
    )
    run = screen("lists", "import", str(path), "--name", "big", "--store", str(tmp / "s"))
    assert (run.code, run.out) == (
        0,
        f"Stored snapshot big: 2 entries, list date {_today()}, format csl-json.\n",
    )


def _today() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).date().isoformat()


def test_caps_are_applied_and_documented() -> None:
    text = letters(NAME_CHARS * 3)
    assert len(capped(text, NAME_CHARS)) == NAME_CHARS
    assert capped("short name", NAME_CHARS) == "short name"
    words = ("abcdefghi " * 500).strip()
    assert capped(words, NAME_CHARS).endswith("abcdefghi")  # cut at a space
    assert typo_ok("x" * TYPO_TOKEN_CHARS) and not typo_ok("x" * (TYPO_TOKEN_CHARS + 1))


def test_the_table_format_shows_a_huge_name_cut_the_others_keep_it(tmp: Path) -> None:
    big = words(2_000_000)
    path = tmp / "big.csv"
    path.write_text(f"name\n{big}\n")
    run = screen("batch", str(path), "--list", str(LIST), "--format", "table")
    assert run.code == 0
    assert f"({len(big):,}"[:6] in run.out and "characters)" in run.out
    assert len(run.out) < 20_000  # folding 2 MB into a column took 16 s and 9 MB
