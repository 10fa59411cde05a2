"""Benchmark ``screen batch`` against the full May 2022 Consolidated Screening List.

Builds N counterparty rows deterministically (seeded) from the shared real data
(never copied into the repo): Entity List names and aliases with variants (case
changes, dropped legal forms, typos, word swaps), names from other lists (2026
nsfreg lists, OFAC SDN entities), and generated clean companies, addresses and
officers. Screens them with the batch runner and prints rows/s, peak memory, a
brute-force rapidfuzz baseline measured in the same run, and whether results are
identical across worker counts and chunk sizes.

    python bench/bench_batch.py                 # 100,000 rows, all cores
    python bench/bench_batch.py --rows 5000 --baseline-rows 300

Target: >= 2,000 rows/s on 2 cores, peak memory < 1.5 GB.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "real"
CSL = REAL / "csl" / "csl_consolidated_2022-05_watchman.csv"

LEGAL_FORMS = (
    "Co., Ltd.",
    "Co. Ltd",
    "Ltd.",
    "Limited",
    "LLC",
    "Inc.",
    "Corp.",
    "GmbH",
    "AG",
    "JSC",
    "OOO",
    "S.A.",
    "B.V.",
    "Pte. Ltd.",
    "LLP",
    "PLC",
)
WORDS = (
    "Global",
    "Northern",
    "Pacific",
    "Blue",
    "Summit",
    "United",
    "Allied",
    "Vertex",
    "Harbor",
    "Silver",
    "Green",
    "Prime",
    "Eastern",
    "Coastal",
    "Alpine",
    "Metro",
    "Delta",
    "Apex",
    "Sterling",
    "Crescent",
    "Riverside",
    "Golden",
    "Evergreen",
    "Keystone",
)
TRADES = (
    "Trading",
    "Logistics",
    "Electronics",
    "Machinery",
    "Components",
    "Foods",
    "Textiles",
    "Software",
    "Instruments",
    "Chemicals",
    "Plastics",
    "Shipping",
    "Optics",
    "Semiconductors",
    "Holdings",
    "Industries",
    "Supply",
    "Engineering",
    "Pharma",
)
STREETS = (
    "Main St",
    "High Street",
    "Harbor Blvd",
    "Industrial Rd",
    "Market St",
    "Station Rd",
    "Park Avenue",
    "Mill Lane",
    "Lake Road",
    "Science Park Rd",
    "Hauptstrasse",
)
CITIES = (
    ("Leeds", "GB"),
    ("Hamburg", "DE"),
    ("Houston", "US"),
    ("Shenzhen", "CN"),
    ("Osaka", "JP"),
    ("Rotterdam", "NL"),
    ("Singapore", "SG"),
    ("Dubai", "AE"),
    ("Moscow", "RU"),
    ("Tianjin", "CN"),
    ("Seoul", "KR"),
    ("Mumbai", "IN"),
)
FIRST = (
    "Wei",
    "Anna",
    "John",
    "Olga",
    "Li",
    "Maria",
    "Ahmed",
    "Hiroshi",
    "Elena",
    "David",
    "Jun",
    "Sara",
    "Ivan",
    "Fatima",
    "Peter",
    "Mei",
)
LAST = (
    "Zhang",
    "Smith",
    "Ivanov",
    "Wang",
    "Garcia",
    "Khan",
    "Tanaka",
    "Muller",
    "Chen",
    "Petrov",
    "Brown",
    "Liu",
    "Novak",
    "Silva",
    "Kim",
    "Rossi",
)


def _listed(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, first address) of Entity List rows + aliases; and of the other CSL rows."""
    el: list[tuple[str, str]] = []
    rest: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            address = (row.get("addresses") or "").split(";")[0].strip()
            names = [row["name"], *[a for a in (row.get("alt_names") or "").split(";") if a]]
            target = el if row["source"].startswith("Entity List") else rest
            target.extend((n.strip(), address) for n in names if n.strip())
    return el, rest


def _other_names() -> list[str]:
    names: list[str] = []
    for path in sorted((REAL / "other_lists_2026-07").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for e in data.get("entities", []) if isinstance(data, dict) else []:
            names.extend(n for n in [e.get("name"), *(e.get("aliases") or [])] if n)
    with (REAL / "ofac" / "sdn_2021-07" / "sdn.csv").open(encoding="utf-8", errors="replace") as f:
        names.extend(r[1] for r in csv.reader(f) if len(r) > 2 and r[2].strip() == "-0-")
    return names


def _variant(rng: random.Random, name: str) -> str:
    kind = rng.choice(("exact", "case", "legal", "typo", "swap", "typo"))
    if kind == "case":
        return rng.choice((name.upper(), name.lower(), name.title()))
    if kind == "legal":
        for form in sorted(LEGAL_FORMS, key=len, reverse=True):
            if name.endswith(form):
                return name[: -len(form)].rstrip(" ,")
        return f"{name} {rng.choice(LEGAL_FORMS)}"
    if kind == "typo" and len(name) > 4:
        i = rng.randrange(1, len(name) - 1)
        op = rng.randrange(3)
        if op == 0:
            return name[:i] + name[i + 1 :]
        if op == 1:
            return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        return name[:i] + rng.choice("aeiourstn") + name[i + 1 :]
    words = name.split()
    if kind == "swap" and len(words) > 2:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
        return " ".join(words)
    return name


def _address(rng: random.Random) -> tuple[str, str]:
    city, country = rng.choice(CITIES)
    return f"{rng.randrange(1, 999)} {rng.choice(STREETS)}, {city}", country


def build_rows(n: int, seed: int) -> list[dict[str, str]]:
    """N counterparty rows: ~10% Entity List variants, ~10% other lists, ~80% clean."""
    rng = random.Random(seed)
    el, rest = _listed(CSL)
    others = _other_names() + [name for name, _ in rest]
    rows = []
    for i in range(n):
        pick = rng.random()
        address, country = _address(rng)
        if pick < 0.10:
            name, listed_address = rng.choice(el)
            name = _variant(rng, name)
            if listed_address and rng.random() < 0.5:
                address, country = listed_address, listed_address.rsplit(",", 1)[-1].strip()
        elif pick < 0.20:
            name = _variant(rng, rng.choice(others))
        else:
            name = f"{rng.choice(WORDS)} {rng.choice(TRADES)} {rng.choice(LEGAL_FORMS)}"
        officers = ";".join(
            f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.choice((0, 0, 1, 2, 3)))
        )
        rows.append(
            {
                "name": name,
                "address": address,
                "country": country,
                "officers": officers,
                "ref": f"R{i:07d}",
            }
        )
    return rows


def write_csv(rows: Sequence[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def run(
    screener: object, path: Path, fmt: str, workers: int, chunk: int, out: Path | None = None
) -> tuple[str, float, int]:
    """Screen a file with the batch runner: (output text if not to a file, seconds, rows)."""
    from screen.batch import InputReader, make_writer, run_batch

    reader = InputReader(path)
    buffer = io.StringIO()
    with out.open("w", encoding="utf-8", newline="") if out else buffer as target:
        summary = run_batch(
            reader,
            make_writer(fmt, target),
            screener,  # type: ignore[arg-type]
            workers=workers,
            chunk_size=chunk,
        )
        text = "" if out else buffer.getvalue()
    reader.close()
    return text, summary.seconds, summary.rows


def baseline(queries: Sequence[str], names: Sequence[str]) -> float:
    """Brute force rows/s: rapidfuzz cdist (WRatio, all cores) of queries x all names."""
    import numpy as np
    from rapidfuzz import fuzz, process, utils

    started = time.perf_counter()
    for i in range(0, len(queries), 250):  # blocks keep the score matrix small
        process.cdist(
            queries[i : i + 250],
            names,
            scorer=fuzz.WRatio,
            dtype=np.uint8,
            processor=utils.default_process,
            score_cutoff=50,
            workers=-1,
        )
    return len(queries) / (time.perf_counter() - started)


def peak_mb() -> tuple[float, float]:
    """Peak RSS (MB) of this process and of the largest child (Linux: ru_maxrss in KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def _args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--rows", type=int, default=100_000, help="counterparty rows to screen")
    p.add_argument("--seed", type=int, default=20220516)
    p.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    p.add_argument("--chunk-size", type=int, default=1000)
    p.add_argument(
        "--baseline-rows", type=int, default=2000, help="rows for the brute-force baseline"
    )
    p.add_argument(
        "--check-rows", type=int, default=2000, help="rows for the identical-results check"
    )
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the figures; exit 1 if results differ across workers."""
    args = _args(argv)
    if not CSL.is_file():
        print(f"shared data not found: {CSL}", file=sys.stderr)
        return 2
    from screen.match.engine import Screener
    from screen.sources import open_file

    rows = build_rows(args.rows, args.seed)
    workers2 = 1 if args.workers > 1 else 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_csv(rows, work / "parties.csv")
        write_csv(rows[: args.check_rows], work / "check.csv")
        started = time.perf_counter()
        source = open_file(CSL)
        screener = Screener([source])
        load_s = time.perf_counter() - started
        _, seconds, n = run(
            screener, work / "parties.csv", "csv", args.workers, args.chunk_size, work / "out.csv"
        )
        out_mb = (work / "out.csv").stat().st_size / 1e6
        own, child = peak_mb()
        one, _, _ = run(screener, work / "check.csv", "jsonl", args.workers, args.chunk_size)
        two, _, _ = run(screener, work / "check.csv", "jsonl", workers2, 97)
    names = [n for e in source.entries for n in (e.name, *e.alt_names)]
    queries = [r["name"] for r in rows[: args.baseline_rows]]
    brute = baseline(queries, names)
    rate = n / seconds
    print(
        f"list: {len(source.entries):,} entries, {len(names):,} names+aliases; "
        f"load+index {load_s:.1f} s"
    )
    print(
        f"rows: {n:,} screened in {seconds:.1f} s = {rate:,.0f} rows/s "
        f"(workers {args.workers}, chunk {args.chunk_size}; output {out_mb:.1f} MB csv)"
    )
    total = own + child * max(args.workers, 1)
    print(
        f"peak memory (ru_maxrss): parent {own:,.0f} MB, largest worker {child:,.0f} MB; "
        f"total <= {total:,.0f} MB (upper bound: workers share the lists copy-on-write)"
    )
    print(
        f"brute force (rapidfuzz cdist WRatio, workers=-1, {len(queries):,} rows): "
        f"{brute:,.0f} rows/s; batch is {rate / brute:.1f}x faster"
    )
    print(
        f"identical results, workers {args.workers}/chunk {args.chunk_size} vs workers "
        f"{workers2}/chunk 97 on {min(args.check_rows, n):,} rows: "
        f"{'yes' if one == two else 'NO'}"
    )
    return 0 if one == two else 1


if __name__ == "__main__":
    sys.exit(main())
