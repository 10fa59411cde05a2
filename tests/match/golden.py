"""Golden cases for the matching policy: a hand-made list, associates and queries that
exercise every rule, and a fingerprint of what the engine makes of them."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from screen.match.addresses import normalize_address
from screen.match.engine import Screener
from screen.match.features import address_match, officer_overlap
from screen.match.index import TokenIndex
from screen.match.legal_typos import repair_legal_typos
from screen.match.name_features import Rarity, name_match
from screen.match.names import normalize_name
from screen.match.persons import normalize_person
from screen.match.policy import Policy
from screen.match.prepared import prepare
from screen.match.score import Evidence, combine, weakest_name_reaching
from screen.match.text import tokenize
from screen.match.types import Query
from screen.model import Address, Entry
from screen.sources import ListSource


def _entry(
    i: str,
    name: str,
    country: str = "CN",
    *addresses: str,
    aliases: tuple[str, ...] = (),
    kind: str = "",
) -> Entry:
    return Entry(
        id=i,
        source="golden",
        name=name,
        type=kind,
        alt_names=aliases,
        addresses=tuple(Address(a) for a in addresses),
        countries=(country,),
    )


ENTRIES = [
    _entry(
        "sugon",
        "Sugon Information Industry Co., Ltd.",
        "CN",
        "No. 15 Haitai Huake Street, Huayuan Industrial Zone, Tianjin",
    ),
    _entry(
        "hik",
        "Hangzhou Hikvision Digital Technology Co., Ltd.",
        "CN",
        "No. 555 Qianmo Road, Binjiang District, Hangzhou",
    ),
    _entry("jict", "Jiangnan Institute of Computing Technology", "CN", "Wuxi, Jiangsu"),
    _entry("709", "China Shipbuilding 709th Research Institute", "CN", "Wuhan, Hubei"),
    _entry(
        "huawei",
        "Huawei Technologies Co., Ltd. (Huawei)",
        "CN",
        "Bantian Huawei Base, Longgang District, Shenzhen",
        "No. 2 Xinxi Road, Haidian District, Beijing",
    ),
    _entry("dongguan", "Dongguan Huawei Service Co., Ltd., Dongguan, Guangdong", "CN"),
    _entry("huawei-intl", "Huawei International Co., Limited", "HK"),
    _entry("apl", "Asia Pacific Links Limited", "HK", "Room 5, 12 Nathan Road, Kowloon"),
    _entry("eleron", "Eleron", "RU", "Moscow"),
    _entry("hum", "Harakat ul-Mujahideen", "PK", aliases=("HUA",)),
    _entry("bit", "Beijing Institute of Technology", "CN", "5 Zhongguancun South Street, Beijing"),
    _entry("inspur", "Inspur Group", "CN", "No. 1036 Langchao Road, Jinan"),
    _entry("lazarus", "Lazarus Group", "KP", aliases=("Zinc",)),
    _entry("mai", "Moscow Aviation Institute", "RU", "4 Volokolamskoe Highway, Moscow"),
    _entry(
        "nettrix",
        "Nettrix Information Industry Co., Ltd.",
        "CN",
        "No. 15 Haitai Huake Street, Huayuan Industrial Zone, Tianjin",
    ),
]
ENTRIES += [
    _entry("orisko-a", "Orisko Lumen Systems"),
    _entry("orisko-b", "Orisko Lumen Systems Technology Holding"),  # 0.19 below: margin
    _entry("apama", "APAMA", "IR", aliases=("JUPITERA",), kind="Vessel"),
    _entry("plane", "Velmara Jet", "IR", kind="Aircraft"),
    _entry("ship6", "ORISKA", "IR", kind="Vessel"),
    _entry("person", "Taskon Brevikson", "RU", kind="Individual"),
]
_BRANDS = ["Zorvex", "Quintar", "Lumora", "Brevik", "Taskon", "Velmar", "Orisko", "Pentaro"]
_GENERIC = ["Technology", "Electronics", "Trading", "Industry", "Research", "Beijing", "Group"]
_rng = random.Random(7)
for k in range(48):
    brand = f"{_BRANDS[k % len(_BRANDS)]}{k}"
    words = " ".join(_rng.sample(_GENERIC, 2))
    ENTRIES.append(
        _entry(f"f{k}", f"{brand} {words} Co., Ltd.", "CN", f"No. {k + 3} {brand} Road, Shenzhen")
    )

ASSOCIATES = """entity_id,person,role
sugon,Li Jun,director
sugon,Nie Huajun,president
huawei,Ren Zhengfei,founder
huawei,Wang Wei,director
"""

QUERIES = [
    Query("Sugon Information Industry"),
    Query("Sugon Information Industry", country="DE"),
    Query(
        "Nettrix Information Industry", ("No 15 Haitai Huake St, Huayuan Industrial Zone, Tianjin",)
    ),
    Query("New Star Computing", ("No. 15 Haitai Huake Street, Tianjin",), "CN"),
    Query("Hikvison Digital Technology"),
    Query("Hik Vision Digital Tech"),
    Query("Hikvisiondigitaltechnolgy"),
    Query("JICT"),
    Query("China Shipbuilding 719th Research Institute"),
    Query("Asia Pacific Electronics"),
    Query("Inspur Electronic Information Technology"),
    Query("Elecon"),
    Query("Eleronn Systems"),
    Query("Hua Wei Trading"),
    Query("Beijing Technology Institute"),
    Query("Huawei"),
    Query("Huawei Technologies Co Ltd", country="HK"),
    Query("Shell Trading Ltd", officers=("Li Jun", "Nie Huajun")),
    Query("Shell Trading Ltd", officers=("Nie Huajun",)),
    Query("Shell Trading Ltd", officers=("Wang Wei",)),
    Query("Shell Trading Ltd", country="HK", officers=("Ren Zhengfei", "Wang Wei")),
    Query(
        "Bright Future",
        (
            "Bantian Huawei Base, Longgang District, Shenzhen",
            "No. 2 Xinxi Road, Haidian District, Beijing",
        ),
    ),
    Query("Bright Future", ("No. 7 Xinxi Road, Haidian District, Beijing",)),
    Query("Bright Future", ("No. 2 Xinxi Road, Haidian District, Wuhan",)),
    Query("Bright Future", ("Haidian District, Beijing",)),
    Query("Bright Future", ("Xinxi Road, Haidian District, Beijing",)),
    Query("Moscow Aviation", ("4 Volokolamskoe Highway, Moscow",)),
    Query("Zorvex0 Technology", ("No. 3 Zorvex0 Road, Shenzhen",)),
    Query("Quintar1 Research Trading"),
    Query("Dongguan Huawei Service"),
    Query("Asia Pacific Links", ("12 Nathan Road, Kowloon",), "HK"),
    Query("Road Technology", ("No. 9 Road, Shenzhen",)),
    Query("Orisko Lumen Systems"),
    Query("Jupitera Energy Trading"),
    Query("Apama Energy Trading"),
    Query("Oriskb"),  # a six-letter vessel name, one letter off: not enough
    Query("Jupiterb"),  # an eight-letter one, one letter off: a hit
    Query("Inspur Zinc"),
    Query("Velmara Jet Leasing"),
    Query("Taskon Brevikson Trading Group"),
    Query("T. Brevikson"),  # an initial and a family name: found by the person keys
    Query("Tascon Brevicson"),  # both parts misspelt: the same vowel skeletons
    Query("Brevikson Export"),  # one part alone: not found as the person
    Query("T. B. Export"),  # initials alone: not either
    Query(
        "Taskon Brevikson Trading Research Technology Industry Electronics Group Beijing"
        " Digital Institute Information"
    ),
]


def screener(policy: Policy, tmp: Path) -> Screener:
    people = tmp / "golden_associates.csv"
    people.write_text(ASSOCIATES, encoding="utf-8")
    return Screener([ListSource("golden", ENTRIES)], people, policy)


def fingerprint(policy: Policy, tmp: Path) -> list[Any]:
    """What the engine makes of every golden query, down to candidates and scores."""
    s = screener(policy, tmp)
    out: list[Any] = []
    for q in QUERIES:
        hits = s.check(q)
        out.append(
            [
                (
                    h.entry.id,
                    round(h.score, 9),
                    h.tier,
                    tuple((r.feature, round(r.score, 9)) for r in h.reasons),
                )
                for h in hits
            ]
        )
        found = s._candidates(0, s.indexes[0], prepare(q, policy), s.policy.threshold)
        out.append(sorted((e, c.linked, tuple(sorted(c.names))) for e, c in found.items()))
    for addr in ("No. 9 Road, Shenzhen", "Road, Shenzhen", "Beijing, Haidian, Street"):
        words = prepare(Query("x", (addr,))).addresses[0].words
        r = policy.retrieval
        top = s.indexes[0].address_index.top(words, r.address_candidates, share=r.address_share)
        out.append(sorted(top))
    out.append(_rarity_fingerprint(policy))
    out.append([repair_legal_typos(tokenize(t), policy.name.legal_typo_edits) for t in LEGAL_TYPOS])
    out.extend(_rule_grids(policy))
    return out


#: Typos in legal forms (``repair_legal_typos``), by the shorter word's length and edits.
LEGAL_TYPOS = [
    "Zorvex Federal State Unitary Entarprize",  # 10 letters, two edits
    "Zorvex Federal State Unitary Entrprse",  # 8 letters, two edits: not repaired
    "Zorvex (Pvt) Lta.",  # 3 letters, one edit
    "Zorvex Cx Ltd",  # 2 letters: not repaired
    "Slate Zorvex Ltd",  # no legal form to complete: not repaired
]


#: Name pairs for the name rules, weighed by a fixed rarity (rare: brand words).
NAME_PAIRS = [
    ("Zorvexa Digital", "Zorvexo Digital"),  # one typo, 7 letters
    ("Digital Zorvexalink", "Zorvexulonk Digital"),  # two typos, 11 letters (word path)
    ("Quin Pentaro Velmar", "Quin Pentaro Velmor"),  # compact: one edit
    ("Quintarvelmarlumora Tech", "Quintar Velmar Lumorra Tech"),  # compact: join + edit
    ("Qtarvelmarlo Tek", "Qtar Velmor Loo Tek"),  # compact, 12+ letters: two edits
    ("Qtarvelmarl", "Qtar Velmorl L"),  # compact, 11 letters: one edit only
    ("Zorv", "Zorb"),  # short: no typo
    ("Vix Group", "Vyx Group"),  # compact: one edit in eight letters
    ("Hua Wei Trading", "HUA"),  # a 3-letter listed name matches only as a whole name
    ("Asia Pacific Links", "Asia Pacific Electronics"),  # two-sided penalty
    ("Inspur Electronic Information Technology", "Inspur Group"),  # contained
    # listed share 0.71: contained only with a lower coverage floor
    ("Inspur Holding Information Technology Trading Service", "Inspur Group Holding Electronic"),
    ("Taskon 709 Research Institute", "Taskon 719 Research Institute"),  # numbers differ
    ("TRI", "Taskon Research Institute"),  # initials
    ("Beijing Technology Institute", "Beijing Institute of Technology"),  # generic only
    ("بانک سپه", "Bank Sepah"),  # across scripts: the skeletons agree
    ("محمد حسن", "Muhammed Hasab"),  # skeletons of 7 letters, one apart
    ("محمد حسن رضا", "Mohammed Hassan Reza"),  # skeletons of 8+ letters, one apart
]
_RARE = {
    "zorvexa",
    "zorvexo",
    "zorvexalink",
    "zorvexulonk",
    "quin",
    "pentaro",
    "velmar",
    "velmor",
    "velmorl",
    "qtarvelmarl",
    "quintarvelmarlumora",
    "quintar",
    "lumorra",
    "qtarvelmarlo",
    "qtar",
    "loo",
    "zorv",
    "zorb",
    "vix",
    "hua",
    "vyx",
    "links",
    "inspur",
    "taskon",
    "zorvex",
}


def _rarity() -> Rarity:
    def weight(token: str) -> float:
        return 12.0 if token in _RARE else 3.0

    return Rarity(weight, lambda token: token in _RARE)


def _rule_grids(policy: Policy) -> list[Any]:
    """Each rule's outcome on crafted inputs: tiers, combine, names, addresses, officers."""
    tiers = [policy.tier_for(x / 200) for x in range(201)]
    floors = [round(weakest_name_reaching(f, policy), 9) for _, f in policy.tiers]
    grid = []
    for name in (0.3, 0.55, 0.62, 0.8, 0.86, 1.0):
        for address, count in ((0.0, 0), (0.79, 1), (0.81, 1), (0.9, 2), (0.9, 3)):
            for officers in (0.0, 0.3, 0.6):
                for other in (False, True):
                    v = combine(Evidence(name, address, count, officers, other), policy)
                    grid.append((round(v.score, 9), v.tier, v.listed, v.score >= policy.threshold))
    names = []
    for a, b in NAME_PAIRS:
        score, _ = name_match(normalize_name(a), normalize_name(b), _rarity(), policy)
        names.append(round(score, 9))
    reason = [s >= policy.name.reason_floor for s in (0.25, 0.28, 0.31)]
    return [tiers, floors, grid, names, reason, _address_grid(policy), _officer_grid(policy)]


ADDRESS_PAIRS = [
    ("No. 2 Xinxi Road, Haidian District, Beijing", "No. 7 Xinxi Road, Haidian District, Beijing"),
    ("No. 2 Xinxi Road, Beijing", "No. 2 Xinxi Road, Wuhan"),
    ("Haidian District, Beijing", "No. 2 Xinxi Road, Haidian District, Beijing"),
    ("Xinxi Road, Haidian District, Beijing", "No. 2 Xinxi Road, Haidian District, Beijing"),
    ("2 Xinxi Rd, Beijing", "Building 5, No. 2 Xinxi Road, Haidian District, Beijing"),
    ("Haidian, Beijing", "Chaoyang, Beijing"),
]


def _address_grid(policy: Policy) -> list[float]:
    out = []
    for a, b in ADDRESS_PAIRS:
        score, _ = address_match(normalize_address(a), normalize_address(b), lambda t: 3.0, policy)
        out.append(round(score, 9))
    return out


def _officer_grid(policy: Policy) -> list[float]:
    people = [(normalize_person(p), "director") for p in ("Li Jun", "Nie Huajun", "Wang Wei")]
    out = []
    for officers in (("Li Jun", "Nie Huajun"), ("Nie Huajun",), ("Wang Wei",), ()):
        score, _ = officer_overlap([normalize_person(o) for o in officers], people, policy)
        out.append(score)
    return out


def _rarity_fingerprint(policy: Policy) -> tuple[Any, ...]:
    """Index numbers of a large synthetic list (rarity knobs act on list size)."""
    rng = random.Random(11)
    docs = [["common", f"w{rng.randrange(900)}", f"u{i}"] for i in range(3000)]
    docs += [["family", f"v{i}"] for i in range(150)]
    sample = ("common", "w1", "u1", "family", "never")
    out = []
    for items in (docs, docs[:100]):  # distinctive by share (large list), by count (small)
        idx = TokenIndex.build(items, rarity=policy.rarity)
        weights = tuple(round(idx.weights[t], 9) for t in sample)
        out.append((round(idx.distinctive, 9), len(idx.heads), weights, idx.is_distinct("family")))
    return tuple(out)
