"""Reading list files: decoding, and CSV/TSV rows with their line numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from screen.batch.sniff import bom_encoding, suggest_encoding
from screen.batch.sniff import sniff_delimiter as sniff_header_delimiter
from screen.errors import ListError

PARTIAL_HINT = (
    "The file looks incomplete (an interrupted download or a bad copy). Fetch it again, "
    "or pass --allow-partial to load only the complete rows."
)


def read_bytes(path: Path) -> bytes:
    """Read a file, turning OS errors and empty files into ListError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ListError(f"List file {path} does not exist.", "Check the path.") from None
    except OSError as err:
        raise ListError(
            f"Cannot read list file {path}: {err.strerror}.", "Check the path and its permissions."
        ) from None
    if not data.strip():
        raise ListError(f"List file {path} is empty.", "Download or export the list again.")
    return data


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Decode as the given encoding, else as its BOM says (UTF-8/16/32), else UTF-8."""
    codec = encoding or bom_encoding(data[:4]) or "utf-8-sig"
    try:
        return data.decode(codec)
    except LookupError:
        raise ListError(
            f"Unknown encoding {encoding!r} for {path}.",
            "Use a Python codec name such as utf-8, latin-1 or cp1252.",
        ) from None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        bad = data[err.start : err.start + 1].hex()
        suggestion = suggest_encoding(data)
        raise ListError(
            f"{path}: line {line}: cannot decode byte 0x{bad} at byte offset {err.start} "
            f"as {encoding or 'UTF-8'}.",
            f"The file is not {encoding or 'UTF-8'}. If it is a Windows/Excel export, retry with "
            f"`--encoding {suggestion}` (or the encoding it was saved in).",
        ) from None


@dataclass
class Row:
    """One CSV record: the line it starts on and its fields."""

    line: int
    fields: list[str]


def sniff_delimiter(text: str) -> str:
    """The delimiter (, tab ; |) that splits the header line into the most fields."""
    return sniff_header_delimiter(text.lstrip("\r\n").split("\n", 1)[0])


def iter_rows(text: str, delimiter: str) -> Iterator[Row]:
    """Yield CSV records with the (1-based) physical line each starts on.

    Cells of any size are read (the matcher caps what it considers, see
    :mod:`screen.match.limits`), so a huge cell is not mistaken for a broken file.
    """
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for fields in reader:
            yield Row(start, fields)
            start = reader.line_num + 1
    except csv.Error as err:
        raise ListError(f"line {reader.line_num}: malformed CSV: {err}.", PARTIAL_HINT) from None


def check_rows(
    rows: list[Row], header: list[str], path: Path, allow_partial: bool
) -> tuple[list[Row], list[str]]:
    """Drop blank rows; reject repeated headers and rows with the wrong field count.

    With ``allow_partial`` the bad rows are skipped and described in the warnings.
    """
    good: list[Row] = []
    problems: list[str] = []
    for row in rows:
        if not any(f.strip() for f in row.fields):
            continue
        if row.fields == header:
            problems.append(f"line {row.line}: the header row is repeated")
        elif len(row.fields) != len(header):
            last = row is rows[-1]
            what = "the last row is cut off" if last else "wrong number of fields"
            problems.append(
                f"line {row.line}: {what} ({len(row.fields)} fields, expected {len(header)})"
            )
        else:
            good.append(row)
    if problems and not allow_partial:
        shown = "; ".join(problems[:5]) + ("; ..." if len(problems) > 5 else "")
        raise ListError(f"{path}: partial or malformed file: {shown}.", PARTIAL_HINT)
    return good, [f"{path.name}: skipped {p}" for p in problems]
