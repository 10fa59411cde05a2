"""A progress bar on stderr for long runs (only when stderr is a terminal)."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)


class BatchProgress:
    """Rows done and rows/s; a bar and ETA when the input's size is known (a file).

    ``update(rows, bytes_read)`` after each chunk. Disabled (a no-op) unless
    ``enabled``; the CLI enables it only when stderr is a TTY.
    """

    def __init__(self, total_bytes: int | None, enabled: bool) -> None:
        self.enabled = enabled
        self.total = total_bytes
        self.started = time.perf_counter()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        return self

    def _start(self) -> None:
        """Start on the first update: after any worker pool has forked, so no child
        inherits the refresh thread's locks."""
        if self.enabled:
            columns: list[ProgressColumn] = [
                TextColumn("Screening"),
                TextColumn("{task.fields[rows]:,} rows"),
                TextColumn("{task.fields[rate]:,.0f} rows/s"),
            ]
            if self.total:
                columns[1:1] = [BarColumn(), TextColumn("{task.percentage:>3.0f}%")]
                columns.append(TimeRemainingColumn())
            self._progress = Progress(
                *columns,
                console=Console(stderr=True),
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._progress.start()
            self._task = self._progress.add_task(
                "batch", total=self.total or None, rows=0, rate=0.0
            )
        self.enabled = False

    def update(self, rows: int, bytes_read: int) -> None:
        """Record progress: rows screened so far, input bytes consumed so far."""
        if self.enabled:
            self._start()
        if self._progress is None or self._task is None:
            return
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        self._progress.update(
            self._task, completed=bytes_read if self.total else None, rows=rows, rate=rows / elapsed
        )

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
