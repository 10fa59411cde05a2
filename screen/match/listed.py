"""Listed names as the lists write them: split the place and the short name out.

The Entity List often appends a locality to a name ("Dongguan Huawei Service Co., Ltd.,
Dongguan, Guangdong"; "HiSilicon Technologies Co., Ltd (HiSilicon), Bantian Longgang
District") and puts a short name in brackets. Matched as written, the locality's words
dilute the name and the short name is never found on its own. At index time each listed
name is split into the name itself, its aliases (the short name in brackets, or an
"a.k.a." list) and its localities (kept as addresses).

A trailing part is a locality only after a legal form, and only when it names an
administrative area (``District``, ``Province``...) or every word of it is a place the
list's own addresses name; "Huawei Technologies Co., Ltd., Beijing Research Institute"
keeps its research institute.

Some names carry a whole street address after a comma, in the list ("Enrich Ever
Technologies Co., 9F No. 38 Ming-Fu 13th Street, Taoyuan, Taiwan") as in the files users
screen ("Lubov Skvortsova, 7150 Rue Chouinard, Montreal, QC, H8N 2Z6 Canada"). From the
first comma whose next part holds a number that is not an ordinal, the rest is an address
when it also has a street, unit or floor word or ends with a country's name: it is split
off, so "Concern Radio-Electronic Technologies, Joint Stock Company ..." keeps its second
part, and "... Corporation, 14th Research Institute" and "... (CSIC) 750th Test Center"
their institute and center.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache

from screen.match.countries import country_code
from screen.match.limits import NAME_CHARS, capped
from screen.match.names import ORDINAL, canonical_word, legal_run, split_legal
from screen.match.text import tokenize
from screen.match.vocab import (
    ADDRESS_WORDS,
    FLOOR_WORDS,
    GENERIC_WORDS,
    STOP_WORDS,
    STREET_TYPES,
    UNIT_WORDS,
    read_rows,
)

#: Words that make a trailing part an administrative area.
ADMIN_WORDS = frozenset(
    {"district", "province", "city", "county", "prefecture", "municipality", "oblast", "region"}
    | {"krai", "township", "town", "sar", "governorate", "emirate", "state"}
)
#: Longest bracketed text taken as a short name (in words).
SHORT_NAME_WORDS = 3
_BRACKET_END = re.compile(r"^(?P<name>.*\S)\s*[(\[](?P<inner>[^()\[\]]+)[)\]]\s*$")
_AKA = re.compile(
    r"[(\[]\s*(?:[af]\.?k\.?a\b\.?|also known as\b|formerly\b)[\s,:]*([^()\[\]]+)[)\]]", re.I
)


@dataclass(frozen=True)
class ListedName:
    """One listed name split: the name, its aliases and its localities."""

    name: str
    aliases: tuple[str, ...] = ()
    localities: tuple[str, ...] = ()


def _ends_with_legal_form(text: str) -> bool:
    tokens = tokenize(text)
    return any(legal_run(tokens, i) == len(tokens) - i for i in range(len(tokens)))


def _is_place(part: str, places: Container[str]) -> bool:
    verdict, tokens = _place_verdict(part)
    if verdict is not None:
        return verdict
    known = _provinces()
    return all(t in places or t in known for t in tokens) or "".join(tokens) in places


@lru_cache(maxsize=1 << 16)
def _place_verdict(part: str) -> tuple[bool | None, tuple[str, ...]]:
    """What ``_is_place`` can tell of ``part`` without the list's places (None: they
    decide), and its words (cached: the same parts recur across listed names)."""
    tokens = [t for t in tokenize(part) if t not in STOP_WORDS]
    if not tokens or any(t.isdigit() for t in tokens) or not split_legal(tokens)[0]:
        return False, tuple(tokens)
    if any(t in ADMIN_WORDS for t in tokens) or country_code(part.strip()):
        return True, tuple(tokens)
    return None, tuple(tokens)


def _strip_localities(name: str, places: Container[str]) -> tuple[str, list[str]]:
    """Trailing place parts, taken off only where what stays ends with a legal form.

    A part is a place when ``_is_place`` says so, or when it repeats a word the name
    starts with (its city qualifier: "Dongguan Huawei Service Co., Ltd., Dongguan").
    """
    parts = name.split(",")
    first_words = set(tokenize(parts[0])[:1])
    first = len(parts)
    while first > 1 and (
        _is_place(parts[first - 1], places)
        or (tokenize(parts[first - 1]) and set(tokenize(parts[first - 1])) <= first_words)
    ):
        first -= 1
    for cut in range(len(parts) - 1, first - 1, -1):  # take off as few parts as will do
        head = ",".join(parts[:cut]).rstrip()
        bare = _BRACKET_END.match(head)
        if _ends_with_legal_form(bare.group("name") if bare else head):
            return head, [p.strip() for p in parts[cut:]]
    return name, []


@lru_cache(maxsize=1)
def _address_words() -> frozenset[str]:
    """Words that make a numbered part an address: street types, units and floors
    (``data/street_types.tsv``, ``unit_words.tsv``, ``floor_words.tsv``) and their
    abbreviations (``address_words.tsv``); not one-letter ones ("F" is a floor only after
    a number), nor the address table's other words (center, industrial, east...)."""
    strict = STREET_TYPES | UNIT_WORDS | FLOOR_WORDS
    return frozenset(
        w
        for w in strict | {k for k, v in ADDRESS_WORDS.items() if v in strict}
        if len(w) >= _SHORTEST_ADDRESS_WORD
    )


#: Address words this short are left out ("F" is a floor only right after a number).
_SHORTEST_ADDRESS_WORD = 2
#: The most words of a country's name looked for at an address's end ("united arab emirates").
_COUNTRY_WORDS = 3
#: A part written in this many letters or fewer (DE, CO) is never taken for a country at
#: an address's end, where it may be a province or a state; "USA" and "U.A.E." are.
_CODE_LETTERS = 2
#: Words this short are no country among an address's last words, where they may be
#: common words that are also ISO codes ("and" is Andorra's).
_CODE_WORD_LETTERS = 3


def _numbered(part: str) -> bool:
    """The part holds a number that is not an ordinal ("750th Test Center" is a name's,
    not a house number)."""
    return any(any(c.isdigit() for c in t) and not ORDINAL.match(t) for t in tokenize(part))


def _ends_with_country(part: str) -> bool:
    """The part ends with a country's name, numbers aside ("H8N 2Z6 Canada", "Dubai,
    U.A.E.", "USA"): the part as written, or its last words; a code never counts."""
    bare = re.sub(r"\S*\d\S*", " ", part).strip(" ,;()")
    if len(bare.replace(".", "")) > _CODE_LETTERS and country_code(bare):
        return True
    words = [t for t in tokenize(part) if not any(c.isdigit() for c in t)]
    for n in range(min(_COUNTRY_WORDS, len(words)), 0, -1):
        tail = " ".join(words[-n:])
        if len(tail.replace(" ", "")) > _CODE_WORD_LETTERS and country_code(tail):
            return True
    return False


@lru_cache(maxsize=1 << 16)
def _split_address(name: str) -> tuple[str, str]:
    """``name`` without a street address after a comma, and that address ("" if none;
    cached: a query's name is split here for its readings and again for its address)."""
    parts = re.split(r"[,;]", name)
    for cut in range(1, len(parts)):
        if not _numbered(parts[cut]):
            continue
        rest = tokenize(" ".join(parts[cut:]))
        if _address_words().isdisjoint(rest) and not _ends_with_country(parts[-1]):
            continue
        head = name[: sum(len(p) + 1 for p in parts[:cut]) - 1].rstrip(" ,;")
        if tokenize(head):
            return head, name[len(head) :].lstrip(" ,;")
    return name, ""


def address_in_name(text: str) -> str:
    """The street address a name is written with ("" if none; see the module docstring):
    a query without an address of its own is screened with it."""
    return _split_address(capped(text, NAME_CHARS))[1] if "," in text or ";" in text else ""


def _short_name(inner: str, rest: str, places: Container[str]) -> bool:
    """A bracket holding a short name: its words repeat the name's ("(Huawei)"), or it is
    neither a place nor a legal form ("(CGTC)")."""
    tokens = tokenize(inner)
    if not tokens or len(tokens) > SHORT_NAME_WORDS:
        return False
    core, _ = split_legal(tokens)
    if not core or all(w in GENERIC_WORDS for t in core for w in canonical_word(t)):
        return False  # "(Private)", "(Holdings)", "(Offshore)": a qualifier, not a name
    return set(core) <= set(tokenize(rest)) or not _is_place(inner, places)


def split_listed_name(text: str, places: Container[str]) -> ListedName:
    """Split a listed name into the name, its aliases and its trailing localities."""
    text = capped(text, NAME_CHARS)  # bounded work for hostile input (screen.match.limits)
    if "," not in text and "(" not in text and "[" not in text:
        return ListedName(" ".join(text.split()))  # nothing to split
    aliases: list[str] = []
    for match in _AKA.finditer(text):
        aliases.extend(a.strip() for a in match.group(1).split(";") if a.strip())
    name = _AKA.sub(" ", text).strip() if aliases else text
    name, address = _split_address(name)
    name, localities = _strip_localities(name, places)
    localities += [address] if address else []
    bracket = _BRACKET_END.match(name)
    if bracket and _short_name(bracket.group("inner"), bracket.group("name"), places):
        aliases.append(bracket.group("inner").strip())
        name = bracket.group("name").rstrip(" ,")
    return ListedName(" ".join(name.split()), tuple(aliases), tuple(localities))


@lru_cache(maxsize=1)
def country_name_words() -> frozenset[str]:
    """Words of every country's name (ISO 3166), as places."""
    import pycountry

    words: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            words.update(tokenize(getattr(c, attr, "") or ""))
    return frozenset((words | _provinces()) - STOP_WORDS)


@lru_cache(maxsize=1)
def _provinces() -> frozenset[str]:
    """Words of China's provinces, regions and municipalities (``data/provinces.tsv``)."""
    return frozenset(w for row in read_rows("provinces.tsv") for w in row[0].split())
