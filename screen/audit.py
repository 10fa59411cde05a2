"""The append-only, hash-chained audit log (a table in the case database).

Every screening run and every case decision appends one record: time, user, kind
(``run`` or ``decision``) and a JSON payload (command line, snapshots and their
hashes, input hash, counts, output hash; or the case, status and reason). Each
record stores the hash of the previous one and its own hash over both, so editing,
deleting or reordering any record breaks the chain from there on; triggers refuse
UPDATE and DELETE outright. :func:`verify` recomputes the chain.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (a connection is given; ``check`` without cases needs no sqlite3)
    import sqlite3

#: The ``prev_hash`` of the first record.
GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    """One audit record as stored."""

    id: int
    at: str
    user: str
    kind: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "user": self.user,
            "kind": self.kind,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class Verdict:
    """The result of :func:`verify`: ok, or the first broken record and why."""

    ok: bool
    records: int
    broken_id: int | None = None
    problem: str = ""


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def current_user() -> str:
    """The OS user name (the default of ``--by``)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def record_hash(prev_hash: str, at: str, user: str, kind: str, payload_text: str) -> str:
    """SHA-256 over the previous hash and this record's fields."""
    text = json.dumps([prev_hash, at, user, kind, payload_text], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def append(
    conn: sqlite3.Connection,
    kind: str,
    payload: dict[str, Any],
    user: str | None = None,
    at: str | None = None,
) -> AuditRecord:
    """Append one record; call inside a ``BEGIN IMMEDIATE`` transaction."""
    at = at or now()
    user = user or current_user()
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    row = conn.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    digest = record_hash(prev, at, user, kind, text)
    cur = conn.execute(
        "INSERT INTO audit (at, user, kind, payload, prev_hash, hash) VALUES (?,?,?,?,?,?)",
        (at, user, kind, text, prev, digest),
    )
    return AuditRecord(int(cur.lastrowid or 0), at, user, kind, payload, prev, digest)


def records(
    conn: sqlite3.Connection, kind: str | None = None, limit: int | None = None
) -> list[AuditRecord]:
    """Records oldest first (the last ``limit`` when given), optionally of one kind."""
    sql = "SELECT * FROM audit" + (" WHERE kind = ?" if kind else "") + " ORDER BY id DESC"
    params: tuple[Any, ...] = (kind,) if kind else ()
    if limit:
        sql += " LIMIT ?"
        params += (limit,)
    rows = conn.execute(sql, params).fetchall()
    return [
        AuditRecord(
            r["id"],
            r["at"],
            r["user"],
            r["kind"],
            _payload(r["payload"]),
            r["prev_hash"],
            r["hash"],
        )
        for r in reversed(rows)
    ]


def _payload(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"unreadable": text}
    return value if isinstance(value, dict) else {"value": value}


def verify(conn: sqlite3.Connection) -> Verdict:
    """Recompute the chain; the first record whose links or hash do not hold."""
    prev = GENESIS
    count = 0
    for row in conn.execute("SELECT * FROM audit ORDER BY id"):
        count += 1
        if row["prev_hash"] != prev:
            return Verdict(
                False,
                count,
                row["id"],
                "its previous-record hash does not match "
                "the record before it (a record was removed or reordered)",
            )
        expected = record_hash(prev, row["at"], row["user"], row["kind"], row["payload"])
        if row["hash"] != expected:
            return Verdict(
                False,
                count,
                row["id"],
                "its content does not match its hash (the record was altered)",
            )
        prev = row["hash"]
    return Verdict(True, count)
