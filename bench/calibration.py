"""The parts of ``bench/calibrate.py`` that judge and record a fit: precision and recall,
the Pareto adoption rule, the per-kind table, the logistic fit of the name floor, and
the calibration file the policy reads (``screen/match/data/calibration.json``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench.pairs import Pair
from screen.match.name_features import Rarity, name_match
from screen.match.names import normalize_name
from screen.match.policy import CALIBRATED_KNOBS, Policy

_EPS = 1e-12
Flags = Mapping[tuple[str, str], Sequence[bool]]  # (split, "now"/"fitted") -> flags


@dataclass(frozen=True)
class Metrics:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, pairs: Sequence[Pair], flagged: Sequence[bool]) -> Metrics:
        """Precision, recall and F1 of ``flagged`` against the pairs' labels."""
        tp = sum(f and p.label == 1 for p, f in zip(pairs, flagged, strict=True))
        fp = sum(f and p.label == 0 for p, f in zip(pairs, flagged, strict=True))
        pos = sum(p.label == 1 for p in pairs)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / pos if pos else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1)

    def line(self, label: str) -> str:
        return (
            f"   {label:24s} precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"F1 {self.f1:.3f}"
        )


def knob_values(policy: Policy) -> dict[str, float]:
    """The calibrated knobs' values in ``policy``."""
    return {k: float(getattr(policy.name, k)) for k in CALIBRATED_KNOBS}


def worse_on(before: Metrics, after: Metrics) -> list[str]:
    """The held-out figures ``after`` lowers below ``before`` (the Pareto test), as reasons."""
    return [
        f"held-out {name} falls: {b:.4f} -> {a:.4f}"
        for name, b, a in (
            ("precision", before.precision, after.precision),
            ("recall", before.recall, after.recall),
        )
        if a < b - _EPS
    ]


def adoption(
    now: Mapping[str, float], new: Mapping[str, float], before: Metrics, after: Metrics
) -> tuple[bool, list[str]]:
    """Whether the fitted values ``new`` are proposed over ``now``, with the reasons: only
    when some value moves and, on the held-out split, neither precision nor recall is
    worse than the current policy's (``before``); a better F1 alone is not enough."""
    if dict(new) == dict(now):
        return False, ["the fit keeps every current value"]
    worse = worse_on(before, after)
    if worse:
        return False, worse
    return True, [
        f"held-out precision {before.precision:.4f} -> {after.precision:.4f}, recall "
        f"{before.recall:.4f} -> {after.recall:.4f}: neither worse"
    ]


#: Metrics on (train, held out) of the policy with only some knobs at their fitted values.
Judge = Callable[[frozenset[str]], tuple[Metrics, Metrics]]


def backed_off(
    moved: Sequence[str], judge: Judge, train_now: Metrics, held_now: Metrics
) -> frozenset[str]:
    """When the whole fit is refused: the knobs of ``moved`` to take at their fitted values
    (the rest kept), or none. Among the subsets whose held-out precision and recall are
    no worse than now (``held_now``), the one with the best train F1, above the current
    train F1 (``train_now``); fewest knobs on a tie. The held-out split only gates, as
    for the whole fit: the choice is made on train."""
    best, best_f1 = frozenset[str](), train_now.f1 + _EPS
    for size in range(1, len(moved)):
        for subset in map(frozenset, itertools.combinations(moved, size)):
            train, held = judge(subset)
            if train.f1 > best_f1 and not worse_on(held_now, held):
                best, best_f1 = subset, train.f1
    return best


def kind_table(
    pairs: Sequence[Pair], before: Sequence[bool], after: Sequence[bool]
) -> dict[str, dict[str, int]]:
    """Per kind: its label, pairs, and pairs flagged before and after."""
    out: dict[str, dict[str, int]] = {}
    for p, b, a in zip(pairs, before, after, strict=True):
        row = out.setdefault(p.kind, {"label": p.label, "pairs": 0, "before": 0, "after": 0})
        row["pairs"] += 1
        row["before"] += b
        row["after"] += a
    return dict(sorted(out.items(), key=lambda kv: (-kv[1]["label"], kv[0])))


def _cell(row: Mapping[str, int] | None) -> str:
    if row is None:
        return f"{'-':>22}"
    worse = row["after"] < row["before"] if row["label"] else row["after"] > row["before"]
    cell = f"{row['before']:4d} -> {row['after']:4d} / {row['pairs']:<4d}"
    return f"{cell} {'WORSE' if worse else '     '}"


def kind_tables(
    train: Sequence[Pair], heldout: Sequence[Pair], got: Flags
) -> dict[str, dict[str, dict[str, int]]]:
    """``kind_table`` of each split ("train", "heldout")."""
    return {
        split: kind_table(pairs, got[(split, "now")], got[(split, "fitted")])
        for split, pairs in (("train", train), ("heldout", heldout))
    }


def print_kinds(tables: Mapping[str, Mapping[str, Mapping[str, int]]]) -> None:
    """Flagged pairs per kind, now -> fitted: recall counts for positive kinds, false
    positives for negative ones; WORSE marks a kind that loses."""
    print("per kind: flagged now -> fitted / pairs (positives: found; negatives: false positives)")
    print(f"   {'kind':26s} {'':3s} {'train':>28s} {'held out':>28s}")
    for kind in dict.fromkeys((*tables["train"], *tables["heldout"])):
        rows = [tables[s].get(kind) for s in ("train", "heldout")]
        label = "pos" if next(r for r in rows if r)["label"] else "neg"
        print(f"   {kind:26s} {label} {_cell(rows[0]):>28s} {_cell(rows[1]):>28s}")


def name_scores(pairs: Sequence[Pair], rarity: Rarity, policy: Policy) -> list[float]:
    """The name score of each pair under ``policy``."""
    return [
        name_match(normalize_name(p.query_text), normalize_name(p.listed_text), rarity, policy)[0]
        for p in pairs
    ]


def logistic_fit(x: Sequence[float], y: Sequence[int], steps: int = 50) -> tuple[float, float]:
    """(slope, intercept) of P(y = 1 | x) = 1 / (1 + exp(-(slope x + intercept))), by
    Newton's method on the log-likelihood (a tiny ridge keeps it finite when separable)."""
    xs, ys = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    design = np.column_stack([xs, np.ones_like(xs)])
    theta = np.zeros(2)
    ridge = 1e-6 * np.eye(2)
    for _ in range(steps):
        prob = 1 / (1 + np.exp(-design @ theta))
        grad = design.T @ (ys - prob) - ridge @ theta
        hess = (design * (prob * (1 - prob))[:, None]).T @ design + ridge
        step = np.linalg.solve(hess, grad)
        theta += step
        if np.abs(step).max() < 1e-10:
            break
    return float(theta[0]), float(theta[1])


def print_thresholds(
    train: Sequence[Pair], heldout: Sequence[Pair], rarity: Rarity, policy: Policy
) -> None:
    """The logistic fit of the label on the name score, against the policy's floors."""
    slope, intercept = logistic_fit(name_scores(train, rarity, policy), [p.label for p in train])
    floor = -intercept / slope
    print(f"logistic fit on train: P(listed) = 1 / (1 + exp(-({slope:.2f} x {intercept:+.2f})))")
    now = policy.combine.name_floor
    print(f"   fitted name floor (P = 0.5): {floor:.3f}   (policy name_floor {now})")
    for tier, at in policy.tiers:
        prob = 1 / (1 + np.exp(-(slope * at + intercept)))
        print(f"   P(listed) at the {tier} floor {at:.2f}: {prob:.3f}")
    for label, pairs in (("train", train), ("held out", heldout)):
        scores = name_scores(pairs, rarity, policy)
        for name, cut in (("policy", now), ("fitted", floor)):
            m = Metrics.of(pairs, [s >= cut for s in scores])
            print(f"   {label:8s} name >= {name} floor: {m.line('').strip()}")


@dataclass(frozen=True)
class FitOutcome:
    """What ``bench/calibrate.py`` found: the values before and fitted, whether the fitted
    ones are adopted and why, and the metrics by (split, "now"/"fitted")."""

    fitted: bool
    now: Mapping[str, float]
    new: Mapping[str, float]
    reasons: Sequence[str]
    metrics: Mapping[tuple[str, str], Metrics]
    #: Per split, per kind: label, pairs, flagged before and after (``kind_table``).
    by_kind: Mapping[str, Mapping[str, Mapping[str, int]]] = dataclasses.field(default_factory=dict)


def calibration_record(
    out: FitOutcome,
    train: Sequence[Pair],
    heldout: Sequence[Pair],
    seed: int,
    rounds: int,
    command: str | None = None,
) -> dict[str, Any]:
    """The calibration file's content: the values the policy is to use (the fitted ones
    when adopted, else the current ones), the decision and its provenance (``command``:
    how it was made, by default the plain run with ``--write``)."""
    counts = Counter((p.kind, p.split) for p in (*train, *heldout))
    kinds = sorted({k for k, _ in counts})

    def split(name: str) -> dict[str, dict[str, float]]:
        return {
            when: {k: round(v, 6) for k, v in dataclasses.asdict(out.metrics[(name, w)]).items()}
            for when, w in (("before", "now"), ("after", "fitted"))
        }

    return {
        "fitted": out.fitted,
        "values": dict(out.new if out.fitted else out.now),
        "reasons": list(out.reasons),
        "fit": dict(out.new),
        "previous": dict(out.now),
        "provenance": {
            "date": dt.date.today().isoformat(),
            "command": command
            or f"python -m bench.calibrate --seed {seed} --rounds {rounds} --write",
            "seed": seed,
            "rounds": rounds,
            "pairs": {k: {s: counts[(k, s)] for s in ("train", "heldout")} for k in kinds},
            "heldout": split("heldout"),
            "train": split("train"),
            "heldout_by_kind": {k: dict(v) for k, v in out.by_kind.get("heldout", {}).items()},
        },
    }


def write_calibration(record: Mapping[str, Any], path: Path) -> None:
    """Write ``record`` as the JSON calibration file at ``path``."""
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
