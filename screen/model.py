"""Plain data types shared by loaders, the snapshot store and the matcher."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Address:
    """One address of a listed entry; ``full`` is the whole text as listed."""

    full: str
    street: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""


@dataclass(frozen=True)
class Entry:
    """One listed party, whatever list it came from.

    ``id`` is the list's own id (the CSL ``_id``) or, where a file has none, a
    deterministic hash of the row. ``alt_names`` are already cleaned (no stray
    leading ``and ``, ``?s`` mended to ``'s``).
    """

    id: str
    source: str
    name: str
    type: str = ""
    alt_names: tuple[str, ...] = ()
    addresses: tuple[Address, ...] = ()
    federal_register_notice: str = ""
    start_date: str = ""
    license_requirement: str = ""
    license_policy: str = ""
    programs: tuple[str, ...] = ()
    remarks: str = ""
    ids: tuple[str, ...] = ()
    source_url: str = ""
    countries: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        values = dict(data)
        values["addresses"] = tuple(Address(**a) for a in values.get("addresses", ()))
        for key in ("alt_names", "programs", "ids", "countries"):
            values[key] = tuple(values.get(key, ()))
        return cls(**values)
