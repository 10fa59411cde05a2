"""Backtest of the quality bench: 2026 Entity List entries first listed after May 2022,
screened against the May 2022 CSL, with the evasion ground-truth pairs."""

from __future__ import annotations

import re
import time
from collections import Counter
from typing import Any

from bench.baselines import Probe, Ranked, System
from bench.quality_cases import GROUND_TRUTH, Case, backtest_cases, norm
from screen.model import Entry


def _pct(x: float | None) -> str:
    return "   n/a" if x is None else f"{100 * x:5.1f}%"


def backtest(
    systems: list[System], el: list[Entry], csl: list[Entry], limit: int | None
) -> dict[str, Any]:
    cases = backtest_cases(el, csl)
    gt_cases: list[tuple[Any, Case | None, set[str], list[str]]] = []
    for gt in GROUND_TRUTH:
        orig = [e for e in csl if re.search(gt.original, e.name)]
        found: list[Case | None] = [c for c in cases if re.search(gt.successor, c.name)]
        succs = found[:6] or [None]
        for succ in succs:
            gt_cases.append((gt, succ, {e.id for e in orig}, [e.name for e in orig]))
    if limit is not None and limit < len(cases):
        keep = {id(c) for _, c, _, _ in gt_cases if c is not None}
        cases = [c for c in cases if id(c) in keep] + [c for c in cases if id(c) not in keep][
            : max(0, limit - len(keep))
        ]
    by_id = {e.id: e for e in csl}
    print(
        f"\n== backtest: {len(cases)} Entity List entries first listed after 2022-05-16 "
        f"(not on the 2022 EL rows), screened by name + addresses + country against the "
        f"May 2022 CSL ({len(csl)} entries, all sources)"
    )
    out: dict[str, Any] = {"queries": len(cases), "systems": {}, "ground_truth": []}
    ranked_by: dict[str, list[Ranked]] = {}
    print(
        "   linked = any earlier entry flagged; same name = the top hit carries the new "
        "entry's name (relisted from UVL/SDN/...), other = a differently named entry"
    )
    print(
        f"   {'system':<24}{'linked':>8}{'share':>8}{'same nm':>9}{'other':>7}"
        f"{'time s':>9}{'ms/case':>9}"
    )
    for system in systems:
        t0 = time.perf_counter()
        system.prepare(csl, None, "csl2022")
        ranked = system.run(cases)
        secs = time.perf_counter() - t0
        ranked_by[system.label] = ranked
        linked = sum(1 for r in ranked if r)
        n_same = sum(
            1
            for c, r in zip(cases, ranked, strict=True)
            if r and _same_name(c.name, by_id[r[0][0]])
        )
        print(
            f"   {system.label:<24}{linked:8d}{_pct(linked / max(1, len(cases))):>8}"
            f"{n_same:9d}{linked - n_same:7d}{secs:9.1f}{1000 * secs / max(1, len(cases)):9.1f}"
        )
        same = sum(
            1
            for c, r in zip(cases, ranked, strict=True)
            if r and _same_name(c.name, by_id[r[0][0]])
        )
        top = sorted(
            (
                (r[0][1], c.name, by_id[r[0][0]].name, by_id[r[0][0]].source)
                for c, r in zip(cases, ranked, strict=True)
                if r and not _same_name(c.name, by_id[r[0][0]])
            ),
            reverse=True,
        )
        src = Counter(by_id[r[0][0]].source.split(" - ")[0] for r in ranked if r)
        reasons = getattr(system, "top_reasons", None)
        by_reason = Counter("+".join(r) for r in reasons if r) if reasons else Counter()
        out["systems"][system.label] = {
            "linked": linked,
            "linked_same_name": same,
            "linked_other_name": linked - same,
            "seconds": round(secs, 2),
            "linked_by_top_hit_reasons": dict(by_reason.most_common()),
            "linked_by_source": dict(src.most_common()),
            "top": [
                {"score": s, "query": q, "linked_to": n, "source": so} for s, q, n, so in top[:25]
            ],
        }
    for label in ranked_by:
        top = out["systems"][label]["top"]
        print(
            f"\n   top-linked to a differently named entry ({label}): score, new entry -> "
            "earlier entry [list]"
        )
        for t in top[:15]:
            print(
                f"     {t['score']:.2f}  {t['query'][:55]:<55} -> {t['linked_to'][:45]} "
                f"[{t['source'].split(' - ')[0][:28]}]"
            )
        by_src = out["systems"][label]["linked_by_source"]
        print(
            "     linked by list of the earlier entry: "
            + ", ".join(f"{k[:30]} {v}" for k, v in list(by_src.items())[:6])
        )
        by_reason = out["systems"][label]["linked_by_top_hit_reasons"]
        if by_reason:
            print(
                "     linked by reasons of the top hit: "
                + ", ".join(f"{k} {v}" for k, v in list(by_reason.items())[:6])
            )
    print("\n   ground-truth pairs (evasion_pairs.csv, successor listed after May 2022):")
    for gt, successor, targets, names in gt_cases:
        succ = successor
        row: dict[str, Any] = {
            "case": gt.case_id,
            "note": gt.note,
            "successor": succ.name if succ else None,
            "original_on_2022_csl": names,
        }
        print(
            f"   - {gt.case_id}: {succ.name if succ else '(successor not among new entries)'}"
            f" -> {'; '.join(names[:3]) or '(original not on 2022 CSL)'}   [{gt.note}]"
        )
        if succ is not None and targets:
            for system in systems:
                system.prepare(csl, None, "csl2022")
                p: Probe = system.probe(succ, targets)
                row[system.label] = {
                    "flagged": p.flagged,
                    "rank": p.rank,
                    "score": p.score,
                    "detail": p.detail,
                }
                sc = "-" if p.score is None else f"{p.score:.2f}"
                print(
                    f"       {system.label:<24} linked={'YES' if p.flagged else 'no ':<4}"
                    f"rank={p.rank if p.rank else '-':<5} score={sc:<6} {p.detail[:90]}"
                )
        out["ground_truth"].append(row)
    nettrix = next((r for r in out["ground_truth"] if r["case"] == "sugon-nettrix-1"), None)
    if nettrix and "ours" in nettrix:
        ok = nettrix["ours"]["flagged"]
        print(f"\n   REQUIRED: Nettrix linked to Sugon by ours: {'PASS' if ok else 'FAIL'}")
        out["nettrix_sugon_linked"] = ok
    return out


def _same_name(query: str, entry: Entry) -> bool:
    q = norm(query)
    return any(norm(n) == q for n in (entry.name, *entry.alt_names))
