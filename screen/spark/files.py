"""``screen batch --engine spark``: read CSV or Parquet, screen on Spark, write Parquet or CSV.

Spark writes a directory of part files, so OUT is a directory; it is written beside
itself under a temporary name and renamed into place only when the job succeeds,
and an existing OUT is never replaced.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
import uuid
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from screen.batch.run import Summary
from screen.batch.writers import HIT_COLUMNS
from screen.errors import InputError, ScreenError, UsageError
from screen.match.types import DEFAULT_THRESHOLD
from screen.spark.job import OUTPUT_COLUMNS, Columns, screen_spark, unmarked

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

#: Spark formats by suffix, for INPUT and OUT.
_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: Partitions per core: small enough tasks to balance, few enough to start cheaply.
PARTITIONS_PER_CORE = 3
_ROW = "_screen_row"
#: Spark puts the text of a malformed CSV row here (then the column is dropped).
_BAD = "_screen_malformed"


def screen_files(
    input_path: str,
    output: Path | str | None,
    *,
    lists: Sequence[str | Path] = (),
    store_dir: str | Path = "lists",
    associates: str | Path | None = None,
    columns: Columns | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    master: str | None = None,
    input_format: str | None = None,
    output_format: str | None = None,
    encoding: str = "utf-8",
) -> Summary:
    """Screen INPUT (CSV, TSV, JSON Lines or Parquet) on Spark into OUT; the summary.

    Output rows keep the input's order. ``master`` is used only when no SparkSession
    is running yet (``spark-submit`` makes one); ``None`` lets Spark decide.
    """
    if output is None:
        raise UsageError(
            "--engine spark needs --output OUT (Spark writes a directory).",
            "Add --output results.parquet (or results.csv).",
        )
    fmt_in = _format(input_path, input_format, "parquet" if _is_dir(input_path) else "csv")
    fmt_out = _format(str(output), output_format, "parquet")
    if fmt_out not in ("csv", "tsv", "jsonl", "parquet"):
        raise UsageError(
            f"--engine spark writes csv, tsv, jsonl or parquet, not {fmt_out}.",
            "Use --format csv, or an OUT ending in .parquet or .csv.",
        )
    _check_paths(input_path, str(output))
    started = time.perf_counter()
    with _session(master) as spark, _errors():
        df = _read(spark, input_path, fmt_in, encoding)
        screened = _screen(df, lists, columns, associates, threshold, store_dir)
        summary = _write(screened, str(output), fmt_out)
    summary.seconds = time.perf_counter() - started
    return summary


def _format(path: str, given: str | None, default: str) -> str:
    return given or _SUFFIXES.get(Path(path.rstrip("/")).suffix.lower(), default)


def _is_dir(path: str) -> bool:
    return "://" not in path and Path(path).is_dir()


def _check_paths(input_path: str, output: str) -> None:
    if input_path == "-":
        raise UsageError(
            "--engine spark reads files, not stdin.",
            "Save the input to a file (or a Parquet directory) first.",
        )
    if "://" not in input_path and not Path(input_path).exists():
        raise InputError(f"Input {input_path} does not exist.", "Check the path.")
    if "://" not in output and Path(output).exists():
        raise UsageError(
            f"Output {output} already exists; a Spark job never replaces it.",
            "Remove it, or choose another --output.",
        )


@contextmanager
def _session(master: str | None) -> Iterator[SparkSession]:
    """The running SparkSession, or a new one (stopped at the end) on ``master``."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError(
            "--engine spark needs pyspark, which is not installed.",
            "Install the extra: pip install 'screen[spark]' (and Java 17).",
        ) from None
    running = SparkSession.getActiveSession()
    if running is not None:
        yield running
        return
    if master and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers need screen too
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    builder = (
        SparkSession.builder.appName("screen batch")
        .config("spark.log.level", "ERROR")
        .config("spark.ui.showConsoleProgress", str(sys.stderr.isatty()).lower())
    )
    try:
        spark = (builder.master(master) if master else builder).getOrCreate()
    except Exception as err:  # no Java, a bad master URL: Spark's own words
        raise UsageError(
            f"Spark did not start (master {master or 'default'}): {err}",
            "Spark needs Java 17 (java on PATH or JAVA_HOME) and a valid "
            "--master such as local[2] or spark://HOST:7077.",
        ) from None
    try:
        yield spark
    finally:
        spark.stop()


@contextmanager
def _errors() -> Iterator[None]:
    """An executor's ScreenError, raised again on the driver as itself."""
    try:
        yield
    except ScreenError:
        raise
    except Exception as err:
        again = unmarked(err)
        if again is None:
            raise
        raise again from None


def _read(spark: SparkSession, path: str, fmt: str, encoding: str) -> DataFrame:
    """INPUT as a DataFrame; CSV/TSV all text, a malformed row flagged in ``_BAD``."""
    from pyspark.sql.types import StringType, StructField, StructType

    reader = spark.read
    if fmt == "parquet":
        return reader.parquet(path)
    if fmt == "jsonl":
        return reader.option("encoding", encoding).json(path)
    options = {
        "header": "true",
        "multiLine": "true",
        "escape": '"',
        "encoding": encoding,
        "sep": "\t" if fmt == "tsv" else ",",
    }
    names = spark.read.options(**options).csv(path).columns  # the header
    fields = [StructField(name, StringType()) for name in [*names, _BAD]]
    return (
        spark.read.options(**options, mode="PERMISSIVE", columnNameOfCorruptRecord=_BAD)
        .schema(StructType(fields))
        .csv(path)
    )


def _malformed(df: DataFrame) -> DataFrame:
    """A malformed CSV row keeps one output row, no hits and an error, as in batch."""
    from pyspark.sql import functions as F

    if _BAD not in df.columns:
        return df
    bad = F.col(_BAD).isNotNull()
    inputs = [c for c in df.columns if c not in (*OUTPUT_COLUMNS, _BAD)]
    one = df.where(~bad | F.col("hit_rank").isNull() | (F.col("hit_rank") == 1))
    hits = [F.when(bad, F.lit(None)).otherwise(F.col(c)).alias(c) for c in HIT_COLUMNS]
    fields = len(inputs) - (_ROW in inputs)
    error = F.concat(
        F.lit(f"malformed row (expected {fields} fields): "), F.substring(F.col(_BAD), 1, 80)
    )
    return one.select(*inputs, *hits, F.when(bad, error).otherwise(F.col("error")).alias("error"))


def _screen(
    df: DataFrame,
    lists: Sequence[str | Path],
    columns: Columns | None,
    associates: str | Path | None,
    threshold: float,
    store_dir: str | Path,
) -> DataFrame:
    """Screen on about PARTITIONS_PER_CORE partitions per core, rows in input order."""
    from pyspark.sql import functions as F

    target = PARTITIONS_PER_CORE * df.sparkSession.sparkContext.defaultParallelism
    if df.rdd.getNumPartitions() >= target:
        return _malformed(
            screen_spark(
                df, lists, columns, associates=associates, threshold=threshold, store_dir=store_dir
            )
        )
    spread = df.withColumn(_ROW, F.monotonically_increasing_id()).repartition(target)
    out = screen_spark(
        spread, lists, columns, associates=associates, threshold=threshold, store_dir=store_dir
    )
    return _malformed(out).orderBy(_ROW, "hit_rank").drop(_ROW)


def _write(df: DataFrame, output: str, fmt: str) -> Summary:
    local = "://" not in output
    target = f"{output.rstrip('/')}.tmp-{uuid.uuid4().hex[:8]}" if local else output
    writer = df.write.mode("errorifexists")
    try:
        if fmt == "parquet":
            writer.parquet(target)
        elif fmt == "jsonl":
            writer.json(target)
        else:
            writer.csv(target, header=True, escape='"', sep="\t" if fmt == "tsv" else ",")
        summary = _summary(df.sparkSession, target, fmt)
        if local:
            os.rename(target, output)
    finally:
        if local:
            shutil.rmtree(target, ignore_errors=True)
    return summary


def _summary(spark: SparkSession, path: str, fmt: str) -> Summary:
    """Count rows, rows by strongest tier and rows with errors, from the written output."""
    from pyspark.sql import functions as F

    reader = spark.read
    if fmt == "parquet":
        out = reader.parquet(path)
    elif fmt == "jsonl":
        out = reader.json(path)
    else:
        out = reader.csv(
            path, header=True, multiLine=True, escape='"', sep="\t" if fmt == "tsv" else ","
        )
    first = out.where(F.col("hit_rank").isNull() | (F.col("hit_rank") == 1))
    counts = (
        first.groupBy("tier")
        .agg(F.count(F.lit(1)).alias("rows"), F.count("error").alias("errors"))
        .collect()
    )
    summary = Summary()
    for row in counts:
        summary.rows += row["rows"]
        summary.errors += row["errors"]
        if row["tier"] is not None:
            summary.by_tier[row["tier"]] = summary.by_tier.get(row["tier"], 0) + row["rows"]
    return summary


def column_spec(
    name: str | None, address: Sequence[str], country: str | None, officers: str | None
) -> Mapping[str, str | Sequence[str]] | None:
    """The ``columns`` mapping of the ``--*-column`` options (None: find by common names)."""
    given = {
        "name": name,
        "address": list(address) or None,
        "country": country,
        "officers": officers,
    }
    spec = {role: value for role, value in given.items() if value}
    return spec or None
