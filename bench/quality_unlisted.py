"""Flag rate on real unlisted companies (issue 8): every row of
``<repo>/../shared/data/negatives/unlisted_companies.csv`` (5,995 real companies on none
of the lists, as far as name matching can tell) screened with name + country (+ address
where present) against the full May 2022 CSL and the 2026 Entity List.

Every flag is a false alarm until read: the file's SOURCES.md warns that a few rows may
still be related to a listed party, so the flagged pairs are written to a CSV to review.
"""

from __future__ import annotations

import csv
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.baselines import Ours, Ranked, System
from bench.quality_cases import CSL_2022, DATA_DIR, EL_2026, Case, load_entries
from screen.model import Entry

UNLISTED = DATA_DIR.parent / "negatives" / "unlisted_companies.csv"
#: The lists the unlisted companies are screened against: category name -> file.
UNLISTED_LISTS: dict[str, Path] = {"unlisted_csl2022": CSL_2022, "unlisted_el2026": EL_2026}
#: Target flag rate at default settings (issue 8).
TARGET_FLAG_RATE = 0.01
TIER_NAMES = ("match", "strong link", "review")
_GREATER_CHINA = frozenset(("china", "hong kong", "macau", "macao", "taiwan"))


def unlisted_cases(path: Path = UNLISTED, sample: int | None = None, seed: int = 0) -> list[Case]:
    """One negative case per row (all rows, or a seeded sample of ``sample`` rows).

    ``kind`` is "greater_china" (China, Hong Kong, Macau, Taiwan) or "other"; ``note``
    keeps the row's source. ``name_local`` is not queried (the lists are Latin script).
    """
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    index = list(range(len(rows)))
    if sample is not None and sample < len(rows):
        index = sorted(random.Random(seed).sample(index, sample))
    cases = []
    for i in index:
        r = rows[i]
        country = (r.get("country") or "").strip()
        address = (r.get("address") or "").strip()
        kind = "greater_china" if country.casefold() in _GREATER_CHINA else "other"
        cases.append(
            Case(
                "unlisted",
                f"unl-{i:04d}",
                r["name"].strip(),
                (address,) if address else (),
                country,
                kind=kind,
                note=(r.get("source") or "").strip(),
            )
        )
    return cases


@dataclass
class FlagRate:
    """Flags of one system on one list."""

    rows: int
    flagged: int
    seconds: float
    by_tier: Counter[str] = field(default_factory=Counter)  # ours only: tier of the top hit
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [rows, flagged]

    @property
    def rate(self) -> float:
        return self.flagged / self.rows if self.rows else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "flagged": self.flagged,
            "flag_rate": self.rate,
            "seconds": round(self.seconds, 2),
            "by_top_tier": dict(self.by_tier),
            "by_kind": {
                k: {"rows": v[0], "flagged": v[1]} for k, v in sorted(self.by_kind.items())
            },
            "meets_target": self.rate <= TARGET_FLAG_RATE,
        }


def flag_rate(
    cases: Sequence[Case],
    ranked: Sequence[Ranked],
    seconds: float,
    tiers: Sequence[str | None] | None = None,
) -> FlagRate:
    fr = FlagRate(len(cases), sum(1 for r in ranked if r), seconds)
    for i, (case, r) in enumerate(zip(cases, ranked, strict=True)):
        k = fr.by_kind.setdefault(case.kind, [0, 0])
        k[0] += 1
        k[1] += int(bool(r))
        if tiers is not None and tiers[i]:
            fr.by_tier[str(tiers[i])] += 1
    return fr


def flagged_rows(
    label: str,
    category: str,
    cases: Sequence[Case],
    ranked: Sequence[Ranked],
    entries: Sequence[Entry],
    system: System,
) -> list[dict[str, Any]]:
    """One row per flagged (query, entry) pair, for review."""
    by_id = {e.id: e for e in entries}
    details = getattr(system, "top_hits", None) if isinstance(system, Ours) else None
    out = []
    for i, (case, r) in enumerate(zip(cases, ranked, strict=True)):
        for rank, (eid, score) in enumerate(r, 1):
            e = by_id[eid]
            row: dict[str, Any] = {
                "list": category.removeprefix("unlisted_"),
                "system": label,
                "score": score,
                "query": case.name,
                "country": case.country,
                "address": "; ".join(case.addresses),
                "rank": rank,
                "listed": e.name,
                "listed_countries": " ".join(e.countries),
                "source": e.source.split(" - ")[0],
                "entry_id": eid,
                "tier": "",
                "matched_name": "",
                "reasons": "",
                "row_source": case.note,
            }
            if details is not None and rank == 1 and details[i] is not None:
                h = details[i]
                row["tier"], row["matched_name"] = h.tier, h.matched_name
                row["reasons"] = "; ".join(
                    f"{x.feature} {100 * x.score:.0f}: {x.detail}" for x in h.reasons
                )
            out.append(row)
    return out


def write_flagged(rows: Sequence[dict[str, Any]], path: Path) -> None:
    """The flagged pairs, best score first, as CSV."""
    rows = sorted(rows, key=lambda r: (r["list"], r["system"], -float(r["score"]), r["query"]))
    fields = list(rows[0]) if rows else ["list", "system", "score", "query", "listed"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def _pct(x: float) -> str:
    return f"{100 * x:5.2f}%"


def run_unlisted(
    systems: Sequence[System],
    sample: int | None,
    seed: int,
    flagged_out: Path | None,
    baseline_sample: int | None = None,
) -> dict[str, Any]:
    """Screen the unlisted companies against each list with every system; print and return
    the flag rates, and write the flagged pairs to ``flagged_out``.

    Ours screens all rows (or ``sample``); the baselines, much slower on the 34,000
    names of the CSL, screen a seeded subset of ``baseline_sample`` rows, and ours is
    also reported on that subset so the rates compare like for like."""
    cases = unlisted_cases(UNLISTED, sample, seed)
    sub = cases
    if baseline_sample is not None and baseline_sample < len(cases):
        sub = sorted(random.Random(seed).sample(cases, baseline_sample), key=lambda c: c.case_id)
    in_sub = {c.case_id for c in sub}
    report: dict[str, Any] = {"rows": len(cases), "baseline_rows": len(sub)}
    review: list[dict[str, Any]] = []
    for category, path in UNLISTED_LISTS.items():
        entries = load_entries(path)
        print(
            f"\n== {category}: {len(cases)} real unlisted companies (name + country + "
            f"address where present) against {path.name} ({len(entries)} entries); any "
            f"flag is a false alarm until read (target <= {100 * TARGET_FLAG_RATE:.0f}%)"
        )
        if len(sub) < len(cases):
            print(
                f"   baselines screen a seeded subset of {len(sub)} rows; 'ours (subset)' "
                "is ours on the same rows"
            )
        print(
            f"   {'system':<24}{'rows':>6}{'flagged':>8}{'rate':>8}{'CN/HK/TW':>10}"
            f"{'other':>8}{'time s':>8}{'ms/row':>7}  top tier (ours)"
        )
        report[category] = {}
        for system in systems:
            own = cases if isinstance(system, Ours) else sub
            t0 = time.perf_counter()
            system.prepare(entries, None, category)
            ranked = system.run(own)
            secs = time.perf_counter() - t0
            tiers = None
            if isinstance(system, Ours):
                tiers = [h.tier if h is not None else None for h in system.top_hits]
            fr = flag_rate(own, ranked, secs, tiers)
            _print_rate(system.label, fr, tiers is not None)
            report[category][system.label] = fr.to_dict()
            review += flagged_rows(system.label, category, own, ranked, entries, system)
            if tiers is not None and len(sub) < len(cases):
                keep = [i for i, c in enumerate(own) if c.case_id in in_sub]
                part = flag_rate(
                    [own[i] for i in keep],
                    [ranked[i] for i in keep],
                    secs * len(keep) / max(1, len(own)),
                    [tiers[i] for i in keep],
                )
                _print_rate("ours (subset)", part, True)
                report[category]["ours (subset)"] = part.to_dict()
        _print_top(review, category)
    if flagged_out is not None:
        write_flagged(review, flagged_out)
        print(f"\n   flagged pairs ({len(review)} rows, all systems) written to {flagged_out}")
    return report


def _print_rate(label: str, fr: FlagRate, tiered: bool) -> None:
    cn, other = fr.by_kind.get("greater_china", [0, 0]), fr.by_kind.get("other", [0, 0])
    tier_txt = ", ".join(f"{t} {fr.by_tier[t]}" for t in TIER_NAMES) if tiered else ""
    print(
        f"   {label:<24}{fr.rows:6d}{fr.flagged:8d}{_pct(fr.rate):>8}"
        f"{_pct(cn[1] / max(1, cn[0])):>10}{_pct(other[1] / max(1, other[0])):>8}"
        f"{fr.seconds:8.1f}{1000 * fr.seconds / max(1, fr.rows):7.1f}  {tier_txt}"
    )


def _print_top(rows: Sequence[dict[str, Any]], category: str, n: int = 12) -> None:
    ours = sorted(
        (
            r
            for r in rows
            if r["system"] == "ours"
            and r["list"] == category.removeprefix("unlisted_")
            and r["rank"] == 1
        ),
        key=lambda r: -float(r["score"]),
    )
    if not ours:
        return
    print(
        f"   top flagged by ours (score, tier, query [country] -> listed [list]; "
        f"{len(ours)} in all):"
    )
    for r in ours[:n]:
        print(
            f"     {100 * float(r['score']):5.1f} {r['tier']:<11} {r['query'][:42]:<42} "
            f"[{r['country'][:9]}] -> {r['listed'][:40]} [{r['source'][:20]}]"
        )
