"""Country names and codes, in any common spelling or script, to ISO 3166 alpha-2.

The names come from data files under ``screen/match/data/``: ``countries.tsv``,
generated from ``countrynames`` and ``pycountry`` by ``bench/build_countries.py``,
and ``countries_extra.tsv``, the project's own spellings, which win. Both are read
on the first lookup, not at import.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from screen.match.text import join_dotted_initials, tokenize
from screen.match.vocab import DATA_DIR, read_rows

_PREFIXES = (("the",), ("republic", "of"), ("state", "of"))


def lookup_key(text: str) -> str:
    """A country name as the tables key it: tokens, dotted initials joined (U.A.E. -> uae)."""
    return " ".join(tokenize(join_dotted_initials(text)))


def read_table(path: Path) -> dict[str, tuple[str, bool]]:
    """key -> (ISO alpha-2, whether the key is an ISO code or name) from one data file."""
    rows = read_rows(path.name)
    return {key: (code, source != ["alias"]) for key, code, *source in rows if key != "key"}


def read_extra() -> dict[str, tuple[str, bool]]:
    """The project's own spellings (``countries_extra.tsv``)."""
    return read_table(DATA_DIR / "countries_extra.tsv")


@cache
def _extra() -> dict[str, tuple[str, bool]]:
    return read_extra()


@cache
def _table() -> dict[str, tuple[str, bool]]:
    return read_table(DATA_DIR / "countries.tsv") | _extra()


def country_code(text: str) -> str:
    """ISO alpha-2 code for a country name or code in any spelling or script; '' when
    unknown (cities and provinces are not countries)."""
    return _lookup(text)[0]


def official_country_code(text: str) -> str:
    """As ``country_code``, but only for ISO 3166 codes and names and the project's own
    spellings, not for other aliases (some of which also name a city or district)."""
    code, official = _lookup(text)
    return code if official else ""


@lru_cache(maxsize=4096)
def _lookup(text: str) -> tuple[str, bool]:
    found = _find(text)
    for variant in _inversions(text):  # "Korea (the Republic of)", "Congo, Democratic Rep."
        if found[0]:
            break
        found = _find(variant)
    return found


def _find(text: str) -> tuple[str, bool]:
    words = lookup_key(text).split()
    if "." in text and len(words) == 1 and len(words[0]) == 2 and words[0] not in _extra():
        return "", False  # "S.A." is a legal form, not Saudi Arabia ("U.K." is in the extras)
    table = _table()
    while words:
        found = table.get(" ".join(words))
        if found:
            return found
        prefix = next((p for p in _PREFIXES if tuple(words[: len(p)]) == p), None)
        if prefix is None:
            return "", False
        words = words[len(prefix) :]
    return "", False


def _inversions(text: str) -> list[str]:
    """Other orders of an inverted name: "A, B" -> "B A"; "A (B)" -> "B A", "A"."""
    if "(" in text and text.rstrip().endswith(")"):
        outer, _, inner = text.rstrip()[:-1].partition("(")
        return [f"{inner} {outer}", outer]
    if text.count(",") == 1:
        first, second = text.split(",")
        return [f"{second} {first}"]
    return []


#: Country codes are 2 or 3 letters: as a word of a name they are too often something
#: else ("IT Services", "AM Trading"); a qualifier is a country's name or a region.
_CODE_CHARS = 3


def _qualifier_words() -> list[str]:
    """Regions, and every one-word country name (not code) of the country tables."""
    regions = {row[0] for row in read_rows("regions.tsv")}
    names = {k for k in _table() if " " not in k and len(k) > _CODE_CHARS}
    return sorted(regions | names)


@cache
def _qualifiers() -> frozenset[str]:
    """``_qualifier_words``, derived once and cached (``screen.match.derived``): reading
    the 21,000 rows of the country tables would cost a ``check`` 0.1 s."""
    from screen.match import derived

    return derived.load("place_qualifiers", [Path(__file__)], _qualifier_words, frozenset)


def place_qualifier(token: str) -> bool:
    """Whether a name's word names a country or region ("uk", "deutschland", "europe"):
    the word a company adds to its name for its branch there."""
    return token in _qualifiers()
