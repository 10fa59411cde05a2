"""Hand-made hits for the case store tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from screen.cases import CaseStore, Party, Seen
from screen.match.types import Hit, Reason
from screen.model import Address, Entry

SUGON = Entry(
    id="EL-1",
    source="Entity List (EL) - Bureau of Industry and Security",
    name="Sugon",
    alt_names=("Dawning Information Industry",),
    addresses=(Address("No. 15 Haitai Huake Street, Tianjin"),),
    countries=("CN",),
)
CAFE = Party("Sugon Cafe Ltd", ("12 High Street, Leeds",), "GB")


def hit_on(entry: Entry, score: float = 0.9, tier: str = "match") -> Hit:
    """A hit on ``entry`` with one name reason."""
    return Hit(
        entry,
        "el-test",
        entry.name,
        score,
        tier,
        (Reason("name_match", score, f"same name as {entry.name!r}"),),
    )


def seen(
    party: Party = CAFE, entry: Entry = SUGON, score: float = 0.9, snapshot_hash: str = "ab" * 32
) -> Seen:
    return Seen(party, hit_on(entry, score), "el-test", snapshot_hash)


@pytest.fixture
def store(tmp_path: Path) -> CaseStore:
    with CaseStore(tmp_path / "cases.db") as cases:
        yield cases  # type: ignore[misc]
