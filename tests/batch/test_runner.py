"""Screening chunks: same results whatever workers/chunk size; screen_frame."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest

from screen.batch import InputReader, Result, run_batch, screen_frame
from screen.batch.writers import JsonLinesWriter

PARTIES = [
    ("Huawei Technologies Co Ltd", "Bantian, Longgang District, Shenzhen", "CN"),
    ("Hik Vision", "No. 555 Qianmo Road, Hangzhou", "CN"),
    ("Siemens AG", "Werner-von-Siemens-Str. 1, Munich", "DE"),
    ("Nettrix Information Industry Co., Ltd.", "No. 15 Haitai Huake St, Tianjin", "CN"),
    ("", "nameless", "US"),
    ("Acme Widgets Ltd", "12 Mill Lane, Leeds", "GB"),
]


def _csv(n: int) -> bytes:
    lines = ["name,address,country,ref"]
    for i in range(n):
        name, address, country = PARTIES[i % len(PARTIES)]
        lines.append(f'"{name}","{address}",{country},r{i}')
    return ("\n".join(lines) + "\n").encode()


def _jsonl(screener: Any, data: bytes, workers: int, chunk_size: int) -> str:
    out = io.StringIO()
    reader = InputReader("-", stdin=io.BytesIO(data))
    summary = run_batch(
        reader, JsonLinesWriter(out), screener, workers=workers, chunk_size=chunk_size
    )
    assert summary.rows == data.count(b"\n") - 1
    return out.getvalue()


def test_identical_across_workers_and_chunk_sizes(screener: Any) -> None:
    data = _csv(60)
    baseline = _jsonl(screener, data, 1, 1000)
    assert baseline.count("\n") == 60
    assert '"tier": "match"' in baseline
    for workers, chunk_size in ((2, 7), (2, 1), (3, 25), (1, 4)):
        assert _jsonl(screener, data, workers, chunk_size) == baseline, (workers, chunk_size)


def test_the_gc_is_frozen_while_a_pool_screens_and_thawed_after(screener: Any) -> None:
    import gc

    from screen.batch.runner import screen_chunks

    reader = InputReader("-", stdin=io.BytesIO(_csv(12)))

    def reader_again() -> Any:
        return InputReader("-", stdin=io.BytesIO(_csv(12))).chunks(4)

    frozen = []
    results = screen_chunks(reader.chunks(4), screener, workers=2)
    for _chunk in results:  # the parent's full collections skip the index meanwhile
        frozen.append(gc.get_freeze_count())
    assert len(frozen) == 3 and min(frozen) > 0
    assert gc.get_freeze_count() == 0
    results = screen_chunks(reader_again(), screener, workers=2)
    next(results)
    results.close()  # a consumer that stops early (a closed pipe) thaws it too
    assert gc.get_freeze_count() == 0


def test_summary_counts_best_tier_and_errors(screener: Any) -> None:
    reader = InputReader("-", stdin=io.BytesIO(_csv(6)))
    seen: list[Result] = []

    class Collect(JsonLinesWriter):
        def write(self, results: Any) -> None:
            seen.extend(results)

    summary = run_batch(reader, Collect(io.StringIO()), screener)
    assert summary.rows == 6 and summary.errors == 1
    assert summary.by_tier["match"] == 3 and summary.rows_with_hits == 3
    assert summary.reached("review") and summary.reached("match")
    assert "Screened 6 rows" in summary.text() and "NOT screened" in summary.text()


@pytest.mark.parametrize("workers", [1, 2])
def test_screen_frame(screener: Any, workers: int) -> None:
    df = pd.DataFrame(
        {
            "Company": ["Hik Vision", "Acme Widgets Ltd", None],
            "city": ["Hangzhou", "Leeds", "Paris"],
        },
        index=["a", "b", "c"],
    )
    out = screen_frame(df, screener, {"name": "Company", "address": "city"}, workers=workers)
    assert list(out.columns) == [
        "Company",
        "city",
        "hit_rank",
        "entity_id",
        "listed_name",
        "matched_name",
        "source",
        "score",
        "tier",
        "reasons",
        "list",
        "federal_register_notice",
        "start_date",
        "license_requirement",
        "license_policy",
        "error",
    ]
    assert list(out.index) == ["a", "b", "c"]
    assert out.loc["a", "listed_name"] == "Hangzhou Hikvision Digital Technology Co. Ltd."
    assert out.loc["a", "hit_rank"] == 1 and out.loc["a", "score"] == 100.0
    assert pd.isna(out.loc["b", "hit_rank"]) and pd.isna(out.loc["b", "error"])
    assert out.loc["c", "error"] == "row 2: no name"


def test_screen_frame_finds_name_column_itself(screener: Any) -> None:
    out = screen_frame(pd.DataFrame({"counterparty": ["Huawei"]}), screener)
    assert out["tier"].tolist() == ["match"]
