"""Address normalization: word tokens, house numbers and locality, computed once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from screen.match.countries import country_code
from screen.match.limits import ADDRESS_CHARS, capped
from screen.match.text import tokenize
from screen.match.vocab import (
    ADDRESS_FILLER,
    ADDRESS_WORDS,
    DIRECTIONS,
    FLOOR_WORDS,
    STREET_TYPES,
    UNIT_WORDS,
)

_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_POSTAL = re.compile(r"^\d{5,6}$")
_POSTAL4 = re.compile(r"^\d{4}$")
_HOUSE = re.compile(r"^\d+[a-z]?$")


@dataclass(frozen=True)
class AddressForm:
    """A normalized address.

    ``words``: street, building, area and place words (canonical, no numbers);
    ``numbers``: house numbers (numbers not tied to a floor, room or unit);
    ``locality``: words of the last comma-separated parts (city, province).
    """

    text: str
    words: tuple[str, ...]
    numbers: frozenset[str]
    locality: frozenset[str]
    #: Streets named: the word before each street type, e.g. "huake street".
    streets: frozenset[str] = frozenset()


def _address_tokens(text: str) -> list[str]:
    out: list[str] = []
    for tok in tokenize(text):
        m = _ORDINAL.match(tok)
        if m:
            out.append(m.group(1))
            continue
        out.extend(ADDRESS_WORDS.get(tok, tok).split())
    return out


def _house_numbers(tokens: list[str]) -> frozenset[str]:
    """House numbers ("No. 15", "1A"): not units (after "Room", "Building"...; before
    "Floor"), not part of a street name ("4th Road"), not postal codes."""
    found = set()
    for i, tok in enumerate(tokens):
        if not _HOUSE.match(tok) or _POSTAL.match(tok):
            continue
        before = tokens[i - 1] if i > 0 else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if before in UNIT_WORDS or after in FLOOR_WORDS or after in STREET_TYPES:
            continue
        found.add(tok.lstrip("0") or "0")
    return frozenset(found)


def _without_country(text: str) -> list[str]:
    """Comma-separated parts of an address, less a trailing country name or code, and
    less a trailing four-digit postal code ("Oudtshoorn, 6620, South Africa")."""
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    while parts and country_code(parts[-1].rstrip(".")):
        parts.pop()
    if len(parts) > 1 and _POSTAL4.match(parts[-1]):
        parts.pop()
    return parts


def _locality(parts: list[str]) -> frozenset[str]:
    """Words of up to two trailing parts (city, province) before a street or number part."""
    words: set[str] = set()
    taken = 0
    for part in reversed(parts):
        tokens = _address_tokens(part)
        if part.isdigit() and not words:
            continue  # a postal code after the city
        if taken == 2 or any(t.isdigit() or t in STREET_TYPES for t in tokens):
            break
        words.update(tokens)
        taken += 1
    return frozenset(words - ADDRESS_FILLER - UNIT_WORDS)


@lru_cache(maxsize=65536)
def normalize_address(text: str) -> AddressForm:
    """Normalize an address: transliterate, expand Rd./St./Bldg., separate numbers."""
    text = capped(text, ADDRESS_CHARS)  # bounded work for hostile input (screen.match.limits)
    parts = _without_country(text)
    tokens = _address_tokens(", ".join(parts))
    skip = ADDRESS_FILLER | UNIT_WORDS
    words = tuple(t for t in tokens if not t.isdigit() and t not in skip and len(t) > 1)
    return AddressForm(text, words, _house_numbers(tokens), _locality(parts), _streets(tokens))


def _streets(tokens: list[str]) -> frozenset[str]:
    """ "<name> <type>" for each street type word, skipping directions (West Road)."""
    found = set()
    for i, tok in enumerate(tokens):
        if tok in STREET_TYPES:
            before = [t for t in tokens[max(0, i - 3) : i] if t not in DIRECTIONS]
            if before and not before[-1].isdigit():
                found.add(f"{before[-1]} {tok}")
    return frozenset(found)
