"""Fit the name score's knobs on labelled pairs: the numbers in ``NamePolicy`` come from here.

Pairs come from ``bench/pairs.py`` (real list variants, aliases and listed names with
generic words around them as positives; other listed parties sharing words, generic-only
names and the 5,995 real unlisted companies against their nearest listed names as
negatives), split by listed entry into train and held-out. Each pair is scored with
``name_match`` and the rarity of the full May 2022 CSL index; a pair is *flagged* when
its name score alone reaches a tier under the policy (``combine``).

Two fits, both on the train split and judged on the held-out one:

* the name rules' knobs (``CALIBRATED_KNOBS``), by coordinate search: each knob in turn is
  tried over a grid around its value, keeping a value that raises train F1 without
  lowering train precision or recall (ties keep the current value), for a few rounds.
  The fitted values are *proposed* only when, on
  the held-out split, both precision and recall are no worse than the current policy's
  (Pareto: ``adoption``); when the whole fit is refused, the subset of its moved knobs
  with the best train F1 among those that pass that test is taken instead, the others
  kept (``calibration.backed_off``; the held-out split only gates). Per-kind flagged
  counts before and after show a kind that gets worse. ``--write`` writes the
  proposal, or the current values with the reasons there is none, to
  ``screen/match/data/calibration.json``, which the policy reads;
* the thresholds, by logistic regression of the label on the name score (Newton's
  method, two parameters): the score where a pair is as likely listed as not is the
  fitted name floor (``CombinePolicy.name_floor``), and the fitted probability that a
  pair is the listed party is printed at each tier's floor (not written).

A proposal must also pass the quality bench (``python -m bench.quality``, compared by
``python -m bench.calibration_gate``) before it is committed: ``--hold KNOB=REASON``
keeps a knob whose fitted value lowers a bench figure and fits the others again;
``--reject REASON`` writes the current values with that reason instead.
Seeded and deterministic.

    python -m bench.calibrate [--seed 2026] [--rounds 2] [--cache /tmp/pairs.csv]
        [--write] [--hold KNOB=REASON]... [--reject REASON]...
"""

from __future__ import annotations

import argparse
import dataclasses
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.calibration import (
    FitOutcome,
    Metrics,
    adoption,
    backed_off,
    calibration_record,
    kind_tables,
    knob_values,
    print_kinds,
    print_thresholds,
    worse_on,
    write_calibration,
)
from bench.pairs import Pair, load_pairs
from bench.quality_cases import CSL_2022, load_entries, require_data
from screen.match.index import ListIndex
from screen.match.name_features import Rarity, name_match
from screen.match.names import normalize_name
from screen.match.policy import CALIBRATED_KNOBS, CALIBRATION_FILE, DEFAULT_POLICY, Policy
from screen.match.score import Evidence, combine

#: The NamePolicy knobs fitted, each with the grid of factors tried around its value.
KNOBS = CALIBRATED_KNOBS
GRID = (0.8, 0.9, 1.0, 1.1, 1.2)


def flags(pairs: Sequence[Pair], rarity: Rarity, policy: Policy) -> list[bool]:
    """Whether each pair's name score alone reaches a tier under ``policy``."""
    return [
        combine(
            Evidence(
                name_match(
                    normalize_name(p.query_text), normalize_name(p.listed_text), rarity, policy
                )[0]
            ),
            policy,
        ).tier
        is not None
        for p in pairs
    ]


def metrics(pairs: Sequence[Pair], rarity: Rarity, policy: Policy) -> Metrics:
    """Precision, recall and F1 of 'the name alone reaches a tier' on ``pairs``."""
    return Metrics.of(pairs, flags(pairs, rarity, policy))


def _with(policy: Policy, knob: str, value: float) -> Policy:
    return dataclasses.replace(policy, name=dataclasses.replace(policy.name, **{knob: value}))


def better(trial: Metrics, best: Metrics) -> bool:
    """A step of the search: a higher F1 with neither precision nor recall lower (the
    adoption rule's Pareto condition, on train): a gain in recall paid for in precision
    would not be adopted, so the search does not take it either."""
    return (
        trial.f1 > best.f1 + 1e-9
        and trial.precision >= best.precision - 1e-12
        and trial.recall >= best.recall - 1e-12
    )


def fit(train: Sequence[Pair], rarity: Rarity, rounds: int, knobs: Sequence[str] = KNOBS) -> Policy:
    """Coordinate search of ``knobs`` on train (``better``; a tie keeps the current value)."""
    policy = DEFAULT_POLICY
    best = metrics(train, rarity, policy)
    for _ in range(rounds):
        for knob in knobs:
            here = getattr(policy.name, knob)
            for factor in GRID:
                value = round(min(1.0, here * factor), 3)
                trial = _with(policy, knob, value)
                got = metrics(train, rarity, trial)
                if better(got, best):
                    best, policy = got, trial
    return policy


def _only(knobs: frozenset[str], values: dict[str, float]) -> Policy:
    """The current policy with ``knobs`` at ``values``."""
    policy = DEFAULT_POLICY
    for knob in sorted(knobs):
        policy = _with(policy, knob, values[knob])
    return policy


def back_off(
    fitted: Policy, train: Sequence[Pair], heldout: Sequence[Pair], rarity: Rarity
) -> tuple[Policy, list[str]]:
    """The fit, or the part of it ``backed_off`` takes when the whole is refused on the
    held-out split, with why."""
    now, new = knob_values(DEFAULT_POLICY), knob_values(fitted)
    held_now = metrics(heldout, rarity, DEFAULT_POLICY)
    refused = worse_on(held_now, metrics(heldout, rarity, fitted))
    if new == now or not refused:
        return fitted, []
    moved = [k for k in KNOBS if new[k] != now[k]]

    def judge(knobs: frozenset[str]) -> tuple[Metrics, Metrics]:
        policy = _only(knobs, new)
        return metrics(train, rarity, policy), metrics(heldout, rarity, policy)

    taken = backed_off(moved, judge, metrics(train, rarity, DEFAULT_POLICY), held_now)
    kept = ", ".join(f"{k} (fitted {new[k]})" for k in moved if k not in taken)
    why = f"the whole fit is refused ({'; '.join(refused)})"
    if taken:
        took = ", ".join(f"{k} = {new[k]}" for k in sorted(taken))
        why += f": only {took} taken; {kept} kept at the current values (backed_off)"
    else:
        why += ": no part of it improves train F1 without a held-out loss (backed_off)"
    return _only(taken, new), [why]


def _held(text: str) -> tuple[str, str]:
    """A ``--hold`` value: (knob, reason)."""
    knob, _, reason = text.partition("=")
    if knob not in KNOBS or not reason.strip():
        raise argparse.ArgumentTypeError(f"want KNOB=REASON with KNOB one of {', '.join(KNOBS)}")
    return knob, reason.strip()


def _args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=None, help="pairs CSV to reuse")
    parser.add_argument(
        "--write",
        nargs="?",
        type=Path,
        const=CALIBRATION_FILE,
        default=None,
        help=f"write the outcome to this file (default {CALIBRATION_FILE.name} of the policy)",
    )
    parser.add_argument(
        "--hold",
        action="append",
        default=[],
        type=_held,
        metavar="KNOB=REASON",
        help="keep KNOB at its current value, for REASON (a quality bench figure its fitted"
        " value lowers); the other knobs are fitted",
    )
    parser.add_argument(
        "--reject",
        action="append",
        default=[],
        metavar="REASON",
        help="keep the current values for this reason (e.g. a quality bench figure)",
    )
    return parser.parse_args(argv)


def judge(
    train: Sequence[Pair], heldout: Sequence[Pair], rarity: Rarity, fitted: Policy
) -> tuple[dict[tuple[str, str], list[bool]], dict[tuple[str, str], Metrics]]:
    """Flags and metrics by (split, "now"/"fitted"), printed with the per-kind table."""
    got = {
        (split, name): flags(pairs, rarity, policy)
        for split, pairs in (("train", train), ("heldout", heldout))
        for name, policy in (("now", DEFAULT_POLICY), ("fitted", fitted))
    }
    m = {k: Metrics.of(train if k[0] == "train" else heldout, v) for k, v in got.items()}
    for name in ("now", "fitted"):
        print(f"== {'policy now' if name == 'now' else 'fitted'}")
        print(m[("train", name)].line("train"))
        print(m[("heldout", name)].line("held out"))
    return got, m


def main(argv: Sequence[str] | None = None) -> int:
    args = _args(argv)
    require_data(CSL_2022)
    train, heldout = load_pairs(args.seed, cache=args.cache)
    rarity = ListIndex.build(load_entries(CSL_2022)).name_index.rarity
    print(f"pairs: {len(train)} train, {len(heldout)} held out (seed {args.seed})")
    held = dict(args.hold)
    free = [k for k in KNOBS if k not in held]
    fitted, backoff = back_off(fit(train, rarity, args.rounds, free), train, heldout, rarity)
    got, m = judge(train, heldout, rarity, fitted)
    tables = kind_tables(train, heldout, got)
    print_kinds(tables)
    print_thresholds(train, heldout, rarity, DEFAULT_POLICY)
    now, new = knob_values(DEFAULT_POLICY), knob_values(fitted)
    proposed, reasons = adoption(now, new, m[("heldout", "now")], m[("heldout", "fitted")])
    proposed = proposed and not args.reject
    holds = [f"{k} held at {now[k]}: {why}" for k, why in held.items()]
    reasons = [*holds, *backoff, *reasons, *args.reject]
    print("fitted NamePolicy values:")
    for knob in KNOBS:
        was = "" if new[knob] == now[knob] else f"   (now {now[knob]})"
        print(f"   {knob} = {new[knob]}{was}")
    print("PROPOSED" if proposed else "NOT PROPOSED", *(f"\n   - {r}" for r in reasons), sep="")
    if args.write is not None:
        out = FitOutcome(proposed, now, new, reasons, m, tables)
        command = shlex.join(["python", "-m", "bench.calibrate", *(argv or sys.argv[1:])])
        record = calibration_record(out, train, heldout, args.seed, args.rounds, command)
        write_calibration(record, args.write)
        print(f"written to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
