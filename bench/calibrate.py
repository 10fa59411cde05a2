"""Fit the name score's knobs on labelled pairs: the numbers in ``NamePolicy`` come from here.

Pairs come from ``bench/pairs.py`` (real list variants and aliases as positives; other
listed parties sharing words and the 5,995 real unlisted companies against their nearest
listed names as negatives), split by listed entry into train and held-out. Each pair is
scored with ``name_match`` and the rarity of the full May 2022 CSL index; a pair is
*flagged* when its name score alone reaches a tier under the policy (``combine``).

The fit is a coordinate search: each knob in turn is tried over a grid around its value,
keeping the value with the best train F1 (ties keep the current value), for a few rounds.
It prints train and held-out precision, recall and F1 before and after, and the fitted
values as they would go into ``screen/match/policy.py``. Seeded and deterministic.

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
    print("fitted NamePolicy values:")
    for knob in KNOBS:
        now, new = getattr(DEFAULT_POLICY.name, knob), getattr(fitted.name, knob)
        print(f"   {knob} = {new}" + ("" if new == now else f"   (now {now})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
