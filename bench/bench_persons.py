"""person_name_match against person_similarity on the real 2022 CSL individuals.

Positives: an individual's listed name and each of its listed aliases (seeded sample).
Negatives: two different individuals whose names share a name part (seeded sample).
Prints, per function and threshold, the share of aliases matched and of negatives
matched. Reads the shared real data in place; exits with a message when absent.

    python -m bench.bench_persons            # 3,000 positives, 3,000 negatives, seed 7
"""

from __future__ import annotations

import csv
import random
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from screen.match.persons import normalize_person, person_name_match, person_similarity

CSL = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "real" / "csl"
PATH = CSL / "csl_consolidated_2022-05_watchman.csv"


def pairs(n: int, seed: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(alias pairs, pairs of other people sharing a name part), n of each."""
    with PATH.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["type"].lower() == "individual"]
    rng = random.Random(seed)
    pos = [
        (r["name"], a.strip())
        for r in rows
        for a in r["alt_names"].split(";")
        if a.strip() and a.strip().lower() != r["name"].lower()
    ]
    by_part: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        for part in set(normalize_person(r["name"]).raw):
            by_part[part].append(r["name"])
    names = [r["name"] for r in rows if normalize_person(r["name"]).raw]
    neg: list[tuple[str, str]] = []
    while len(neg) < n:
        a = rng.choice(names)
        b = rng.choice(by_part[rng.choice(normalize_person(a).raw)])
        if b != a:
            neg.append((a, b))
    return rng.sample(pos, min(n, len(pos))), neg


def main() -> None:
    if not PATH.is_file():
        sys.exit(f"shared real data not found at {PATH}")
    pos, neg = pairs(3000, 7)
    functions: dict[str, Callable[[str, str], float]] = {
        "person_name_match": lambda a, b: person_name_match(
            normalize_person(a), normalize_person(b)
        )[0],
        "person_similarity": lambda a, b: person_similarity(
            normalize_person(a), normalize_person(b)
        ),
    }
    for name, f in functions.items():
        for threshold in (0.5, 0.8):
            tp = sum(f(a, b) >= threshold for a, b in pos)
            fp = sum(f(a, b) >= threshold for a, b in neg)
            print(
                f"{name:18} >= {threshold}: aliases {tp}/{len(pos)} = {tp / len(pos):.3f};"
                f" other people sharing a name part {fp}/{len(neg)} = {fp / len(neg):.3f}"
            )


if __name__ == "__main__":
    main()
