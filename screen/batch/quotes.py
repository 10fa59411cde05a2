"""The fields of one physical CSV/TSV line, with quotes read strictly but forgivingly.

A quote opens a field only at its start. ``""`` inside a quoted field is a literal
quote. A closing quote must end its field (be followed by the delimiter or the end
of the line); one that does not is not a closing quote at all, so the field is kept
literally, quotes included, and flagged as *stray*. A quote inside an unquoted field
(an inch mark: ``Pipe 12" Supply``) is kept literally and flagged too. Nothing here
joins lines: :mod:`screen.batch.lines` decides when a quoted field may continue on
the next line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OPEN, CLOSED, BAD = "open", "closed", "bad"


@dataclass
class LineFields:
    """Fields of one line; ``open`` holds an unfinished quoted field's text (or None)."""

    fields: list[str] = field(default_factory=list)
    open: str | None = None
    stray: bool = False


def split_ending(text: str) -> tuple[str, str]:
    """``("body", "\\r\\n")``: the text and its line ending."""
    body = text.rstrip("\r\n")
    return body, text[len(body) :]


def quoted(text: str, pos: int, delimiter: str) -> tuple[str, int, str]:
    """Read a quoted field's content from ``pos`` (just after the opening quote).

    Returns (content, position after the closing quote, status): ``OPEN`` when the
    line ends inside the quotes, ``CLOSED`` when a closing quote ends the field,
    ``BAD`` when a quote that is not doubled is followed by something else.
    """
    parts: list[str] = []
    while True:
        j = text.find('"', pos)
        if j < 0:
            parts.append(text[pos:])
            return "".join(parts), len(text), OPEN
        if text.startswith('"', j + 1):
            parts.append(text[pos : j + 1])
            pos = j + 2
            continue
        parts.append(text[pos:j])
        if j + 1 == len(text) or text.startswith(delimiter, j + 1):
            return "".join(parts), j + 1, CLOSED
        return "".join(parts), j + 1, BAD


def parse_line(
    text: str, delimiter: str, pos: int = 0, into: LineFields | None = None
) -> LineFields:
    """The fields of ``text[pos:]`` (no line ending), appended to ``into`` if given."""
    out = into if into is not None else LineFields()
    end = len(text)
    while True:
        if text.startswith('"', pos):
            value, after, status = quoted(text, pos + 1, delimiter)
            if status == OPEN:
                out.open = value
                return out
            if status == BAD:  # not a closing quote: the whole field is literal text
                stop = text.find(delimiter, after)
                stop = end if stop < 0 else stop
                value, after, out.stray = text[pos:stop], stop, True
            pos = after
        else:
            stop = text.find(delimiter, pos)
            stop = end if stop < 0 else stop
            value = text[pos:stop]
            if '"' in value:
                out.stray = True
            pos = stop
        out.fields.append(value)
        if pos >= end:
            return out
        pos += len(delimiter)


def is_record(text: str, delimiter: str, expected: int | None) -> bool:
    """Whether a line (no line ending) is, on its own, a clean, complete record."""
    if not text.strip():
        return False
    if '"' not in text:
        return expected is None or text.count(delimiter) + 1 == expected
    parsed = parse_line(text, delimiter)
    return (
        parsed.open is None
        and not parsed.stray
        and (expected is None or len(parsed.fields) == expected)
    )
