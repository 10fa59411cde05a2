"""Choosing hits: --source codes, and the limit applied after the filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from screen.errors import UsageError
from screen.match.types import Hit, Query
from screen.model import Entry
from screen.select import HitSelector, parse_sources
from screen.sources import open_file

MINI = Path(__file__).parent / "data" / "mini_csl.csv"


def test_codes_are_case_free_and_must_exist() -> None:
    sources = [open_file(MINI)]
    assert parse_sources(" el, Sdn ", sources) == {"EL", "SDN"}
    with pytest.raises(UsageError, match=r"no source list DPL in mini_csl\.csv"):
        parse_sources("EL,DPL", sources)
    with pytest.raises(UsageError, match=r"\(none given\)"):
        parse_sources(" , ", sources)


class TwoHits:
    """A screener that finds an EL entry first, then an SDN one."""

    def __init__(self) -> None:
        self.calls: list[tuple[int | None, bool]] = []

    def check(
        self,
        query: Query,
        threshold: float = 0.5,
        limit: int | None = None,
        all_hits: bool = False,
    ) -> list[Hit]:
        self.calls.append((limit, all_hits))
        el = Entry(id="e1", source="Entity List (EL) - Bureau of Industry and Security", name="A")
        sdn = Entry(id="s1", source="Specially Designated Nationals (SDN) - Treasury", name="B")
        hits = [Hit(el, "l", "A", 0.9, "match"), Hit(sdn, "l", "B", 0.8, "strong link")]
        return hits[:limit] if limit else hits


def test_the_limit_applies_after_the_source_filter() -> None:
    screener = TwoHits()
    sdn = HitSelector(screener, frozenset({"SDN"}), all_hits=True)  # type: ignore[arg-type]
    assert [h.entry.id for h in sdn.check(Query("x"), limit=1)] == ["s1"]
    assert screener.calls == [(None, True)]  # the screener was not limited before the filter
    plain = HitSelector(screener)  # type: ignore[arg-type]
    assert [h.entry.id for h in plain.check(Query("x"), limit=1)] == ["e1"]
    assert screener.calls[-1] == (1, False)
