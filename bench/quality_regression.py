"""Regression category: every real case named in issue 8, each with its expected outcome,
screened by ``Screener.check`` at default settings against the real lists (2022 CSL,
2026 Entity List), plus the same expectations on hand-made lists
(``bench/regression_cases.py``). Each case prints PASS/FAIL with the observed top hits.

    python -m bench.quality_regression              # real lists (needs ../shared)
    python -m bench.quality_regression --handmade   # hand-made lists only
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` and `screen` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.quality_cases import (
    CSL_2022,
    EL_2026,
    GROUND_TRUTH,
    DataMissing,
    load_entries,
    norm,
    party_name,
    require_data,
)
from bench.regression_cases import CASES as HANDMADE
from screen.model import Address, Entry

#: Tiers strongest first, as ``Hit.tier`` writes them.
TIER_ORDER = ("match", "strong link", "review")
Check = Callable[[dict[str, Any]], list[Any]]


def at_least(tier: str | None, floor: str) -> bool:
    """``tier`` is ``floor`` or stronger (None: no hit)."""
    return tier is not None and TIER_ORDER.index(tier) <= TIER_ORDER.index(floor)


def entries_of(rows: Sequence[dict[str, Any]]) -> list[Entry]:
    """Entries from hand-made list rows."""
    return [
        Entry(
            id=r["id"],
            source=r.get("source", ""),
            name=r["name"],
            type=r.get("type", ""),
            alt_names=tuple(r.get("alt_names", ())),
            addresses=tuple(Address(full=a) for a in r.get("addresses", ())),
            countries=tuple(r.get("countries", ())),
        )
        for r in rows
    ]


def write_id_associates(rows: Sequence[tuple[str, str, str, str]], path: Path) -> Path:
    """An associates CSV naming entries by id and name (the id survives a loader that
    rewrites listed names, e.g. splitting a locality or acronym out of them)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["entity_id", "entity_name", "person", "role"])
        w.writerows(rows)
    return path


def screener(
    entries: Sequence[Entry],
    associates: Sequence[tuple[str, str, str, str]],
    tmp: Path,
    tag: str = "list",
) -> Any:
    from screen.match.engine import Screener
    from screen.sources import ListSource

    path = write_id_associates(associates, tmp / f"associates-{tag}.csv") if associates else None
    return Screener([ListSource(tag, list(entries))], path)


def query(q: dict[str, Any]) -> Any:
    from screen.match.types import Query

    return Query(
        q["name"], tuple(q.get("addresses", ())), q.get("country", ""), tuple(q.get("officers", ()))
    )


def checker(s: Any) -> Check:
    """Query dict -> hits of ``s.check`` at default settings."""

    def check(q: dict[str, Any]) -> list[Any]:
        return list(s.check(query(q)))

    return check


@dataclass(frozen=True)
class Outcome:
    case_id: str
    ok: bool
    observed: str  # the top hits, or what went wrong


def _targets(hits: Sequence[Any], expect: dict[str, Any]) -> list[tuple[int, Any]]:
    """(1-based rank, hit) of the hits on the expected entry (by id, or name regex)."""
    if expect.get("entity_name"):
        pat = re.compile(expect["entity_name"], re.IGNORECASE)
        return [
            (i, h)
            for i, h in enumerate(hits, 1)
            if any(pat.search(n) for n in (h.entry.name, *h.entry.alt_names))
        ]
    if expect.get("entity") is None:
        return list(enumerate(hits, 1))
    return [(i, h) for i, h in enumerate(hits, 1) if h.entry.id == expect["entity"]]


def describe(hits: Sequence[Any], n: int = 3) -> str:
    if not hits:
        return "no hits"
    return "; ".join(f"{h.entry.name[:48]} {100 * h.score:.0f} {h.tier}" for h in hits[:n])


def evaluate(case_id: str, q: dict[str, Any], expect: dict[str, Any], check: Check) -> Outcome:
    """Whether ``check`` (query dict -> hits at default settings) meets ``expect``."""
    hits = check(q)
    found = _targets(hits, expect)
    seen = describe(hits)
    if "below" in expect:
        bad = [h for _, h in found if at_least(h.tier, expect["below"])]
        return Outcome(case_id, not bad, seen)
    if expect.get("same_as_without_country"):
        other = _targets(check({k: v for k, v in q.items() if k != "country"}), expect)
        if not other:
            return Outcome(case_id, False, f"no link even without country; {seen}")
        base = other[0][1]
        now = found[0][1] if found else None
        ok = now is not None and abs(now.score - base.score) < 1e-9 and now.tier == base.tier
        got = f"{100 * now.score:.0f} {now.tier}" if now else "no hit"
        return Outcome(
            case_id, ok, f"with country {got}, without {100 * base.score:.0f} {base.tier}; {seen}"
        )
    ok = bool(found) and at_least(found[0][1].tier, expect["tier"])
    if expect.get("rank1"):
        ok = ok and found[0][0] == 1
    return Outcome(case_id, ok, seen)


def run_handmade(cases: Sequence[dict[str, Any]] = HANDMADE) -> list[Outcome]:
    out = []
    with tempfile.TemporaryDirectory(prefix="screen-regr-") as tmp:
        for c in cases:
            s = screener(entries_of(c["list"]), c.get("associates", ()), Path(tmp))
            out.append(evaluate(c["id"], c["query"], c["expect"], checker(s)))
    return out


# ------------------------------------------------------------------- real lists

HUAWEI_TECH = r"^huawei technologies co\.?,? ltd\.?( \(huawei\))?$"
_GENERIC_TAIL = (
    "Trading",
    "Technology",
    "International",
    "Holdings",
    "Group",
    "Services",
    "Development",
    "Industrial",
    "Supply",
    "Solutions",
    "Global",
    "Engineering",
    "Logistics",
    "Systems",
    "Enterprise",
    "Import",
    "Export",
    "General",
)
_LEGAL_OR_GENERIC = frozenset(w.casefold() for w in _GENERIC_TAIL) | frozenset(
    (
        "company",
        "co",
        "ltd",
        "limited",
        "llc",
        "inc",
        "corp",
        "corporation",
        "jsc",
        "ooo",
        "the",
        "of",
        "and",
        "for",
        "sa",
        "gmbh",
        "fze",
        "pvt",
        "private",
        "ag",
        "plc",
    )
)


def real_cases() -> list[dict[str, Any]]:
    """Issue 8's named real cases: list, query, expectation (``entity_name`` is a regex)."""
    hw = {"entity_name": HUAWEI_TECH, "tier": "match"}
    csl = "csl2022"
    return [
        {
            "id": "huawei-alone",
            "list": csl,
            "query": {"name": "Huawei"},
            "expect": {**hw, "rank1": True},
        },
        {
            "id": "hisilicon-locality",
            "list": csl,
            "query": {"name": "HiSilicon Technologies Co., Ltd"},
            "expect": {
                "entity_name": r"^HiSilicon Technologies Co\b",
                "tier": "match",
            },
        },
        {
            "id": "dongguan-own-entry",
            "list": csl,
            "query": {"name": "Dongguan Huawei Service Co., Ltd."},
            "expect": {"entity_name": r"^Dongguan Huawei Service", "tier": "match"},
        },
        {
            "id": "symbol-registered",
            "list": csl,
            "query": {"name": "Huawei\u00ae Technologies Co., Ltd."},
            "expect": hw,
        },
        {
            "id": "name-twice",
            "list": csl,
            "query": {"name": "Huawei Technologies Co., Ltd. Huawei Technologies Co., Ltd."},
            "expect": hw,
        },
        {
            "id": "name-three-times",
            "list": csl,
            "query": {"name": " ".join(["Huawei Technologies Co., Ltd."] * 3)},
            "expect": hw,
        },
        {
            "id": "typo-long-word",
            "list": csl,
            "query": {"name": "Huawei Technolgies Co., Ltd."},
            "expect": hw,
        },
        {
            "id": "typo-short-word",
            "list": csl,
            "query": {"name": "Sugin", "country": "China"},
            "expect": {"entity_name": r"^Sugon$", "tier": "strong link"},
        },
        {
            "id": "split-mid-word",
            "list": csl,
            "query": {"name": "Jo int Stock Company Concern Sozvezdie"},
            "expect": {"entity_name": r"^Joint Stock Company Concern Sozvezdie", "tier": "match"},
        },
        {
            "id": "two-words-joined",
            "list": csl,
            "query": {"name": "Joint Stock Company Experimental DesignBureau Novator"},
            "expect": {"entity_name": r"Experimental Design Bureau Novator", "tier": "match"},
        },
        {
            "id": "partial-legal-form",
            "list": csl,
            "query": {"name": "Joint Stock Co Concern Sozvezdie"},
            "expect": {"entity_name": r"^Joint Stock Company Concern Sozvezdie", "tier": "match"},
        },
        {
            "id": "ltd-for-limited-common-words",
            "list": csl,
            "query": {"name": "Engineering Equipment (Private) Ltd."},
            "expect": {
                "entity_name": r"^Engineering Equipment \(Private\) Limited",
                "tier": "match",
            },
        },
        {
            "id": "short-alias-hua",
            "list": csl,
            "query": {"name": "Hua Wei Trading Pty Ltd"},
            "expect": {"entity_name": r"^HARAKAT UL-MUJAHIDEEN", "below": "strong link"},
        },
        {
            "id": "hon-hai-precision",
            "list": csl,
            "query": {"name": "Hon Hai Precision Industry"},
            "expect": {"entity_name": r"^Precision Image Corp", "below": "review"},
        },
        {
            "id": "country-discounts-name-only",
            "list": csl,
            "officer": ("Ren Zhengfei", "director"),
            "query": {
                "name": "Brightwater Harbour Trading Limited",
                "country": "HK",
                "officers": ["Zhengfei Ren"],
            },
            "expect": {"entity_name": HUAWEI_TECH, "same_as_without_country": True},
        },
    ]


def short_name_probes(
    entries: Sequence[Entry], n: int = 150, seed: int = 2026
) -> list[tuple[str, str, set[str]]]:
    """(probe, listed name, accepted ids): a short listed name (one or two words besides
    legal forms, at least one distinctive) followed by four generic words, seeded."""
    by_party: dict[str, set[str]] = {}
    for e in entries:
        by_party.setdefault(party_name(e.name), set()).add(e.id)
    pool = []
    for e in entries:
        words = norm(e.name).split()
        core = [w for w in words if w not in _LEGAL_OR_GENERIC]
        if (
            e.type != "Individual"
            and 1 <= len(core) <= 2
            and len(words) <= 3
            and all(len(w) >= 4 and w.isalpha() for w in core)
        ):
            pool.append(e)
    rng = random.Random(seed)
    seen: set[str] = set()
    out = []
    for e in rng.sample(pool, len(pool)):
        if party_name(e.name) in seen:
            continue
        seen.add(party_name(e.name))
        tail = " ".join(rng.sample(_GENERIC_TAIL, 4))
        out.append((f"{e.name} {tail}", e.name, by_party[party_name(e.name)]))
        if len(out) >= n:
            break
    return out


def nettrix_case(el: Sequence[Entry]) -> dict[str, Any] | None:
    gt = next(g for g in GROUND_TRUTH if g.case_id == "sugon-nettrix-1")
    succ = next((e for e in el if re.search(gt.successor, e.name)), None)
    if succ is None:
        return None
    return {
        "id": "nettrix-sugon-rank1",
        "list": "csl2022",
        "query": {
            "name": succ.name,
            "addresses": [a.full for a in succ.addresses],
            "country": succ.countries[0] if succ.countries else "",
        },
        "expect": {"entity_name": gt.original, "tier": "review", "rank1": True},
    }


def run_real(probes: int = 150, seed: int = 2026) -> dict[str, Any]:
    """Print PASS/FAIL for every real case; return the outcomes."""
    require_data(CSL_2022, EL_2026)
    lists = {"csl2022": load_entries(CSL_2022), "el2026": load_entries(EL_2026)}
    cases = real_cases()
    nx = nettrix_case(lists["el2026"])
    if nx:
        cases.append(nx)
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="screen-regr-") as tmp:
        plain = {k: screener(v, (), Path(tmp), k) for k, v in lists.items()}
        for c in cases:
            s = plain[c["list"]]
            if c.get("officer"):  # linked by id to every entry the expectation names
                rows = [
                    (e.id, e.name, *c["officer"])
                    for e in lists[c["list"]]
                    if re.search(c["expect"]["entity_name"], e.name, re.IGNORECASE)
                ]
                s = screener(lists[c["list"]], rows, Path(tmp), c["list"])
            outcomes.append(evaluate(c["id"], c["query"], c["expect"], checker(s)))
            _print(outcomes[-1], c["query"]["name"])
        found, misses = _probes(plain["csl2022"], lists["csl2022"], probes, seed)
    ok = not misses
    print(
        f"   {'PASS' if ok else 'FAIL'}  short-name-plus-4-generic: {found}/{found + len(misses)}"
        f" probes find the listed name (flagged at the default threshold)"
    )
    for probe, listed, seen in misses[:10]:
        print(f"         miss: {probe[:60]!r} -> want {listed[:40]!r}; got {seen}")
    outcomes.append(Outcome("short-name-plus-4-generic", ok, f"{found}/{found + len(misses)}"))
    passed = sum(o.ok for o in outcomes)
    print(f"   regression: {passed}/{len(outcomes)} PASS")
    return {
        "passed": passed,
        "cases": len(outcomes),
        "outcomes": [{"id": o.case_id, "ok": o.ok, "observed": o.observed} for o in outcomes],
    }


def _probes(
    s: Any, entries: Sequence[Entry], n: int, seed: int
) -> tuple[int, list[tuple[str, str, str]]]:
    found, misses = 0, []
    for probe, listed, ids in short_name_probes(entries, n, seed):
        hits = list(s.check(query({"name": probe})))
        if any(h.entry.id in ids for h in hits):
            found += 1
        else:
            misses.append((probe, listed, describe(hits, 2)))
    return found, misses


def _print(o: Outcome, name: str) -> None:
    print(f"   {'PASS' if o.ok else 'FAIL'}  {o.case_id:<30} {name[:50]!r:<52} -> {o.observed}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--handmade", action="store_true", help="hand-made lists only")
    ap.add_argument("--probes", type=int, default=150)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)
    if args.handmade:
        for o, c in zip(run_handmade(), HANDMADE, strict=True):
            _print(o, c["query"]["name"])
        return 0
    try:
        print("\n== regression: issue 8's real cases against the real lists")
        run_real(args.probes, args.seed)
    except DataMissing as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
