"""Physical lines of an input file, decoded one at a time, and CSV records built from them.

Decoding line by line means one undecodable byte spoils one row, not the file. CSV
records are assembled from lines with a small quote scanner (so a quoted cell may
span lines) that recovers from a broken quote: a record that never closes, or that
closes with the wrong number of fields, is reported as an error for its first line
and parsing restarts on the next line, so one stray ``"`` cannot swallow the file.
"""

from __future__ import annotations

import codecs
import csv
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: Longest run of physical lines one CSV record (a quoted multi-line cell) may span.
MAX_SPAN = 100


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: 1-based number, decoded text (line ending kept), decode failure."""

    number: int
    text: str
    bad_encoding: bool = False


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record: the line it starts on, its fields, and an error if it is broken."""

    line: int
    fields: list[str]
    error: str | None = None


def encoding_label(encoding: str) -> str:
    """A display name for an encoding ("UTF-8" rather than "utf_8")."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return "UTF-8" if name in ("utf-8", "utf-8-sig") else name


class LineSource:
    """Iterate decoded lines of a binary stream, counting bytes read (for progress)."""

    def __init__(self, stream: Iterable[bytes], encoding: str = "utf-8") -> None:
        self.stream = stream
        self.encoding = encoding
        self.bytes_read = 0
        self._utf8 = codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")

    def __iter__(self) -> Iterator[Line]:
        encoding = self.encoding
        for number, raw in enumerate(self.stream, 1):
            self.bytes_read += len(raw)
            if number == 1 and self._utf8 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                yield Line(number, raw.decode(encoding))
            except UnicodeDecodeError:
                yield Line(number, raw.decode(encoding, errors="replace"), True)


def quote_open(text: str, in_quotes: bool, delimiter: str) -> bool:
    """Whether a quoted field is still open at the end of ``text``.

    ``in_quotes`` is the state at the start of the line (True on a continuation line).
    Follows the csv module: a quote opens a field only at its start; ``""`` inside a
    quoted field is a literal quote; any other quote closes the field.
    """
    if '"' not in text:
        return in_quotes
    pos = 0
    opener = delimiter + '"'
    while True:
        if in_quotes:
            j = text.find('"', pos)
            if j < 0:
                return True
            if text.startswith('"', j + 1):
                pos = j + 2
                continue
            in_quotes, pos = False, j + 1
        elif pos == 0 and text.startswith('"'):
            in_quotes, pos = True, 1
        else:
            j = text.find(opener, pos)
            if j < 0:
                return False
            in_quotes, pos = True, j + 2


def parse_fields(texts: Iterable[str], delimiter: str) -> list[str]:
    """Fields of one record given its lines (raises csv.Error on e.g. a NUL byte)."""
    return next(csv.reader(texts, delimiter=delimiter), [])


class CsvRecords:
    """CSV/TSV records from decoded lines; set ``expected`` (field count) after the header."""

    def __init__(self, lines: Iterable[Line], delimiter: str, encoding_name: str) -> None:
        self.lines = iter(lines)
        self.delimiter = delimiter
        self.encoding_name = encoding_name
        self.expected: int | None = None
        self._pending: deque[Line] = deque()

    def __iter__(self) -> Iterator[Record]:
        pending = self._pending
        while pending or self._pull():
            first = pending[0]
            if not first.text.strip():
                pending.popleft()
                continue
            span, closed = self._span()
            if not closed:
                pending.popleft()
                yield self._single(first, f"line {first.number}: unclosed quote")
                continue
            record, malformed = self._record([pending[k] for k in range(span)])
            if malformed and span > 1:  # a stray quote joined lines: report the first only
                pending.popleft()
                yield self._single(first, f"line {first.number}: unbalanced quote")
                continue
            for _ in range(span):
                pending.popleft()
            yield record

    def _pull(self) -> bool:
        line = next(self.lines, None)
        if line is None:
            return False
        self._pending.append(line)
        return True

    def _span(self) -> tuple[int, bool]:
        """How many pending lines the record at the head spans, and whether it closes."""
        pending = self._pending
        in_quotes = quote_open(pending[0].text, False, self.delimiter)
        span = 1
        while in_quotes:
            if span >= MAX_SPAN or (len(pending) <= span and not self._pull()):
                return span, False
            in_quotes = quote_open(pending[span].text, True, self.delimiter)
            span += 1
        return span, True

    def _record(self, lines: list[Line]) -> tuple[Record, bool]:
        """The record of these lines, and whether its structure (quotes, fields) is broken."""
        number = lines[0].number
        texts = [line.text for line in lines]
        texts[-1] = texts[-1].rstrip("\r\n")
        try:
            if len(texts) == 1 and '"' not in texts[0]:
                fields = texts[0].split(self.delimiter)
            else:
                fields = parse_fields(texts, self.delimiter)
        except csv.Error as err:
            return Record(number, [], f"line {number}: {err}"), True
        if self.expected is not None and len(fields) != self.expected:
            error = f"line {number}: expected {self.expected} fields, found {len(fields)}"
            if any(line.bad_encoding for line in lines):
                error = self._bad_encoding(number)
            return Record(number, fields, error), True
        if any(line.bad_encoding for line in lines):
            return Record(number, fields, self._bad_encoding(number)), False
        return Record(number, fields), False

    def _single(self, line: Line, error: str) -> Record:
        try:
            fields = parse_fields([line.text.rstrip("\r\n")], self.delimiter)
        except csv.Error:
            fields = []
        if line.bad_encoding:
            error = self._bad_encoding(line.number)
        return Record(line.number, fields, error)

    def _bad_encoding(self, number: int) -> str:
        return f"line {number}: not valid {self.encoding_name} (use --encoding)"
