"""Benchmark: import the full 2022 CSL into a temp store, reopen it, compare to pandas.

Run: ``/tmp/venv/bin/python bench/bench_import.py [CSL_CSV]``. The baseline is a plain
``pandas.read_csv`` of the same file, measured in the same run.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from screen.store import Store

DEFAULT = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "real" / "csl"
           / "csl_consolidated_2022-05_watchman.csv")


def timed(func: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best wall time of ``repeat`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    """Run the benchmark and print the figures."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    base, frame = timed(lambda: pd.read_csv(path, dtype=str, keep_default_na=False))
    print(f"file: {path.resolve()} ({len(frame)} rows)")
    print(f"baseline pandas.read_csv:          {base:7.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        start = time.perf_counter()
        meta = store.import_file(path, name="bench")
        imported = time.perf_counter() - start
        print(f"Store.import_file:                 {imported:7.3f} s  ({imported / base:5.1f}x)"
              f"  {meta.entry_count} entries")
        reopen, entries = timed(lambda: store.entries("bench"))
        print(f"Store.entries (reopen):            {reopen:7.3f} s  ({reopen / base:5.1f}x)"
              f"  {len(entries)} entries")
        try:
            from screen.sources import open_snapshot
        except ImportError:
            print("screen.sources.open_snapshot: not available")
            return
        ready, _ = timed(lambda: open_snapshot(Path(tmp), "bench"))
        print(f"open_snapshot (ready to screen):   {ready:7.3f} s  ({ready / base:5.1f}x)")


if __name__ == "__main__":
    main()
