"""Country names and codes, in any common spelling or script, to ISO 3166 alpha-2.

The names come from data files under ``screen/match/data/``: ``countries.tsv``,
generated from ``countrynames`` and ``pycountry`` by ``bench/build_countries.py``,
and ``countries_extra.tsv``, the project's own spellings, which win. Both are read
on the first lookup, not at import.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from screen.match.text import join_initials, tokenize

DATA_DIR = Path(__file__).resolve().parent / "data"
_PREFIXES = (("the",), ("republic", "of"), ("state", "of"))


def lookup_key(text: str) -> str:
    """A country name as the tables key it: tokens, dotted initials joined (U.A.E. -> uae)."""
    return " ".join(join_initials(tokenize(text)))


def _read(path: Path) -> dict[str, str]:
    rows: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            key, code = line.rstrip("\n").split("\t")
            if key != "key":
                rows[key] = code
    return rows


def read_extra() -> dict[str, str]:
    """The project's own spellings (``countries_extra.tsv``)."""
    return _read(DATA_DIR / "countries_extra.tsv")


@cache
def _extra() -> dict[str, str]:
    return read_extra()


@cache
def _table() -> dict[str, str]:
    return _read(DATA_DIR / "countries.tsv") | _extra()


@lru_cache(maxsize=4096)
def country_code(text: str) -> str:
    """ISO alpha-2 code for a country name or code in any spelling or script; '' when
    unknown (cities and provinces are not countries)."""
    words = lookup_key(text).split()
    if "." in text and len(words) == 1 and len(words[0]) == 2 and words[0] not in _extra():
        return ""  # "S.A." is a legal form, not Saudi Arabia ("U.K." is in the extras)
    table = _table()
    while words:
        code = table.get(" ".join(words), "")
        if code:
            return code
        prefix = next((p for p in _PREFIXES if tuple(words[: len(p)]) == p), None)
        if prefix is None:
            return ""
        words = words[len(prefix) :]
    return ""
