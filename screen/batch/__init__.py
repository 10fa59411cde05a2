"""Batch screening: read many counterparties, screen them on all cores, write results.

``screen_frame`` screens a pandas DataFrame (pandas is imported only when it is
used); ``InputReader``, ``run_batch`` and ``make_writer`` are what ``screen batch``
is built from. Each name is imported from its module when first used, so that
``screen check``, which needs only the writers, does not import multiprocessing.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from screen.batch.columns import ColumnSpec
    from screen.batch.frame import screen_frame
    from screen.batch.reader import INPUT_FORMATS, InputReader, Row
    from screen.batch.run import Summary, run_batch
    from screen.batch.writers import HIT_COLUMNS, OUTPUT_FORMATS, Result, make_writer

#: Each public name and the module it comes from.
_HOMES = {
    "ColumnSpec": "columns",
    "screen_frame": "frame",
    "INPUT_FORMATS": "reader",
    "InputReader": "reader",
    "Row": "reader",
    "Summary": "run",
    "run_batch": "run",
    "HIT_COLUMNS": "writers",
    "OUTPUT_FORMATS": "writers",
    "Result": "writers",
    "make_writer": "writers",
}

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
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
