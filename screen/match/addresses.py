"""Address normalization: word tokens, house numbers, postcodes and locality, computed once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from screen.match.countries import country_code, official_country_code
from screen.match.limits import ADDRESS_CHARS, capped
from screen.match.names import ORDINAL
from screen.match.text import join_dotted_initials, tokenize
from screen.match.vocab import (
    ADDRESS_FILLER,
    ADDRESS_WORDS,
    DIRECTIONS,
    FLOOR_WORDS,
    STREET_TYPES,
    UNIT_WORDS,
)

_POSTAL = re.compile(r"^\d{5,6}$")
_POSTAL_PART = re.compile(r"^\d{4,10}(-\d{3,5})?$")
_CITY_POSTAL = re.compile(r"^\d{4,6}$")
_HOUSE = re.compile(r"^\d+[a-z]?$")
#: Single letters that abbreviate a direction ("123 N Main St"), never after or before
#: a unit word ("Block E", "E Block" name a block).
_DIRECTION_LETTERS = frozenset({"e", "w", "n", "s"})
#: Longest country name looked for at the end of a part ("Dubai UAE", "Sofia Bulgaria").
_COUNTRY_WORDS = 3
#: Words that make a country name part of a place's name ("Estado de Mexico").
_NAME_JOINERS = frozenset({"de", "del", "da", "do", "of", "la", "el", "new", "nuevo", "nueva"})


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
    #: Postal codes: 5-6 digit numbers, and a 4-6 digit number in the city part
    #: ("Sofia, 1712", "1000 Sofia"); never house numbers.
    postcodes: frozenset[str] = frozenset()


@lru_cache(maxsize=1 << 16)
def _address_tokens(text: str) -> tuple[str, ...]:
    """The words of an address or of one of its parts (cached: parts recur)."""
    raw = tokenize(join_dotted_initials(text))
    out: list[str] = []
    for i, tok in enumerate(raw):
        if tok in _DIRECTION_LETTERS:
            out.append(tok if _beside_unit_word(raw, i) else ADDRESS_WORDS[tok])
        else:
            out.extend(_word(tok))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _word(tok: str) -> tuple[str, ...]:
    """One token (not a direction letter) as the address words it stands for."""
    m = ORDINAL.match(tok)
    if m:
        return (m.group(1),)
    return tuple(ADDRESS_WORDS.get(tok, tok).split())


def _beside_unit_word(tokens: list[str], i: int) -> bool:
    near = {ADDRESS_WORDS.get(t, t) for t in tokens[max(0, i - 1) : i + 2 : 2]}
    return not near.isdisjoint(UNIT_WORDS) or i + 1 == len(tokens)


def _house_numbers(tokens: Sequence[str], postcodes: frozenset[str]) -> frozenset[str]:
    """House numbers ("No. 15", "1A"): not units (after "Room", "Building"...; before
    "Floor"), not part of a street name ("4th Road"), not postal codes."""
    found = set()
    for i, tok in enumerate(tokens):
        if not _HOUSE.match(tok) or _POSTAL.match(tok) or tok in postcodes:
            continue
        before = tokens[i - 1] if i > 0 else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if before in UNIT_WORDS or after in FLOOR_WORDS or after in STREET_TYPES:
            continue
        found.add(tok.lstrip("0") or "0")
    return frozenset(found)


def _strip_country(part: str) -> str:
    """A part less a trailing country name written without a comma ("Dubai U.A.E.")."""
    words = part.split()
    for n in range(min(_COUNTRY_WORDS, len(words) - 1), 0, -1):
        tail = " ".join(words[-n:])
        joined = words[-n - 1].lower() in _NAME_JOINERS
        if official_country_code(tail) and not joined and not any(c.isdigit() for c in tail):
            return " ".join(words[:-n])
    return part


def _split_parts(text: str) -> tuple[list[str], frozenset[str]]:
    """Comma-separated parts of an address, less the trailing country (the last part in
    any spelling, parts before it only as ISO names or codes: "Kwun Tong, Hong Kong"
    keeps its district) and a trailing postal-code part ("Sofia, 1712, BG")."""
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if parts and country_code(parts[-1].rstrip(".")):
        parts.pop()
    while parts and official_country_code(parts[-1].rstrip(".")):
        parts.pop()
    postcodes: set[str] = set()
    if len(parts) > 1 and _POSTAL_PART.match(parts[-1].rstrip(".")):
        postcodes.add(parts.pop().rstrip("."))
    if parts:
        parts[-1] = _strip_country(parts[-1])
    return parts, frozenset(postcodes)


def _city_postcodes(parts: list[str]) -> frozenset[str]:
    """4-6 digit numbers in the last part when it names no street or unit ("1000 Sofia")."""
    if len(parts) < 2:
        return frozenset()
    tokens = _address_tokens(parts[-1])
    if any(t in STREET_TYPES or t in UNIT_WORDS or t in FLOOR_WORDS for t in tokens):
        return frozenset()
    numbers = [t for t in tokens if t.isdigit()]
    words = [t for t in tokens if not t.isdigit()]
    return frozenset(n for n in numbers if _CITY_POSTAL.match(n) and words)


def _locality(parts: list[str], postcodes: frozenset[str]) -> frozenset[str]:
    """Words of up to two trailing parts (city, province) before a street or number part."""
    words: set[str] = set()
    taken = 0
    for part in reversed(parts):
        tokens = [t for t in _address_tokens(part) if t not in postcodes]
        if (not tokens or part.isdigit()) and not words:
            continue  # a postal code after the city
        if taken == 2 or any(t.isdigit() or t in STREET_TYPES for t in tokens):
            break
        words.update(tokens)
        taken += 1
    return frozenset(w for w in words - ADDRESS_FILLER - UNIT_WORDS if len(w) > 1)


@lru_cache(maxsize=65536)
def normalize_address(text: str) -> AddressForm:
    """Normalize an address: transliterate, expand Rd./St./Bldg., separate numbers."""
    text = capped(text, ADDRESS_CHARS)  # bounded work for hostile input (screen.match.limits)
    parts, postcodes = _split_parts(text)
    tokens = _address_tokens(", ".join(parts))
    postcodes |= _city_postcodes(parts)
    locality = _locality(parts, postcodes)
    postcodes |= {t for t in tokens if _POSTAL.match(t)}
    skip = ADDRESS_FILLER | UNIT_WORDS
    words = tuple(t for t in tokens if not t.isdigit() and t not in skip and len(t) > 1)
    numbers = _house_numbers(tokens, postcodes)
    return AddressForm(text, words, numbers, locality, _streets(tokens), postcodes)


def _streets(tokens: Sequence[str]) -> frozenset[str]:
    """ "<name> <type>" for each street type word, skipping directions (West Road)."""
    found = set()
    for i, tok in enumerate(tokens):
        if tok in STREET_TYPES:
            before = [t for t in tokens[max(0, i - 3) : i] if t not in DIRECTIONS]
            if before and not before[-1].isdigit():
                found.add(f"{before[-1]} {tok}")
    return frozenset(found)
