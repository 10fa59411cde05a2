"""``screen batch --engine spark``: files in, a Parquet or CSV directory out, batch's results."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from screen.cli import cli
from screen.errors import ListError
from screen.spark import OUTPUT_COLUMNS, ship
from screen.spark.files import _errors

ROOT = Path(__file__).resolve().parents[2]
PARTIES = ROOT / "examples" / "parties.csv"
SAMPLE = ROOT / "examples" / "entity_list_sample.csv"
SUMMARY = re.compile(
    r"Screened 15 rows in [\d.]+ s \([\d,]+ rows/s\): 5 with hits \(match 4, "
    r"strong link 1, review 0\), 0 with errors\.\n"
)


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["batch", *args])


def _local(*args: str) -> pd.DataFrame:
    result = _run(str(PARTIES), "--list", str(SAMPLE), "--format", "csv", *args)
    assert result.exit_code == 0
    return pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)


def _parts(out: Path) -> pd.DataFrame:
    parts = sorted(out.glob("part-*.csv"))
    return pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in parts])


def test_parquet_out_has_batch_results_in_input_order(spark: Any, tmp_path: Path) -> None:
    out = tmp_path / "results.parquet"
    result = _run(
        str(PARTIES),
        "--list",
        str(SAMPLE),
        "--engine",
        "spark",
        "--output",
        str(out),
        "--associates",
        str(ROOT / "examples" / "associates.csv"),
    )
    assert (result.exit_code, result.stdout) == (0, "")
    assert SUMMARY.fullmatch(result.stderr)
    got = pd.read_parquet(out)
    want = _local("--associates", str(ROOT / "examples" / "associates.csv"))
    assert list(got.columns) == list(want.columns)
    assert got["customer_id"].tolist() == want["customer_id"].tolist()
    assert got["entity_id"].fillna("").tolist() == want["entity_id"].tolist()
    assert got["reasons"].fillna("").tolist() == want["reasons"].tolist()
    assert not list(tmp_path.glob("*.tmp-*"))  # the temporary directory was renamed


def test_csv_out_and_fail_on_hit(spark: Any, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    result = _run(
        str(PARTIES),
        "--list",
        str(SAMPLE),
        "--engine",
        "spark",
        "--output",
        str(out),
        "--fail-on-hit",
        "match",
        "--name-column",
        "name",
    )
    assert result.exit_code == 1 and SUMMARY.fullmatch(result.stderr)
    got, want = _parts(out), _local()
    assert got["entity_id"].tolist() == want["entity_id"].tolist()
    assert got["tier"].tolist() == want["tier"].tolist()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            [],
            2,
            "Error: --engine spark needs --output OUT (Spark writes a directory).\n"
            "Hint: Add --output results.parquet (or results.csv).\n",
        ),
        (
            ["--output", "{tmp}/old"],
            2,
            "Error: Output {tmp}/old already exists; a Spark job never "
            "replaces it.\nHint: Remove it, or choose another --output.\n",
        ),
        (
            ["--output", "{tmp}/o.json", "--format", "json"],
            2,
            "Error: --engine spark writes csv, tsv, jsonl or parquet, not json.\n"
            "Hint: Use --format csv, or an OUT ending in .parquet or .csv.\n",
        ),
    ],
)
def test_usage_errors(args: list[str], code: int, message: str, tmp_path: Path) -> None:
    args = [a.format(tmp=tmp_path) for a in args]
    (tmp_path / "old").write_text("results of another run\n", encoding="utf-8")
    result = _run(str(PARTIES), "--list", str(SAMPLE), "--engine", "spark", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (
        code,
        "",
        message.format(tmp=tmp_path),
    )


def test_missing_input_and_unknown_list(spark: Any, tmp_path: Path) -> None:
    result = _run(
        str(tmp_path / "nope.csv"), "--engine", "spark", "--output", str(tmp_path / "o.parquet")
    )
    assert (result.exit_code, result.stderr) == (
        3,
        f"Error: Input {tmp_path / 'nope.csv'} does not exist.\nHint: Check the path.\n",
    )
    result = _run(
        str(PARTIES),
        "--list",
        "csl-1999",
        "--store",
        str(tmp_path),
        "--engine",
        "spark",
        "--output",
        str(tmp_path / "o.parquet"),
    )
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: No snapshot named 'csl-1999' in the store {tmp_path}")
    result = _run("-", "--engine", "spark", "--output", str(tmp_path / "o.parquet"))
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --engine spark reads files, not stdin.\n"
        "Hint: Save the input to a file (or a Parquet directory) first.\n",
    )


def test_lists_missing_on_an_executor_give_a_list_error(spark: Any) -> None:
    from screen.spark.job import _Batches, _Job, _output_schema

    df = spark.createDataFrame(pd.DataFrame({"name": ["Hik Vision"]}))
    shipped = ship.Shipped("screen-lists-00000000deadbeef.zip", "deadbeef", ("csl-2022-05",))
    job = _Job(shipped, None, 0.5, ())
    with pytest.raises(ListError) as err, _errors():
        df.mapInPandas(_Batches(job), _output_schema(df.schema)).collect()
    assert err.value.message.startswith(
        "The lists csl-2022-05 (archive screen-lists-00000000deadbeef.zip) are not on this "
        "executor: "
    )


def test_each_worker_opens_the_lists_once_for_many_batches(spark: Any) -> None:
    from screen.spark import screen_spark

    names = [f"Company {i}" if i % 7 else "Hik Vision" for i in range(60)]
    df = spark.createDataFrame(pd.DataFrame({"name": names})).repartition(3)
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "5")  # 12+ batches
    try:
        out = screen_spark(df, [str(SAMPLE)])
        assert out.where("hit_rank = 1").count() == 9
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    digest = ship.prepare([str(SAMPLE)], Path("lists"), None)[1].digest

    def opens(batches: Any) -> Any:
        from screen.spark import ship as executor_ship

        for _ in batches:
            yield pd.DataFrame(
                {"pid": [os.getpid()], "opens": [executor_ship.OPENED.get(digest, 0)]}
            )

    seen = spark.range(0, 6, numPartitions=6).mapInPandas(opens, "pid long, opens long")
    counts = {r["pid"]: r["opens"] for r in seen.collect()}
    assert max(counts.values()) == 1  # opened in a worker, and only once per worker


def test_example_script_runs(
    spark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import spark_screen
    finally:
        sys.path.remove(str(ROOT / "examples"))
    out = tmp_path / "screened.parquet"
    assert spark_screen.main([str(PARTIES), str(out), "--list", str(SAMPLE)]) == 0
    assert capsys.readouterr().out == (
        f"screened into {out}: rows with hits by strongest tier "
        "{'match': 4, 'strong link': 1}, 0 rows with errors\n"
    )
    assert len(pd.read_parquet(out)) == 15


@pytest.mark.skipif(
    os.environ.get("SCREEN_SPARK_SUBMIT") != "1",
    reason="starts a second JVM (~20 s): set SCREEN_SPARK_SUBMIT=1 to run",
)
def test_example_runs_under_spark_submit(spark: Any, tmp_path: Path) -> None:
    import pyspark

    submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    out = tmp_path / "screened.parquet"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    done = subprocess.run(
        [
            str(submit),
            "--master",
            "local[2]",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            str(ROOT / "examples" / "spark_screen.py"),
            str(PARTIES),
            str(out),
            "--list",
            str(SAMPLE),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "{'match': 4, 'strong link': 1}, 0 rows with errors" in done.stdout


def test_malformed_csv_rows_keep_one_row_with_an_error(spark: Any, tmp_path: Path) -> None:
    parties = tmp_path / "parties.csv"
    parties.write_text(
        "name,country,ref\nHuawei Technologies Co Ltd,CN,a\n"
        "Huawei Technologies,CN,b,extra\nAcme Widgets,GB,c\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.parquet"
    result = _run(str(parties), "--list", str(SAMPLE), "--engine", "spark", "--output", str(out))
    assert result.exit_code == 0
    assert "3 rows" in result.stderr and "1 with errors" in result.stderr
    got = pd.read_parquet(out)
    assert list(got.columns) == ["name", "country", "ref", *OUTPUT_COLUMNS]
    got = got[["ref", "entity_id", "error"]].fillna("")
    assert list(got.itertuples(index=False, name=None)) == [
        ("a", "EX-HUAWEI", ""),
        ("b", "", "malformed row (expected 3 fields): Huawei Technologies,CN,b,extra"),
        ("c", "", ""),
    ]
