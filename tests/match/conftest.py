"""Screeners over the real shared lists, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from screen.match.engine import Screener
from screen.sources import open_file


@pytest.fixture(scope="session")
def el2026(real_data: Path) -> Screener:
    """The July 2026 Entity List (eCFR parse), 3,409 entries."""
    return Screener(
        [open_file(real_data / "entity_list" / "bis_entity_list_ecfr_2026-07-09_nsfreg.json")]
    )


@pytest.fixture(scope="session")
def csl2022(real_data: Path) -> Screener:
    """The complete May 2022 Consolidated Screening List, 14,160 rows."""
    return Screener([open_file(real_data / "csl" / "csl_consolidated_2022-05_watchman.csv")])
