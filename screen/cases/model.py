"""The case record and what a screening run learns about a hit from the case store."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from screen.cases.keys import Party

STATUSES = ("open", "cleared", "confirmed")


@dataclass(frozen=True)
class Case:
    """One (counterparty, listed entry) pair and the analyst's decision on it."""

    id: int
    party: Party
    party_key: str
    entity_id: str
    entity_key: str
    entity_name: str
    source: str
    entry: dict[str, Any]
    snapshot: str
    snapshot_hash: str
    #: 0-100, as in reports (a Hit's score is 0-1)
    score_100: float
    tier: str
    reasons: list[dict[str, Any]]
    status: str
    decided_by: str | None
    decided_at: str | None
    reason: str | None
    created_at: str
    last_seen_at: str
    version: int

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Case:
        return cls(
            id=row["id"],
            party=Party.from_dict(json.loads(row["party_json"])),
            party_key=row["party_key"],
            entity_id=row["entity_id"],
            entity_key=row["entity_key"],
            entity_name=row["entity_name"],
            source=row["source"],
            entry=json.loads(row["entry_json"]),
            snapshot=row["snapshot"],
            snapshot_hash=row["snapshot_hash"],
            score_100=row["score"],
            tier=row["tier"],
            reasons=json.loads(row["reasons_json"]),
            status=row["status"],
            decided_by=row["decided_by"],
            decided_at=row["decided_at"],
            reason=row["reason"],
            created_at=row["created_at"],
            last_seen_at=row["last_seen_at"],
            version=row["version"],
        )

    def brief(self) -> dict[str, Any]:
        """The ``case`` object attached to a hit: id, status, by, at, reason."""
        return {
            "id": self.id,
            "status": self.status,
            "by": self.decided_by,
            "at": self.decided_at,
            "reason": self.reason,
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready (``score`` 0-100)."""
        return {
            "id": self.id,
            "status": self.status,
            "by": self.decided_by,
            "at": self.decided_at,
            "reason": self.reason,
            "party": self.party.to_dict(),
            "party_key": self.party_key,
            "entity_id": self.entity_id,
            "entity_key": self.entity_key,
            "entity_name": self.entity_name,
            "source": self.source,
            "entry": self.entry,
            "snapshot": self.snapshot,
            "snapshot_hash": self.snapshot_hash,
            "score": self.score_100,
            "tier": self.tier,
            "reasons": self.reasons,
            "created_at": self.created_at,
            "last_seen_at": self.last_seen_at,
            "version": self.version,
        }


@dataclass(frozen=True)
class Sighting:
    """A hit as the case store saw it: its case, and whether it was ``new``, still
    ``open``, ``reopened`` (facts changed), ``cleared`` or ``confirmed``."""

    case: Case
    seen: str

    @property
    def counts_as(self) -> str:
        """The summary bucket: new, open, cleared or confirmed."""
        return "open" if self.seen == "reopened" else self.seen

    def to_dict(self) -> dict[str, Any]:
        return {**self.case.brief(), "seen": self.seen}
