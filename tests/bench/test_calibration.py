"""bench/calibration.py: the Pareto adoption rule, the per-kind table, and the calibration
file written by the fit and read by the policy."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import calibration as cal  # noqa: E402
from bench.pairs import Pair  # noqa: E402
from screen.match import policy as policy_module  # noqa: E402
from screen.match.policy import (  # noqa: E402
    CALIBRATED_KNOBS,
    CALIBRATION_FILE,
    DEFAULT_POLICY,
    NamePolicy,
    load_calibration,
)

NOW = cal.knob_values(DEFAULT_POLICY)
MOVED = {**NOW, "generic_factor": round(NOW["generic_factor"] * 1.2, 3)}


def _m(precision: float, recall: float) -> cal.Metrics:
    return cal.Metrics(precision, recall, 2 * precision * recall / (precision + recall))


def test_adopted_only_when_neither_precision_nor_recall_is_worse() -> None:
    before = _m(0.99, 0.90)
    assert cal.adoption(NOW, MOVED, before, _m(0.99, 0.91))[0]
    assert cal.adoption(NOW, MOVED, before, _m(0.995, 0.90))[0]
    assert cal.adoption(NOW, MOVED, before, before)[0]  # equal is no worse
    ok, why = cal.adoption(NOW, MOVED, before, _m(0.98, 0.95))  # better F1, worse precision
    assert not ok and why == ["held-out precision falls: 0.9900 -> 0.9800"]
    ok, why = cal.adoption(NOW, MOVED, before, _m(1.0, 0.89))
    assert not ok and why == ["held-out recall falls: 0.9000 -> 0.8900"]
    ok, why = cal.adoption(NOW, MOVED, before, _m(0.9, 0.8))
    assert not ok and len(why) == 2
    ok, why = cal.adoption(NOW, dict(NOW), before, _m(1.0, 1.0))  # nothing moved
    assert not ok and why == ["the fit keeps every current value"]


def _pair(label: int, kind: str, split: str = "heldout") -> Pair:
    return Pair("q", "l", label, kind, "id", split)


def test_metrics_and_kind_table() -> None:
    ps = [_pair(1, "a"), _pair(1, "a"), _pair(0, "n"), _pair(0, "n")]
    m = cal.Metrics.of(ps, [True, False, True, False])
    assert (m.precision, m.recall) == (0.5, 0.5)
    table = cal.kind_table(ps, [True, False, True, False], [True, True, False, False])
    assert table == {
        "a": {"label": 1, "pairs": 2, "before": 1, "after": 2},
        "n": {"label": 0, "pairs": 2, "before": 1, "after": 0},
    }
    assert list(table) == ["a", "n"]  # positives first
    worse = cal.kind_table(ps, [True, True, False, False], [True, False, True, False])
    assert "WORSE" in cal._cell(worse["a"]) and "WORSE" in cal._cell(worse["n"])
    assert "WORSE" not in cal._cell(table["a"]) and "WORSE" not in cal._cell(table["n"])


def _outcome(fitted: bool) -> tuple[cal.FitOutcome, list[Pair], list[Pair]]:
    train = [_pair(1, "contained", "train"), _pair(0, "generic_only", "train")]
    held = [_pair(1, "contained"), _pair(0, "unlisted"), _pair(0, "unlisted")]
    metrics = {(s, w): _m(0.9, 0.8) for s in ("train", "heldout") for w in ("now", "fitted")}
    out = cal.FitOutcome(fitted, NOW, MOVED, ["why"], metrics)
    return out, train, held


@pytest.mark.parametrize("fitted", [True, False])
def test_calibration_file_round_trip(fitted: bool, tmp_path: Path) -> None:
    out, train, held = _outcome(fitted)
    record = cal.calibration_record(out, train, held, seed=7, rounds=2)
    path = tmp_path / "calibration.json"
    cal.write_calibration(record, path)
    assert load_calibration(path) == (MOVED if fitted else NOW)
    back = json.loads(path.read_text(encoding="utf-8"))
    assert back["fitted"] is fitted and back["fit"] == MOVED and back["previous"] == NOW
    prov = back["provenance"]
    assert prov["seed"] == 7 and prov["rounds"] == 2 and prov["date"]
    assert prov["pairs"]["unlisted"] == {"train": 0, "heldout": 2}
    assert prov["pairs"]["contained"] == {"train": 1, "heldout": 1}
    assert set(prov["heldout"]) == {"before", "after"}
    assert set(prov["heldout"]["before"]) == {"precision", "recall", "f1"}


def test_the_policy_defaults_are_the_files_values() -> None:
    values = load_calibration(CALIBRATION_FILE)
    assert cal.knob_values(DEFAULT_POLICY) == values
    assert set(values) == set(CALIBRATED_KNOBS)
    record = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    assert isinstance(record["fitted"], bool) and record["reasons"]
    assert record["fitted"] or record["values"] == record.get("previous", record["values"])


def _policy_copy(tmp_path: Path, values: dict[str, float]) -> ModuleType:
    """``screen/match/policy.py`` loaded afresh from a copy next to a calibration file
    holding ``values``."""
    shutil.copy(policy_module.__file__, tmp_path / "policy_copy.py")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "calibration.json").write_text(
        json.dumps({"fitted": True, "values": values, "reasons": ["test"]}), encoding="utf-8"
    )
    spec = importlib.util.spec_from_file_location("policy_copy", tmp_path / "policy_copy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["policy_copy"] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["policy_copy"]
    return module


def test_the_policy_reads_its_defaults_from_the_file(tmp_path: Path) -> None:
    other = {k: round(v * 0.77, 4) for k, v in NOW.items()}
    copy = _policy_copy(tmp_path, other)
    name = copy.DEFAULT_POLICY.name
    assert {k: getattr(name, k) for k in CALIBRATED_KNOBS} == other
    # the other knobs stay the literals of policy.py
    assert name.reason_floor == NamePolicy().reason_floor
    assert dataclasses.astuple(copy.DEFAULT_POLICY.combine) == dataclasses.astuple(
        DEFAULT_POLICY.combine
    )


@pytest.mark.parametrize(
    "values",
    [
        {k: v for k, v in NOW.items() if k != "acronym_score"},  # missing
        {**NOW, "surprise": 0.5},  # unknown
        {**NOW, "number_factor": "0.5"},  # not a number
    ],
)
def test_a_bad_calibration_file_fails_the_import(values: dict[str, object], tmp_path: Path) -> None:
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps({"values": values}), encoding="utf-8")
    with pytest.raises(ValueError):
        load_calibration(path)


def test_a_search_step_must_not_lower_precision_or_recall() -> None:
    from bench.calibrate import better

    best = _m(0.99, 0.90)
    assert better(_m(0.99, 0.91), best)
    assert not better(_m(0.98, 0.95), best)  # higher F1 bought with precision
    assert not better(_m(1.0, 0.89), best)  # higher F1 bought with recall
    assert not better(best, best)  # a tie keeps the current value


def test_a_refused_fit_backs_off_to_its_best_part_that_loses_nothing_held_out() -> None:
    now_train, now_held = _m(0.98, 0.90), _m(0.99, 0.90)
    # per subset of the moved knobs: (train, held-out) metrics
    table = {
        frozenset({"a"}): (_m(0.98, 0.91), _m(0.99, 0.90)),  # better on train, none lost
        frozenset({"b"}): (_m(0.98, 0.93), _m(0.98, 0.95)),  # best train F1, precision lost
        frozenset({"c"}): (_m(0.98, 0.91), _m(0.99, 0.91)),  # ties "a" on train F1
        frozenset({"a", "b"}): (_m(0.98, 0.94), _m(0.97, 0.96)),
        frozenset({"a", "c"}): (_m(0.98, 0.92), _m(0.99, 0.90)),  # the best that passes
        frozenset({"b", "c"}): (_m(0.98, 0.95), _m(0.98, 0.96)),
    }
    seen: list[frozenset[str]] = []

    def judge(knobs: frozenset[str]) -> tuple[cal.Metrics, cal.Metrics]:
        seen.append(knobs)
        return table[knobs]

    assert cal.backed_off(["a", "b", "c"], judge, now_train, now_held) == {"a", "c"}
    assert set(seen) == set(table)  # every part but the whole, which was refused
    del table[frozenset({"a", "c"})]
    only_singles = {k: v for k, v in table.items() if len(k) == 1}
    assert cal.backed_off(
        ["a", "b", "c"], lambda k: only_singles.get(k, (now_train, now_held)), now_train, now_held
    ) == {"a"}  # fewest knobs, first on a tie
    nothing = lambda k: (now_train, now_held)  # noqa: E731  no part beats the current F1
    assert cal.backed_off(["a", "b"], nothing, now_train, now_held) == frozenset()


def test_hold_names_a_knob_and_a_reason() -> None:
    import argparse

    from bench.calibrate import _held

    assert _held("contained_factor=backtest links 8 -> 6") == (
        "contained_factor",
        "backtest links 8 -> 6",
    )
    for bad in ("contained_factor", "contained_factor=", "no_such_knob=why"):
        with pytest.raises(argparse.ArgumentTypeError):
            _held(bad)
