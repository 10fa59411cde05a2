"""Screen a table of counterparties on a Spark cluster: a ``spark-submit`` job.

    spark-submit --master yarn examples/spark_screen.py \\
        s3a://bucket/parties/ s3a://bucket/screened/ --list csl.csv

    spark-submit --master 'local[2]' examples/spark_screen.py \\
        examples/parties.csv /tmp/screened.parquet --list examples/entity_list_sample.csv

INPUT is CSV (with a header) or Parquet (by its suffix, or ``--input-format``); OUT
is written as Parquet (or CSV when it ends in ``.csv``), one row per (row, hit) and
one per row without hits, with the columns of ``screen batch --format csv``.
``--list`` takes list files on the driver or stored snapshot names (``--store``);
``screen`` ships them to the executors itself. The master comes from
``spark-submit``; nothing here depends on the cluster. The executors need
``screen`` installed (a cluster library, or ``--archives`` of a virtualenv).
"""

from __future__ import annotations

import argparse
import sys

from pyspark.sql import DataFrame, SparkSession

from screen import ScreenError
from screen.spark import screen_spark


def read(spark: SparkSession, path: str, fmt: str | None) -> DataFrame:
    """CSV (RFC 4180 quoting, cells may span lines) or Parquet."""
    if (fmt or ("csv" if path.rstrip("/").endswith(".csv") else "parquet")) == "parquet":
        return spark.read.parquet(path)
    return spark.read.csv(path, header=True, multiLine=True, escape='"')


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, screen INPUT into OUT, print what was found."""
    p = argparse.ArgumentParser(description="Screen counterparties on Spark.")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--list", dest="lists", action="append", default=[])
    p.add_argument("--store", default="lists", help="snapshot store on the driver")
    p.add_argument("--associates")
    p.add_argument("--threshold", type=float, default=50, help="0-100")
    p.add_argument("--input-format", choices=("csv", "parquet"))
    p.add_argument("--partitions", type=int, help="default: 3 per core")
    args = p.parse_args(argv)

    spark = SparkSession.builder.appName("screen").getOrCreate()
    df = read(spark, args.input, args.input_format)
    df = df.repartition(args.partitions or 3 * spark.sparkContext.defaultParallelism)
    try:
        hits = screen_spark(
            df,
            args.lists,
            associates=args.associates,
            threshold=args.threshold / 100,
            store_dir=args.store,
        )
    except ScreenError as err:
        print(f"Error: {err}", file=sys.stderr)
        return err.exit_code
    as_csv = args.output.rstrip("/").endswith(".csv")
    if as_csv:
        hits.write.mode("errorifexists").csv(args.output, header=True, escape='"')
    else:
        hits.write.mode("errorifexists").parquet(args.output)
    out = read(spark, args.output, "csv" if as_csv else "parquet")
    tiers = out.where("hit_rank = 1").groupBy("tier").count().collect()
    errors = out.where("error IS NOT NULL").count()
    print(
        f"screened into {args.output}: rows with hits by strongest tier "
        f"{ {r['tier']: r['count'] for r in tiers} }, {errors} rows with errors"
    )
    return 0  # spark-submit stops the session when the script ends


if __name__ == "__main__":
    sys.exit(main())
