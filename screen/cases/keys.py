"""Keys and fingerprints: which case a hit belongs to, and whether its facts changed.

A case is one (counterparty, listed entry) pair. The counterparty's key is its own id
(``--id-column``) when the input has one, else its normalized name + country +
addresses; the listed entry is found by its id, else by source list + normalized name
(ids differ between list formats). Fingerprints hash the *normalized* facts, so a
respelling (``Rd.`` for ``Road``) is not a change, and :func:`describe_changes` names
what did change in words an analyst reads ("alias added 'X'").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from screen.loaders.csl import short_code
from screen.match.addresses import normalize_address
from screen.match.countries import country_code
from screen.match.names import normalize_name
from screen.match.persons import normalize_person
from screen.match.types import Query
from screen.model import Entry


@dataclass(frozen=True)
class Party:
    """A counterparty as screened; ``id`` is its own id (from ``--id-column``) or ''."""

    name: str
    addresses: tuple[str, ...] = ()
    country: str = ""
    officers: tuple[str, ...] = ()
    id: str = ""

    @classmethod
    def from_query(cls, query: Query, party_id: str = "") -> Party:
        return cls(
            query.name, tuple(query.addresses), query.country, tuple(query.officers), party_id
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "addresses": list(self.addresses),
            "country": self.country,
            "officers": list(self.officers),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Party:
        return cls(
            data["name"],
            tuple(data.get("addresses", ())),
            data.get("country", ""),
            tuple(data.get("officers", ())),
            data.get("id", ""),
        )


def _name(text: str) -> str:
    return " ".join(normalize_name(text).tokens)


def _address(text: str) -> str:
    form = normalize_address(text)
    return " ".join(sorted(form.words)) + "#" + ",".join(sorted(form.numbers))


def _person(text: str) -> str:
    return " ".join(sorted(normalize_person(text).tokens))


def _country(text: str) -> str:
    return country_code(text) or text.strip().casefold()


def party_key(party: Party) -> str:
    """``id:<id>`` when the party has an id, else normalized name, country, addresses."""
    if party.id.strip():
        return f"id:{party.id.strip()}"
    addresses = sorted({_address(a) for a in party.addresses if a.strip()})
    return "|".join(["nca", _name(party.name), _country(party.country), *addresses])


def entity_key(entry: Entry) -> str:
    """Source list (short code) + normalized listed name: stable across list formats."""
    return f"{short_code(entry.source)}:{_name(entry.name)}"


def _digest(material: dict[str, Any]) -> str:
    text = json.dumps(material, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def party_fingerprint(party: Party) -> str:
    """Hash of the counterparty's normalized name, addresses, country and officers."""
    return _digest(
        {
            "name": _name(party.name),
            "country": _country(party.country),
            "addresses": sorted({_address(a) for a in party.addresses if a.strip()}),
            "officers": sorted({_person(o) for o in party.officers if o.strip()}),
        }
    )


def entry_facts(entry: Entry) -> dict[str, Any]:
    """The listed entry's facts a decision rests on: name, aliases, addresses (as listed)."""
    return {
        "name": entry.name,
        "alt_names": list(entry.alt_names),
        "addresses": [a.full for a in entry.addresses],
    }


def entry_fingerprint(facts: dict[str, Any]) -> str:
    """Hash of :func:`entry_facts`, normalized."""
    return _digest(
        {
            "name": _name(facts["name"]),
            "alt_names": sorted({_name(a) for a in facts["alt_names"]}),
            "addresses": sorted({_address(a) for a in facts["addresses"]}),
        }
    )


def _list_changes(
    label: str, old: Sequence[str], new: Sequence[str], norm: Callable[[str], str]
) -> list[str]:
    before = {norm(v) for v in old if v.strip()}
    after = {norm(v) for v in new if v.strip()}
    added = [v for v in new if v.strip() and norm(v) not in before]
    removed = [v for v in old if v.strip() and norm(v) not in after]
    return [f"{label} added {v!r}" for v in dict.fromkeys(added)] + [
        f"{label} removed {v!r}" for v in dict.fromkeys(removed)
    ]


def describe_entry_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed between two :func:`entry_facts`, e.g. ``["alias added 'X'"]``."""
    out = []
    if _name(old["name"]) != _name(new["name"]):
        out.append(f"name changed {old['name']!r} -> {new['name']!r}")
    out += _list_changes("alias", old["alt_names"], new["alt_names"], _name)
    out += _list_changes("address", old["addresses"], new["addresses"], _address)
    return out


def describe_party_changes(old: Party, new: Party) -> list[str]:
    """What changed between two versions of a counterparty."""
    out = []
    if _name(old.name) != _name(new.name):
        out.append(f"name changed {old.name!r} -> {new.name!r}")
    if _country(old.country) != _country(new.country):
        out.append(f"country changed {old.country!r} -> {new.country!r}")
    out += _list_changes("address", old.addresses, new.addresses, _address)
    out += _list_changes("officer", old.officers, new.officers, _person)
    return out
