"""The case store: record hits as cases, keep analysts' decisions, reopen on change."""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screen import audit
from screen.cases.db import connect, transaction
from screen.cases.keys import (
    Party,
    describe_entry_changes,
    describe_party_changes,
    entity_key,
    entry_facts,
    entry_fingerprint,
    party_fingerprint,
    party_key,
)
from screen.cases.model import STATUSES, Case, Sighting
from screen.errors import UsageError
from screen.match.types import Hit

#: Who reopens a case whose facts changed.
SYSTEM_USER = "screen"
_ACTIONS = {"cleared": "clear", "confirmed": "confirm", "open": "reopen"}


@dataclass(frozen=True)
class Seen:
    """One hit to record: the counterparty, the hit, and the snapshot it came from."""

    party: Party
    hit: Hit
    snapshot: str
    snapshot_hash: str


class CaseStore:
    """Cases in one SQLite file; safe to use from several processes at once."""

    def __init__(self, path: Path, *, lazy: bool = False) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        if not lazy:  # lazy: open on first use (e.g. only after a worker pool forked)
            self._conn = connect(self.path)

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = connect(self.path)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def log(self, kind: str, payload: dict[str, Any], user: str | None = None) -> None:
        """Append one record to the audit log (its own transaction)."""
        with transaction(self.conn):
            audit.append(self.conn, kind, payload, user=user)

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -----------------------------------------------------------------
    def get(self, case_id: int) -> Case:
        """One case; UsageError naming the id if there is none."""
        row = self.conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise UsageError(
                f"No case {case_id} in {self.path}.", "List the cases with `screen cases ls`."
            )
        return Case.from_row(row)

    def list(self, status: str | None = None) -> builtins.list[Case]:
        """All cases (or those with ``status``), oldest first."""
        sql = "SELECT * FROM cases" + (" WHERE status = ?" if status else "") + " ORDER BY id"
        rows = self.conn.execute(sql, (status,) if status else ())
        return [Case.from_row(r) for r in rows]

    def events(self, case_id: int) -> builtins.list[dict[str, Any]]:
        """The case's history: created, decisions, reopenings, oldest first."""
        rows = self.conn.execute(
            "SELECT at, by, action, status, reason FROM case_events WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return [dict(r) for r in rows]

    # --- recording hits ----------------------------------------------------------
    def record(self, seen: Iterable[Seen], at: str | None = None) -> builtins.list[Sighting]:
        """Record hits (one transaction): new cases open; a decided case whose listed
        entry or counterparty changed reopens, with what changed as the reason."""
        at = at or audit.now()
        with transaction(self.conn):
            return [self._record_one(item, at) for item in seen]

    def _find(self, key: str, item: Seen) -> Case | None:
        """The counterparty's case on this entry: by entry id, else (for a case made on
        another snapshot, where ids may differ) by source list and normalized name."""
        row = self.conn.execute(
            "SELECT * FROM cases WHERE party_key = ? AND entity_id = ? ORDER BY id DESC LIMIT 1",
            (key, item.hit.entry.id),
        ).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT * FROM cases WHERE party_key = ? AND entity_key = ? "
                "AND snapshot_hash != ? ORDER BY id DESC LIMIT 1",
                (key, entity_key(item.hit.entry), item.snapshot_hash),
            ).fetchone()
        return None if row is None else Case.from_row(row)

    def _record_one(self, item: Seen, at: str) -> Sighting:
        key = party_key(item.party)
        case = self._find(key, item)
        facts = entry_facts(item.hit.entry)
        if case is None:
            return Sighting(self._insert(key, item, facts, at), "new")
        changes = _changes(case, item.party, facts)
        seen = case.status
        if changes and case.status != "open":
            seen = "reopened"
            self._event(case.id, at, SYSTEM_USER, "reopen", "open", "; ".join(changes))
        self._update(
            case, item, facts, at, reopen_reason="; ".join(changes) if seen == "reopened" else None
        )
        return Sighting(self.get(case.id), seen)

    def _insert(self, key: str, item: Seen, facts: dict[str, Any], at: str) -> Case:
        hit = item.hit
        cur = self.conn.execute(
            "INSERT INTO cases (party_key, party_json, party_fingerprint, entity_id, "
            "entity_key, entity_name, source, entry_json, entry_fingerprint, snapshot, "
            "snapshot_hash, score, tier, reasons_json, status, created_at, last_seen_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'open',?,?)",
            (
                key,
                _json(item.party.to_dict()),
                party_fingerprint(item.party),
                hit.entry.id,
                entity_key(hit.entry),
                hit.entry.name,
                hit.entry.source,
                _json(facts),
                entry_fingerprint(facts),
                item.snapshot,
                item.snapshot_hash,
                round(hit.score * 100, 1),
                hit.tier,
                _reasons(hit),
                at,
                at,
            ),
        )
        case_id = int(cur.lastrowid or 0)
        self._event(case_id, at, SYSTEM_USER, "create", "open", f"hit on {item.snapshot}")
        return self.get(case_id)

    def _update(
        self, case: Case, item: Seen, facts: dict[str, Any], at: str, reopen_reason: str | None
    ) -> None:
        hit = item.hit
        self.conn.execute(
            "UPDATE cases SET party_json = ?, party_fingerprint = ?, entity_id = ?, "
            "entity_name = ?, entry_json = ?, entry_fingerprint = ?, snapshot = ?, "
            "snapshot_hash = ?, score = ?, tier = ?, reasons_json = ?, last_seen_at = ?, "
            "version = version + 1 WHERE id = ?",
            (
                _json(item.party.to_dict()),
                party_fingerprint(item.party),
                hit.entry.id,
                hit.entry.name,
                _json(facts),
                entry_fingerprint(facts),
                item.snapshot,
                item.snapshot_hash,
                round(hit.score * 100, 1),
                hit.tier,
                _reasons(hit),
                at,
                case.id,
            ),
        )
        if reopen_reason is not None:
            self.conn.execute(
                "UPDATE cases SET status = 'open', decided_by = ?, decided_at = ?, "
                "reason = ? WHERE id = ?",
                (SYSTEM_USER, at, reopen_reason, case.id),
            )

    # --- decisions ---------------------------------------------------------------
    def decide(
        self, case_id: int, status: str, reason: str, by: str, at: str | None = None
    ) -> Case:
        """Set a case's status (cleared, confirmed, open) with a reason; audited."""
        if status not in STATUSES:
            raise UsageError(
                f"{status!r} is not a case status.", f"Use one of {', '.join(STATUSES)}."
            )
        if not reason.strip():
            raise UsageError("A decision needs a reason.", 'Pass --reason "...".')
        at = at or audit.now()
        with transaction(self.conn):
            self._decide(case_id, status, reason, by, at)
        return self.get(case_id)

    def decide_many(
        self, decisions: Sequence[tuple[int, str, str, str]], at: str | None = None
    ) -> int:
        """Apply (id, status, reason, by) decisions all-or-nothing; how many applied."""
        at = at or audit.now()
        with transaction(self.conn):
            for case_id, status, reason, by in decisions:
                self._decide(case_id, status, reason, by, at)
        return len(decisions)

    def _decide(self, case_id: int, status: str, reason: str, by: str, at: str) -> None:
        before = self.get(case_id)
        self.conn.execute(
            "UPDATE cases SET status = ?, decided_by = ?, decided_at = ?, reason = ?, "
            "version = version + 1 WHERE id = ?",
            (status, by, at, reason, case_id),
        )
        self._event(case_id, at, by, _ACTIONS[status], status, reason)
        audit.append(
            self.conn,
            "decision",
            {
                "case_id": case_id,
                "action": _ACTIONS[status],
                "from": before.status,
                "status": status,
                "reason": reason,
                "party": before.party.name,
                "entity_id": before.entity_id,
                "entity_name": before.entity_name,
                "version": before.version + 1,
            },
            user=by,
            at=at,
        )

    def _event(self, case_id: int, at: str, by: str, action: str, status: str, reason: str) -> None:
        self.conn.execute(
            "INSERT INTO case_events (case_id, at, by, action, status, reason) "
            "VALUES (?,?,?,?,?,?)",
            (case_id, at, by, action, status, reason),
        )


def _changes(case: Case, party: Party, facts: dict[str, Any]) -> list[str]:
    out = []
    if entry_fingerprint(case.entry) != entry_fingerprint(facts):
        out += [f"listed entry changed: {c}" for c in describe_entry_changes(case.entry, facts)]
    if party_fingerprint(case.party) != party_fingerprint(party):
        out += [f"counterparty changed: {c}" for c in describe_party_changes(case.party, party)]
    return out


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _reasons(hit: Hit) -> str:
    return _json([r.to_dict() for r in hit.reasons])
