"""The SQLite file behind the case store and the audit log: connection, migrations.

One file holds both (``<store>/cases.db`` by default). It is opened in WAL mode with a
busy timeout, so several analysts (processes) can read while one writes, and every
change runs in ``BEGIN IMMEDIATE`` transactions: two writers queue, neither loses
the other's update. The schema is versioned with ``PRAGMA user_version``; each
migration runs once, in order, inside a transaction.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from screen.errors import InputError

#: How long a writer waits for another one to commit (milliseconds).
BUSY_TIMEOUT_MS = 30_000

MIGRATIONS: tuple[str, ...] = (
    # 1: cases, their decision history, the hash-chained audit log
    """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        party_key TEXT NOT NULL,
        party_json TEXT NOT NULL,
        party_fingerprint TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        entity_name TEXT NOT NULL,
        source TEXT NOT NULL,
        entry_json TEXT NOT NULL,
        entry_fingerprint TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        snapshot_hash TEXT NOT NULL,
        score REAL NOT NULL,
        tier TEXT NOT NULL,
        reasons_json TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'cleared', 'confirmed')),
        decided_by TEXT,
        decided_at TEXT,
        reason TEXT,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX cases_party_entity ON cases (party_key, entity_id);
    CREATE INDEX cases_party_entity_key ON cases (party_key, entity_key);
    CREATE INDEX cases_status ON cases (status);
    CREATE TABLE case_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id INTEGER NOT NULL REFERENCES cases (id),
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        action TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX case_events_case ON case_events (case_id);
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the case database at ``path``."""
    path = Path(path)
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except sqlite3.DatabaseError as err:
        raise InputError(
            f"Cannot open the case database {path}: {err}.",
            "Check the path given to --cases (an SQLite file written by screen).",
        ) from None
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations this file has not had yet, each in its own transaction."""
    with transaction(conn):
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise InputError(
                f"The case database has schema version {version}; this screen knows "
                f"only up to {SCHEMA_VERSION}.",
                "Upgrade screen to open it.",
            )
        for number in range(version, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")


def _statements(script: str) -> list[str]:
    """Split a migration into statements (a trigger body keeps its inner ``;``)."""
    out: list[str] = []
    buf = ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on any error)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
