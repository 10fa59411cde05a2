"""Between screening and writing: keep only what changed (``--since``), record hits
as cases, attach each hit's case, hide cleared ones, and count for the summary.

:class:`Annotator` works on the batch :class:`~screen.batch.writers.Result` chunks, so
``check`` (one row) and ``batch`` (many) share it; :class:`AnnotatingWriter` puts it
in front of any writer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from screen.batch.runner import Checker
from screen.batch.writers import Result, Writer
from screen.cases.keys import Party
from screen.cases.model import Sighting
from screen.cases.store import CaseStore, Seen
from screen.diff import changed_hits
from screen.match.types import DEFAULT_THRESHOLD, TIERS, Hit, tier_rank

BUCKETS = ("new", "open", "cleared", "confirmed")


@dataclass
class Tally:
    """Hits per case bucket, and rows whose strongest hit that is not cleared reached
    each tier (what ``--fail-on-hit`` looks at when cases are kept)."""

    cases: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    by_tier: dict[str, int] = field(default_factory=lambda: {n: 0 for n, _ in TIERS})
    changes: dict[str, int] = field(default_factory=lambda: {"new": 0, "stronger": 0})

    def cases_text(self) -> str:
        """``new N, open N, cleared N, confirmed N``."""
        return ", ".join(f"{k} {n}" for k, n in self.cases.items())

    def reached(self, tier: str) -> bool:
        limit = tier_rank(tier)
        return any(n and tier_rank(name) <= limit for name, n in self.by_tier.items())


@dataclass
class Annotator:
    """What to do with each chunk of results before it is written."""

    store: CaseStore | None = None
    #: content hash of each list, by the list name hits carry
    hashes: Mapping[str, str] = field(default_factory=dict)
    id_column: str | None = None
    hide_cleared: bool = False
    since: Checker | None = None
    threshold: float = DEFAULT_THRESHOLD
    tally: Tally = field(default_factory=Tally)

    def annotate(self, results: Sequence[Result]) -> list[Result]:
        """The results with hits filtered and marked, cases recorded (one transaction)."""
        marked = [self._since(r) for r in results]
        sightings = self._record(results, marked)
        out = []
        for result, pairs, seen in zip(results, marked, sightings, strict=True):
            kept = [
                (hit, _extra(change, s))
                for (hit, change), s in zip(pairs, seen, strict=True)
                if not (self.hide_cleared and s is not None and s.seen == "cleared")
            ]
            self._count(pairs, seen)
            out.append(
                Result(result.row, [h for h, _ in kept], result.error, tuple(e for _, e in kept))
            )
        return out

    def _since(self, result: Result) -> list[tuple[Hit, str | None]]:
        if self.since is None or result.row.query is None or not result.hits:
            return [(hit, None) for hit in result.hits]
        old = self.since.check(result.row.query, threshold=self.threshold)
        return [(hit, change) for hit, change in changed_hits(result.hits, old)]

    def _record(
        self, results: Sequence[Result], marked: Sequence[list[tuple[Hit, Any]]]
    ) -> list[list[Sighting | None]]:
        if self.store is None:
            return [[None] * len(pairs) for pairs in marked]
        items = [
            Seen(self._party(r), hit, hit.list_name, self.hashes.get(hit.list_name, ""))
            for r, pairs in zip(results, marked, strict=True)
            for hit, _ in pairs
        ]
        flat = iter(self.store.record(items))
        return [[next(flat) for _ in pairs] for pairs in marked]

    def _party(self, result: Result) -> Party:
        assert result.row.query is not None
        party_id = result.row.input.get(self.id_column, "") if self.id_column else ""
        return Party.from_query(result.row.query, "" if party_id is None else str(party_id))

    def _count(self, pairs: list[tuple[Hit, str | None]], seen: list[Sighting | None]) -> None:
        live = []
        for (hit, change), s in zip(pairs, seen, strict=True):
            if change:
                self.tally.changes[change] += 1
            if s is not None:
                self.tally.cases[s.counts_as] += 1
            if s is None or s.seen != "cleared":
                live.append(hit)
        if live:
            best = min(live, key=lambda h: tier_rank(h.tier)).tier
            self.tally.by_tier[best] += 1


def _extra(change: str | None, sighting: Sighting | None) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if sighting is not None:
        extra["case"] = sighting.to_dict()
    if change is not None:
        extra["change"] = change
    return extra


class AnnotatingWriter:
    """A writer that passes each chunk through an :class:`Annotator` first."""

    def __init__(self, inner: Writer, annotator: Annotator) -> None:
        self.inner = inner
        self.annotator = annotator

    def begin(self, columns: Sequence[str]) -> None:
        self.inner.begin(columns)

    def write(self, results: Sequence[Result]) -> None:
        self.inner.write(self.annotator.annotate(results))

    def end(self) -> None:
        self.inner.end()
