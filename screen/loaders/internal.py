"""A plain internal CSV of blocked parties (a company's own list).

Columns (case-insensitive): ``name`` (required), ``aliases`` (``;``-joined),
``addresses`` or ``address`` (``;``-joined), ``country``, and optionally ``id``,
``source``, ``notes``, ``federal_register``, ``license_requirement`` or
``license_requirement_excerpt``, ``license_policy``, ``start_date``. Rows without an ``id`` get
``sha1(source, name, address, federal_register)``, disambiguated in file order.
"""

from __future__ import annotations

from pathlib import Path

from screen.errors import ListError
from screen.loaders.clean import (
    clean_address_list,
    clean_name,
    clean_text,
    disambiguate,
    split_joined,
    stable_hash,
    unique,
)
from screen.loaders.nsfreg import latest_fr_date, parse_date
from screen.model import Address, Entry

DEFAULT_SOURCE = "Internal list"


def internal_entries(
    records: list[tuple[int, dict[str, str]]], path: Path
) -> tuple[list[Entry], list[str]]:
    """Entries of an internal CSV given (line, record-by-lowercase-column) pairs."""
    warnings: list[str] = []
    raw_ids: list[str] = []
    kept: list[dict[str, str]] = []
    for line, rec in records:
        if not clean_text(rec.get("name")):
            warnings.append(f"{path.name}: line {line}: empty name; row skipped")
            continue
        given = clean_text(rec.get("id"))
        raw_ids.append(
            given
            or stable_hash(
                rec.get("source") or DEFAULT_SOURCE,
                rec.get("name", ""),
                _address_field(rec),
                rec.get("federal_register", ""),
            )
        )
        kept.append(rec)
    given_ids = [clean_text(r.get("id")) for r in kept]
    dup = _first_duplicate(given_ids)
    if dup:
        raise ListError(
            f"{path}: id {dup!r} appears more than once.",
            "Ids in a list file must be unique; fix or remove the id column.",
        )
    ids = disambiguate(raw_ids)
    return [_entry(rec, ids[i]) for i, rec in enumerate(kept)], warnings


def _address_field(rec: dict[str, str]) -> str:
    return rec.get("addresses") or rec.get("address") or ""


def _first_duplicate(values: list[str]) -> str:
    seen: set[str] = set()
    for value in values:
        if value and value in seen:
            return value
        seen.add(value)
    return ""


def _entry(rec: dict[str, str], entry_id: str) -> Entry:
    name, removed = clean_name(rec.get("name"))
    country = clean_text(rec.get("country"))
    addresses = tuple(
        Address(full=a, country=country) for a in clean_address_list(_address_field(rec))
    )
    fr = clean_text(rec.get("federal_register"))
    license_req = rec.get("license_requirement") or rec.get("license_requirement_excerpt")
    remarks = [*removed, clean_text(rec.get("notes"))]
    return Entry(
        id=entry_id,
        source=clean_text(rec.get("source")) or DEFAULT_SOURCE,
        name=name,
        type=clean_text(rec.get("type")),
        alt_names=unique(a for a in split_joined(rec.get("aliases")) if a != name),
        addresses=addresses,
        federal_register_notice=fr,
        start_date=parse_date(rec.get("start_date")) or latest_fr_date(fr),
        license_requirement=clean_text(license_req),
        license_policy=clean_text(rec.get("license_policy")),
        remarks="; ".join(r for r in remarks if r),
        countries=unique([country, *(a.country for a in addresses)]),
    )
