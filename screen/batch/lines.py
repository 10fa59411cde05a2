"""Physical lines of an input file, decoded one at a time, and CSV records built from them.

Decoding line by line means one undecodable byte spoils one row, not the file. CSV
records are assembled from lines with a small quote scanner (:mod:`screen.batch.quotes`,
so a quoted cell may span lines) that recovers from a broken quote: a quote that
never closes, that runs into a line which is a complete record of its own, that
"closes" with something other than the field's end, or that joins lines into the
wrong number of fields is reported as an error for its first line, and parsing
restarts on the next line, so one stray ``"`` cannot swallow any row.
"""

from __future__ import annotations

import codecs
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from screen.batch.quotes import BAD, OPEN, LineFields, is_record, parse_line, quoted, split_ending
from screen.batch.sniff import suggest_encoding

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
    warning: str | None = None


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
        #: The --encoding to suggest, from the first line that did not decode.
        self.suggestion: str | None = None

    def __iter__(self) -> Iterator[Line]:
        encoding = self.encoding
        for number, raw in enumerate(self.stream, 1):
            self.bytes_read += len(raw)
            if number == 1 and self._utf8 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                yield Line(number, raw.decode(encoding))
            except UnicodeDecodeError:
                if self.suggestion is None:
                    self.suggestion = suggest_encoding(raw)
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


class CsvRecords:
    """CSV/TSV records from decoded lines; set ``expected`` (field count) after the header.

    Every non-blank physical line ends up in exactly one record, so no row is lost.
    A quoted field may continue on the next line only while that line is not a
    clean, complete record of its own, and only if a quote that ends the field
    closes it; otherwise the opening line alone is reported as broken and reading
    resumes on the line after it.
    """

    def __init__(self, lines: Iterable[Line], delimiter: str, encoding_name: str) -> None:
        self.lines = iter(lines)
        self.delimiter = delimiter
        self.encoding_name = encoding_name
        self.expected: int | None = None
        self._pending: deque[Line] = deque()

    def __iter__(self) -> Iterator[Record]:
        pending = self._pending
        while pending or self._pull():
            if not pending[0].text.strip():
                pending.popleft()
                continue
            record, span = self._assemble()
            for _ in range(span):
                pending.popleft()
            yield record

    def _pull(self) -> bool:
        line = next(self.lines, None)
        if line is None:
            return False
        self._pending.append(line)
        return True

    def _has(self, k: int) -> bool:
        """Whether pending line ``k`` exists (reading one more line if needed)."""
        return len(self._pending) > k or self._pull()

    def _assemble(self) -> tuple[Record, int]:
        """The record at the head of the pending lines and how many lines it spans."""
        pending, delimiter = self._pending, self.delimiter
        body, ending = split_ending(pending[0].text)
        parsed = parse_line(body, delimiter)
        span = 1
        while parsed.open is not None:
            if span >= MAX_SPAN or not self._has(span):
                return self._broken(), 1
            nxt, nxt_ending = split_ending(pending[span].text)
            if is_record(nxt, delimiter, self.expected):
                return self._broken(), 1
            value, after, status = quoted(nxt, 0, delimiter)
            if status == BAD:
                return self._broken(), 1
            value = parsed.open + ending + value
            span, ending, parsed.open = span + 1, nxt_ending, None
            if status == OPEN:
                parsed.open = value
                continue
            parsed.fields.append(value)
            if after < len(nxt):
                parse_line(nxt, delimiter, after + len(delimiter), parsed)
        if span > 1 and self.expected is not None and len(parsed.fields) != self.expected:
            return self._broken(), 1  # lines joined into the wrong shape: the first is bad
        return self._checked([pending[k] for k in range(span)], parsed), span

    def _checked(self, lines: list[Line], parsed: LineFields) -> Record:
        number, fields = lines[0].number, parsed.fields
        bad_encoding = any(line.bad_encoding for line in lines)
        if self.expected is not None and len(fields) != self.expected:
            error = f"line {number}: expected {self.expected} fields, found {len(fields)}"
            return Record(number, fields, self._bad_encoding(number) if bad_encoding else error)
        if bad_encoding:
            return Record(number, fields, self._bad_encoding(number))
        warning = f"line {number}: stray quote kept as text" if parsed.stray else None
        return Record(number, fields, None, warning)

    def _broken(self) -> Record:
        """The head line alone, as an error: its quote does not close as a field's end."""
        first = self._pending[0]
        parsed = parse_line(split_ending(first.text)[0], self.delimiter)
        fields = [*parsed.fields, *([parsed.open] if parsed.open is not None else [])]
        if first.bad_encoding:
            return Record(first.number, fields, self._bad_encoding(first.number))
        return Record(first.number, fields, f"line {first.number}: {self._quote_problem()}")

    def _quote_problem(self) -> str:
        """ "unclosed quote" if no quote follows within MAX_SPAN lines, else "unbalanced"."""
        for k in range(1, MAX_SPAN):
            if not self._has(k):
                break
            if '"' in self._pending[k].text:
                return "unbalanced quote"
        return "unclosed quote"

    def _bad_encoding(self, number: int) -> str:
        return f"line {number}: not valid {self.encoding_name} (use --encoding)"
