"""Screening on Apache Spark: the matcher of ``screen batch``, on a cluster.

``screen_spark(df, lists)`` screens a Spark DataFrame and returns one with the
columns of ``screen batch --format csv``; ``screen_files`` is ``screen batch
--engine spark``: read CSV or Parquet, screen, write Parquet or CSV. Needs the
``spark`` extra (``pip install 'screen[spark]'``) and Java.
"""

from __future__ import annotations

from screen.spark.job import OUTPUT_COLUMNS, screen_spark

__all__ = ["OUTPUT_COLUMNS", "screen_spark"]
