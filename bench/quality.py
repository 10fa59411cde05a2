"""Matcher quality bench: ours vs rapidfuzz WRatio>=90 vs nomenklatura logic-v2.

Builds labelled cases from the shared real data (see bench/quality_cases.py), screens
them with each system and prints, per category, recall (expected entry flagged), top-1
(expected entry ranked first), false-positive rate (a case where a wrong entry was
flagged; for negatives any flag), precision, F1 and time; then the flag rate of the
5,995 real unlisted companies against the 2022 CSL and the 2026 Entity List, issue 8's
regression cases (PASS/FAIL), and a backtest of entries listed after May 2022 against
the May 2022 CSL, with the evasion ground-truth pairs. See bench/README.md.

    python -m bench.quality [--sample N] [--seed S] [--only CATEGORY]
                            [--skip-nomenklatura] [--unlisted-sample N]
                            [--baseline-unlisted-sample N] [--flagged-out FILE]
                            [--probes N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` and `screen` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.baselines import (
    NK_ALGORITHM,
    NK_THRESHOLD,
    WRATIO_CUTOFF,
    NomenklaturaLogicV2,
    Ours,
    Ranked,
    System,
    WRatioBaseline,
)
from bench.quality_backtest import backtest
from bench.quality_cases import (
    CATEGORIES,
    CSL_2022,
    EL_2026,
    SIMPLE_KINDS,
    Case,
    CaseSet,
    DataMissing,
    address_linkage,
    alias_leave_one_out,
    load_entries,
    name_variants,
    negatives,
    officer_linkage,
    require_data,
    write_associates,
)
from bench.quality_regression import run_handmade
from bench.quality_regression_real import run_real
from bench.quality_unlisted import run_unlisted
from screen.model import Entry

#: Target recall on the simple name variants at default settings (issue 8).
SIMPLE_TARGET = 0.97
ALL_CATEGORIES = (*CATEGORIES, "unlisted", "regression", "backtest")


@dataclass
class Score:
    cases: int = 0
    positives: int = 0
    recall_hits: int = 0
    top1_hits: int = 0
    fp_cases: int = 0
    wrong_flags: int = 0  # flagged (case, entry) pairs whose entry is not the expected one
    seconds: float = 0.0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [n, hit, fp]

    @property
    def recall(self) -> float | None:
        return self.recall_hits / self.positives if self.positives else None

    @property
    def top1(self) -> float | None:
        return self.top1_hits / self.positives if self.positives else None

    @property
    def fp_rate(self) -> float:
        return self.fp_cases / self.cases if self.cases else 0.0

    @property
    def precision(self) -> float | None:
        """Right flags over all flags: a case's expected party counts once, every other
        flagged entry once (None when nothing was flagged)."""
        flags = self.recall_hits + self.wrong_flags
        return self.recall_hits / flags if flags else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "positives": self.positives,
            "recall": self.recall,
            "top1": self.top1,
            "fp_rate": self.fp_rate,
            "precision": self.precision,
            "f1": self.f1,
            "wrong_flags": self.wrong_flags,
            "seconds": round(self.seconds, 2),
            "ms_per_case": round(1000 * self.seconds / max(1, self.cases), 2),
            "by_kind": {
                k: dict(zip(("cases", "hits", "fp"), v, strict=True))
                for k, v in sorted(self.by_kind.items())
            },
        }


def score_cases(cases: Sequence[Case], ranked: Sequence[Ranked], seconds: float) -> Score:
    s = Score(cases=len(cases), seconds=seconds)
    for case, flagged in zip(cases, ranked, strict=True):
        expected = set(case.expected)
        ids = [i for i, _ in flagged]
        hit = bool(expected & set(ids))
        n_wrong = sum(1 for i in ids if i not in expected)
        wrong = n_wrong > 0
        s.wrong_flags += n_wrong
        kind = s.by_kind.setdefault(case.kind or "-", [0, 0, 0])
        kind[0] += 1
        kind[2] += int(wrong)
        if case.positive:
            s.positives += 1
            s.recall_hits += int(hit)
            s.top1_hits += int(bool(ids) and ids[0] in expected)
            kind[1] += int(hit)
        s.fp_cases += int(wrong)
    return s


def run_system(system: System, cs: CaseSet, associates: Path | None) -> tuple[Score, list[Ranked]]:
    t0 = time.perf_counter()
    system.prepare(cs.entries, associates, cs.category)
    ranked = system.run(cs.cases)
    return score_cases(cs.cases, ranked, time.perf_counter() - t0), ranked


def _pct(x: float | None) -> str:
    return "   n/a" if x is None else f"{100 * x:5.1f}%"


def print_table(category: str, scores: dict[str, Score]) -> None:
    first = next(iter(scores.values()))
    print(
        f"\n== {category}: {first.cases} cases ({first.positives} expect an entry, "
        f"{first.cases - first.positives} expect none)"
    )
    print(
        f"   {'system':<24}{'recall':>8}{'top-1':>8}{'FP rate':>9}{'precis.':>8}{'F1':>7}"
        f"{'time s':>8}{'ms/case':>8}"
    )
    for label, s in scores.items():
        f1 = "   n/a" if s.f1 is None else f"{s.f1:6.3f}"
        print(
            f"   {label:<24}{_pct(s.recall):>8}{_pct(s.top1):>8}{_pct(s.fp_rate):>9}"
            f"{_pct(s.precision):>8}{f1:>7}{s.seconds:8.1f}"
            f"{1000 * s.seconds / max(1, s.cases):8.1f}"
        )
    kinds = sorted(first.by_kind)
    if len(kinds) > 1:
        print("   by kind (flagged expected / cases, cases with a wrong flag):")
        for k in kinds:
            cells = []
            for label, s in scores.items():
                n, hit, fp = s.by_kind.get(k, [0, 0, 0])
                cells.append(f"{label.split()[0]} {hit}/{n} fp {fp}")
            print(f"     {k}: " + ", ".join(cells))


def print_simple(scores: dict[str, Score]) -> dict[str, float | None]:
    """Recall on the simple-variant kinds issue 8 holds out (target >= 0.97)."""
    out: dict[str, float | None] = {}
    cells = []
    for label, s in scores.items():
        n = sum(v[0] for k, v in s.by_kind.items() if k in SIMPLE_KINDS)
        hit = sum(v[1] for k, v in s.by_kind.items() if k in SIMPLE_KINDS)
        out[label] = hit / n if n else None
        cells.append(f"{label} {hit}/{n} = {_pct(out[label])}")
    print(
        f"   simple variants ({', '.join(sorted(SIMPLE_KINDS))}): recall "
        + ", ".join(cells)
        + f" (target >= {100 * SIMPLE_TARGET:.0f}%)"
    )
    return out


def build_category(name: str, el: list[Entry], sample: int, seed: int) -> CaseSet:
    if name == "alias_loo":
        return alias_leave_one_out(el, sample, seed)
    if name == "name_variants":
        return name_variants(el, sample, seed)
    if name == "address":
        return address_linkage(el, max(2, sample // 2), seed)
    if name == "officer":
        return officer_linkage(el, max(2, sample // 3), seed)
    if name == "negatives":
        return negatives(el, max(1, sample // 5), seed)
    raise ValueError(name)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sample",
        type=int,
        default=300,
        help="cases per category (address: N/2 + negatives, officer: N/3 + N/6)",
    )
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument(
        "--only",
        choices=ALL_CATEGORIES,
        action="append",
        help="run only this category (repeatable)",
    )
    ap.add_argument("--skip-nomenklatura", action="store_true")
    ap.add_argument(
        "--backtest-limit",
        type=int,
        default=None,
        help="screen only N backtest entries (ground-truth successors always kept)",
    )
    ap.add_argument(
        "--unlisted-sample",
        type=int,
        default=None,
        help="unlisted: screen a seeded sample of N rows (default: all 5,995)",
    )
    ap.add_argument(
        "--baseline-unlisted-sample",
        type=int,
        default=500,
        help="unlisted: rows the baselines screen (seeded subset; 0 = all rows)",
    )
    ap.add_argument(
        "--flagged-out",
        type=Path,
        default=Path(tempfile.gettempdir()) / "screen-bench-unlisted-flagged.csv",
        help="unlisted: write the flagged pairs here, for review",
    )
    ap.add_argument(
        "--probes",
        type=int,
        default=150,
        help="regression: '<short listed name> + 4 generic words' probes",
    )
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, help="write all figures to this JSON file")
    args = ap.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(line_buffering=True)

    try:
        require_data(EL_2026, CSL_2022)
    except DataMissing as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    only = args.only or list(ALL_CATEGORIES)
    systems: list[System] = [Ours(), WRatioBaseline(args.workers)]
    if not args.skip_nomenklatura:
        try:
            systems.append(NomenklaturaLogicV2(args.workers))
        except ImportError:
            print(
                "nomenklatura not installed: skipping it (pip install nomenklatura)",
                file=sys.stderr,
            )
    print(
        f"quality bench: sample={args.sample} seed={args.seed}; flagged = ours at default "
        f"threshold, WRatio >= {WRATIO_CUTOFF}, nomenklatura {NK_ALGORITHM} score >= "
        f"{NK_THRESHOLD} (yente's default; the algorithm config itself has no threshold)"
    )
    el = load_entries(EL_2026)
    report: dict[str, Any] = {
        "sample": args.sample,
        "seed": args.seed,
        "nomenklatura_threshold": NK_THRESHOLD,
        "wratio_cutoff": WRATIO_CUTOFF,
        "categories": {},
    }
    verdicts: dict[str, bool] = {}
    with tempfile.TemporaryDirectory(prefix="screen-bench-") as tmp:
        for cat in CATEGORIES:
            if cat not in only:
                continue
            cs = build_category(cat, el, args.sample, args.seed)
            assoc = (
                write_associates(cs.associates, Path(tmp) / "associates.csv")
                if cs.associates
                else None
            )
            scores = {s.label: run_system(s, cs, assoc)[0] for s in systems}
            print_table(cat, scores)
            if cat == "name_variants":
                report["simple_variant_recall"] = print_simple(scores)
            if cat == "officer":
                print(
                    "   (baselines match names only and cannot use officers: their recall "
                    "here is 0 by construction)"
                )
            report["categories"][cat] = {k: v.to_dict() for k, v in scores.items()}
            ours = scores["ours"]
            others = [v for k, v in scores.items() if k != "ours"]
            if others:
                why = []
                for label, o in scores.items():
                    if label == "ours":
                        continue
                    if ours.positives and (ours.recall or 0) <= (o.recall or 0):
                        why.append(f"recall {_pct(ours.recall)} <= {label} {_pct(o.recall)}")
                    if ours.fp_rate > o.fp_rate:
                        why.append(f"FP {_pct(ours.fp_rate)} > {label} {_pct(o.fp_rate)}")
                verdicts[cat] = not why
                print(
                    "   ours beats both: " + ("yes" if not why else "no (" + "; ".join(why) + ")")
                )
    if "unlisted" in only:
        report["unlisted"] = run_unlisted(
            systems,
            args.unlisted_sample,
            args.seed,
            args.flagged_out,
            args.baseline_unlisted_sample or None,
        )
    if "regression" in only:
        print("\n== regression: issue 8's real cases (ours, default settings)")
        report["regression"] = run_real(args.probes, args.seed)
        hand = run_handmade()
        failed = [o.case_id for o in hand if not o.ok]
        print(
            f"   hand-made lists (bench/regression_cases.py): {len(hand) - len(failed)}/"
            f"{len(hand)} PASS; failing: {', '.join(failed) or 'none'}"
        )
        report["regression_handmade"] = {o.case_id: o.ok for o in hand}
    if "backtest" in only:
        csl = load_entries(CSL_2022)
        report["backtest"] = backtest(systems, el, csl, args.backtest_limit)
    if verdicts:
        losing = [c for c, ok in verdicts.items() if not ok]
        names = " / ".join(s.label for s in systems[1:])
        if not losing:
            print(
                f"\nVERDICT: ours beats {names} on recall at a lower-or-equal FP rate in "
                f"every category run ({', '.join(verdicts)})."
            )
        else:
            print(
                f"\nVERDICT: ours does NOT beat {names} on recall at a lower-or-equal FP rate "
                f"in: {', '.join(losing)} (of {', '.join(verdicts)})."
            )
        report["verdict"] = verdicts
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
