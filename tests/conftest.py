"""Shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# No wall-clock limit on property tests: a deadline is a timed assertion, flaky on a
# shared two-core machine (performance is measured in bench/, not here).
settings.register_profile("screen", deadline=None)
settings.load_profile("screen")

REAL_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "real"


@pytest.fixture(scope="session")
def real_data() -> Path:
    """The read-only shared real list files (/work/shared/data/real); skip if absent."""
    if not REAL_DATA.is_dir():
        pytest.skip(f"shared real data not found at {REAL_DATA}: see SOURCES.md of the project")
    return REAL_DATA


@pytest.fixture(scope="session", autouse=True)
def _warm_transliterators() -> None:
    """Load pypinyin and ICU (imported on first use) before any timed property test."""
    from screen.match.text import to_ascii

    to_ascii("中国 Россия Ελλάδα")


@pytest.fixture(scope="session", autouse=True)
def _private_list_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """List files opened by path are cached in a per-session directory, not ~/.cache."""
    old = os.environ.get("SCREEN_CACHE_DIR")
    os.environ["SCREEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("list-cache"))
    yield
    if old is None:
        os.environ.pop("SCREEN_CACHE_DIR", None)
    else:
        os.environ["SCREEN_CACHE_DIR"] = old
