"""Choose which hits a run reports: only some source lists (``--source EL,SDN``), and
namesakes of a match too (``--all-hits``), for ``check`` and ``batch`` alike."""

from __future__ import annotations

from collections.abc import Sequence

from screen.errors import UsageError
from screen.loaders.csl import short_code
from screen.match.engine import Screener
from screen.match.types import DEFAULT_THRESHOLD, Hit, Query
from screen.sources import ListSource


def parse_sources(text: str, sources: Sequence[ListSource]) -> frozenset[str]:
    """``"EL,sdn"`` -> ``{"EL", "SDN"}``; UsageError naming codes no list holds."""
    wanted = {c.strip().upper() for c in text.split(",") if c.strip()}
    known = {short_code(e.source) for s in sources for e in s.entries}
    unknown = sorted(wanted - {k.upper() for k in known})
    if unknown or not wanted:
        names = ", ".join(s.name for s in sources)
        raise UsageError(
            f"--source {text!r}: no source list {', '.join(unknown) or '(none given)'} in {names}.",
            f"Source lists there: {', '.join(sorted(known))} (the codes of `screen lists ls`).",
        )
    return frozenset(wanted)


class HitSelector:
    """A checker over a Screener that keeps only hits on ``codes`` (short codes of the
    source lists; None = all), and with ``all_hits`` also far-weaker namesakes.

    ``limit`` applies after the source filter. The matcher drops name-only hits far
    below its best hit before the filter sees them, so with ``codes`` a namesake on a
    chosen list can be missing when the best hit was on another one (use --all-hits).
    """

    def __init__(
        self, screener: Screener, codes: frozenset[str] | None = None, all_hits: bool = False
    ) -> None:
        self.screener = screener
        self.codes = codes
        self.all_hits = all_hits

    def check(
        self, query: Query, threshold: float = DEFAULT_THRESHOLD, limit: int | None = None
    ) -> list[Hit]:
        hits = self.screener.check(
            query, threshold=threshold, limit=None if self.codes else limit, all_hits=self.all_hits
        )
        if self.codes is not None:
            hits = [h for h in hits if short_code(h.entry.source).upper() in self.codes]
        return hits[:limit] if limit else hits
