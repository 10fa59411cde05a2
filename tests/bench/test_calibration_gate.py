"""bench/calibration_gate.py: a proposal passes only when no quality figure is worse."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.calibration_gate import gate  # noqa: E402


def _ours(**fields: float) -> dict[str, Any]:
    return {"ours": fields}


QUALITY: dict[str, Any] = {
    "categories": {
        "name_variants": _ours(recall=0.989),
        "alias_loo": _ours(recall=0.49),
        "negatives": _ours(fp_rate=0.025),
        "address": _ours(recall=1.0),
    },
    "simple_variant_recall": {"ours": 0.985},
    "unlisted": {
        "unlisted_csl2022": {"ours": {"flag_rate": 0.004}},
        "unlisted_el2026": {"ours": {"flag_rate": 0.0053}},
    },
    "backtest": {"ground_truth": [{"ours": {"flagged": True}}, {"ours": {"flagged": False}}]},
    "regression": {
        "passed": 15,
        "outcomes": [
            {"id": "nettrix-sugon-rank1", "ok": True, "observed": ""},
            {"id": "short-name-plus-4-generic", "ok": False, "observed": "132/150"},
        ],
    },
}


def _failing(fit: dict[str, Any]) -> list[str]:
    return [name for name, _, _, ok in gate(QUALITY, fit) if not ok]


def test_equal_figures_pass() -> None:
    assert _failing(copy.deepcopy(QUALITY)) == []


def test_any_worse_figure_fails() -> None:
    fit = copy.deepcopy(QUALITY)
    fit["regression"]["outcomes"][1]["observed"] = "87/150"
    fit["categories"]["negatives"]["ours"]["fp_rate"] = 0.03
    fit["categories"]["alias_loo"]["ours"]["recall"] = 0.5  # better: fine
    assert _failing(fit) == ["negatives FP rate", "short name + 4 generic probes found"]
    fit = copy.deepcopy(QUALITY)
    fit["regression"]["outcomes"][0]["ok"] = False
    assert _failing(fit) == ["Nettrix -> Sugon rank 1"]
    fit = copy.deepcopy(QUALITY)
    fit["backtest"]["ground_truth"][0]["ours"]["flagged"] = False
    assert _failing(fit) == ["backtest ground-truth pairs linked"]


def test_unlisted_rates_stay_under_one_percent() -> None:
    now = copy.deepcopy(QUALITY)
    now["unlisted"]["unlisted_el2026"]["ours"]["flag_rate"] = 0.02
    fit = copy.deepcopy(now)
    fit["unlisted"]["unlisted_el2026"]["ours"]["flag_rate"] = 0.015  # better, still > 1 %
    assert [n for n, _, _, ok in gate(now, fit) if not ok] == ["unlisted EL 2026 flag rate"]
