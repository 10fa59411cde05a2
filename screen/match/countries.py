"""Country names and codes to ISO 3166 alpha-2 codes."""

from __future__ import annotations

from functools import lru_cache

_COMMON: dict[str, str] = {
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "north korea": "KP",
    "south korea": "KR",
    "korea": "KR",
    "burma": "MM",
    "taiwan": "TW",
    "hong kong": "HK",
    "macau": "MO",
    "uae": "AE",
    "vietnam": "VN",
    "laos": "LA",
    "venezuela": "VE",
    "bolivia": "BO",
    "moldova": "MD",
    "tanzania": "TZ",
    "czech republic": "CZ",
    "turkey": "TR",
    "usa": "US",
    "united states of america": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "prc": "CN",
    "mainland china": "CN",
    "crimea region of ukraine": "UA",
    "crimea": "UA",
    "kosovo": "XK",
    "palestine": "PS",
    "congo": "CG",
    "democratic republic of the congo": "CD",
    "ivory coast": "CI",
}


@lru_cache(maxsize=4096)
def country_code(text: str) -> str:
    """ISO alpha-2 code for a country name or code; '' when unknown."""
    key = " ".join(text.replace(".", " ").replace(",", " ").split()).lower()
    if not key:
        return ""
    if key in _COMMON:
        return _COMMON[key]
    import pycountry  # 0.1 s to import: only for names not in _COMMON

    try:
        return str(pycountry.countries.lookup(key).alpha_2)
    except LookupError:
        pass
    for prefix in ("the ", "republic of "):
        if key.startswith(prefix):
            return country_code(key[len(prefix) :])
    return ""
