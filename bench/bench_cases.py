"""What the case store and re-screening cost a batch run, as ratios to a plain run.

Screens N bench rows (``bench_batch.build_rows``: ~20% listed-name variants) in-process
against the full May 2022 CSL (read from the shared real data, never copied) four
ways, measured in the same run: plain; with a new case store (every hit a new case);
again with that store (every hit an existing case); and against the 2026 Entity List
``--since`` the 2022 CSL (each row screened against both), next to a plain run
against the 2026 list. Both lists are screened once before timing (warm caches).
Each figure is the best of ``--repeat`` runs (the machine is shared). Prints rows/s,
hits recorded and each ratio to its baseline.

    python -m bench.bench_cases                  # 2,000 rows
    python -m bench.bench_cases --rows 500
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.bench_batch import CSL, REAL, build_rows, write_csv

EL_2026 = REAL / "entity_list" / "bis_entity_list_ecfr_2026-07-09_nsfreg.json"


def _run(path: Path, checker: object, annotator: object | None) -> tuple[float, int]:
    from screen.batch import ColumnSpec, InputReader, make_writer, run_batch
    from screen.cases.annotate import AnnotatingWriter, Annotator

    reader = InputReader(str(path), columns=ColumnSpec())
    writer = make_writer("csv", io.StringIO())
    if isinstance(annotator, Annotator):
        writer = AnnotatingWriter(writer, annotator)
    started = time.perf_counter()
    summary = run_batch(reader, writer, checker, workers=1, chunk_size=500)  # type: ignore[arg-type]
    reader.close()
    return time.perf_counter() - started, summary.rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs of each")
    args = ap.parse_args(argv)
    if not (CSL.is_file() and EL_2026.is_file()):
        print(f"shared data not found under {REAL}", file=sys.stderr)
        return 2
    from screen.cases import CaseStore
    from screen.cases.annotate import Annotator
    from screen.match.engine import Screener
    from screen.sources import open_file

    csl, el = Screener([open_file(CSL)]), Screener([open_file(EL_2026)])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.csv"
        write_csv(build_rows(args.rows, args.seed), path)
        _run(path, csl, None)  # warm the normalizers' caches for both lists first
        _run(path, el, None)
        rows = args.rows
        base = min(_run(path, csl, None)[0] for _ in range(args.repeat))
        new = seen = float("inf")
        for i in range(args.repeat):  # a fresh store each time: every hit a new case
            store = CaseStore(Path(tmp) / f"cases{i}.db")
            first = Annotator(store, id_column="ref")
            new = min(new, _run(path, csl, first)[0])
            again = Annotator(store, id_column="ref")
            seen = min(seen, _run(path, csl, again)[0])
            store.close()
        el_base = min(_run(path, el, None)[0] for _ in range(args.repeat))
        since = min(_run(path, el, Annotator(since=csl))[0] for _ in range(args.repeat))
    print(f"{rows:,} rows against the May 2022 CSL, in-process")
    print(f"  plain                        {rows / base:8,.0f} rows/s")
    print(
        f"  --cases, new store           {rows / new:8,.0f} rows/s  x{new / base:.2f} time  "
        f"({first.tally.cases['new']:,} cases opened)"
    )
    print(
        f"  --cases, existing cases      {rows / seen:8,.0f} rows/s  x{seen / base:.2f} time  "
        f"({again.tally.cases['open']:,} seen again)"
    )
    print("against the 2026 Entity List")
    print(f"  plain                        {rows / el_base:8,.0f} rows/s")
    print(
        f"  --since csl-2022-05          {rows / since:8,.0f} rows/s  x{since / el_base:.2f} "
        "time (each row also screened against the 2022 CSL)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
