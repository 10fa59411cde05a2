"""Benchmark officer lookup with a large associates file against a full scan.

Links N synthetic people (two per entry, seeded) to entries of the full May 2022
Consolidated Screening List (read from the shared real data, never copied), then
screens bench rows with officers (from ``bench_batch.build_rows``). Prints ms/row
for the officer lookup and the whole check, and, measured in the same run on the
first ``--baseline-rows`` rows, for the lookup it replaced: comparing every officer
with every associate (about 0.4 s a row at 20,000 people). Exit 1 if the two find
different entries on those rows.

    python -m bench.bench_associates                      # 20,000 associates, 1,000 rows
    python -m bench.bench_associates --people 5000 --rows 300 --baseline-rows 50
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.bench_batch import CSL, FIRST, LAST, build_rows


def write_associates(entry_ids: Sequence[str], people: int, seed: int, path: Path) -> None:
    """``people`` rows (entity_id, person, role), two people per sampled entry."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["entity_id", "person", "role"])
        for entry_id in rng.sample(list(entry_ids), people // 2):
            for _ in range(2):
                given = rng.choice(FIRST) + rng.choice("abcdefgh")
                out.writerow(
                    [entry_id, f"{given} {rng.choice(LAST)}{rng.choice('klmnop')}", "director"]
                )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--rows", type=int, default=1_000)
    ap.add_argument(
        "--baseline-rows",
        type=int,
        default=100,
        help="rows for the full-scan baseline and the same-entries check",
    )
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args(argv)
    if not CSL.is_file():
        print(f"shared data not found: {CSL}", file=sys.stderr)
        return 2
    from screen.match.engine import Screener
    from screen.match.persons import SAME_PERSON, normalize_person, person_similarity
    from screen.match.types import Query
    from screen.sources import open_file

    source = open_file(CSL)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "associates.csv"
        write_associates([e.id for e in source.entries], args.people, args.seed, path)
        screener = Screener([source], path)
    rows = build_rows(args.rows, args.seed)
    officers = [tuple(normalize_person(o) for o in r["officers"].split(";") if o) for r in rows]
    links = screener.associates.links

    started = time.process_time()
    fast = [screener.associates.entries_of(o, 0) for o in officers]
    lookup = (time.process_time() - started) / len(rows)
    sample = officers[: args.baseline_rows]
    started = time.process_time()
    scan = [
        {
            ei
            for (_, ei), people in links.items()
            if any(person_similarity(o, p) >= SAME_PERSON for o in offs for p, _ in people)
        }
        for offs in sample
    ]
    full = (time.process_time() - started) / len(sample)
    started = time.process_time()
    for r in rows:
        screener.check(
            Query(
                r["name"],
                (r["address"],),
                r["country"],
                tuple(o for o in r["officers"].split(";") if o),
            )
        )
    check = (time.process_time() - started) / len(rows)

    print(
        f"associates: {args.people:,} people on {len(links):,} entries; rows: {len(rows):,} "
        f"with {sum(map(len, officers)):,} officers"
    )
    print(
        f"officer lookup: {lookup * 1e3:.2f} ms/row; full scan (baseline, {len(sample):,} "
        f"rows): {full * 1e3:.2f} ms/row; {full / lookup:.0f}x faster"
    )
    print(f"whole check with this associates file: {check * 1e3:.2f} ms/row")
    same = fast[: len(sample)] == scan
    print(
        f"same entries found as the full scan on {len(sample):,} rows: "
        f"{'yes' if same else 'NO'} ({sum(map(len, scan)):,} links)"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
