"""Cases: analysts' decisions on hits, kept across runs until the facts change.

``CaseStore`` records each hit of a run as a case (one per counterparty and listed
entry), keeps decisions (``cleared``, ``confirmed``) and reopens a decided case when
the listed entry or the counterparty changed. The same SQLite file holds the audit
log (:mod:`screen.audit`).
"""

from __future__ import annotations

from pathlib import Path

from screen.cases.keys import Party, entity_key, party_key
from screen.cases.model import STATUSES, Case, Sighting
from screen.cases.store import CaseStore, Seen

#: The case database's file name inside the snapshot store.
DEFAULT_FILE = "cases.db"

__all__ = [
    "DEFAULT_FILE",
    "STATUSES",
    "Case",
    "CaseStore",
    "Party",
    "Seen",
    "Sighting",
    "default_path",
    "entity_key",
    "party_key",
]


def default_path(store_dir: Path) -> Path:
    """``<store>/cases.db``."""
    return Path(store_dir) / DEFAULT_FILE
