"""The case store: new, open, decided, reopened on change; schema; two processes."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from screen.cases import CaseStore, Party
from screen.cases.db import SCHEMA_VERSION, connect
from screen.errors import UsageError
from tests.cases.conftest import CAFE, SUGON, seen


def test_first_sighting_is_new_and_open(store: CaseStore) -> None:
    [first] = store.record([seen()])
    assert (first.seen, first.case.status, first.case.entity_id) == ("new", "open", "EL-1")
    assert first.case.party == CAFE
    assert first.case.snapshot_hash == "ab" * 32
    [again] = store.record([seen()])
    assert (again.seen, again.case.id) == ("open", first.case.id)


def test_a_cleared_case_stays_cleared_while_the_facts_hold(store: CaseStore) -> None:
    [first] = store.record([seen()])
    store.decide(first.case.id, "cleared", "a cafe in Leeds, not the listed Sugon", "ana")
    # the same party spelled differently and a lower score: same facts
    respelled = dataclasses.replace(
        CAFE, name="SUGON CAFE LIMITED", addresses=("12 High St., Leeds",)
    )
    [again] = store.record([seen(respelled, score=0.8)])
    assert again.seen == "cleared"
    assert again.case.brief() == {
        "id": first.case.id,
        "status": "cleared",
        "by": "ana",
        "at": again.case.decided_at,
        "reason": "a cafe in Leeds, not the listed Sugon",
    }
    assert again.case.score_100 == 80.0


def test_an_alias_added_to_the_listed_entry_reopens_the_case(store: CaseStore) -> None:
    [first] = store.record([seen()])
    store.decide(first.case.id, "cleared", "not them", "ana")
    relisted = dataclasses.replace(SUGON, alt_names=(*SUGON.alt_names, "Sugon Cafe"))
    [again] = store.record([seen(entry=relisted)])
    assert again.seen == "reopened"
    assert again.counts_as == "open"
    assert again.case.status == "open"
    assert again.case.reason == "listed entry changed: alias added 'Sugon Cafe'"
    assert [e["action"] for e in store.events(first.case.id)] == ["create", "clear", "reopen"]


def test_a_counterparty_with_an_id_that_moved_reopens(store: CaseStore) -> None:
    party = Party("Sugon Cafe Ltd", ("12 High Street, Leeds",), "GB", id="C-77")
    [first] = store.record([seen(party)])
    store.decide(first.case.id, "confirmed", "it is them", "bo")
    moved = dataclasses.replace(party, addresses=("No. 15 Haitai Huake St, Tianjin",))
    [again] = store.record([seen(moved)])
    assert again.case.id == first.case.id
    assert again.case.reason == (
        "counterparty changed: address added 'No. 15 Haitai Huake St, Tianjin'; "
        "counterparty changed: address removed '12 High Street, Leeds'"
    )


def test_without_an_id_another_address_is_another_counterparty(store: CaseStore) -> None:
    [first] = store.record([seen()])
    other = dataclasses.replace(CAFE, addresses=("1 Other Road, York",))
    [second] = store.record([seen(other)])
    assert second.seen == "new"
    assert second.case.id != first.case.id


def test_an_entry_whose_id_changed_is_found_by_source_and_name(store: CaseStore) -> None:
    [first] = store.record([seen()])
    store.decide(first.case.id, "cleared", "not them", "ana")
    renumbered = dataclasses.replace(SUGON, id="ecfr-9")  # another list format, new ids
    [again] = store.record([seen(entry=renumbered, snapshot_hash="cd" * 32)])
    assert (again.case.id, again.seen, again.case.entity_id) == (first.case.id, "cleared", "ecfr-9")


def test_decisions_need_a_known_case_status_and_reason(store: CaseStore) -> None:
    [first] = store.record([seen()])
    with pytest.raises(UsageError, match="No case 99"):
        store.decide(99, "cleared", "x", "ana")
    with pytest.raises(UsageError, match="not a case status"):
        store.decide(first.case.id, "closed", "x", "ana")
    with pytest.raises(UsageError, match="needs a reason"):
        store.decide(first.case.id, "cleared", "  ", "ana")
    assert store.get(first.case.id).status == "open"


def test_list_filters_by_status(store: CaseStore) -> None:
    a, b = store.record([seen(), seen(dataclasses.replace(CAFE, country="FR"))])
    store.decide(b.case.id, "confirmed", "yes", "bo")
    assert [c.id for c in store.list("open")] == [a.case.id]
    assert [c.id for c in store.list("confirmed")] == [b.case.id]
    assert len(store.list()) == 2


def test_the_schema_is_versioned_and_migrated_once(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    connect(path).close()
    conn = connect(path)  # a second open applies nothing again
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def _decide_many(path: str, who: str, ids: list[int]) -> None:
    with CaseStore(Path(path)) as cases:
        for case_id in ids:
            cases.decide(case_id, "cleared", f"{who} checked it", who)


def test_two_analysts_deciding_at_once_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    parties = [dataclasses.replace(CAFE, country=f"X{i}") for i in range(40)]
    with CaseStore(path) as cases:
        ids = [s.case.id for s in cases.record([seen(p) for p in parties])]
    ctx = multiprocessing.get_context("spawn")
    # both decide every case (same rows, interleaved): each decision must be kept
    procs = [ctx.Process(target=_decide_many, args=(str(path), who, ids)) for who in ("ana", "bo")]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    with CaseStore(path) as cases:
        for case_id in ids:
            actions = [(e["action"], e["by"]) for e in cases.events(case_id)]
            assert sorted(actions[1:]) == [("clear", "ana"), ("clear", "bo")]
            assert cases.get(case_id).version == 3
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 2 * len(ids)
    from screen import audit

    with CaseStore(path) as cases:
        assert audit.verify(cases.conn).ok


def test_two_entries_of_one_name_in_one_snapshot_are_two_cases(store: CaseStore) -> None:
    namesake = dataclasses.replace(SUGON, id="EL-2")
    first, second = store.record([seen(), seen(entry=namesake)])
    assert (first.seen, second.seen) == ("new", "new")
    assert first.case.id != second.case.id
    assert {c.entity_id for c in store.list()} == {"EL-1", "EL-2"}
