"""The BIS Denied Persons List tab-separated export (``dpl.txt``).

Columns: Name, Street_Address, City, State, Country, Postal_Code, Effective_Date,
Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation. The file has no
id: ``sha1(name, street, effective date, FR citation)``, disambiguated in file order.
"""

from __future__ import annotations

from screen.loaders.clean import clean_name, clean_text, disambiguate, stable_hash, unique
from screen.loaders.nsfreg import parse_date
from screen.model import Address, Entry

SOURCE = "Denied Persons List (DPL) - Bureau of Industry and Security"
_REQUIRED = frozenset({"name", "street_address", "city", "country", "fr_citation"})


def is_dpl_header(lowered: list[str]) -> bool:
    """True for the DPL export header (lower-cased column names)."""
    return set(lowered) >= _REQUIRED


def dpl_entries(records: list[tuple[int, dict[str, str]]]) -> list[Entry]:
    """Entries of a DPL export given (line, record-by-lowercase-column) pairs."""
    kept = [rec for _, rec in records if clean_text(rec.get("name"))]
    ids = disambiguate(
        [
            stable_hash(
                *(
                    rec.get(k, "")
                    for k in ("name", "street_address", "effective_date", "fr_citation")
                )
            )
            for rec in kept
        ]
    )
    return [_entry(rec, ids[i]) for i, rec in enumerate(kept)]


def _entry(rec: dict[str, str], entry_id: str) -> Entry:
    name, removed = clean_name(rec.get("name"))
    parts = [
        clean_text(rec.get(k))
        for k in ("street_address", "city", "state", "postal_code", "country")
    ]
    full = ", ".join(p for p in parts if p)
    addresses = (Address(full, *parts),) if full else ()
    remarks = [*removed, clean_text(rec.get("action"))]
    return Entry(
        id=entry_id,
        source=SOURCE,
        name=name,
        addresses=addresses,
        federal_register_notice=clean_text(rec.get("fr_citation")),
        start_date=parse_date(rec.get("effective_date")),
        remarks="; ".join(r for r in remarks if r),
        countries=unique(a.country for a in addresses),
    )
