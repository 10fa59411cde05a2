"""``screen_spark``: screen a Spark DataFrame with ``screen_frame`` in every executor.

Each Arrow batch of a partition arrives in an executor's Python worker as a pandas
DataFrame and goes through :func:`screen.batch.frame.screen_frame`, the pandas path
of ``screen batch``: the same matcher, the same output columns, the same results.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from screen.batch.writers import HIT_COLUMNS
from screen.errors import ScreenError, UsageError
from screen.match.types import DEFAULT_THRESHOLD, Hit, Query
from screen.spark import ship

if TYPE_CHECKING:
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

#: Output columns added after the input's own, as in ``screen batch --format csv``.
OUTPUT_COLUMNS = (*HIT_COLUMNS, "error")
#: ``screen_frame`` names a bad row by its position in the frame it was given; in
#: Spark that is a position inside one Arrow batch, which means nothing to a user.
_BATCH_POSITION = re.compile(r"^(?:row|line) \d+: ")
#: Marks a ScreenError raised on an executor, so the driver can raise it again.
ERROR_MARK = "screen-error"

Columns = Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class _Job:
    """Everything an executor needs, small and picklable (the lists travel separately)."""

    shipped: ship.Shipped
    columns: dict[str, str | list[str]] | None
    threshold: float
    arrays: tuple[str, ...]


class _NoLists:
    """A Checker for checking columns on the driver with zero rows: never called."""

    def check(
        self, query: Query, threshold: float = DEFAULT_THRESHOLD, limit: int | None = None
    ) -> list[Hit]:
        raise AssertionError("no rows to screen")


def screen_spark(
    df: DataFrame,
    lists: Sequence[str | Path] | None,
    columns: Columns | None = None,
    *,
    associates: str | Path | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    cases: str | Path | None = None,
    store_dir: str | Path = "lists",
) -> DataFrame:
    """Screen every row of the Spark DataFrame ``df`` against ``lists``.

    ``lists`` are stored snapshot names (in ``store_dir``) or list files, as for
    :func:`screen.open_screener` (none: the newest snapshot). ``columns`` maps
    roles to columns as in :func:`screen.screen_frame`. The result has ``df``'s
    columns, then ``hit_rank``, ``entity_id``, ``listed_name``, ``matched_name``,
    ``source``, ``score`` (0-100), ``tier``, ``reasons`` and ``error``: one row per
    (row, hit) and one per row without hits, each partition's rows in their order.
    ``threshold`` is 0-1. The lists are prepared here, on the driver, shipped to
    the executors once, and opened once per executor Python worker.
    """
    if not 0 <= threshold <= 1:
        raise UsageError(
            f"threshold {threshold} is not between 0 and 1.",
            "screen_spark takes 0-1, like Screener.check (0.5 = 50).",
        )
    if cases is not None:
        _no_cases(cases)
    schema = _output_schema(df.schema)
    spec = (
        None
        if columns is None
        else {k: v if isinstance(v, str) else list(v) for k, v in columns.items()}
    )
    screen_frame_columns(df.columns, spec)
    archive, shipped, _ = ship.prepare(
        lists, Path(store_dir), Path(associates) if associates else None
    )
    ship.ship(df.sparkSession.sparkContext, archive)
    job = _Job(shipped, spec, threshold, _array_columns(df.schema))
    return df.mapInPandas(_Batches(job), schema)


def screen_frame_columns(names: Sequence[str], columns: Columns | None) -> None:
    """Resolve the columns on the driver, with ``screen_frame``'s own errors."""
    from screen.batch.frame import screen_frame

    clash = [c for c in OUTPUT_COLUMNS if c in names]
    if clash:
        raise UsageError(
            f"The input already has the output column(s) {', '.join(clash)}.",
            "Rename them first (DataFrame.withColumnRenamed).",
        )
    screen_frame(pd.DataFrame(columns=list(names)), _NoLists(), columns)


def _no_cases(cases: str | Path) -> None:
    """The seam for the case store: decisions would be applied to each output batch."""
    raise UsageError(
        f"cases={str(cases)!r}: screening on Spark does not record or apply cases yet.",
        "Screen without cases=, or screen locally with `screen batch --cases`.",
    )


def _output_schema(schema: StructType) -> StructType:
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {"hit_rank": LongType(), "score": DoubleType()}
    added = [StructField(c, types.get(c, StringType()), True) for c in OUTPUT_COLUMNS]
    return StructType([*schema.fields, *added])


def _array_columns(schema: StructType) -> tuple[str, ...]:
    from pyspark.sql.types import ArrayType

    return tuple(f.name for f in schema.fields if isinstance(f.dataType, ArrayType))


class _Batches:
    """The function ``mapInPandas`` runs: screens each pandas batch of a partition."""

    def __init__(self, job: _Job) -> None:
        self.job = job

    def __call__(self, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        try:
            screener = ship.screener(self.job.shipped)
        except ScreenError as err:
            raise RuntimeError(marked(err)) from None
        for batch in batches:
            yield screen_batch(batch, screener, self.job)


def screen_batch(batch: pd.DataFrame, screener: Any, job: _Job) -> pd.DataFrame:
    """One Arrow batch through ``screen_frame``, shaped for the output schema."""
    from screen.batch.frame import screen_frame

    for name in job.arrays:  # Arrow gives arrays as numpy arrays; the reader takes lists
        batch[name] = _lists(batch[name])
    try:
        out = screen_frame(batch, screener, job.columns, threshold=job.threshold)
    except ScreenError as err:
        raise RuntimeError(marked(err)) from None
    bad = out["error"].notna()
    out.loc[bad, "error"] = [_BATCH_POSITION.sub("", e) for e in out.loc[bad, "error"]]
    for name in job.arrays:
        out[name] = _lists(out[name])
    return out.reset_index(drop=True)


def _lists(column: pd.Series) -> pd.Series:
    values = [None if v is None else list(v) for v in column]
    return pd.Series(values, index=column.index, dtype=object)


def marked(err: ScreenError) -> str:
    """An executor's ScreenError as text the driver finds in Spark's exception."""
    return f"[{ERROR_MARK} {err.exit_code}] {err.message} [hint] {err.hint} [/{ERROR_MARK}]"


_MARKED = re.compile(rf"\[{ERROR_MARK} (\d+)\] (.*?) \[hint\] (.*?) \[/{ERROR_MARK}\]", re.S)


def unmarked(err: BaseException) -> ScreenError | None:
    """The ScreenError an executor raised, from the exception Spark raised on the driver."""
    found = _MARKED.search(str(err))
    if found is None:
        return None
    code = int(found.group(1))
    kind = next((k for k in ScreenError.__subclasses__() if k.exit_code == code), ScreenError)
    return kind(found.group(2), found.group(3))
