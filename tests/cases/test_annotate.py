"""The annotator between screening and writing: changes, cases, hidden cleared hits."""

from __future__ import annotations

import dataclasses

from screen.batch.reader import Row
from screen.batch.writers import Result
from screen.cases import CaseStore
from screen.cases.annotate import Annotator
from screen.match.types import Hit, Query
from tests.cases.conftest import SUGON, hit_on

NETTRIX = dataclasses.replace(SUGON, id="EL-9", name="Nettrix", alt_names=())


class Old:
    """The older list: Sugon at 0.75 only."""

    def check(self, query: Query, threshold: float = 0.5, limit: int | None = None) -> list[Hit]:
        return [hit_on(SUGON, 0.75, "strong link")]


def result(*hits: Hit) -> Result:
    return Result(Row(2, {"name": "Nettrix"}, Query("Nettrix")), list(hits))


def test_since_keeps_new_and_stronger_hits_marked() -> None:
    annotator = Annotator(since=Old())
    [out] = annotator.annotate([result(hit_on(SUGON, 0.75, "strong link"), hit_on(NETTRIX, 1.0))])
    assert [(h.entry.id, e) for h, e in zip(out.hits, out.extras, strict=True)] == [
        ("EL-9", {"change": "new"})
    ]
    [out] = annotator.annotate([result(hit_on(SUGON, 0.8, "strong link"))])
    assert out.extras == ({"change": "stronger"},)
    assert annotator.tally.changes == {"new": 1, "stronger": 1}
    assert annotator.tally.by_tier == {"match": 1, "strong link": 1, "review": 0}


def test_hide_cleared_and_the_tally(store: CaseStore) -> None:
    annotator = Annotator(store, {"el-test": "ab" * 32})
    [first] = annotator.annotate([result(hit_on(SUGON), hit_on(NETTRIX))])
    store.decide(first.extras[0]["case"]["id"], "cleared", "not them", "ana")
    hiding = Annotator(store, {"el-test": "ab" * 32}, hide_cleared=True)
    [out] = hiding.annotate([result(hit_on(SUGON), hit_on(NETTRIX))])
    assert [h.entry.id for h in out.hits] == ["EL-9"]  # the row stays, its cleared hit goes
    assert out.extras[0]["case"]["status"] == "open"
    assert hiding.tally.cases_text() == "new 0, open 1, cleared 1, confirmed 0"
    assert hiding.tally.reached("match")
