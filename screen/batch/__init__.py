"""Batch screening: read many counterparties, screen them on all cores, write results.

``screen_frame`` screens a pandas DataFrame (pandas is imported only when it is
used); ``InputReader``, ``run_batch`` and ``make_writer`` are what ``screen batch``
is built from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from screen.batch.columns import ColumnSpec
from screen.batch.reader import INPUT_FORMATS, InputReader, Row
from screen.batch.run import Summary, run_batch
from screen.batch.writers import HIT_COLUMNS, OUTPUT_FORMATS, Result, make_writer

if TYPE_CHECKING:
    from screen.batch.frame import screen_frame

__all__ = [
    "HIT_COLUMNS",
    "INPUT_FORMATS",
    "OUTPUT_FORMATS",
    "ColumnSpec",
    "InputReader",
    "Result",
    "Row",
    "Summary",
    "make_writer",
    "run_batch",
    "screen_frame",
]


def __getattr__(name: str) -> Any:
    if name == "screen_frame":
        from screen.batch.frame import screen_frame

        return screen_frame
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
