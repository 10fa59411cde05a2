"""Write batch results as CSV, TSV, JSON Lines or JSON, one chunk at a time, flushed.

Flushing per chunk makes a closed pipe (``screen batch ... | head``) surface as
BrokenPipeError promptly, where the CLI ends quietly, and lets downstream tools see
results as they come.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Protocol, TextIO

from screen.batch.reader import Row
from screen.errors import OutputError
from screen.match.types import Hit
from screen.report import reasons_text

OUTPUT_FORMATS = ("csv", "tsv", "jsonl", "json", "table", "xlsx")
#: Columns added after the input's own columns in CSV/TSV output (then ``error``); the
#: same for ``check`` and ``batch``. The list's own details come last.
HIT_COLUMNS = (
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
)


@dataclass(frozen=True, slots=True)
class Result:
    """One screened row: the row as read, its ranked hits, and an error if any."""

    row: Row
    hits: list[Hit] = field(default_factory=list)
    error: str | None = None
    #: Per hit (parallel to ``hits``), keys added to its JSON: ``case``, ``change``.
    extras: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this row (the ``jsonl``/``json`` output contract)."""
        extras = self.extras or ({},) * len(self.hits)
        return {
            "line": self.row.line,
            "input": self.row.input,
            "hits": [
                {**hit.to_dict(), **extra} for hit, extra in zip(self.hits, extras, strict=True)
            ],
            "error": self.error,
        }


class Writer(Protocol):
    """Receives the input's columns, then results chunk by chunk, then the end."""

    def begin(self, columns: Sequence[str]) -> None: ...
    def write(self, results: Sequence[Result]) -> None: ...
    def end(self) -> None: ...


def hit_cells(rank: int, hit: Hit) -> list[str]:
    """The HIT_COLUMNS cells of one hit (score 0-100, one decimal)."""
    e = hit.entry
    return [
        str(rank),
        e.id,
        e.name,
        hit.matched_name,
        e.source,
        f"{round(hit.score * 100, 1):g}",
        hit.tier,
        reasons_text(hit),
        hit.list_name,
        e.federal_register_notice,
        e.start_date,
        e.license_requirement,
        e.license_policy,
    ]


#: Columns added after HIT_COLUMNS when in use: ``case_id``/``case_status`` with a case
#: store, ``change`` with ``--since``.
EXTRA_COLUMNS = ("case_id", "case_status", "change")


def extra_cells(extra: dict[str, Any], columns: Sequence[str]) -> list[str]:
    """The EXTRA_COLUMNS cells of one hit's extras (empty where not known)."""
    case = extra.get("case") or {}
    values = {
        "case_id": case.get("id"),
        "case_status": case.get("status"),
        "change": extra.get("change"),
    }
    return [cell(values.get(c)) for c in columns]


def cell(value: Any) -> str:
    """A value read from JSON as a CSV cell (lists/objects as JSON, None as empty)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list, bool)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class CsvWriter:
    """All input columns, then HIT_COLUMNS, then ``error``; a row per hit or one if none."""

    def __init__(
        self, out: TextIO, delimiter: str = ",", extra_columns: Sequence[str] = ()
    ) -> None:
        self.out = out
        self.csv = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        self.columns: list[str] = []
        self.extra = tuple(extra_columns)

    def begin(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self.csv.writerow([*self.columns, *HIT_COLUMNS, *self.extra, "error"])

    def write(self, results: Sequence[Result]) -> None:
        rows = []
        blank = [""] * (len(HIT_COLUMNS) + len(self.extra))
        for result in results:
            values = result.row.input
            base = [cell(values.get(c)) for c in self.columns]
            error = result.error or ""
            if not result.hits:
                rows.append([*base, *blank, error])
            extras = result.extras or ({},) * len(result.hits)
            for rank, (hit, extra) in enumerate(zip(result.hits, extras, strict=True), 1):
                rows.append([*base, *hit_cells(rank, hit), *extra_cells(extra, self.extra), error])
        self.csv.writerows(rows)
        self.out.flush()

    def end(self) -> None:
        self.out.flush()


class JsonLinesWriter:
    """Exactly one JSON object per input row, in input order (after a ``{"meta": ...}``
    line when given ``meta``)."""

    def __init__(self, out: TextIO, meta: dict[str, Any] | None = None) -> None:
        self.out = out
        self.meta = meta

    def begin(self, columns: Sequence[str]) -> None:
        if self.meta is not None:
            self.out.write(_dumps({"meta": self.meta}) + "\n")

    def write(self, results: Sequence[Result]) -> None:
        self.out.write("".join(_dumps(r.to_dict()) + "\n" for r in results))
        self.out.flush()

    def end(self) -> None:
        self.out.flush()


class JsonWriter:
    """One JSON array of the JSON Lines objects, streamed."""

    def __init__(self, out: TextIO, meta: dict[str, Any] | None = None) -> None:
        self.out = out
        self.count = 0
        self.meta = meta

    def begin(self, columns: Sequence[str]) -> None:
        # with meta: {"meta": {...}, "rows": [...]}; without: the bare array
        self.out.write(
            "[" if self.meta is None else '{"meta": ' + _dumps(self.meta) + ', "rows": ['
        )

    def write(self, results: Sequence[Result]) -> None:
        parts = []
        for result in results:
            parts.append(("\n" if self.count == 0 else ",\n") + _dumps(result.to_dict()))
            self.count += 1
        self.out.write("".join(parts))
        self.out.flush()

    def end(self) -> None:
        close = "]" if self.meta is None else "]}"
        self.out.write(f"\n{close}\n" if self.count else f"{close}\n")
        self.out.flush()


#: Excel's limits.
MAX_CELL_CHARS = 32767
MAX_ROWS = 1_048_576


class XlsxWriter:
    """The CSV layout (input columns, HIT_COLUMNS, ``error``) as one .xlsx sheet.

    XlsxWriter in constant-memory mode streams rows to disk, and every value is
    written as a *string*: a counterparty named ``=HYPERLINK(...)`` stays text and
    never becomes a formula. Excel caps a cell at 32,767 characters and a sheet at
    1,048,576 rows: a longer cell is cut there (counted in ``cut_cells``), more rows
    are an error.
    """

    def __init__(self, out: IO[str]) -> None:
        import xlsxwriter

        self.out = out
        target = getattr(out, "buffer", out)
        self.book = xlsxwriter.Workbook(
            target,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.sheet = self.book.add_worksheet("results")
        self.row = 0
        self.columns: list[str] = []
        self.cut_cells = 0

    def _put(self, values: Sequence[str]) -> None:
        if self.row >= MAX_ROWS:
            raise OutputError(
                f"More than {MAX_ROWS:,} result rows: Excel cannot hold them.",
                "Write CSV or JSON Lines instead (--format csv).",
            )
        for col, value in enumerate(values):
            if len(value) > MAX_CELL_CHARS:
                value = value[:MAX_CELL_CHARS]
                self.cut_cells += 1
            self.sheet.write_string(self.row, col, value)
        self.row += 1

    def begin(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self._put([*self.columns, *HIT_COLUMNS, "error"])

    def write(self, results: Sequence[Result]) -> None:
        blank = [""] * len(HIT_COLUMNS)
        for result in results:
            base = [cell(result.row.input.get(c)) for c in self.columns]
            error = result.error or ""
            if not result.hits:
                self._put([*base, *blank, error])
            for rank, hit in enumerate(result.hits, 1):
                self._put([*base, *hit_cells(rank, hit), error])

    def end(self) -> None:
        self.book.close()
        self.out.flush()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def make_writer(
    fmt: str,
    out: TextIO,
    *,
    meta: dict[str, Any] | None = None,
    extra_columns: Sequence[str] = (),
    show_list: bool = False,
) -> Writer:
    """The writer for an output format name (one of OUTPUT_FORMATS).

    ``meta`` (provenance) heads JSON Lines and JSON output; ``extra_columns`` (of
    EXTRA_COLUMNS) are added to CSV/TSV; ``show_list`` adds a list column to the table
    (when several lists are screened)."""
    factories: dict[str, Callable[[TextIO], Writer]] = {
        "csv": lambda o: CsvWriter(o, ",", extra_columns),
        "tsv": lambda o: CsvWriter(o, "\t", extra_columns),
        "jsonl": lambda o: JsonLinesWriter(o, meta),
        "json": lambda o: JsonWriter(o, meta),
        "xlsx": XlsxWriter,
    }
    if fmt == "table":
        from screen.batch.render import TableWriter

        return TableWriter(out, show_list)
    return factories[fmt](out)
