"""Guess what a user's file is: its text encoding (from a BOM), delimiter and likely codepage.

Shared by the counterparty reader and the list loaders, so a file is read the same
way whichever command opens it.
"""

from __future__ import annotations

import codecs
import re

from screen.batch.quotes import parse_line

#: Delimiters recognised in a header line, in order of preference on a tie.
DELIMITERS = (",", "\t", ";", "|")
#: ``--delimiter`` spellings for the ones that are awkward to type.
DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}

#: Byte-order marks, longest first (the UTF-32-LE BOM starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` announces, if any."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def sniff_delimiter(header: str) -> str:
    """The delimiter of a header line: whichever of ``, tab ; |`` splits it into the
    most fields outside quotes (comma on a tie, and for a one-column header)."""
    best, most = ",", 1
    for delimiter in DELIMITERS:
        if delimiter in header:
            count = len(parse_line(header.rstrip("\r\n"), delimiter).fields)
            if count > most:
                best, most = delimiter, count
    return best


def delimiter_value(text: str) -> str:
    """A ``--delimiter`` value as the character itself (ValueError if not one char)."""
    value = DELIMITER_NAMES.get(text.lower(), text)
    if len(value) != 1 or value in '"\r\n':
        raise ValueError(f"{text!r} is not a delimiter; use one character such as , ; | or tab")
    return value


def suggest_encoding(data: bytes) -> str:
    """The ``--encoding`` to suggest for bytes that are not UTF-8.

    Windows and Excel exports are cp1252, whose curly quotes, dashes and euro sign
    (bytes 0x80-0x9f) latin-1 turns into invisible control characters; every other
    byte means the same in both. So cp1252 when such bytes occur and the data
    decodes as cp1252, else latin-1 (which decodes anything). NUL bytes in a quarter
    of the data mean UTF-16 without a byte-order mark.
    """
    if data.count(b"\x00") * 4 > len(data):
        return "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
    if _CP1252_ONLY.search(data):
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return "latin-1"
        return "cp1252"
    return "latin-1"


_CP1252_ONLY = re.compile(b"[\x80-\x9f]")
