"""The quality gate of a calibration: a proposal of ``bench/calibrate.py`` is committed only
when the quality bench under it is no worse than under the current values on each of
issue 8's figures and on the backtest's evasion ground truth. Compares two
``bench.quality --json`` files (run with the current calibration file, and with the
proposed values written to it) and prints each figure with PASS/FAIL; the exit status is
1 when any fails.

    python -m bench.quality --skip-nomenklatura --json /tmp/q-now.json
    python -m bench.calibrate --write ...   # the proposal, into the policy's file
    python -m bench.quality --skip-nomenklatura --json /tmp/q-fit.json
    python -m bench.calibration_gate /tmp/q-now.json /tmp/q-fit.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

#: The unlisted flag rate a calibration may never exceed, whatever it was before.
UNLISTED_CEILING = 0.01

Figure = Callable[[Mapping[str, Any]], float]


def _ours(category: str, field: str) -> Figure:
    return lambda q: float(q["categories"][category]["ours"][field])


def _unlisted(name: str) -> Figure:
    return lambda q: float(q["unlisted"][name]["ours"]["flag_rate"])


def _outcome(case_id: str) -> Figure:
    return lambda q: float(next(o["ok"] for o in q["regression"]["outcomes"] if o["id"] == case_id))


def _probes(q: Mapping[str, Any]) -> float:
    observed = next(
        o["observed"] for o in q["regression"]["outcomes"] if o["id"] == "short-name-plus-4-generic"
    )
    return float(observed.split("/")[0])


def _ground_truth(q: Mapping[str, Any]) -> float:
    return float(sum(bool(g["ours"]["flagged"]) for g in q["backtest"]["ground_truth"]))


#: (figure, how to read it from a quality JSON, True when higher is better).
FIGURES: tuple[tuple[str, Figure, bool], ...] = (
    ("name_variants recall", _ours("name_variants", "recall"), True),
    ("simple variants recall", lambda q: float(q["simple_variant_recall"]["ours"]), True),
    ("alias_loo recall", _ours("alias_loo", "recall"), True),
    ("unlisted CSL 2022 flag rate", _unlisted("unlisted_csl2022"), False),
    ("unlisted EL 2026 flag rate", _unlisted("unlisted_el2026"), False),
    ("negatives FP rate", _ours("negatives", "fp_rate"), False),
    ("address recall", _ours("address", "recall"), True),
    ("Nettrix -> Sugon rank 1", _outcome("nettrix-sugon-rank1"), True),
    ("regression cases passed", lambda q: float(q["regression"]["passed"]), True),
    ("short name + 4 generic probes found", _probes, True),
    ("backtest ground-truth pairs linked", _ground_truth, True),
)


def gate(now: Mapping[str, Any], fit: Mapping[str, Any]) -> list[tuple[str, float, float, bool]]:
    """(figure, now, fitted, ok) for every figure: ok when the fitted one is no worse
    (and, for unlisted flag rates, at most ``UNLISTED_CEILING``)."""
    rows = []
    for name, read, higher in FIGURES:
        a, b = read(now), read(fit)
        ok = b >= a if higher else b <= a
        if name.startswith("unlisted"):
            ok = ok and b <= UNLISTED_CEILING
        rows.append((name, a, b, ok))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("now", type=Path, help="quality JSON under the current values")
    ap.add_argument("fit", type=Path, help="quality JSON under the proposed values")
    args = ap.parse_args(argv)
    for path in (args.now, args.fit):
        if not path.is_file():
            ap.error(f"{path} not found: write it with python -m bench.quality --json {path}")
    now, fit = (json.loads(p.read_text(encoding="utf-8")) for p in (args.now, args.fit))
    rows = gate(now, fit)
    for name, a, b, ok in rows:
        print(f"   {'PASS' if ok else 'FAIL'}  {name:38s} {a:10.4f} -> {b:10.4f}")
    passed = all(ok for *_, ok in rows)
    print("gate: " + ("PASS" if passed else "FAIL"))
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
