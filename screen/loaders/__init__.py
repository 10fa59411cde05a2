"""Load a list file into :class:`~screen.model.Entry` objects, detecting its format.

Formats (detected from the content; the extension only breaks ties):

* ``csl-csv`` / ``csl-tsv``: the trade.gov Consolidated Screening List export
  (current layout with ``_id``, and the old layout without it);
* ``csl-json``: the CSL API/download JSON (``{"results": [...]}`` or a bare list);
* ``nsfreg-json``: ``{"list_id": ..., "entities": [...]}`` parsed lists;
* ``dpl-tsv``: the BIS Denied Persons List tab-separated export (``dpl.txt``);
* ``internal-csv``: a company's own CSV with at least a ``name`` column.

Every problem raises :class:`~screen.errors.ListError` naming the file, the line
where there is one, and what to do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from screen.errors import ListError
from screen.loaders.csl import (
    CSL_COLUMNS,
    csl_json_entries,
    csl_table_entries,
    is_csl_header,
    looks_like_csl,
)
from screen.loaders.dpl import dpl_entries, is_dpl_header
from screen.loaders.internal import internal_entries
from screen.loaders.nsfreg import is_nsfreg, nsfreg_entries
from screen.loaders.text import check_rows, decode, iter_rows, read_bytes, sniff_delimiter
from screen.model import Entry

__all__ = ["LIST_FORMATS", "LoadedList", "load_list"]


@dataclass
class LoadedList:
    """The entries of one list file, the detected format and non-fatal warnings."""

    entries: list[Entry]
    format: str
    warnings: list[str] = field(default_factory=list)
    #: The date the file itself gives for its content (eCFR JSON ``extracted``), or "".
    list_date: str = ""


#: ``list_format`` values: detect from the content, or read any table as an internal list.
LIST_FORMATS = ("auto", "internal")


def load_list(
    path: Path,
    encoding: str | None = None,
    allow_partial: bool = False,
    list_format: str = "auto",
    data: bytes | None = None,
) -> LoadedList:
    """Load a list file (CSL CSV/TSV/JSON, nsfreg JSON or internal CSV).

    ``encoding`` overrides the default UTF-8 (a UTF-8/16/32 BOM is recognised).
    ``allow_partial`` loads the complete rows of a truncated file, with warnings,
    instead of failing. ``list_format="internal"`` reads a CSV/TSV as an internal
    list even when it looks like an incomplete CSL export (which is otherwise
    refused, naming the missing columns, so its aliases are not silently lost).
    ``data``: the file's bytes when the caller has read them already (read once).
    """
    path = Path(path)
    text = decode(read_bytes(path) if data is None else data, path, encoding)
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" or stripped[:1] in ("{", "["):
        loaded = _load_json(text, path)
    else:
        loaded = _load_table(text, path, allow_partial, list_format == "internal")
    if not loaded.entries:
        raise ListError(
            f"{path}: the file has a header but no entries.",
            "Check that it is the complete list export.",
        )
    return loaded


def _load_json(text: str, path: Path) -> LoadedList:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as err:
        raise ListError(
            f"{path}: line {err.lineno} column {err.colno}: invalid JSON: {err.msg}.",
            "The file is damaged or truncated; download it again.",
        ) from None
    if is_nsfreg(data):
        extracted = data.get("extracted")
        day = extracted if isinstance(extracted, str) and len(extracted) == 10 else ""
        return LoadedList(nsfreg_entries(data, path), "nsfreg-json", list_date=day)
    if isinstance(data, list) or (isinstance(data, dict) and "results" in data):
        return LoadedList(csl_json_entries(data, path), "csl-json")
    keys = ", ".join(sorted(data)) if isinstance(data, dict) else type(data).__name__
    raise ListError(
        f"{path}: unrecognised JSON list (top-level keys: {keys}).",
        "Expected CSL JSON ('results') or an nsfreg list ('list_id', 'entities').",
    )


def _load_table(text: str, path: Path, allow_partial: bool, internal: bool) -> LoadedList:
    delimiter = sniff_delimiter(text)
    try:
        rows = list(iter_rows(text, delimiter))
    except ListError as err:
        raise ListError(f"{path}: {err.message}", err.hint) from None
    header = [c.strip() for c in rows[0].fields]
    good, warnings = check_rows(rows[1:], rows[0].fields, path, allow_partial)
    kind = "tsv" if delimiter == "\t" else "csv"
    if not internal and looks_like_csl(header) and not is_csl_header(header):
        missing = sorted(CSL_COLUMNS - set(header))
        raise ListError(
            f"{path}: line 1: CSL column(s) {', '.join(missing)} missing "
            f"(columns found: {', '.join(header)}).",
            "The file looks like a Consolidated Screening List export but is incomplete; "
            "download the full CSV from trade.gov again, or pass --format internal to "
            "read it as an internal list (name, aliases, addresses, country).",
        )
    if is_csl_header(header) and not internal:
        records = [(r.line, dict(zip(header, r.fields, strict=True))) for r in good]
        pairs, dup_warnings = csl_table_entries(records, path)
        return LoadedList([e for _, e in pairs], f"csl-{kind}", warnings + dup_warnings)
    lowered = [c.lower() for c in header]
    if "name" not in lowered:
        raise ListError(
            f"{path}: line 1: required column 'name' is missing "
            f"(columns found: {', '.join(header) or 'none'}).",
            "A list CSV needs a 'name' column (CSL exports also have source, addresses, "
            "alt_names). Check the delimiter and the header row.",
        )
    records = [(r.line, dict(zip(lowered, r.fields, strict=True))) for r in good]
    if is_dpl_header(lowered):
        return LoadedList(dpl_entries(records), f"dpl-{kind}", warnings)
    entries, skip_warnings = internal_entries(records, path)
    return LoadedList(entries, f"internal-{kind}", warnings + skip_warnings)
