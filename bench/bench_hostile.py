"""Benchmark: hostile sizes cost about what a normal row costs (issue 11).

Run: ``python -m bench.bench_hostile [LIST_FILE]`` (default: the May 2022 CSL beside the
checkout, else the bundled example list). Prints time and peak Python memory
(tracemalloc) of, each against a normal case measured in the same run:

* a batch of three rows whose middle cell is 10 MB, vs the same rows with a normal name;
* ``Screener.check`` of a 50,000-letter name, vs a normal name;
* building the index of a list file holding one 40,000-letter word, vs the same list
  without it.

Before the caps of ``screen/match/limits.py`` the 50,000-letter name peaked at 2.6 GB,
the 40,000-letter word built a 1.5 GB index and a 2 MB cell hung batch.
"""

from __future__ import annotations

import io
import random
import string
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from screen.batch import InputReader, make_writer, run_batch
from screen.match.engine import Screener
from screen.match.index import ListIndex
from screen.match.types import Query
from screen.sources import ListSource, open_file

ROOT = Path(__file__).resolve().parents[1]
CSL = ROOT / ".." / "shared" / "data" / "real" / "csl" / "csl_consolidated_2022-05_watchman.csv"
EXAMPLE = ROOT / "examples" / "entity_list_sample.csv"
NORMAL = "Huawei Technologies Co Ltd"


def letters(n: int, seed: int) -> str:
    """``n`` random letters: a repeated letter would hide the cost (all of its one-letter
    deletions are the same string)."""
    rng = random.Random(seed)
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(n))


def words(total: int, seed: int) -> str:
    """About ``total`` characters of random 8-letter words."""
    rng = random.Random(seed)
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(total // 9))


def measure(func: Callable[[], Any]) -> tuple[float, float]:
    """(seconds, peak MB of Python allocations) of one call."""
    tracemalloc.start()
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak


def report(label: str, normal: tuple[float, float], hostile: tuple[float, float]) -> None:
    ratio = hostile[0] / normal[0] if normal[0] > 0 else float("inf")
    print(
        f"{label:<42} normal {normal[0] * 1000:8.1f} ms {normal[1]:7.1f} MB | "
        f"hostile {hostile[0] * 1000:8.1f} ms {hostile[1]:7.1f} MB | time x{ratio:5.1f}"
    )


def batch_rows(screener: Screener, name: str) -> None:
    data = f"name,country\nAcme Ltd,GB\n{name},CN\nZzyzx Plumbing,US\n".encode()
    reader = InputReader("-", stdin=io.BytesIO(data))
    run_batch(reader, make_writer("jsonl", io.StringIO()), screener)


def index_with(entries: ListSource, word: str | None) -> None:
    extra = []
    if word is not None:
        from screen.model import Entry

        extra = [Entry(id="hostile", source="bench", name=f"{word} Trading")]
    ListIndex.build([*entries.entries, *extra])


def main() -> None:
    """Run the benchmark and print the figures."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else (CSL if CSL.is_file() else EXAMPLE)
    source = open_file(path)
    screener = Screener([source])
    print(f"list: {path.resolve()} ({len(source.entries)} entries)")
    screener.check(Query(NORMAL))  # warm caches
    long_name, long_word = letters(50_000, 2), letters(40_000, 3)
    big_cell = words(10_000_000, 1)
    report(
        "batch, 3 rows, middle cell 10 MB",
        measure(lambda: batch_rows(screener, NORMAL)),
        measure(lambda: batch_rows(screener, big_cell)),
    )
    report(
        "check, 10 MB name (matching only)",
        measure(lambda: screener.check(Query(NORMAL + " Co"))),
        measure(lambda: screener.check(Query(big_cell + "x"))),
    )
    report(
        "check, 50,000-letter name",
        measure(lambda: screener.check(Query(NORMAL + " Ltd"))),
        measure(lambda: screener.check(Query(long_name))),
    )
    report(
        "index build, list + one 40,000-letter word",
        measure(lambda: index_with(source, None)),
        measure(lambda: index_with(source, long_word)),
    )


if __name__ == "__main__":
    main()
