"""A progress bar on stderr for ``screen lists import`` / ``update`` (terminal only)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

#: The phases of an import, in order, as :meth:`screen.store.Store.add` reports them.
PHASES = (
    "reading",
    "parsing",
    "writing entries",
    "normalizing names and addresses",
    "writing the index",
)


class ImportProgress:
    """One bar over the import's phases; ``step(phase)`` as each phase starts.

    A no-op unless ``enabled`` (the CLI enables it when stderr is a terminal).
    """

    def __init__(self, label: str, enabled: bool, console: Console | None = None) -> None:
        self.label = label
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if enabled:
            self._progress = Progress(
                TextColumn(f"Importing {label}"),
                BarColumn(),
                TextColumn("{task.fields[phase]}"),
                TimeElapsedColumn(),
                console=console or Console(stderr=True),
                transient=True,
            )

    def __enter__(self) -> ImportProgress:
        if self._progress is not None:
            self._progress.start()
            self._task = self._progress.add_task("import", total=len(PHASES), phase="")
        return self

    def step(self, phase: str) -> None:
        """Phase ``phase`` (one of PHASES) starts now."""
        if self._progress is not None and self._task is not None:
            done = PHASES.index(phase) if phase in PHASES else 0
            self._progress.update(self._task, completed=done, phase=phase)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
