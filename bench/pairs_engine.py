"""Recall of the whole engine on the calibration pairs' positive kinds (seeded).

``bench/calibrate.py`` scores each pair with the name feature alone; this screens each
positive pair's query with ``Screener.check`` (every reading of the name: localities,
legal-form repairs, legal-form typos at a name's edge) against the 2022 CSL and the 2026
Entity List together, at default settings, and counts the pairs whose listed name is
among the hits (as the entry's name or one of its aliases).

    python -m bench.pairs_engine [--cache /tmp/pairs.csv] [--kinds variant:typo_short ...]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pairs import load_pairs
from bench.quality_cases import CSL_2022, EL_2026, load_entries, require_data
from screen.match.engine import Screener
from screen.match.types import Query
from screen.sources import ListSource

#: The kinds screened unless ``--kinds`` names others.
KINDS = ("variant:typo_short", "variant:typo", "variant:join_words", "variant:legal_form")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--cache", type=Path, default=None, help="pairs CSV to reuse")
    ap.add_argument("--kinds", nargs="+", default=list(KINDS))
    args = ap.parse_args(argv)
    require_data(CSL_2022, EL_2026)
    train, heldout = load_pairs(args.seed, cache=args.cache)
    entries = [*load_entries(CSL_2022), *load_entries(EL_2026)]
    screener = Screener([ListSource("csl2022+el2026", entries)])
    for kind in args.kinds:
        pairs = [p for p in (*train, *heldout) if p.kind == kind and p.label == 1]
        found = sum(
            any(p.listed_text in (h.entry.name, *h.entry.alt_names) for h in hits)
            for p in pairs
            for hits in [screener.check(Query(p.query_text))]
        )
        share = found / len(pairs) if pairs else 0.0
        print(f"   {kind:24s} {found:4d} / {len(pairs):4d} found  ({share:6.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
