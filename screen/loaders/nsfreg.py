"""The nsfreg-style JSON lists (``{"list_id": ..., "entities": [...]}``).

These are parsed copies of the eCFR Entity List and other U.S. lists. Each entity
has ``name, aliases[], country, address, federal_register, notes,
effective_date``. Ids: ``sha1(list_id, name, address, federal_register)``,
disambiguated in file order (``-2``, ``-3``) when two entities share them.

``start_date``: ``effective_date`` when present, else the LATEST date cited in
``federal_register`` (``"84 FR 29373, 6/24/19. 87 FR 62202, 10/13/22"`` ->
``2022-10-13``): later Federal Register notices amend an entry, so the newest
one is the date of the entry as listed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from screen.errors import ListError
from screen.loaders.clean import (
    clean_address_list,
    clean_name,
    clean_text,
    disambiguate,
    stable_hash,
    strip_leading_and,
    unique,
)
from screen.model import Address, Entry

SOURCE_NAMES = {
    "bis-entity-list": "Entity List (EL) - Bureau of Industry and Security",
    "bis-dpl": "Denied Persons List (DPL) - Bureau of Industry and Security",
    "bis-meu": "Military End User (MEU) List - Bureau of Industry and Security",
    "bis-uvl": "Unverified List (UVL) - Bureau of Industry and Security",
    "ofac-nscmic": "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) "
    "- Treasury Department",
    "state-nonproliferation": "Nonproliferation Sanctions (ISN) - State Department",
    "dow-1260h": "Section 1260H List (1260H) - Department of War",
    "dow-1286": "Section 1286 List (1286) - Department of War",
    "fcc-covered": "Covered List (FCC) - Federal Communications Commission",
    "dhs-uflpa": "UFLPA Entity List (UFLPA) - Department of Homeland Security",
}

_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_FOOTNOTE = re.compile(r"(?<=[.)])\s+\d$")
_DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%m/%d/%Y", "%d %b %Y")


def is_nsfreg(data: Any) -> bool:
    """True for an object with ``list_id`` and an ``entities`` list."""
    return isinstance(data, dict) and "list_id" in data and isinstance(data.get("entities"), list)


def latest_fr_date(text: str | None) -> str:
    """The latest ``m/d/yy`` or ``m/d/yyyy`` date in a Federal Register citation, ISO."""
    found: list[date] = []
    for month, day, year in _SLASH_DATE.findall(text or ""):
        full_year = int(year) if len(year) == 4 else _century(int(year))
        try:
            found.append(date(full_year, int(month), int(day)))
        except ValueError:
            continue
    return max(found).isoformat() if found else ""


def _century(year: int) -> int:
    return 1900 + year if year >= 70 else 2000 + year


def parse_date(text: str | None) -> str:
    """An ISO date from ``2021-03-12``, ``June 21, 2022`` or ``3/28/25``; else ``""``."""
    value = clean_text(text)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return latest_fr_date(value)


def nsfreg_entries(data: dict[str, Any], path: Path) -> list[Entry]:
    """Entries of an nsfreg-style list file."""
    list_id = str(data["list_id"])
    source = SOURCE_NAMES.get(list_id, list_id)
    raw_ids = []
    for index, item in enumerate(data["entities"], start=1):
        if not isinstance(item, dict) or not clean_text(item.get("name")):
            raise ListError(
                f"{path}: entity #{index} has no 'name'.",
                "The file is damaged or not an nsfreg-style list.",
            )
        raw_ids.append(
            stable_hash(
                list_id, *(str(item.get(k) or "") for k in ("name", "address", "federal_register"))
            )
        )
    ids = disambiguate(raw_ids)
    return [_entity(item, source, ids[i]) for i, item in enumerate(data["entities"])]


def _entity(item: dict[str, Any], source: str, entry_id: str) -> Entry:
    name, removed = clean_name(item.get("name"))
    country = clean_text(item.get("country"))
    addresses = tuple(
        Address(full=a, country=country) for a in clean_address_list(item.get("address"))
    )
    fr = clean_text(item.get("federal_register"))
    start = parse_date(item.get("effective_date")) or latest_fr_date(fr)
    aliases = (strip_leading_and(clean_text(a)) for a in item.get("aliases") or [])
    return Entry(
        id=entry_id,
        source=source,
        name=name,
        alt_names=unique(a for a in aliases if a != name),
        addresses=addresses,
        federal_register_notice=fr,
        start_date=start,
        license_requirement=_FOOTNOTE.sub("", clean_text(item.get("notes"))),
        remarks="; ".join(removed),
        countries=unique([country, *(a.country for a in addresses)]),
    )
