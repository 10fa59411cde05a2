"""Labelled cases for the matcher quality bench, built from the shared real data.

Every generator is pure and deterministic: the same entries, sample size and seed give
the same cases. Cases name the expected entries by ``Entry.id``; every entry whose
normalised primary name equals the target's is also accepted (the Entity List repeats
a party under several countries).

Data is read from ``<repo>/../shared/data/real`` and never copied into the repo.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench.quality_variants import VARIANT_TRANSFORMS
from screen.model import Entry

DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real"
EL_2026 = DATA_DIR / "entity_list" / "bis_entity_list_ecfr_2026-07-09_nsfreg.json"
CSL_2022 = DATA_DIR / "csl" / "csl_consolidated_2022-05_watchman.csv"
OTHER_LISTS = DATA_DIR / "other_lists_2026-07"
EVASION_PAIRS = DATA_DIR / "sugon_case" / "evasion_pairs.csv"
#: Date of the 2022 CSL snapshot (moov-io/watchman commit date).
CSL_2022_DATE = dt.date(2022, 5, 16)

CATEGORIES = ("alias_loo", "name_variants", "address", "officer", "negatives")


class DataMissing(RuntimeError):
    """The shared real data directory (or a file in it) is absent."""


def require_data(*paths: Path) -> None:
    for p in (DATA_DIR, *paths):
        if not p.exists():
            raise DataMissing(
                f"shared data not found: {p} (expected the real-data directory at {DATA_DIR})"
            )


def load_entries(path: Path) -> list[Entry]:
    """Entries of a list file, through the project's loaders."""
    from screen.sources import open_file

    return open_file(path).entries


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    """One labelled query. ``expected`` empty means no entry may be flagged."""

    category: str
    case_id: str
    name: str
    addresses: tuple[str, ...] = ()
    country: str = ""
    officers: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()
    kind: str = ""  # sub-type: transform name, negative kind, ...
    note: str = ""

    @property
    def positive(self) -> bool:
        return bool(self.expected)


@dataclass
class CaseSet:
    """Cases of one category and the list (entries) the systems screen them against."""

    category: str
    cases: list[Case]
    entries: list[Entry]
    associates: list[tuple[str, str, str]] = field(default_factory=list)


def norm(text: str) -> str:
    """Casefolded, punctuation to spaces, single-spaced."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


#: Legal-form words the bench ignores when deciding two entries name the same party.
_LEGAL_WORDS = frozenset(
    (
        "joint",
        "stock",
        "company",
        "limited",
        "liability",
        "co",
        "ltd",
        "llc",
        "jsc",
        "ojsc",
        "pjsc",
        "cjsc",
        "ao",
        "oao",
        "pao",
        "zao",
        "ooo",
        "inc",
        "corp",
        "corporation",
        "public",
    )
)


def party_name(name: str) -> str:
    """A primary name less its legal-form words (AeroComposit = JSC Aerocomposit)."""
    words = norm(name).split()
    return " ".join(w for w in words if w not in _LEGAL_WORDS) or " ".join(words)


def same_name_ids(entries: Sequence[Entry]) -> dict[str, tuple[str, ...]]:
    """For each entry id, the ids of all entries naming the same party: the same primary
    name up to case, punctuation and legal form (the Entity List repeats a party under
    several countries, and under "AeroComposit" and "Joint Stock Company Aerocomposit")."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        by_name[party_name(e.name)].append(e.id)
    return {e.id: tuple(by_name[party_name(e.name)]) for e in entries}


def _country(e: Entry) -> str:
    return e.countries[0] if e.countries else ""


def address_only(e: Entry) -> bool:
    """BIS lists some Hong Kong/China addresses on their own, named "Address 01" etc."""
    return re.fullmatch(r"Address \d+", e.name.strip()) is not None


def _all_names(e: Entry) -> tuple[str, ...]:
    return (e.name, *e.alt_names)


# ------------------------------------------------------------ 1. alias leave-one-out


def alias_leave_one_out(entries: Sequence[Entry], n: int, seed: int) -> CaseSet:
    """Remove one alias from each of n sampled multi-name entries; query with it."""
    ids = same_name_ids(entries)
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for nm in _all_names(e):
            owners[norm(nm)].add(norm(e.name))
    candidates = [e for e in entries if len(e.alt_names) >= 1]
    rng = random.Random(seed)
    picked: list[tuple[Entry, str]] = []
    seen: set[str] = set()
    for e in rng.sample(candidates, len(candidates)):
        usable = [
            a for a in e.alt_names if len(a.strip()) >= 4 and owners[norm(a)] == {norm(e.name)}
        ]
        if not usable or norm(e.name) in seen:
            continue
        seen.add(norm(e.name))
        picked.append((e, rng.choice(usable)))
        if len(picked) >= n:
            break
    # remove the alias from every entry of that name (a party listed under several countries)
    removed = {norm(e.name): alias for e, alias in picked}
    modified = [
        replace(e, alt_names=tuple(a for a in e.alt_names if a != removed[norm(e.name)]))
        if norm(e.name) in removed
        else e
        for e in entries
    ]
    cases = [
        Case(
            "alias_loo",
            f"loo-{i:04d}",
            alias,
            country=_country(e),
            expected=ids[e.id],
            kind="alias",
            note=f"alias of {e.name!r}",
        )
        for i, (e, alias) in enumerate(picked)
    ]
    return CaseSet("alias_loo", cases, modified)


# ----------------------------------------------------------------- 2. name variants

_LEGAL_FORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r",? Co\.,? Ltd\.?$", ("Company Limited", "Ltd", "")),
    (r",? Company Limited$", ("Co., Ltd.", "")),
    (r",? Limited Liability Company$", ("LLC", "")),
    (r",? LLC$", ("Limited Liability Company", "")),
    (r",? Ltd\.?$", ("Limited", "")),
    (r",? Limited$", ("Ltd.", "")),
    (r",? Corporation$", ("Corp.", "")),
    (r",? Inc\.?$", ("Incorporated", "")),
    (r",? GmbH$", ("",)),
    (r",? JSC$", ("Joint Stock Company", "")),
    (r"^Joint Stock Company ", ("JSC ", "")),
    (r"^(?:Limited Liability Company|LLC|OOO) ", ("", "OOO ")),
)
_ABBREV = {
    "Technology": "Tech",
    "Technologies": "Tech",
    "International": "Intl",
    "Science": "Sci",
    "Corporation": "Corp",
    "Company": "Co",
    "Limited": "Ltd",
    "Institute": "Inst",
    "Electronics": "Elec",
    "Engineering": "Eng",
}
CN_CITIES = (
    "Beijing",
    "Shanghai",
    "Shenzhen",
    "Tianjin",
    "Guangzhou",
    "Hangzhou",
    "Wuhan",
    "Chengdu",
    "Nanjing",
    "Suzhou",
    "Hefei",
    "Changsha",
    "Harbin",
    "Dalian",
    "Qingdao",
    "Xiamen",
    "Zhuhai",
    "Dongguan",
    "Chongqing",
    "Shenyang",
    "Jinan",
    "Wuxi",
    "Xi'an",
    "Kunshan",
)
RU_CITIES = ("Moscow", "Saint Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan", "Samara")
_PINYIN = (
    ("Science and Technology", "Keji"),
    ("Import and Export", "Jinchukou"),
    ("Research Institute", "Yanjiusuo"),
    ("Supply Chain", "Gongyinglian"),
    ("Co., Ltd.", "Youxian Gongsi"),
    ("Co., Ltd", "Youxian Gongsi"),
    ("Company Limited", "Youxian Gongsi"),
    ("Information", "Xinxi"),
    ("Technology", "Jishu"),
    ("Electronics", "Dianzi"),
    ("Electronic", "Dianzi"),
    ("Equipment", "Shebei"),
    ("Trading", "Maoyi"),
    ("Development", "Fazhan"),
    ("Network", "Wangluo"),
    ("Communication", "Tongxin"),
    ("Intelligent", "Zhineng"),
    ("Semiconductor", "Bandaoti"),
    ("Microelectronics", "Weidianzi"),
    ("Aviation", "Hangkong"),
    ("Aerospace", "Hangtian"),
    ("Group", "Jituan"),
    ("Digital", "Shuzi"),
    ("Software", "Ruanjian"),
    ("Materials", "Cailiao"),
    ("Instrument", "Yiqi"),
    ("Precision", "Jingmi"),
    ("Machinery", "Jixie"),
    ("Logistics", "Wuliu"),
    ("International", "Guoji"),
    ("Holdings", "Konggu"),
    ("Computer", "Jisuanji"),
    ("Industry", "Chanye"),
    ("Industrial", "Gongye"),
    ("Optoelectronic", "Guangdian"),
    ("Photoelectric", "Guangdian"),
)
_TRANSLIT_MARKERS = re.compile(
    r"\b(youxian|gongsi|jishu|keji|yanjiusuo|obshchestvo|otvetstvennostyu|aktsionernoe|"
    r"nauchno|proizvodstvennoe|predpriyatie|zavod|ooo|zao|oao|pao|npo|npp|kb)\b",
    re.IGNORECASE,
)


def _split_legal(name: str) -> tuple[str, str, str]:
    """(prefix legal form, core, suffix legal form) for the first matching pattern."""
    for pattern, _ in _LEGAL_FORMS:
        m = re.search(pattern, name)
        if m:
            if pattern.startswith("^"):
                return m.group(0), name[m.end() :], ""
            return "", name[: m.start()], m.group(0)
    return "", name, ""


def _v_legal(name: str, rng: random.Random) -> str | None:
    for pattern, subs in _LEGAL_FORMS:
        m = re.search(pattern, name)
        if m:
            sub = rng.choice(subs)
            if pattern.startswith("^"):
                return (sub + name[m.end() :]).strip()
            return (name[: m.start()] + (" " + sub if sub else "")).strip()
    return None


def _v_typo(name: str, rng: random.Random) -> str | None:
    words = re.findall(r"[A-Za-z]{6,}", name)
    if not words:
        return None
    w = max(words, key=len)
    i = rng.randrange(1, len(w) - 1)
    repl = "aeiou"[rng.randrange(5)] if w[i].lower() not in "aeiou" else "rstnl"[rng.randrange(5)]
    if repl == w[i].lower():
        repl = "x"
    return name.replace(w, w[:i] + repl + w[i + 1 :], 1)


def _v_swap(name: str, rng: random.Random) -> str | None:
    pre, core, suf = _split_legal(name)
    words = core.split()
    if len(words) < 3 or not all(w.isalpha() for w in words[:2]):
        return None
    words[0], words[1] = words[1], words[0]
    return (pre + " ".join(words) + suf).strip()


def _v_upper(name: str, rng: random.Random) -> str | None:
    return name.upper() if name.upper() != name else None


def _v_split(name: str, rng: random.Random) -> str | None:
    words = [w for w in re.findall(r"[A-Za-z]+", name) if len(w) >= 8 and w.lower() not in _GENERIC]
    if not words:
        return None
    w = max(words, key=len)
    cut = len(w) // 2
    return name.replace(w, w[:cut] + " " + w[cut:].capitalize(), 1)


def _v_city(name: str, rng: random.Random) -> str | None:
    pre, core, suf = _split_legal(name)
    for city in CN_CITIES:
        if core.startswith(city + " ") and suf:
            rest = core[len(city) + 1 :]
            return f"{pre}{rest} ({city}){suf}".strip()
        m = re.search(rf"\s*\({re.escape(city)}\)", core)
        if m:
            rest = (core[: m.start()] + core[m.end() :]).strip()
            return f"{pre}{city} {rest}{suf}".strip()
    return None


def _v_abbrev(name: str, rng: random.Random) -> str | None:
    out = name
    for long, short in _ABBREV.items():
        out = re.sub(rf"\b{long}\b", short, out)
    return out if out != name else None


def _v_pinyin(name: str, rng: random.Random) -> str | None:
    out, hits = name, 0
    for en, py in _PINYIN:
        new = re.sub(rf"(?<!\w){re.escape(en)}(?!\w)", py, out)
        if new != out:
            hits += 1
            out = new
    return out if hits >= 2 else None


TRANSFORMS = {
    "legal_form": _v_legal,
    "typo": _v_typo,
    "word_swap": _v_swap,
    "upper": _v_upper,
    "split_word": _v_split,
    "city_moved": _v_city,
    "abbrev": _v_abbrev,
    "pinyin": _v_pinyin,
    **VARIANT_TRANSFORMS,
}
#: The "simple variant" kinds issue 8 holds out (target recall >= 0.97 at default settings).
SIMPLE_KINDS = frozenset(
    (
        "legal_form",
        "typo",
        "typo_short",
        "word_swap",
        "upper",
        "split_word",
        "split_any",
        "join_words",
        "partial_legal",
        "ltd_limited",
        "translit_real",
    )
)


def _acronym(e: Entry) -> str | None:
    """An acronym the list itself gives: '(ABC)' in the name, or an alias of initials."""
    m = re.search(r"\(([A-Z][A-Z0-9&-]{2,9})\)\s*$", e.name)
    if m:
        return m.group(1)
    words = [w for w in re.findall(r"[A-Za-z]+", e.name) if w.lower() not in {"of", "and", "the"}]
    initials = "".join(w[0] for w in words).upper()
    for a in e.alt_names:
        if a.isupper() and 3 <= len(a) <= 8 and a.isalpha() and initials.startswith(a):
            return a
    return None


def name_variants(entries: Sequence[Entry], n: int, seed: int) -> CaseSet:
    """Deterministic variants of real names; each expects the original entry.

    ``translit_real`` cases query a transliterated alias the list itself carries
    (pinyin, or Russian legal-form transliteration) with that alias removed from the
    list the systems see, so only the other (Latin/English) names can match it.
    """
    ids = same_name_ids(entries)
    rng = random.Random(seed)
    per = max(1, n // (len(TRANSFORMS) + 2))
    known = {norm(nm) for e in entries for nm in _all_names(e)}
    exact = {nm for e in entries for nm in _all_names(e)}
    named = [e for e in entries if not address_only(e)]
    order = rng.sample(named, len(named))
    cases: list[Case] = []
    for kind, fn in TRANSFORMS.items():
        got = 0
        for e in order:
            if kind == "pinyin" and _country(e) != "China":
                continue
            variant = fn(e.name, random.Random(f"{seed}-{kind}-{e.id}"))
            if (
                not variant
                or len(variant) < 4
                or variant in exact
                or (kind != "upper" and norm(variant) in known)
            ):
                continue
            cases.append(
                Case(
                    "name_variants",
                    f"nv-{kind}-{got:03d}",
                    variant,
                    country=_country(e),
                    expected=ids[e.id],
                    kind=kind,
                    note=e.name,
                )
            )
            got += 1
            if got >= per:
                break
    got = 0
    for e in order:
        acro = _acronym(e)
        if acro and got < per:
            cases.append(
                Case(
                    "name_variants",
                    f"nv-acronym-{got:03d}",
                    acro,
                    country=_country(e),
                    expected=ids[e.id],
                    kind="acronym",
                    note=e.name,
                )
            )
            got += 1
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for nm in _all_names(e):
            owners[norm(nm)].add(e.id)
    removed: dict[str, str] = {}
    for e in order:
        if len(removed) >= per:
            break
        for a in e.alt_names:
            if (
                _TRANSLIT_MARKERS.search(a)
                and not _TRANSLIT_MARKERS.search(e.name)
                and owners[norm(a)] == {e.id}
            ):
                removed[e.id] = a
                cases.append(
                    Case(
                        "name_variants",
                        f"nv-translit-{len(removed) - 1:03d}",
                        a,
                        country=_country(e),
                        expected=ids[e.id],
                        kind="translit_real",
                        note=e.name,
                    )
                )
                break
    modified = [
        replace(e, alt_names=tuple(a for a in e.alt_names if a != removed[e.id]))
        if e.id in removed
        else e
        for e in entries
    ]
    return CaseSet("name_variants", cases, modified)


# -------------------------------------------------------------- new company names

_NEW_PLACE = (
    "Qianhai",
    "Nansha",
    "Binhai",
    "Lingang",
    "Hengqin",
    "Guangming",
    "Yizhuang",
    "Songshanhu",
    "Xixian",
    "Liangjiang",
)
_NEW_CORE = (
    "Starbridge",
    "Bluepeak",
    "Silverline",
    "Northgate",
    "Clearwave",
    "Brightpath",
    "Ironleaf",
    "Cloudharbor",
    "Redpine",
    "Jadestone",
    "Swiftcore",
    "Lumenfield",
    "Quartzway",
    "Amberfort",
    "Tidewell",
    "Kestrelon",
)
_NEW_DOMAIN = (
    "Computing",
    "Photonics",
    "Microsystems",
    "Data Services",
    "Precision Instruments",
    "Supply Chain Management",
    "Semiconductor Equipment",
    "Logistics",
    "Trading",
)
_NEW_FORM = ("Co., Ltd.", "Technology Co., Ltd.", "Limited", "LLC")


def new_company_name(rng: random.Random) -> str:
    """A company name made from a fixed vocabulary (its core word is on no list)."""
    return " ".join(
        (
            rng.choice(_NEW_PLACE),
            rng.choice(_NEW_CORE),
            rng.choice(_NEW_DOMAIN),
            rng.choice(_NEW_FORM),
        )
    )


# --------------------------------------------------------------- 3. address linkage

_STREET = r"(?:Road|Rd\.?|Street|St\.?|Avenue|Ave\.?|Lu|Jie|Boulevard|Highway|Lane|Prospekt|Ulitsa)"
_NUM_STREET = re.compile(
    rf"(?:No\.\s*(?P<n1>\d+)[,\s]+(?P<s1>[A-Z][\w' -]*?\s{_STREET}))"
    rf"|(?:\b(?P<n2>\d+)\s+(?P<s2>[A-Z][\w' -]*?\s{_STREET}))"
)
_ADDR_ABBREV = (
    ("Road", "Rd."),
    ("Street", "St."),
    ("Avenue", "Ave."),
    ("Building", "Bldg."),
    ("District", "Dist."),
    ("Floor", "Fl."),
)


def _a_abbrev(addr: str, rng: random.Random) -> str:
    out = addr
    for long, short in _ADDR_ABBREV:
        if re.search(rf"\b{long}\b", out):
            out = re.sub(rf"\b{long}\b", short, out)
        elif short in out:
            out = out.replace(short, long)
    return out


def _a_no(addr: str, rng: random.Random) -> str:
    if "No." in addr:
        return re.sub(r"No\.\s*(\d+),?", r"\1", addr)
    return re.sub(r"\b(\d+)\s+(?=[A-Z])", r"No. \1 ", addr, count=1)


def _a_drop_district(addr: str, rng: random.Random) -> str:
    parts = [p.strip() for p in addr.split(",")]
    kept = [p for i, p in enumerate(parts) if i == 0 or not re.search(r"\bDistrict\b", p)]
    return ", ".join(kept)


def _a_reorder(addr: str, rng: random.Random) -> str:
    parts = [p.strip() for p in addr.split(",")]
    if len(parts) >= 3:
        parts[0], parts[1] = parts[1], parts[0]
    return ", ".join(parts)


def _a_upper(addr: str, rng: random.Random) -> str:
    return addr.upper()


ADDRESS_TRANSFORMS = {
    "abbrev": _a_abbrev,
    "no": _a_no,
    "drop_district": _a_drop_district,
    "reorder": _a_reorder,
    "upper": _a_upper,
}


def _city_of(addr: str) -> tuple[str, tuple[str, ...]] | None:
    for cities in (CN_CITIES, RU_CITIES):
        for c in cities:
            if re.search(rf"\b{re.escape(c)}\b", addr):
                return c, cities
    return None


_UNIT_PARTS = re.compile(
    r"\b(?:room|rm|unit|flat|suite|ste|workshop|office|apt|apartment)\.?\s*#?[\w-]+"
    r"|\b\d+(?:st|nd|rd|th)?\s*(?:floor|fl|/f|f)\b\.?|\b(?:floor|fl)\.?\s*\d+",
    re.IGNORECASE,
)
_BUILDING_WORDS = (
    ("rd", "road"),
    ("st", "street"),
    ("ave", "avenue"),
    ("bldg", "building"),
    ("blk", "block"),
    ("ctr", "centre"),
    ("center", "centre"),
    ("no", ""),
)


@dataclass(frozen=True)
class Building:
    """What the bench reads off an address to judge "same building", without the matcher."""

    number: str  # house number of a numbered street, or ""
    street: str  # that street's name, street type spelled out, spaces removed
    country: str
    city: str  # a known Chinese or Russian city named in it, or ""
    digits: frozenset[str]  # every number, for addresses without a numbered street
    words: str  # the words less rooms, units, flats and floors


def building(addr: str, country: str) -> Building:
    """The parts of ``addr`` that say which building it is (``country``: the entry's)."""
    table = dict(_BUILDING_WORDS)
    m = _NUM_STREET.search(addr)
    number, street = "", ""
    if m:
        number = m.group("n1") or m.group("n2")
        street = "".join(table.get(w, w) for w in norm(m.group("s1") or m.group("s2")).split())
    stripped = norm(_UNIT_PARTS.sub(" ", addr))
    words = " ".join(w for w in (table.get(w, w) for w in stripped.split()) if w)
    digits = frozenset(re.findall(r"\d+", stripped))
    city = _city_of(addr)
    return Building(
        number, street, norm(country), city[0] if city else "", digits, re.sub(r"\d+", " ", words)
    )


def same_building(a: Building, b: Building) -> bool:
    """The bench's own judgement of "same building", independent of the matcher.

    Same country, no two different known cities, and either the same house
    number on streets spelled alike (rapidfuzz ratio >= 85 with spaces ignored:
    Fa Yuen = Fayuen, Prospekt = Prospect, Staleliteyny = Staleliteynaya; or the
    numbered street's name within the other's words), or the same numbers and
    nearly the same words (token-sort ratio >= 90). Entries at the same building
    (other rooms of one tower) are right answers.
    """
    from rapidfuzz import fuzz

    if a.country != b.country or (a.city and b.city and a.city != b.city):
        return False
    if a.number and b.number:
        return a.number == b.number and fuzz.ratio(a.street, b.street) >= 85
    if a.number or b.number:  # one numbered street the parser missed in the other
        numbered, other = (a, b) if a.number else (b, a)
        if numbered.number in other.digits and numbered.street in other.words.replace(" ", ""):
            return True  # "2-16 Fa Yuen, Street" = "2-16 Fa Yuen Street"
    return a.digits == b.digits and fuzz.token_sort_ratio(a.words, b.words) >= 90


def _buildings(entries: Sequence[Entry]) -> dict[str, list[tuple[Building, str]]]:
    """Country -> (building, entry id) of every listed address."""
    out: dict[str, list[tuple[Building, str]]] = defaultdict(list)
    for e in entries:
        for a in e.addresses:
            b = building(a.full, _country(e))
            out[b.country].append((b, e.id))
    return out


def _at(where: Building, listed: dict[str, list[tuple[Building, str]]]) -> set[str]:
    """Ids of the entries with an address at the same building as ``where``."""
    return {i for b, i in listed.get(where.country, []) if same_building(where, b)}


def address_linkage(entries: Sequence[Entry], n: int, seed: int) -> CaseSet:
    """New company names at a listed entry's address written differently (expect it);
    negatives at the same street with another number, or the same street in another city."""
    ids = same_name_ids(entries)
    listed = _buildings(entries)
    rng = random.Random(seed)
    pool: list[tuple[Entry, str, re.Match[str]]] = []
    for e in entries:
        for a in e.addresses:
            m = _NUM_STREET.search(a.full)
            if m and len(a.full) >= 20:
                pool.append((e, a.full, m))
                break
    pool = rng.sample(pool, len(pool))
    cases: list[Case] = []
    n_neg = max(1, n // 2)
    for i, (e, addr, _m) in enumerate(pool[:n]):
        kinds = rng.sample(sorted(ADDRESS_TRANSFORMS), 2)
        variant = addr
        for k in kinds:
            variant = ADDRESS_TRANSFORMS[k](variant, rng)
        if variant == addr:
            variant = _a_upper(addr, rng)
        # every entry listing the same building is a right answer
        expected = tuple(
            sorted({j for i in _at(building(addr, _country(e)), listed) for j in ids[i]})
        )
        cases.append(
            Case(
                "address",
                f"addr-{i:04d}",
                new_company_name(rng),
                (variant,),
                _country(e),
                expected=expected,
                kind="rewritten",
                note=f"{'+'.join(kinds)}: {e.name} @ {addr}",
            )
        )
    j = 0
    for e, addr, m in pool[n:]:
        if j >= n_neg:
            break
        num = m.group("n1") or m.group("n2")
        street = (m.group("s1") or m.group("s2")).strip()
        if j % 2 == 0:
            other = str(int(num) + rng.randrange(7, 97))
            city = _city_of(addr)
            tail = f", {city[0]}" if city else ""
            query_addr = f"No. {other} {street}{tail}, {_country(e)}"
            kind = "same_street_other_number"
        else:
            city = _city_of(addr)
            if not city:
                continue
            others = [c for c in city[1] if c != city[0]]
            query_addr = f"No. {num} {street}, {rng.choice(others)}, {_country(e)}"
            kind = "same_street_other_city"
        if _at(building(query_addr, _country(e)), listed):
            continue  # a listed party is at that building after all: not a negative
        cases.append(
            Case(
                "address",
                f"addr-neg-{j:04d}",
                new_company_name(rng),
                (query_addr,),
                _country(e),
                kind=kind,
                note=f"near {e.name} @ {addr}",
            )
        )
        j += 1
    return CaseSet("address", cases, list(entries))


# --------------------------------------------------------------- 4. officer linkage

CN_SURNAMES = (
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Gao",
    "Luo",
)
CN_SYLLABLES = (
    "Jun",
    "Wei",
    "Ming",
    "Xiao",
    "Hong",
    "Jian",
    "Hua",
    "Ping",
    "Qiang",
    "Yong",
    "Jie",
    "Lei",
    "Tao",
    "Bin",
    "Hui",
    "Yan",
    "Fang",
    "Ling",
    "Xin",
    "Yu",
)
RU_FIRST = {
    "Aleksandr": "Alexander",
    "Sergey": "Sergei",
    "Dmitriy": "Dmitry",
    "Andrey": "Andrei",
    "Aleksey": "Alexei",
    "Yevgeniy": "Evgeny",
    "Nikolay": "Nikolai",
    "Yuriy": "Yury",
    "Mikhail": "Mikhael",
    "Pyotr": "Petr",
}
RU_LAST = {
    "Ivanov": "Ivanov",
    "Smirnov": "Smirnov",
    "Kuznetsov": "Kuznetsov",
    "Popov": "Popov",
    "Vasilyev": "Vasiliev",
    "Sokolov": "Sokolov",
    "Mikhaylov": "Mikhailov",
    "Fedorov": "Fyodorov",
    "Morozov": "Morozov",
    "Volkov": "Volkov",
    "Alekseyev": "Alekseev",
    "Semenov": "Semyonov",
    "Yegorov": "Egorov",
    "Nikolayev": "Nikolaev",
    "Orlov": "Orlov",
}
ROLES = ("legal representative", "director", "shareholder", "general manager", "supervisor")


@dataclass(frozen=True)
class Person:
    culture: str  # "cn" or "ru"
    family: str
    given: str

    @property
    def listed(self) -> str:
        if self.culture == "ru":
            return f"{self.given} {self.family}"
        return f"{self.family} {self.given}"


def _make_person(culture: str, rng: random.Random) -> Person:
    if culture == "cn":
        given = rng.choice(CN_SYLLABLES)
        if rng.random() < 0.6:
            given += rng.choice(CN_SYLLABLES).lower()
        return Person("cn", rng.choice(CN_SURNAMES), given)
    return Person("ru", rng.choice(sorted(RU_LAST)), rng.choice(sorted(RU_FIRST)))


def person_variant(p: Person, rng: random.Random) -> tuple[str, str]:
    """The same person written differently: (text, kind)."""
    if p.culture == "cn":
        options = [
            (f"{p.given} {p.family}", "given_first"),
            (f"{p.family.upper()}, {p.given}", "upper_comma"),
        ]
        m = re.fullmatch(r"([A-Z][a-z]+?)((?:zh|ch|sh|[bcdfghjklmnpqrstwxyz])[a-z]+)", p.given)
        if m and m.group(2).capitalize() in CN_SYLLABLES and m.group(1) in CN_SYLLABLES:
            hy = f"{m.group(1)}-{m.group(2).capitalize()}"
            options.append((f"{p.family} {hy}", "hyphen"))
            options.append((f"{hy} {p.family}", "hyphen_given_first"))
        return rng.choice(options)
    first, last = RU_FIRST[p.given], RU_LAST[p.family]
    options = [
        (f"{first} {last}", "translit"),
        (f"{p.family}, {p.given}", "last_comma_first"),
        (f"{last.upper()} {first}", "translit_upper_last_first"),
    ]
    return rng.choice(options)


def officer_linkage(entries: Sequence[Entry], n: int, seed: int) -> CaseSet:
    """Associates rows (entity_name, person, role) for sampled real entries; queries are new
    company names whose officer is the same person written differently (expect the entry).
    Negatives: an unrelated person, or the same family name with another given name."""
    ids = same_name_ids(entries)
    rng = random.Random(seed)
    orgs = [
        e
        for e in entries
        if _country(e) in ("China", "Russia")
        and re.search(r"\b(Co|Ltd|LLC|Company|Corporation|JSC|Institute|Group|OOO|AO)\b", e.name)
    ]
    orgs = rng.sample(orgs, min(len(orgs), n))
    used: set[Person] = set()
    rows: list[tuple[str, str, str]] = []
    cases: list[Case] = []
    for i, e in enumerate(orgs):
        culture = "cn" if _country(e) == "China" else "ru"
        p = _make_person(culture, rng)
        while p in used:
            p = _make_person(culture, rng)
        used.add(p)
        rows.append((e.name, p.listed, rng.choice(ROLES)))
        text, kind = person_variant(p, rng)
        cases.append(
            Case(
                "officer",
                f"off-{i:04d}",
                new_company_name(rng),
                (),
                _country(e),
                (text,),
                ids[e.id],
                kind,
                f"{p.listed} of {e.name}",
            )
        )
    fams = {(p.culture, p.family) for p in used}
    for j in range(max(1, n // 2)):
        culture = "cn" if j % 2 == 0 else "ru"
        p = _make_person(culture, rng)
        tries = 0
        while (p in used or (j % 4 < 2 and (culture, p.family) in fams)) and tries < 200:
            p = _make_person(culture, rng)
            tries += 1
        if (p.culture, p.family) in fams:
            # a same-family-name negative: make the given name clearly distinct
            kind = "same_family_other_given"
            if any(q.family == p.family and q.given == p.given for q in used):
                continue
        else:
            kind = "other_person"
        cases.append(
            Case(
                "officer",
                f"off-neg-{j:04d}",
                new_company_name(rng),
                (),
                "China" if culture == "cn" else "Russia",
                (p.listed,),
                (),
                kind,
            )
        )
    return CaseSet("officer", cases, list(entries), rows)


def write_associates(rows: Iterable[tuple[str, str, str]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["entity_name", "person", "role"])
        w.writerows(rows)
    return path


# ------------------------------------------------------------------- 5. negatives

#: Real companies not on the Entity List and generic names. (Kaspersky is deliberately absent:
#: "AO Kaspersky Lab" was listed in 2022.)
NEGATIVE_NAMES = (
    "Siemens AG",
    "Bosch Rexroth AG",
    "Samsung Electronics Co., Ltd.",
    "Tata Consultancy Services Limited",
    "Infosys Limited",
    "Wipro Limited",
    "Toyota Motor Corporation",
    "Sony Group Corporation",
    "Panasonic Holdings Corporation",
    "Hitachi, Ltd.",
    "Mitsubishi Electric Corporation",
    "LG Electronics Inc.",
    "SK Hynix Inc.",
    "Hyundai Motor Company",
    "Foxconn Industrial Internet Co., Ltd.",
    "Hon Hai Precision Industry Co., Ltd.",
    "Taiwan Semiconductor Manufacturing Company Limited",
    "MediaTek Inc.",
    "ASML Holding N.V.",
    "Philips Electronics N.V.",
    "Nokia Oyj",
    "Ericsson AB",
    "Schneider Electric SE",
    "ABB Ltd",
    "Airbus SE",
    "Thales SA",
    "Rolls-Royce plc",
    "BAE Systems plc",
    "Unilever PLC",
    "Nestle S.A.",
    "Maersk Line A/S",
    "DHL Global Forwarding GmbH",
    "Kuehne + Nagel International AG",
    "Reliance Industries Limited",
    "Larsen & Toubro Limited",
    "Mahindra & Mahindra Ltd.",
    "Petronas Chemicals Group Berhad",
    "Emirates Airline",
    "Saudi Aramco",
    "Turkcell Iletisim Hizmetleri A.S.",
    "Arcelik A.S.",
    "Embraer S.A.",
    "Lenovo Group Limited",
    "Haier Smart Home Co., Ltd.",
    "BYD Company Limited",
    "Xiaomi Corporation",
    "Tencent Holdings Limited",
    "Alibaba Group Holding Limited",
    "Baidu, Inc.",
    "Midea Group Co., Ltd.",
    "Gree Electric Appliances, Inc. of Zhuhai",
    "Contemporary Amperex Technology Co., Limited",
    "Ping An Insurance (Group) Company of China, Ltd.",
    "China Merchants Bank Co., Ltd.",
    "Kweichow Moutai Co., Ltd.",
    "Anta Sports Products Limited",
    "Yandex LLC",
    "Sberbank Technologies LLC",
    "Magnit PJSC",
    "Intel Corporation",
    "Texas Instruments Incorporated",
    "Microsoft Corporation",
    "Apple Inc.",
    "General Electric Company",
    "Honeywell International Inc.",
    "Caterpillar Inc.",
    "Applied Materials, Inc.",
    "Lam Research Corporation",
    "KLA Corporation",
    "Beijing Technology Co., Ltd.",
    "Shenzhen Electronics Co., Ltd.",
    "Shanghai Trading Co., Ltd.",
    "Guangzhou Import and Export Co., Ltd.",
    "China Electronics Trading Company",
    "International Trading LLC",
    "Global Logistics FZE",
    "Dubai General Trading LLC",
    "Moscow Trading House LLC",
    "Istanbul Dis Ticaret Ltd. Sti.",
    "Hong Kong Holdings Limited",
    "Asia Pacific Electronics Limited",
    "Eastern Industrial Supply Co.",
    "United Technical Services LLC",
    "Advanced Materials Inc.",
    "Precision Components Ltd.",
    "Smart Devices Technology Co., Ltd.",
    "New Energy Development Co., Ltd.",
    "Ocean Shipping Agency Limited",
    "Star Electronics Trading FZE",
    "Golden Bridge Import Export Co., Ltd.",
    "Silk Road Logistics LLC",
    "Northern Engineering Company",
    "Central Asia Trading Company",
    "Euro Tech Supply GmbH",
    "Pacific Rim Components Inc.",
    "Sunrise Technology Development Co., Ltd.",
    "Harbor Freight Forwarding Ltd.",
    "Blue Sky Aviation Services LLC",
    "First Industrial Equipment Co.",
)
_GENERIC = {
    "co",
    "ltd",
    "limited",
    "company",
    "corporation",
    "corp",
    "inc",
    "llc",
    "jsc",
    "group",
    "technology",
    "technologies",
    "tech",
    "international",
    "trading",
    "industry",
    "industrial",
    "electronics",
    "electronic",
    "science",
    "and",
    "of",
    "the",
    "china",
    "beijing",
    "shanghai",
    "shenzhen",
    "research",
    "institute",
    "development",
    "engineering",
    "systems",
    "holdings",
    "equipment",
    "import",
    "export",
    "services",
    "information",
    "network",
    "ooo",
    "ao",
    "fze",
    "pjsc",
    "joint",
    "stock",
    "liability",
    "communication",
    "communications",
    "materials",
}


def other_list_negatives(el_entries: Sequence[Entry], n: int, seed: int) -> list[str]:
    """Names from the other 2026 lists whose distinctive words appear on no Entity List
    name (so the party is not on the Entity List) but which share a generic word with it."""
    el_tokens = {t for e in el_entries for nm in _all_names(e) for t in norm(nm).split()}
    names: set[str] = set()
    for f in sorted(OTHER_LISTS.glob("*.json")):
        if f.name == "lists.json":
            continue
        data = json.loads(f.read_text(encoding="utf-8"))
        for ent in data.get("entities", []):
            names.add(ent["name"])
    out = []
    for nm in sorted(names):
        toks = norm(nm).split()
        distinct = [t for t in toks if t not in _GENERIC and len(t) >= 3]
        if (
            distinct
            and not any(t in el_tokens for t in distinct)
            and any(t in _GENERIC for t in toks)
        ):
            out.append(nm)
    rng = random.Random(seed)
    return sorted(rng.sample(out, min(n, len(out))))


def negatives(el_entries: Sequence[Entry], n_other: int, seed: int) -> CaseSet:
    known = {norm(nm) for e in el_entries for nm in _all_names(e)}
    cases = [
        Case("negatives", f"neg-fixed-{i:03d}", nm, kind="fixed_vocab")
        for i, nm in enumerate(NEGATIVE_NAMES)
        if norm(nm) not in known
    ]
    if OTHER_LISTS.exists():
        cases += [
            Case("negatives", f"neg-other-{i:03d}", nm, kind="other_list")
            for i, nm in enumerate(other_list_negatives(el_entries, n_other, seed))
        ]
    return CaseSet("negatives", cases, list(el_entries))


# -------------------------------------------------------------------- 6. backtest


def earliest_fr_date(text: str) -> dt.date | None:
    """Earliest m/d/yy date in a federal_register citation string."""
    out = []
    for m, d, y in re.findall(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b", text or ""):
        year = int(y)
        if year < 100:
            year += 2000 if year < 70 else 1900
        try:
            out.append(dt.date(year, int(m), int(d)))
        except ValueError:
            continue
    return min(out) if out else None


def backtest_cases(el_2026: Sequence[Entry], csl_2022: Sequence[Entry]) -> list[Case]:
    """2026 Entity List entries first listed after the 2022 snapshot and not on its EL rows."""
    el22 = {
        norm(nm) for e in csl_2022 if e.source.startswith("Entity List") for nm in _all_names(e)
    }
    out = []
    for e in el_2026:
        first = earliest_fr_date(e.federal_register_notice)
        if first is None and e.start_date:
            first = dt.date.fromisoformat(e.start_date[:10])
        if first is None or first <= CSL_2022_DATE or norm(e.name) in el22:
            continue
        out.append(
            Case(
                "backtest",
                f"bt-{e.id[:12]}",
                e.name,
                tuple(a.full for a in e.addresses),
                _country(e),
                kind=str(first),
                note=e.id,
            )
        )
    return out


@dataclass(frozen=True)
class GroundTruthPair:
    case_id: str
    successor: str  # name pattern (regex) of the 2026 entry
    original: str  # name pattern (regex) of the 2022 CSL entry(ies)
    note: str = ""


#: evasion_pairs.csv pairs whose successor was listed after May 2022, as name patterns.
GROUND_TRUTH: tuple[GroundTruthPair, ...] = (
    GroundTruthPair(
        "sugon-nettrix-1",
        r"^Nettrix Information Industry",
        r"^(Sugon|DAWNING INFORMATION)",
        "shares the Tianjin and Zhongguancun (No. 8 Dongbeiwang West Road) addresses",
    ),
    GroundTruthPair(
        "sugon-nettrix-2/3 (Suma)",
        r"^Suma Tech",
        r"^(Sugon|DAWNING INFORMATION)",
        "Kunshan site; Sugon lists no Kunshan address",
    ),
    GroundTruthPair(
        "sugon-nettrix-3 (Suma-USI)",
        r"^Suma-USI",
        r"^(Sugon|DAWNING INFORMATION)",
        "Kunshan site; Sugon lists no Kunshan address",
    ),
    GroundTruthPair(
        "smic-1",
        r"^SMIC Advanced Technology",
        r"(?i)^Semiconductor Manufacturing International Corporation",
        "No. 18 Zhang Jiang Road / 18 Zhangjiang Road",
    ),
    GroundTruthPair(
        "huawei-sicarrier", r"SiCarrier", r"^Huawei Technologies Co", "No. 999 Gaoxin Ave."
    ),
    GroundTruthPair(
        "huawei-pxw",
        r"^PXW Semiconductor",
        r"^Huawei Technologies Co",
        "Zhongke Valley, Longgang (shared with SiCarrier, not with Huawei)",
    ),
    GroundTruthPair(
        "inspur-1", r"^Inspur", r"(?i)^inspur", "2022 CSL has Inspur Group only as an NS-CMIC row"
    ),
)
