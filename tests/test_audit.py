"""The hash-chained audit log: append, verify, and what tampering looks like."""

from __future__ import annotations

from pathlib import Path

from screen import audit
from screen.cases.db import connect, transaction


def _log(path: Path, n: int) -> None:
    conn = connect(path)
    for i in range(n):
        with transaction(conn):
            audit.append(conn, "run", {"n": i}, user="ana", at=f"2026-01-0{i + 1}T00:00:00")
    conn.close()


def test_each_record_chains_to_the_one_before(tmp_path: Path) -> None:
    _log(tmp_path / "c.db", 3)
    conn = connect(tmp_path / "c.db")
    records = audit.records(conn)
    assert [r.prev_hash for r in records] == [audit.GENESIS, records[0].hash, records[1].hash]
    assert audit.verify(conn) == audit.Verdict(True, 3)
    assert [r.payload for r in audit.records(conn, limit=2)] == [{"n": 1}, {"n": 2}]


def test_a_removed_record_breaks_the_chain_at_the_next_one(tmp_path: Path) -> None:
    _log(tmp_path / "c.db", 3)
    conn = connect(tmp_path / "c.db")
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DELETE FROM audit WHERE id = 2")
    verdict = audit.verify(conn)
    assert (verdict.ok, verdict.broken_id) == (False, 3)
    assert "removed or reordered" in verdict.problem


def test_a_rewritten_record_with_a_recomputed_hash_breaks_the_next_link(tmp_path: Path) -> None:
    _log(tmp_path / "c.db", 3)
    conn = connect(tmp_path / "c.db")
    conn.execute("DROP TRIGGER audit_no_update")
    row = conn.execute("SELECT * FROM audit WHERE id = 2").fetchone()
    forged = audit.record_hash(row["prev_hash"], row["at"], "mallory", row["kind"], row["payload"])
    conn.execute("UPDATE audit SET user = 'mallory', hash = ? WHERE id = 2", (forged,))
    verdict = audit.verify(conn)
    assert (verdict.ok, verdict.broken_id) == (False, 3)
