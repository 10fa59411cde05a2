"""The real-data regression cases and unlisted rows are well-formed (skip without ../shared)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import quality_cases as qc  # noqa: E402
from bench.quality_regression_real import nettrix_case, real_cases, short_name_probes  # noqa: E402
from bench.quality_unlisted import UNLISTED, unlisted_cases  # noqa: E402
from screen.model import Entry  # noqa: E402


@pytest.fixture(scope="module")
def csl(real_data: Path) -> list[Entry]:
    return qc.load_entries(qc.CSL_2022)


def test_every_expected_entity_is_on_its_list(csl: list[Entry]) -> None:
    for case in real_cases():
        assert case["list"] == "csl2022"
        pat = re.compile(case["expect"]["entity_name"], re.IGNORECASE)
        assert any(pat.search(n) for e in csl for n in (e.name, *e.alt_names)), case["id"]


def test_nettrix_case_found(real_data: Path) -> None:
    case = nettrix_case(qc.load_entries(qc.EL_2026))
    assert case is not None and case["query"]["addresses"]


def test_short_name_probes_are_seeded(csl: list[Entry]) -> None:
    a, b = short_name_probes(csl, 150, 5), short_name_probes(csl, 150, 5)
    assert a == b and len(a) == 150
    assert len({listed for _, listed, _ in a}) == 150
    for probe, listed, ids in a:
        assert probe.startswith(listed + " ") and len(probe.split()) == len(listed.split()) + 4
        assert ids


def test_unlisted_has_every_row(real_data: Path) -> None:
    cases = unlisted_cases(UNLISTED)
    assert len(cases) == 5995
    assert sum(c.kind == "greater_china" for c in cases) >= 2900
