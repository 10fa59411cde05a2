"""Benchmark screening on Spark (local[1], local[2]) against ``screen batch --workers 1/2``.

Builds N counterparty rows as ``bench/bench_batch.py`` does (seeded, from the shared
real data, never copied into the repo), stores the May 2022 CSL as a snapshot in a
temporary store, then, in the same run:

* screens the rows with the batch runner (what ``screen batch`` runs) on 1 and 2
  workers;
* for each Spark master, in a fresh process (its own JVM): starts Spark, screens
  100 rows (the start-up cost: session, shipping the lists, starting the Python
  workers and opening the lists in them), then reads the N rows as CSV,
  screens them with ``screen_spark`` on 3 partitions per core and writes Parquet,
  sampling the memory of the JVM and of the Python workers meanwhile;
* checks that Spark's (row, entity_id, score, tier, reasons) equal batch's.

    nice python -m bench.bench_spark               # 200,000 rows
    nice python -m bench.bench_spark --rows 20000
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MASTERS = ("local[1]", "local[2]")
WARMUP_ROWS = 100


def _descendants(pid: int) -> list[int]:
    """All processes below ``pid`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _rss_mb(pid: int) -> tuple[str, float]:
    """(kind, resident MB) of a process: 'jvm', 'python' or 'other'."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode()
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                kind = "jvm" if cmd.endswith("java") else "python" if "python" in cmd else "other"
                return kind, int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        pass
    return "other", 0.0


class MemorySampler(threading.Thread):
    """Peak RSS of the JVM, of the largest Python worker, and of all of them together."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = {"jvm": 0.0, "worker": 0.0, "total": 0.0}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            sizes = [_rss_mb(p) for p in _descendants(os.getpid())]
            jvm = sum(mb for kind, mb in sizes if kind == "jvm")
            workers = [mb for kind, mb in sizes if kind == "python"]
            self.peak["jvm"] = max(self.peak["jvm"], jvm)
            self.peak["worker"] = max(self.peak["worker"], max(workers, default=0.0))
            self.peak["total"] = max(self.peak["total"], jvm + sum(workers))


def spark_run(master: str, parties: Path, store: Path, snapshot: str, out: Path) -> dict[str, Any]:
    """One master, in this (fresh) process: start-up, then the timed run; the figures."""
    import warnings

    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from screen.spark import screen_spark

    started = time.perf_counter()
    spark = (
        SparkSession.builder.master(master)
        .appName("bench_spark")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.log.level", "ERROR")
        .getOrCreate()
    )
    session_s = time.perf_counter() - started
    df = spark.read.csv(str(parties), header=True, multiLine=True, escape='"')
    cores = spark.sparkContext.defaultParallelism
    screen_spark(df.limit(WARMUP_ROWS), [snapshot], store_dir=store).count()
    startup_s = time.perf_counter() - started
    rows = df.count()
    sampler = MemorySampler()
    sampler.start()
    timed = time.perf_counter()
    screened = screen_spark(df.repartition(3 * cores), [snapshot], store_dir=store)
    screened.write.parquet(str(out))
    seconds = time.perf_counter() - timed
    sampler.stop.set()
    sampler.join()
    spark.stop()
    return {
        "master": master,
        "cores": cores,
        "rows": rows,
        "seconds": seconds,
        "session_s": session_s,
        "startup_s": startup_s,
        "memory_mb": sampler.peak,
    }


def batch_run(screener: Any, parties: Path, workers: int, out: Path) -> float:
    """Seconds for the batch runner (``screen batch``) to screen the file into CSV."""
    sys.path.insert(0, str(ROOT))
    from bench.bench_batch import run

    _, seconds, _ = run(screener, parties, "csv", workers, 1000, out)
    return seconds


def _keys_csv(path: Path) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as f:
        return sorted(
            (
                r["ref"],
                r["hit_rank"],
                r["entity_id"],
                f"{float(r['score']):g}" if r["score"] else "",
                r["tier"],
                r["reasons"],
            )
            for r in csv.DictReader(f)
        )


def _keys_parquet(path: Path) -> list[tuple[str, ...]]:
    import pandas as pd

    df = pd.read_parquet(path)
    rank = [str(int(v)) if pd.notna(v) else "" for v in df["hit_rank"]]
    score = [f"{v:g}" if pd.notna(v) else "" for v in df["score"]]
    cols = [df[c].fillna("").tolist() for c in ("entity_id", "tier", "reasons")]
    return sorted(zip(df["ref"], rank, cols[0], score, cols[1], cols[2], strict=True))


def _args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--rows", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=20220516)
    p.add_argument(
        "--spark-only",
        nargs=5,
        metavar=("MASTER", "CSV", "STORE", "NAME", "OUT"),
        help=argparse.SUPPRESS,
    )
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the figures; exit 1 if Spark and batch results differ."""
    args = _args(argv)
    if args.spark_only:
        master, parties, store, name, out = args.spark_only
        print(json.dumps(spark_run(master, Path(parties), Path(store), name, Path(out))))
        return 0
    sys.path.insert(0, str(ROOT))
    from bench.bench_batch import CSL, build_rows, write_csv
    from screen import open_screener
    from screen.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_csv(build_rows(args.rows, args.seed), work / "parties.csv")
        name = Store(work / "lists").import_file(CSL, name="csl-2022-05").name
        started = time.perf_counter()
        screener = open_screener([name], store_dir=work / "lists")
        load_s = time.perf_counter() - started
        batch = {
            w: batch_run(screener, work / "parties.csv", w, work / f"batch{w}.csv") for w in (1, 2)
        }
        spark = [_spark(m, work, name) for m in MASTERS]
        same = _keys_csv(work / "batch2.csv") == _keys_parquet(work / "spark-local[2]")
    _report(args.rows, load_s, batch, spark, same)
    return 0 if same else 1


def _spark(master: str, work: Path, name: str) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "bench.bench_spark",
        "--spark-only",
        master,
        str(work / "parties.csv"),
        str(work / "lists"),
        name,
        str(work / f"spark-{master}"),
    ]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _report(
    rows: int, load_s: float, batch: dict[int, float], spark: list[dict[str, Any]], same: bool
) -> None:
    print(f"rows: {rows:,}; list: May 2022 CSL snapshot (open + index {load_s:.1f} s)")
    for workers, seconds in batch.items():
        rate = rows / seconds
        print(
            f"screen batch --workers {workers}: {seconds:.1f} s = {rate:,.0f} rows/s "
            f"({rate / workers:,.0f} per core)"
        )
    base = {1: rows / batch[1], 2: rows / batch[2]}
    for run in spark:
        rate = run["rows"] / run["seconds"]
        mem = run["memory_mb"]
        print(
            f"spark {run['master']}: {run['seconds']:.1f} s = {rate:,.0f} rows/s "
            f"({rate / run['cores']:,.0f} per core; {rate / base[run['cores']]:.2f}x batch "
            f"--workers {run['cores']}); start-up {run['startup_s']:.1f} s (session "
            f"{run['session_s']:.1f} s, then lists shipped and opened, "
            f"{WARMUP_ROWS} rows); peak memory JVM {mem['jvm']:,.0f} MB, largest Python "
            f"worker {mem['worker']:,.0f} MB, all {mem['total']:,.0f} MB"
        )
    print(
        f"identical (row, rank, entity_id, score, tier, reasons), spark local[2] vs "
        f"batch: {'yes' if same else 'NO'}"
    )


if __name__ == "__main__":
    sys.exit(main())
