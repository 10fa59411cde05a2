"""Screen a pandas DataFrame: the CSV output contract, as a DataFrame."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from screen.batch.columns import ColumnSpec, resolve_columns
from screen.batch.reader import Row
from screen.batch.runner import Checker, screen_chunks
from screen.batch.writers import HIT_COLUMNS, Result, hit_cells
from screen.match.types import DEFAULT_THRESHOLD


def _spec(columns: Mapping[str, str | Sequence[str]] | None) -> ColumnSpec:
    if not columns:
        return ColumnSpec()
    unknown = set(columns) - {"name", "address", "country", "officers"}
    if unknown:
        raise ValueError(
            f"unknown column roles {sorted(unknown)}; use name, address, country, officers"
        )
    address = columns.get("address", ())
    return ColumnSpec(
        name=_one(columns.get("name")),
        address=(address,) if isinstance(address, str) else tuple(address),
        country=_one(columns.get("country")),
        officers=_one(columns.get("officers")),
    )


def _one(value: str | Sequence[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError("name, country and officers each take one column name")


def screen_frame(
    df: pd.DataFrame,
    screener: Checker,
    columns: Mapping[str, str | Sequence[str]] | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
    workers: int = 1,
    chunk_size: int = 1000,
) -> pd.DataFrame:
    """Screen each row of ``df``; one output row per (row, hit), one per row without hits.

    ``columns`` maps roles to column names, e.g. ``{"name": "Company", "address":
    ["Street", "City"]}``; roles not given are found by common names as in
    ``screen batch``. The result has ``df``'s columns, then ``hit_rank`` (nullable
    int), ``entity_id``, ``listed_name``, ``matched_name``, ``source``, ``score``
    (0-100 float), ``tier``, ``reasons`` and ``error``, and keeps ``df``'s index
    labels (repeated for a row with several hits) so it joins back to ``df``.
    ``threshold`` is 0-1 like :meth:`Screener.check`.
    """
    names = [str(c) for c in df.columns]
    mapping = resolve_columns(names, _spec(columns), "the DataFrame")
    records = df.to_dict("records")
    rows = []
    for i, record in enumerate(records):
        values: dict[str, Any] = {str(k): (None if _missing(v) else v) for k, v in record.items()}
        query = mapping.query(values)
        rows.append(Row(i, values, query, None if query else f"row {i}: no name"))
    chunks = [rows[i : i + chunk_size] for i in range(0, len(rows), chunk_size)]
    out: list[list[Any]] = []
    positions: list[int] = []
    for chunk in screen_chunks(chunks, screener, threshold=threshold, limit=limit, workers=workers):
        for result in chunk:
            _append(result, out, positions)
    hits = pd.DataFrame(out, columns=[*HIT_COLUMNS, "error"])
    hits["hit_rank"] = hits["hit_rank"].astype("Int64")
    hits["score"] = hits["score"].astype(float)
    base = df.iloc[positions].reset_index(drop=True)
    frame = pd.concat([base, hits], axis=1)
    frame.index = df.index[positions]
    return frame


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like cell
        return False


def _append(result: Result, out: list[list[Any]], positions: list[int]) -> None:
    if not result.hits:
        out.append([None] * len(HIT_COLUMNS) + [result.error])
        positions.append(result.row.line)
    for rank, hit in enumerate(result.hits, 1):
        cells: list[Any] = hit_cells(rank, hit)
        cells[0], cells[5] = rank, round(hit.score * 100, 1)
        out.append([*cells, result.error])
        positions.append(result.row.line)
