"""The trade.gov Consolidated Screening List (CSL): CSV/TSV export and JSON.

Ids: the CSL ``_id`` as given. The OFAC lists (SDN, SSI, CAP...) share one entity
number, so one ``_id`` legitimately appears under several sources; those ids are
qualified with the source's short code (``"15268@CAP"``) to stay unique in a
snapshot. The same ``_id`` twice in one source is an error naming both lines,
except for an exact repeat (ignoring the URL columns), which is dropped with a
warning. Files in the old layout (no ``_id`` column, 2019) get
``sha1(normalized row)`` ids.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from screen.errors import ListError
from screen.loaders.clean import (
    clean_address_list,
    clean_name,
    clean_text,
    split_joined,
    stable_hash,
    trailing_country_code,
    unique,
)
from screen.model import Address, Entry

CSL_COLUMNS = frozenset({"source", "name", "addresses", "alt_names"})
_URL_COLUMNS = frozenset({"source_list_url", "source_information_url"})
_SHORT = re.compile(r"\(([^()]+)\)")


def is_csl_header(columns: list[str]) -> bool:
    """True when a header row is the CSL layout."""
    return {c.strip() for c in columns} >= CSL_COLUMNS


#: Columns only a CSL export has (an internal list says aliases, federal_register...).
CSL_ONLY_COLUMNS = frozenset(
    {
        "_id",
        "entity_number",
        "source_list_url",
        "source_information_url",
        "alt_names",
        "federal_register_notice",
        "standard_order",
        "call_sign",
        "vessel_type",
        "gross_tonnage",
        "citizenships",
    }
)


def looks_like_csl(columns: list[str]) -> bool:
    """True when a header is recognisably the CSL's, complete or not: ``source`` and
    one of its id columns, or two columns only a CSL export has."""
    cols = {c.strip() for c in columns}
    if "source" in cols and bool(cols & {"_id", "entity_number", "source_list_url"}):
        return True
    return len(cols & CSL_ONLY_COLUMNS) >= 2


def short_code(source: str) -> str:
    """``"Capta List (CAP) - Treasury Department"`` -> ``"CAP"``."""
    match = _SHORT.search(source)
    return match.group(1) if match else re.sub(r"\W+", "-", source).strip("-")


def csl_row_entry(row: dict[str, str], row_id: str) -> Entry:
    """One CSL CSV/TSV record (a dict by column name) as an Entry."""
    name, removed = clean_name(row.get("name"))
    addresses = tuple(
        Address(full=a, country=trailing_country_code(a))
        for a in clean_address_list(row.get("addresses"))
    )
    remarks = "; ".join([*removed, clean_text(row.get("remarks"))]).strip("; ")
    return Entry(
        id=row_id,
        source=clean_text(row.get("source")),
        name=name,
        type=clean_text(row.get("type")),
        alt_names=unique(split_joined(row.get("alt_names"))),
        addresses=addresses,
        federal_register_notice=clean_text(row.get("federal_register_notice")),
        start_date=clean_text(row.get("start_date")),
        license_requirement=clean_text(row.get("license_requirement")),
        license_policy=clean_text(row.get("license_policy")),
        programs=unique(split_joined(row.get("programs"))),
        remarks=remarks,
        ids=unique(split_joined(row.get("ids"))),
        source_url=clean_text(row.get("source_list_url") or row.get("source_information_url")),
        countries=unique(a.country for a in addresses),
    )


def csl_table_entries(
    records: list[tuple[int, dict[str, str]]], path: Path
) -> tuple[list[tuple[int, Entry]], list[str]]:
    """Build entries from (line, record) pairs, giving every entry a unique id."""
    has_id = any("_id" in rec for _, rec in records[:1])
    seen: dict[tuple[str, str], tuple[int, dict[str, str]]] = {}
    sources_by_id: dict[str, set[str]] = {}
    kept: list[tuple[int, dict[str, str], str]] = []
    warnings: list[str] = []
    for line, rec in records:
        raw_id = (rec.get("_id") or "").strip() if has_id else ""
        if not raw_id:
            raw_id = stable_hash(*(v for k, v in sorted(rec.items()) if k not in _URL_COLUMNS))
        key = (raw_id, rec.get("source", ""))
        if key in seen:
            first_line, first = seen[key]
            if _same_ignoring_urls(first, rec):
                warnings.append(
                    f"{path.name}: line {line} repeats line {first_line} "
                    f"(same _id {raw_id}); kept the first"
                )
                continue
            raise ListError(
                f"{path}: duplicate _id {raw_id!r} on lines {first_line} and {line} "
                f"(source {key[1]!r}) with different content.",
                "The file is inconsistent; download a fresh copy of the list.",
            )
        seen[key] = (line, rec)
        sources_by_id.setdefault(raw_id, set()).add(key[1])
        kept.append((line, rec, raw_id))
    entries = []
    for line, rec, raw_id in kept:
        shared = len(sources_by_id[raw_id]) > 1
        row_id = f"{raw_id}@{short_code(rec.get('source', ''))}" if shared else raw_id
        entries.append((line, csl_row_entry(rec, row_id)))
    return entries, warnings


def _same_ignoring_urls(a: dict[str, str], b: dict[str, str]) -> bool:
    return all(a.get(k) == b.get(k) for k in a.keys() | b.keys() if k not in _URL_COLUMNS)


def csl_json_entries(data: Any, path: Path) -> list[Entry]:
    """Entries of the CSL API/download JSON (``{"results": [...]}`` or a bare list)."""
    results = data.get("results") if isinstance(data, dict) else data
    if not isinstance(results, list):
        raise ListError(
            f"{path}: CSL JSON has no 'results' list.",
            "Pass the JSON from the trade.gov CSL API or download page.",
        )
    records: list[tuple[int, dict[str, str]]] = []
    addresses: dict[int, list[Address]] = {}
    for index, item in enumerate(results, start=1):
        if not isinstance(item, dict) or not item.get("name"):
            raise ListError(
                f"{path}: result #{index} has no 'name'.",
                "The JSON is not a CSL export, or it is damaged.",
            )
        records.append((index, _flatten_json_record(item)))
        addresses[index] = _json_addresses(item.get("addresses"))
    entries, _ = csl_table_entries(records, path)
    return [
        _with_addresses(entry, addresses[index]) if addresses[index] else entry
        for index, entry in entries
    ]


def _flatten_json_record(item: dict[str, Any]) -> dict[str, str]:
    rec: dict[str, str] = {}
    for key, value in item.items():
        if key == "addresses" and isinstance(value, list):
            continue
        if key == "ids" and isinstance(value, list):
            rec["ids"] = "; ".join(_flatten_id(v) for v in value)
        elif isinstance(value, list):
            rec[key] = "; ".join(str(v) for v in value if v)
        else:
            rec[key] = "" if value is None else str(value)
    rec["_id"] = rec.get("_id") or rec.get("id", "")
    return rec


def _flatten_id(value: Any) -> str:
    if not isinstance(value, dict):
        return str(value)
    parts = [str(value.get(k) or "") for k in ("type", "number", "country")]
    text = f"{parts[0]}: {parts[1]}" if parts[0] else parts[1]
    return f"{text} ({parts[2]})" if parts[2] else text


def _json_addresses(value: Any) -> list[Address]:
    if not isinstance(value, list):
        return []
    out = []
    for item in value:
        if not isinstance(item, dict):
            continue
        keys = ("address", "city", "state", "postal_code", "country")
        vals = [clean_text(str(item.get(k) or "")) for k in keys]
        full = ", ".join(v for v in vals if v)
        if full:
            out.append(Address(full, vals[0], vals[1], vals[2], vals[3], vals[4]))
    return out


def _with_addresses(entry: Entry, addresses: list[Address]) -> Entry:
    return replace(
        entry, addresses=tuple(addresses), countries=unique(a.country for a in addresses)
    )
