"""Fit the name score's knobs on labelled pairs: the numbers in ``NamePolicy`` come from here.

Pairs come from ``bench/pairs.py`` (real list variants and aliases as positives; other
listed parties sharing words and the 5,995 real unlisted companies against their nearest
listed names as negatives), split by listed entry into train and held-out. Each pair is
scored with ``name_match`` and the rarity of the full May 2022 CSL index; a pair is
*flagged* when its name score alone reaches a tier under the policy (``combine``).

Two fits, both on the train split and judged on the held-out one:

* the name rules' knobs, by coordinate search: each knob in turn is tried over a grid
  around its value, keeping the value with the best train F1 (ties keep the current
  value), for a few rounds; printed as they would go into ``screen/match/policy.py``;
* the thresholds, by logistic regression of the label on the name score (Newton's
  method, two parameters): the score where a pair is as likely listed as not is the
  fitted name floor (``CombinePolicy.name_floor``), and the fitted probability that a
  pair is the listed party is printed at each tier's floor.

Seeded and deterministic.

    python -m bench.calibrate [--seed 2026] [--rounds 2] [--cache /tmp/pairs.csv]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from bench.pairs import Pair, load_pairs
from bench.quality_cases import CSL_2022, load_entries, require_data
from screen.match.index import ListIndex
from screen.match.name_features import Rarity, name_match
from screen.match.names import normalize_name
from screen.match.policy import DEFAULT_POLICY, Policy
from screen.match.score import Evidence, combine

#: The NamePolicy knobs fitted, each with the grid of factors tried around its value.
KNOBS = (
    "generic_factor",
    "two_sided_penalty",
    "contained_factor",
    "contained_coverage",
    "number_factor",
    "acronym_score",
)
GRID = (0.8, 0.9, 1.0, 1.1, 1.2)


def metrics(pairs: Sequence[Pair], rarity: Rarity, policy: Policy) -> tuple[float, float, float]:
    """Precision, recall and F1 of 'the name alone reaches a tier' on ``pairs``."""
    tp = fp = fn = 0
    for p in pairs:
        score, _ = name_match(
            normalize_name(p.query_text), normalize_name(p.listed_text), rarity, policy
        )
        flagged = combine(Evidence(score), policy).tier is not None
        tp += flagged and p.label == 1
        fp += flagged and p.label == 0
        fn += (not flagged) and p.label == 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _with(policy: Policy, knob: str, value: float) -> Policy:
    return dataclasses.replace(policy, name=dataclasses.replace(policy.name, **{knob: value}))


def fit(train: Sequence[Pair], rarity: Rarity, rounds: int) -> Policy:
    """Coordinate search of KNOBS on train F1 (a tie keeps the current value)."""
    policy = DEFAULT_POLICY
    best = metrics(train, rarity, policy)[2]
    for _ in range(rounds):
        for knob in KNOBS:
            here = getattr(policy.name, knob)
            for factor in GRID:
                value = round(min(1.0, here * factor), 3)
                trial = _with(policy, knob, value)
                f1 = metrics(train, rarity, trial)[2]
                if f1 > best + 1e-9:
                    best, policy = f1, trial
    return policy


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


def print_thresholds(train: Sequence[Pair], heldout: Sequence[Pair], rarity: Rarity) -> None:
    """The logistic fit of the label on the name score, against the policy's floors."""
    slope, intercept = logistic_fit(
        name_scores(train, rarity, DEFAULT_POLICY), [p.label for p in train]
    )
    floor = -intercept / slope
    print(f"logistic fit on train: P(listed) = 1 / (1 + exp(-({slope:.2f} x {intercept:+.2f})))")
    now = DEFAULT_POLICY.combine.name_floor
    print(f"   fitted name floor (P = 0.5): {floor:.3f}   (policy name_floor {now})")
    for tier, at in DEFAULT_POLICY.tiers:
        prob = 1 / (1 + np.exp(-(slope * at + intercept)))
        print(f"   P(listed) at the {tier} floor {at:.2f}: {prob:.3f}")
    for label, pairs in (("train", train), ("held out", heldout)):
        scores = name_scores(pairs, rarity, DEFAULT_POLICY)
        for name, cut in (("policy", now), ("fitted", floor)):
            tp = sum(s >= cut and p.label == 1 for s, p in zip(scores, pairs, strict=True))
            fp = sum(s >= cut and p.label == 0 for s, p in zip(scores, pairs, strict=True))
            pos = sum(p.label for p in pairs)
            prec, rec = tp / max(1, tp + fp), tp / max(1, pos)
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            print(f"   {label:8s} name >= {name} floor: {_line('', (prec, rec, f1)).strip()}")


def _line(label: str, m: tuple[float, float, float]) -> str:
    return f"   {label:24s} precision {m[0]:.3f}  recall {m[1]:.3f}  F1 {m[2]:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=None, help="pairs CSV to reuse")
    args = parser.parse_args(argv)
    require_data(CSL_2022)
    train, heldout = load_pairs(args.seed, cache=args.cache)
    rarity = ListIndex.build(load_entries(CSL_2022)).name_index.rarity
    print(f"pairs: {len(train)} train, {len(heldout)} held out (seed {args.seed})")
    fitted = fit(train, rarity, args.rounds)
    for name, policy in (("policy now", DEFAULT_POLICY), ("fitted", fitted)):
        print(f"== {name}")
        print(_line("train", metrics(train, rarity, policy)))
        print(_line("held out", metrics(heldout, rarity, policy)))
    print_thresholds(train, heldout, rarity)
    print("fitted NamePolicy values:")
    for knob in KNOBS:
        now, new = getattr(DEFAULT_POLICY.name, knob), getattr(fitted.name, knob)
        print(f"   {knob} = {new}" + ("" if new == now else f"   (now {now})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
