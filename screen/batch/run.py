"""Tie reader, runner and writer together; count what happened for the summary."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from itertools import chain

from screen.batch.reader import InputReader, Row
from screen.batch.runner import Checker, screen_chunks
from screen.batch.writers import Result, Writer
from screen.match.types import DEFAULT_THRESHOLD, TIERS, tier_rank

#: Warnings printed in the summary; the rest are counted.
MAX_WARNINGS_SHOWN = 5


@dataclass
class Summary:
    """Rows read, rows whose strongest hit reached each tier, rows with errors, time."""

    rows: int = 0
    by_tier: dict[str, int] = field(default_factory=lambda: {name: 0 for name, _ in TIERS})
    errors: int = 0
    seconds: float = 0.0
    #: Rows read with a warning (a stray quote kept as text), and the first few of them.
    warnings: int = 0
    warning_samples: list[str] = field(default_factory=list)

    def add(self, results: list[Result]) -> None:
        """Count one chunk of results."""
        self.rows += len(results)
        for result in results:
            if result.error:
                self.errors += 1
            if result.row.warning:
                self.warnings += 1
                if len(self.warning_samples) < MAX_WARNINGS_SHOWN:
                    self.warning_samples.append(result.row.warning)
            if result.hits:
                best = min(result.hits, key=lambda h: tier_rank(h.tier)).tier
                self.by_tier[best] = self.by_tier.get(best, 0) + 1

    @property
    def rows_with_hits(self) -> int:
        """Rows with at least one hit."""
        return sum(self.by_tier.values())

    def reached(self, tier: str) -> bool:
        """Whether any row has a hit in ``tier`` or a stronger one."""
        limit = tier_rank(tier)
        return any(n and tier_rank(name) <= limit for name, n in self.by_tier.items())

    def text(self) -> str:
        """The one-paragraph summary printed on stderr."""
        rate = self.rows / self.seconds if self.seconds > 0 else 0.0
        tiers = ", ".join(f"{name} {n}" for name, n in self.by_tier.items())
        lines = [f"Warning: {w}" for w in self.warning_samples]
        if self.warnings > len(self.warning_samples):
            lines.append(
                f"Warning: ... and {self.warnings - len(self.warning_samples)} more "
                "rows with a warning."
            )
        lines += [
            f"Screened {self.rows:,} rows in {self.seconds:.1f} s ({rate:,.0f} rows/s): "
            f"{self.rows_with_hits} with hits ({tiers}), {self.errors} with errors."
        ]
        if self.errors:
            rows = "1 row was" if self.errors == 1 else f"{self.errors} rows were"
            lines.append(
                f"Warning: {rows} NOT screened (see the error column/field for "
                "the line and reason)."
            )
        return "\n".join(lines)


ProgressFn = Callable[[int, int], None]


def run_batch(
    reader: InputReader,
    writer: Writer,
    screener: Checker,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
    workers: int = 1,
    chunk_size: int = 1000,
    progress: ProgressFn | None = None,
    on_columns: Callable[[], None] | None = None,
) -> Summary:
    """Screen every row of ``reader`` and write results in input order; the summary.

    ``progress(rows_done, bytes_read)`` is called after each chunk; ``on_columns()``
    once the columns are known (after the first chunk is read).
    """
    started = time.perf_counter()
    summary = Summary()
    chunks = reader.chunks(chunk_size)
    first = next(chunks, [])
    writer.begin(reader.columns)  # columns are known once the first chunk is read
    if on_columns:
        on_columns()
    second = next(chunks, []) if first else []
    if not second:
        workers = 1  # one chunk: forking a pool would cost more than it saves
    source: Iterator[list[Row]] = chain([c for c in (first, second) if c], chunks)
    results: Generator[list[Result], None, None] = screen_chunks(
        source, screener, threshold=threshold, limit=limit, workers=workers
    )
    with contextlib.closing(results):
        for chunk in results:
            writer.write(chunk)
            summary.add(chunk)
            if progress:
                progress(summary.rows, reader.bytes_read)
    writer.end()
    summary.seconds = time.perf_counter() - started
    return summary
