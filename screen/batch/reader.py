"""Read counterparties from CSV, TSV or JSON Lines, streamed in chunks, bad rows kept.

Every input row becomes a :class:`Row`: its line number, the row as read, the query
built from it, or an error saying why it cannot be screened (no name, wrong number of
fields, broken quote, undecodable bytes, bad JSON). Nothing is dropped. Whole-file
problems (missing file, no name column) raise :class:`~screen.errors.InputError`.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any, BinaryIO

from screen.batch.columns import ColumnMap, ColumnSpec, resolve_columns
from screen.batch.lines import CsvRecords, Line, LineSource, encoding_label
from screen.batch.sniff import bom_encoding, sniff_delimiter
from screen.batch.xlsx import ZIP_MAGIC, xlsx_rows
from screen.errors import InputError
from screen.match.limits import matchable
from screen.match.types import Query

INPUT_FORMATS = ("csv", "tsv", "jsonl", "xlsx")
_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One input row: line number, the row as read, its query, or why it can't be screened."""

    line: int
    input: dict[str, Any]
    query: Query | None
    error: str | None = None
    warning: str | None = None


def _open(source: str | Path, stdin: BinaryIO | None) -> tuple[BinaryIO, int | None]:
    if str(source) == "-":
        return (stdin or sys.stdin.buffer), None
    path = Path(source)
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        raise InputError(
            f"Input file {path} does not exist.", "Check the path, or pass - to read from stdin."
        ) from None
    except OSError as err:
        raise InputError(f"Cannot read input file {path}: {err.strerror}.") from None
    return stream, os.fstat(stream.fileno()).st_size


def _sniff(first: Line | None) -> str:
    if first is None:
        return "csv"
    text = first.text.lstrip()
    if text.startswith(("{", "[")):
        return "jsonl"
    return "tsv" if sniff_delimiter(text) == "\t" else "csv"


def _peek(stream: BinaryIO, size: int) -> bytes:
    """The first bytes of a stream, left unread."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return bytes(peek(size)[:size])
    pos = stream.tell()
    head = stream.read(size)
    stream.seek(pos)
    return head


_EMPTY_HINT = {
    "jsonl": 'Each line must be a JSON object, e.g. {"name": "Acme Ltd"}.',
    "csv": "The first line must name the columns, e.g. name,address,country.",
    "tsv": "The first line must name the columns, e.g. name<TAB>address<TAB>country.",
    "xlsx": "The first row of the first sheet must name the columns, e.g. name, country.",
}


class InputReader:
    """An opened input: its format, columns and role mapping; :meth:`chunks` streams rows."""

    def __init__(
        self,
        source: str | Path,
        *,
        input_format: str | None = None,
        columns: ColumnSpec | None = None,
        encoding: str = "utf-8",
        stdin: BinaryIO | None = None,
        delimiter: str | None = None,
    ) -> None:
        self.display = "stdin" if str(source) == "-" else str(source)
        self.stream, self.total_bytes = _open(source, stdin)
        self._encoding_name = encoding_label(encoding)
        self.columns: list[str] = []
        self.mapping: ColumnMap | None = None
        self._spec = columns or ColumnSpec()
        self.delimiter = delimiter
        #: Set when some line is not valid in the encoding: the --encoding to suggest.
        self.encoding_hint: str | None = None
        try:
            self._start(input_format, encoding)
        except BaseException:
            self.close()
            raise

    def _start(self, input_format: str | None, encoding: str) -> None:
        """Sniff the format from the first non-blank line; read the header if any."""
        fmt = input_format or _EXTENSIONS.get(Path(self.display).suffix.lower())
        magic = _peek(self.stream, 4)
        if fmt == "xlsx" or (fmt is None and magic == ZIP_MAGIC):
            self._start_xlsx()
            return
        bom = bom_encoding(magic)
        if bom and bom != "utf-8-sig" and codecs.lookup(encoding).name == "utf-8":
            encoding = bom  # a UTF-16/32 file announces itself; UTF-8 cannot start so
            self._encoding_name = encoding_label(encoding)
        if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
            # lines of these cannot be split on b"\n": decode as a stream, re-encode lines
            text = io.TextIOWrapper(self.stream, encoding=encoding, errors="replace", newline="")
            self._lines = LineSource((t.encode("utf-8") for t in text), "utf-8")
        else:
            self._lines = LineSource(self.stream, encoding)
        lines = iter(self._lines)
        head = [line for line in islice(lines, 1)]
        while head and not head[-1].text.strip():  # skip leading blank lines to sniff
            nxt = next(lines, None)
            if nxt is None:
                break
            head.append(nxt)
        self.format = fmt or _sniff(head[-1] if head else None)
        self._header = head[-1].text if head else ""
        if not head or not head[-1].text.strip():
            raise InputError(
                f"{self.display} is empty: no header line and no rows.", _EMPTY_HINT[self.format]
            )
        self._rows = self._open_rows(chain(head, lines))

    def _start_xlsx(self) -> None:
        self.format = "xlsx"
        stream: BinaryIO = self.stream
        if self.display == "stdin":
            stream = io.BytesIO(stream.read())  # the zip directory is at the end
        rows = xlsx_rows(stream, self.display)
        header = next(rows, None)
        if header is None:
            raise InputError(
                f"{self.display} is empty: no header line and no rows.", _EMPTY_HINT["xlsx"]
            )
        while header[1] and not header[1][-1].strip():
            header[1].pop()  # Excel pads a sheet to its widest row
        self.columns = _unique([c.strip() for c in header[1]])
        self.mapping = resolve_columns(self.columns, self._spec, self.display)
        self._rows = self._xlsx_rows(rows)

    def _xlsx_rows(self, rows: Iterator[tuple[int, list[str]]]) -> Iterator[Row]:
        assert self.mapping is not None
        width = len(self.columns)
        for number, cells in rows:
            extra = [c for c in cells[width:] if c.strip()]
            values = dict(zip(self.columns, cells + [""] * (width - len(cells)), strict=False))
            error = (
                f"line {number}: expected {width} fields, found {width + len(extra)}"
                if extra
                else None
            )
            yield self._row(number, values, self.mapping, error)

    @property
    def bytes_read(self) -> int:
        """Bytes consumed so far (for a progress bar against ``total_bytes``)."""
        if self.format == "xlsx":
            return self.total_bytes or 0
        return self._lines.bytes_read

    def close(self) -> None:
        """Close the input file (never stdin)."""
        if self.display != "stdin":
            self.stream.close()

    def chunks(self, size: int = 1000) -> Iterator[list[Row]]:
        """Rows in input order, ``size`` at a time."""
        while chunk := list(islice(self._rows, size)):
            yield chunk

    def _open_rows(self, lines: Iterator[Line]) -> Iterator[Row]:
        if self.format == "jsonl":
            first = next(lines, None)
            if first is not None and first.text.lstrip().startswith("["):
                raise InputError(
                    f"{self.display} is a JSON array, not JSON Lines.",
                    "Convert it with `jq -c '.[]' FILE`, one object per line.",
                )
            return self._json_rows(chain([first] if first else [], lines))
        if self.delimiter is None:
            self.delimiter = "\t" if self.format == "tsv" else sniff_delimiter(self._header)
        records = CsvRecords(self._watch_encoding(lines), self.delimiter, self._encoding_name)
        rows = iter(records)
        header = next(rows, None)
        if header is None:
            raise InputError(
                f"{self.display} is empty: no header line.",
                "The first line must name the columns, e.g. name,address,country.",
            )
        self.columns = _unique([c.strip() for c in header.fields])
        self.mapping = resolve_columns(self.columns, self._spec, self.display)
        records.expected = len(self.columns)
        return self._csv_rows(rows)

    def _watch_encoding(self, lines: Iterator[Line]) -> Iterator[Line]:
        for line in lines:
            if line.bad_encoding and self.encoding_hint is None:
                self.encoding_hint = self._lines.suggestion
            yield line

    def _csv_rows(self, records: Iterator[Any]) -> Iterator[Row]:
        columns, mapping = self.columns, self.mapping
        assert mapping is not None
        width = len(columns)
        for record in records:
            fields = record.fields + [""] * (width - len(record.fields))
            values = dict(zip(columns, fields, strict=False))
            row = self._row(record.line, values, mapping, record.error)
            yield replace(row, warning=record.warning) if record.warning else row

    def _row(self, line: int, values: dict[str, Any], mapping: ColumnMap, error: str | None) -> Row:
        if error:
            return Row(line, values, None, error)
        name = values.get(mapping.name)
        if name is not None and not isinstance(name, str):
            kind = _JSON_TYPES.get(type(name), type(name).__name__)
            return Row(
                line,
                values,
                None,
                f"line {line}: name is {kind}, not text (column {mapping.name!r})",
            )
        query = mapping.query(values)
        if query is None:
            return Row(line, values, None, f"line {line}: no name (column {mapping.name!r})")
        if not matchable(query.name):
            return Row(
                line,
                values,
                None,
                f"line {line}: name {_shown(query.name)} has no "
                f"letters or digits to match on (column {mapping.name!r})",
            )
        return Row(line, values, query)

    def _json_rows(self, lines: Iterator[Line]) -> Iterator[Row]:
        seen: set[str] = set()
        for line in lines:
            if not line.text.strip():
                continue
            values, error = self._json_object(line)
            if self.mapping is None and not error:
                self.columns = list(values)
                self.mapping = resolve_columns(self.columns, self._spec, self.display)
            if self.mapping is None:
                yield Row(line.number, values, None, error)
                continue
            for key in values:
                if key not in seen:
                    seen.add(key)
                    if key not in self.columns:
                        self.columns.append(key)
            yield self._row(line.number, values, self.mapping, error)

    def _json_object(self, line: Line) -> tuple[dict[str, Any], str | None]:
        if line.bad_encoding:
            return {}, f"line {line.number}: not valid {self._encoding_name} (use --encoding)"
        try:
            value = json.loads(line.text)
        except json.JSONDecodeError as err:
            return {}, f"line {line.number}: not valid JSON ({err.msg} at column {err.colno})"
        if not isinstance(value, dict):
            return {}, f"line {line.number}: expected a JSON object, found {type(value).__name__}"
        if _SURROGATE_ESCAPE.search(line.text) and not _unicode_ok(value):
            # "\udcff" alone is valid JSON but not Unicode: it would be written raw
            return {}, f"line {line.number}: not valid Unicode (a lone surrogate escape)"
        return value, None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _unicode_ok(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_JSON_TYPES = {
    int: "a number",
    float: "a number",
    bool: "true/false",
    list: "a list",
    dict: "an object",
}


def _shown(text: str, limit: int = 40) -> str:
    """A name for an error message: quoted, control characters escaped, cut if long."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _unique(columns: list[str]) -> list[str]:
    """Header names made unique ("name", "name_2") so no column is lost."""
    seen: set[str] = set()
    out = []
    for i, column in enumerate(columns):
        name = column or f"column_{i + 1}"
        base, n = name, 1
        while name in seen:
            n += 1
            name = f"{base}_{n}"
        seen.add(name)
        out.append(name)
    return out
