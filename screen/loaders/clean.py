"""Pure text-cleaning helpers shared by the list loaders.

Everything here is a pure function of its input (no I/O), so it is easy to
property-test. The rules mend the known flaws of the published list files:

* multi-valued fields are joined with ``"; "`` or ``"; and "`` (split them);
* a stray leading ``"and "`` is left on the last alias/address of such a join;
* a right single quote was mangled to ``?`` (``"Children?s"`` -> ``"Children's"``);
* CSL Entity List names carry ``"Parent.  Affiliated Entity:  Child"`` prefixes and
  State Department names carry ``"and any successor, sub-unit, or subsidiary
  thereof"`` suffixes (both removed from the name and kept in remarks);
* eCFR addresses end with notes such as ``"(See alternate addresses under Pakistan)."``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

_LEADING_AND = re.compile(r"^(?:and\s+)+", re.IGNORECASE)
_QMARK_S = re.compile(r"(?<=[A-Za-z])\?s\b")
_AFFILIATED = re.compile(r"^(?P<parent>.*?)\s*Affiliated Entity:\s*", re.IGNORECASE)
_SUCCESSOR = re.compile(
    r"[;,]?\s*and any successors?,?\s*sub-units?,?\s*or subsidiar(?:y|ies)\s*thereof\.?\s*$",
    re.IGNORECASE,
)
_SEE_NOTE = re.compile(r"\s*\((?:see|also see)\b[^()]*\)\.?", re.IGNORECASE)
_TRAILING_PUNCT = re.compile(r"[\s.;,]+$")
_COUNTRY_CODE = re.compile(r"(?:^|,)\s*([A-Z]{2})\s*$")


def collapse_ws(text: str) -> str:
    """Collapse runs of whitespace (including newlines) to one space and strip."""
    return " ".join(text.split())


def mend_qmark(text: str) -> str:
    """Mend the mangled apostrophe ``"Children?s"`` -> ``"Children's"``."""
    return _QMARK_S.sub("'s", text) if "?" in text else text


def strip_leading_and(text: str) -> str:
    """Drop a stray leading ``"and "`` left over from a ``"; and "`` join."""
    if text[:4].lower() != "and ":
        return text.strip()
    return _LEADING_AND.sub("", text).strip()


def clean_text(text: str | None) -> str:
    """Collapse whitespace and mend ``?s``; ``None`` becomes ``""``."""
    if not text:
        return ""
    text = " ".join(text.split())  # collapse_ws and mend_qmark, inline: called for every cell
    return _QMARK_S.sub("'s", text) if "?" in text else text


def split_joined(text: str | None) -> list[str]:
    """Split a ``"; "`` / ``"; and "`` joined field into clean, non-empty parts."""
    if not text:
        return []
    parts = []
    for raw in text.split(";"):
        part = " ".join(raw.split())  # strip_leading_and(clean_text(raw)), inline
        if "?" in part:
            part = _QMARK_S.sub("'s", part)
        if part[:4].lower() == "and ":
            part = _LEADING_AND.sub("", part).strip()
        if part:
            parts.append(part)
    return parts


def clean_name(text: str | None) -> tuple[str, list[str]]:
    """Return the cleaned name and the removed qualifiers (to keep in remarks)."""
    name = clean_text(text)
    removed: list[str] = []
    match = _AFFILIATED.match(name) if "ffiliated" in name.lower() else None
    if match and name[match.end() :].strip():
        parent = match.group("parent").strip().rstrip(".").strip()
        removed.append(f"Affiliated entity of: {parent}" if parent else "Affiliated entity")
        name = name[match.end() :].strip()
    succ = _SUCCESSOR.search(name) if "ubsidiar" in name.lower() else None
    if succ and name[: succ.start()].strip():
        removed.append(name[succ.start() :].strip(" ;,.").strip())
        name = name[: succ.start()].strip()
    return strip_leading_and(name), removed


def clean_address_list(text: str | None) -> list[str]:
    """Split an address field, dropping ``(See ...)`` notes and trailing periods."""
    if not text:
        return []
    stripped = clean_text(text)
    if "(" in stripped:  # every note starts with one
        stripped = _SEE_NOTE.sub("", stripped)
    parts = []
    for part in split_joined(stripped):
        if part[-1] in ".;," or part[-1].isspace():  # what _TRAILING_PUNCT can take off
            part = _TRAILING_PUNCT.sub("", part)
        if part:
            parts.append(part)
    return parts


def trailing_country_code(address: str) -> str:
    """The trailing 2-letter country code of a CSL address (``"..., Beijing, CN"``)."""
    match = _COUNTRY_CODE.search(address)
    return match.group(1) if match else ""


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values in first-seen order, without duplicates."""
    seen: dict[str, None] = {}
    for value in values:
        if value and value not in seen:
            seen[value] = None
    return tuple(seen)


def stable_hash(*fields: str) -> str:
    """A deterministic id: sha1 of the whitespace-normalized fields joined by U+001F."""
    joined = "\x1f".join(collapse_ws(f).casefold() for f in fields)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def disambiguate(ids: list[str]) -> list[str]:
    """Make ids unique in order: the 2nd ``x`` becomes ``x-2``, the 3rd ``x-3``..."""
    seen: dict[str, int] = {}
    out = []
    for value in ids:
        count = seen.get(value, 0) + 1
        seen[value] = count
        out.append(value if count == 1 else f"{value}-{count}")
    return out
