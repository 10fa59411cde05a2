"""Benchmark: wall time of whole ``screen`` processes, start to exit.

Run: ``python bench/bench_check.py [CSL_CSV] [--runs N]``. Imports the real 2022 CSL
into a temporary store (and a temporary list-file cache), then prints the median
of N runs (default 20) of each command next to two baselines measured in the same
run: ``python -c pass`` (the interpreter alone) and ``python -c "import pandas"``.
Targets (issue 9): ``check`` <= 0.4 s, ``--help`` / ``--version`` <= 0.15 s.

The warm-up runs (the import and one ``check`` of the file) leave what an installed
tool has after its first run: compiled bytecode (kept in the temporary directory, even
when the caller sets ``PYTHONDONTWRITEBYTECODE``) and the derived word tables
(``screen.match.derived``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "real"
    / "csl"
    / "csl_consolidated_2022-05_watchman.csv"
)
QUERY = "Huawei Technologies Co., Ltd."


def median_wall(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    """Median wall time of ``runs`` runs of ``cmd`` (output discarded; must exit 0)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("csl", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    if not args.csl.is_file():
        sys.exit(f"{args.csl} not found: pass the 2022 CSL CSV as the first argument.")
    py = sys.executable
    screen = [py, "-m", "screen"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SCREEN_LISTS_DIR": f"{tmp}/store", "SCREEN_CACHE_DIR": f"{tmp}/c"}
        # bytecode is cached as in an installed package (pip compiles it at install): a
        # PYTHONDONTWRITEBYTECODE in the caller's environment would make every run compile
        # every module again (0.2 s); the cache lives in the temporary directory
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = f"{tmp}/pyc"
        subprocess.run(
            [*screen, "lists", "import", str(args.csl), "--name", "csl"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        subprocess.run(
            [*screen, "check", QUERY, "--list", str(args.csl)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fills the list-file cache
        cases = [
            ("python -c pass", [py, "-c", "pass"], None),
            ('python -c "import pandas"', [py, "-c", "import pandas"], None),
            ('python -c "import numpy"', [py, "-c", "import numpy"], None),
            ("screen --help", [*screen, "--help"], 0.15),
            ("screen --version", [*screen, "--version"], 0.15),
            (
                f'screen check "{QUERY}" --list <snapshot>',
                [*screen, "check", QUERY, "--list", "csl"],
                0.4,
            ),
            (
                f'screen check "{QUERY}" --list <csv file>',
                [*screen, "check", QUERY, "--list", str(args.csl)],
                0.4,
            ),
        ]
        print(
            f"file: {args.csl.resolve()}; median of {args.runs} runs, wall time; "
            "bytecode and derived word tables cached by the warm-up runs"
        )
        base = None
        for label, cmd, target in cases:
            med = median_wall(cmd, args.runs, env)
            base = base or med
            goal = (
                f"  target <= {target:.2f} s: {'met' if med <= target else 'MISSED'}"
                if target
                else ""
            )
            print(f"{label:<62} {med:6.3f} s  ({med / base:4.1f}x python -c pass){goal}")


if __name__ == "__main__":
    main()
