"""Which input columns hold the name, addresses, country and officers of a counterparty."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from screen.errors import InputError
from screen.match.types import Query

#: Column names recognised for each role (compared case-insensitively; spaces and
#: hyphens count as underscores), in order of preference.
NAME_COLUMNS = (
    "name",
    "company",
    "company_name",
    "counterparty",
    "counterparty_name",
    "party",
    "party_name",
    "entity",
    "entity_name",
    "customer",
    "customer_name",
    "supplier",
    "supplier_name",
    "legal_name",
)
ADDRESS_COLUMNS = ("address", "addresses", "street", "street_address")
COUNTRY_COLUMNS = ("country", "country_code")
OFFICER_COLUMNS = ("officers", "executives", "directors")

_SPLIT = re.compile(r"[;\n\r]+")


@dataclass(frozen=True)
class ColumnSpec:
    """Columns the user named (``--name-column`` etc.); empty = find by common names."""

    name: str | None = None
    address: tuple[str, ...] = ()
    country: str | None = None
    officers: str | None = None


@dataclass(frozen=True)
class ColumnMap:
    """Resolved column names (exactly as in the input) for each role."""

    name: str
    address: tuple[str, ...] = ()
    country: str | None = None
    officers: str | None = None

    def query(self, row: Mapping[str, Any]) -> Query | None:
        """The query of one row, or None when its name is empty."""
        name = _text(row.get(self.name)).strip()
        if not name:
            return None
        addresses = tuple(a for col in self.address for a in split_values(row.get(col)))
        country = _text(row.get(self.country)).strip() if self.country else ""
        officers = tuple(split_values(row.get(self.officers))) if self.officers else ()
        return Query(name, addresses, country, officers)

    def describe(self, columns: Sequence[str]) -> str:
        """One line naming the columns used for each role and those carried through unread."""
        roles = [
            ("name", (self.name,)),
            ("address", self.address),
            ("country", (self.country,) if self.country else ()),
            ("officers", (self.officers,) if self.officers else ()),
        ]
        used = {c for _, cols in roles for c in cols}
        parts = [f"{role} {_listing(cols)}" for role, cols in roles if cols]
        unread = [c for c in columns if c not in used]
        text = "Columns used: " + "; ".join(parts)
        return text + (f"; carried through unread: {_listing(unread)}." if unread else ".")


def _key(column: str) -> str:
    return re.sub(r"[\s\-]+", "_", column.strip().lower())


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def split_values(value: Any) -> list[str]:
    """Values of a multi-value cell: a list, or text joined with ";" or newlines."""
    if value is None:
        return []
    items = value if isinstance(value, list) else _SPLIT.split(_text(value))
    return [text for text in (_text(item).strip() for item in items) if text]


def _find(
    columns: Sequence[str], wanted: str | None, candidates: Sequence[str], option: str
) -> str | None:
    keys = {_key(c): c for c in reversed(columns)}  # first column wins on a clash
    if wanted is not None:
        found = keys.get(_key(wanted))
        if found is None:
            raise InputError(
                f"Column {wanted!r} (from {option}) is not in the input; "
                f"columns found: {_listing(columns)}.",
                f"Pass one of the columns found to {option}.",
            )
        return found
    return next((keys[c] for c in candidates if c in keys), None)


def _listing(columns: Sequence[str]) -> str:
    return ", ".join(repr(c) for c in columns) if columns else "(none)"


def resolve_columns(columns: Sequence[str], spec: ColumnSpec, source: str) -> ColumnMap:
    """Map roles to the input's columns; InputError if no name column can be found."""
    name = _find(columns, spec.name, NAME_COLUMNS, "--name-column")
    if name is None:
        raise InputError(
            f"No name column found in {source}; columns found: {_listing(columns)}.",
            "Name the column holding counterparty names with --name-column COLUMN "
            f"(recognised automatically: {', '.join(NAME_COLUMNS[:8])}, ...).",
        )
    if spec.address:
        address = tuple(_find(columns, c, (), "--address-column") or c for c in spec.address)
    else:
        found = _find(columns, None, ADDRESS_COLUMNS, "--address-column")
        address = (found,) if found else ()
    return ColumnMap(
        name=name,
        address=address,
        country=_find(columns, spec.country, COUNTRY_COLUMNS, "--country-column"),
        officers=_find(columns, spec.officers, OFFICER_COLUMNS, "--officers-column"),
    )
