"""screen_spark gives what screen batch gives, row for row, on real data and on bad rows."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from screen.cli import cli
from screen.errors import ListError, UsageError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ROWS, SEED = 5000, 20220516
#: Positions of the rows whose name is blanked: they must come out with an error.
EMPTY = (0, 17, 2500, 4999)


def _rows() -> list[dict[str, str]]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.bench_batch import build_rows

    rows = build_rows(ROWS, SEED)
    for i in EMPTY:
        rows[i]["name"] = ""
    return rows


@pytest.fixture(scope="module")
def real_rows(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(5,000 counterparty rows as CSV, the May 2022 CSL file), built as bench_batch does."""
    csl = real_data / "csl" / "csl_consolidated_2022-05_watchman.csv"
    path = tmp_path_factory.mktemp("spark") / "parties.csv"
    rows = _rows()
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path, csl


Key = tuple[str, str, float, str, str]


def _keys(frame: pd.DataFrame) -> list[Key]:
    """(row, entity_id, score, tier, reasons) sorted by row and rank; '' for no hit."""
    frame = frame.assign(rank=pd.to_numeric(frame["hit_rank"]).fillna(0))
    frame = frame.sort_values(["ref", "rank"], kind="stable")
    score = pd.to_numeric(frame["score"]).fillna(-1.0)
    cols = [
        frame["ref"],
        frame["entity_id"].fillna(""),
        score,
        frame["tier"].fillna(""),
        frame["reasons"].fillna(""),
    ]
    return list(zip(*cols, strict=True))


def test_spark_gives_the_results_of_batch(spark: Any, real_rows: tuple[Path, Path]) -> None:
    from screen.spark import screen_spark

    path, csl = real_rows
    result = CliRunner().invoke(
        cli, ["batch", str(path), "--list", str(csl), "--format", "csv", "--workers", "1"]
    )
    assert result.exit_code == 0, result.stderr
    batch = pd.read_csv(
        io.StringIO(result.stdout), dtype=str, keep_default_na=False, na_values=[""]
    )
    df = spark.read.csv(str(path), header=True, multiLine=True, escape='"').repartition(4)
    out = screen_spark(df, [str(csl)]).toPandas()

    assert _keys(out) == _keys(batch)
    assert list(out.columns) == list(batch.columns)
    first = out[out["hit_rank"].isna() | (out["hit_rank"] == 1)]
    assert len(first) == ROWS and first["ref"].is_unique  # rows in = rows out
    errors = first[first["error"].notna()]
    assert sorted(errors["ref"]) == [f"R{i:07d}" for i in EMPTY]
    assert set(errors["error"]) == {"no name"}
    assert out["hit_rank"].notna().sum() > 200  # the rows hit the list: not a vacuous match


def test_error_rows_are_kept_with_their_error(spark: Any) -> None:
    from screen.spark import screen_spark

    pdf = pd.DataFrame(
        {
            "name": ["Huawei Technologies Co Ltd", None, "  ", "Acme Widgets"],
            "id": ["a", "b", "c", "d"],
        }
    )
    out = screen_spark(spark.createDataFrame(pdf), [str(EXAMPLES / "entity_list_sample.csv")])
    rows = out.orderBy("id", "hit_rank").collect()
    assert [(r["id"], r["hit_rank"], r["entity_id"], r["error"]) for r in rows] == [
        ("a", 1, "EX-HUAWEI", None),
        ("b", None, None, "no name"),
        ("c", None, None, "no name"),
        ("d", None, None, None),
    ]


def test_columns_threshold_and_associates_pass_through(spark: Any) -> None:
    from screen.spark import screen_spark

    pdf = pd.read_csv(EXAMPLES / "parties.csv", dtype=str, keep_default_na=False)
    pdf = pdf.rename(columns={"name": "Vendor", "address": "Street"})
    df = spark.createDataFrame(pdf)
    lists = [str(EXAMPLES / "entity_list_sample.csv")]
    columns = {"name": "Vendor", "address": ["Street"]}
    out = screen_spark(
        df, lists, columns, associates=EXAMPLES / "associates.csv", threshold=0.9
    ).toPandas()

    from screen import open_screener, screen_frame

    screener = open_screener(lists, associates=EXAMPLES / "associates.csv")
    local = screen_frame(pdf, screener, columns=columns, threshold=0.9).reset_index(drop=True)
    assert out["entity_id"].fillna("").tolist() == local["entity_id"].fillna("").tolist()
    assert out["score"].fillna(-1).tolist() == local["score"].fillna(-1).tolist()
    assert set(out["tier"].dropna()) == {"match"}


def test_bad_arguments_fail_on_the_driver(spark: Any, tmp_path: Path) -> None:
    from screen.spark import screen_spark

    df = spark.createDataFrame(pd.DataFrame({"company": ["x"]}))
    lists = [str(EXAMPLES / "entity_list_sample.csv")]
    with pytest.raises(UsageError, match="does not record or apply cases yet"):
        screen_spark(df, lists, cases=tmp_path / "cases.db")
    with pytest.raises(UsageError, match="threshold 50 is not between 0 and 1"):
        screen_spark(df, lists, threshold=50)
    with pytest.raises(ListError, match="No snapshot named 'nope'"):
        screen_spark(df, ["nope"], store_dir=tmp_path)
    with pytest.raises(Exception, match="No name column found in the DataFrame"):
        screen_spark(spark.createDataFrame(pd.DataFrame({"x": ["y"]})), lists)
    with pytest.raises(UsageError, match="already has the output column"):
        screen_spark(spark.createDataFrame(pd.DataFrame({"name": ["y"], "score": [1]})), lists)


def test_stored_snapshot_by_name(spark: Any, tmp_path: Path) -> None:
    from screen.spark import screen_spark
    from screen.store import Store

    Store(tmp_path).import_file(EXAMPLES / "entity_list_sample.csv", name="sample")
    df = spark.createDataFrame(pd.DataFrame({"name": ["Hik Vision"]}))
    rows = screen_spark(df, ["sample"], store_dir=tmp_path).collect()
    assert [(r["entity_id"], r["tier"]) for r in rows] == [("EX-HIKVISION", "match")]
