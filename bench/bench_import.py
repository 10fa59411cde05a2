"""Benchmark: import the full 2022 CSL into a temp store, reopen it, compare to pandas.

Run: ``python bench/bench_import.py [CSL_CSV]``. The baseline is a plain
``pandas.read_csv`` of the same file, measured in the same run. Prints the import
time with a breakdown by phase (target, issue 9: <= 3 s), then the time to open the
snapshot ready to screen (entries read lazily, index memory-mapped). A large list is
normalized and indexed in two processes when a second CPU is idle (the 1-minute load
average, see ``screen.match.forked.can_fork``): the line before the figures says which.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from screen.store import Store

DEFAULT = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "real"
    / "csl"
    / "csl_consolidated_2022-05_watchman.csv"
)
TARGET = 3.0


def timed(func: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


class Phases:
    """Wall time of each phase an import reports."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float]] = []

    def __call__(self, phase: str) -> None:
        self.marks.append((phase, time.perf_counter()))

    def lines(self, end: float) -> list[str]:
        ends = [t for _, t in self.marks[1:]] + [end]
        return [
            f"  {name:<33} {stop - start:7.3f} s"
            for (name, start), stop in zip(self.marks, ends, strict=True)
        ]


def _processes() -> str:
    """How many processes the import will normalize and index in, and why."""
    from screen.match.forked import can_fork

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    n = 2 if can_fork() else 1
    return f"load average {load:.2f}: the index is built in {n} process{'es' * (n > 1)}"


def main() -> None:
    """Run the benchmark and print the figures."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.is_file():
        sys.exit(f"{path} not found: pass the 2022 CSL CSV as the first argument.")
    base, frame = timed(lambda: pd.read_csv(path, dtype=str, keep_default_na=False))
    print(f"file: {path.resolve()} ({len(frame)} rows)")
    print(f"baseline pandas.read_csv:          {base:7.3f} s")
    print(_processes())
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        phases = Phases()
        start = time.perf_counter()
        meta = store.import_file(path, name="bench", progress=phases)
        end = time.perf_counter()
        imported = end - start
        verdict = "met" if imported <= TARGET else "MISSED"
        print(
            f"Store.import_file:                 {imported:7.3f} s  ({imported / base:5.1f}x)"
            f"  {meta.entry_count} entries; target <= {TARGET:.1f} s: {verdict}"
        )
        print("\n".join(phases.lines(end)))
        reopen, entries = timed(lambda: store.entries("bench"))
        print(
            f"Store.entries (all, parsed):       {reopen:7.3f} s  ({reopen / base:5.1f}x)"
            f"  {len(entries)} entries"
        )
        from screen.match.index import load_or_build
        from screen.sources import open_snapshot

        def ready() -> Any:
            source = open_snapshot(Path(tmp), "bench")
            return load_or_build(source.entries, source.cache_dir)

        opened, _ = timed(ready)
        print(f"open snapshot + load index:        {opened:7.3f} s  ({opened / base:5.1f}x)")


if __name__ == "__main__":
    main()
