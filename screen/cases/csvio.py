"""Cases to and from CSV, so a team can keep decisions in a review tool.

``export`` writes one row per case (:data:`EXPORT_COLUMNS`); ``import`` reads the
columns ``id``, ``status`` and ``reason`` (``by`` optional) of such a file, validates
every row first and applies them all in one transaction, or none.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from screen.cases.model import STATUSES, Case
from screen.errors import InputError, ScreenError

if TYPE_CHECKING:
    from screen.cases.store import CaseStore

EXPORT_COLUMNS = (
    "id",
    "status",
    "by",
    "at",
    "reason",
    "party_key",
    "party_id",
    "party_name",
    "party_country",
    "party_addresses",
    "entity_id",
    "entity_name",
    "source",
    "score",
    "tier",
    "snapshot",
    "snapshot_hash",
    "last_seen_at",
)
_REQUIRED = ("id", "status", "reason")


@dataclass(frozen=True)
class Decision:
    """One decision read from a CSV file."""

    line: int
    case_id: int
    status: str
    reason: str
    by: str


def case_row(case: Case) -> dict[str, str]:
    """A case as a flat CSV row."""
    return {
        "id": str(case.id),
        "status": case.status,
        "by": case.decided_by or "",
        "at": case.decided_at or "",
        "reason": case.reason or "",
        "party_key": case.party_key,
        "party_id": case.party.id,
        "party_name": case.party.name,
        "party_country": case.party.country,
        "party_addresses": "; ".join(case.party.addresses),
        "entity_id": case.entity_id,
        "entity_name": case.entity_name,
        "source": case.source,
        "score": f"{case.score_100:g}",
        "tier": case.tier,
        "snapshot": case.snapshot,
        "snapshot_hash": case.snapshot_hash,
        "last_seen_at": case.last_seen_at,
    }


def write_cases(cases: Iterable[Case], out: TextIO, delimiter: str = ",") -> None:
    """All cases as CSV (or TSV) with a header."""
    writer = csv.DictWriter(
        out, fieldnames=EXPORT_COLUMNS, delimiter=delimiter, lineterminator="\n"
    )
    writer.writeheader()
    for case in cases:
        writer.writerow(case_row(case))


def read_decisions(path: Path, default_by: str) -> list[Decision]:
    """Decisions from a CSV file; InputError naming the first bad line."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return _parse(csv.DictReader(handle), path, default_by)
    except OSError as err:
        raise InputError(f"Cannot read {path}: {err.strerror}.", "Check the path.") from None
    except (csv.Error, UnicodeDecodeError) as err:
        raise InputError(
            f"{path} is not a readable CSV file: {err}.",
            "Export decisions with `screen cases export`.",
        ) from None


def _parse(reader: csv.DictReader[str], path: Path, default_by: str) -> list[Decision]:
    missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(
            f"{path} has no column {', '.join(missing)} (found: "
            f"{', '.join(reader.fieldnames or []) or 'none'}).",
            "A decisions file needs id, status and reason (by is optional).",
        )
    out = []
    for row in reader:
        line = reader.line_num
        status = (row.get("status") or "").strip().lower()
        reason = (row.get("reason") or "").strip()
        raw_id = (row.get("id") or "").strip()
        if not raw_id.isdigit():
            raise InputError(
                f"{path} line {line}: case id {raw_id!r} is not a number.",
                "Use the ids of `screen cases ls`.",
            )
        if status not in STATUSES:
            raise InputError(
                f"{path} line {line}: status {status!r} is not one of {', '.join(STATUSES)}.",
                "Fix the line; nothing was imported.",
            )
        if not reason:
            raise InputError(
                f"{path} line {line}: no reason.",
                "Every decision needs a reason; nothing was imported.",
            )
        by = (row.get("by") or "").strip() or default_by
        out.append(Decision(line, int(raw_id), status, reason, by))
    return out


def import_decisions(store: CaseStore, path: Path, default_by: str) -> tuple[int, int]:
    """Apply a decisions file all-or-nothing: (applied, unchanged) counts.

    A row whose case already has that status and reason is left alone, so importing
    the same file twice changes nothing."""
    decisions = read_decisions(path, default_by)
    todo = []
    for d in decisions:
        try:
            case = store.get(d.case_id)
        except ScreenError:
            raise InputError(
                f"{path} line {d.line}: no case {d.case_id} in {store.path}.",
                "Nothing was imported; use the ids of `screen cases ls`.",
            ) from None
        if (case.status, case.reason) != (d.status, d.reason):
            todo.append((d.case_id, d.status, d.reason, d.by))
    store.decide_many(todo)
    return len(todo), len(decisions) - len(todo)
