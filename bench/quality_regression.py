"""Regression category: every real case named in issue 8, each with its expected outcome,
screened by ``Screener.check`` at default settings against the real lists (2022 CSL,
2026 Entity List), plus the same expectations on hand-made lists
(``bench/regression_cases.py``). Each case prints PASS/FAIL with the observed top hits.

    python -m bench.quality_regression              # real lists (needs ../shared)
    python -m bench.quality_regression --handmade   # hand-made lists only
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` and `screen` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.quality_cases import DataMissing
from bench.regression_cases import CASES as HANDMADE
from screen.model import Address, Entry

#: Tiers strongest first, as ``Hit.tier`` writes them.
TIER_ORDER = ("match", "strong link", "review")
Check = Callable[[dict[str, Any]], list[Any]]


def at_least(tier: str | None, floor: str) -> bool:
    """``tier`` is ``floor`` or stronger (None: no hit)."""
    return tier is not None and TIER_ORDER.index(tier) <= TIER_ORDER.index(floor)


def entries_of(rows: Sequence[dict[str, Any]]) -> list[Entry]:
    """Entries from hand-made list rows."""
    return [
        Entry(
            id=r["id"],
            source=r.get("source", ""),
            name=r["name"],
            type=r.get("type", ""),
            alt_names=tuple(r.get("alt_names", ())),
            addresses=tuple(Address(full=a) for a in r.get("addresses", ())),
            countries=tuple(r.get("countries", ())),
        )
        for r in rows
    ]


def write_id_associates(rows: Sequence[tuple[str, str, str, str]], path: Path) -> Path:
    """An associates CSV naming entries by id and name (the id survives a loader that
    rewrites listed names, e.g. splitting a locality or acronym out of them)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["entity_id", "entity_name", "person", "role"])
        w.writerows(rows)
    return path


def screener(
    entries: Sequence[Entry],
    associates: Sequence[tuple[str, str, str, str]],
    tmp: Path,
    tag: str = "list",
) -> Any:
    from screen.match.engine import Screener
    from screen.sources import ListSource

    path = write_id_associates(associates, tmp / f"associates-{tag}.csv") if associates else None
    return Screener([ListSource(tag, list(entries))], path)


def query(q: dict[str, Any]) -> Any:
    from screen.match.types import Query

    return Query(
        q["name"], tuple(q.get("addresses", ())), q.get("country", ""), tuple(q.get("officers", ()))
    )


def checker(s: Any) -> Check:
    """Query dict -> hits of ``s.check`` at default settings."""

    def check(q: dict[str, Any]) -> list[Any]:
        return list(s.check(query(q)))

    return check


@dataclass(frozen=True)
class Outcome:
    case_id: str
    ok: bool
    observed: str  # the top hits, or what went wrong


def _targets(hits: Sequence[Any], expect: dict[str, Any]) -> list[tuple[int, Any]]:
    """(1-based rank, hit) of the hits on the expected entry (by id, or name regex)."""
    if expect.get("entity_name"):
        pat = re.compile(expect["entity_name"], re.IGNORECASE)
        return [
            (i, h)
            for i, h in enumerate(hits, 1)
            if any(pat.search(n) for n in (h.entry.name, *h.entry.alt_names))
        ]
    if expect.get("entity") is None:
        return list(enumerate(hits, 1))
    return [(i, h) for i, h in enumerate(hits, 1) if h.entry.id == expect["entity"]]


def describe(hits: Sequence[Any], n: int = 3) -> str:
    if not hits:
        return "no hits"
    return "; ".join(f"{h.entry.name[:48]} {100 * h.score:.0f} {h.tier}" for h in hits[:n])


def evaluate(case_id: str, q: dict[str, Any], expect: dict[str, Any], check: Check) -> Outcome:
    """Whether ``check`` (query dict -> hits at default settings) meets ``expect``."""
    hits = check(q)
    found = _targets(hits, expect)
    seen = describe(hits)
    if "below" in expect:
        bad = [h for _, h in found if at_least(h.tier, expect["below"])]
        return Outcome(case_id, not bad, seen)
    if expect.get("same_as_without_country"):
        other = _targets(check({k: v for k, v in q.items() if k != "country"}), expect)
        if not other:
            return Outcome(case_id, False, f"no link even without country; {seen}")
        base = other[0][1]
        now = found[0][1] if found else None
        ok = now is not None and abs(now.score - base.score) < 1e-9 and now.tier == base.tier
        got = f"{100 * now.score:.0f} {now.tier}" if now else "no hit"
        return Outcome(
            case_id, ok, f"with country {got}, without {100 * base.score:.0f} {base.tier}; {seen}"
        )
    ok = bool(found) and at_least(found[0][1].tier, expect["tier"])
    if expect.get("rank1"):
        ok = ok and found[0][0] == 1
    return Outcome(case_id, ok, seen)


def run_handmade(cases: Sequence[dict[str, Any]] = HANDMADE) -> list[Outcome]:
    out = []
    with tempfile.TemporaryDirectory(prefix="screen-regr-") as tmp:
        for c in cases:
            s = screener(entries_of(c["list"]), c.get("associates", ()), Path(tmp))
            out.append(evaluate(c["id"], c["query"], c["expect"], checker(s)))
    return out


def print_outcome(o: Outcome, name: str) -> None:
    print(f"   {'PASS' if o.ok else 'FAIL'}  {o.case_id:<30} {name[:50]!r:<52} -> {o.observed}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--handmade", action="store_true", help="hand-made lists only")
    ap.add_argument("--probes", type=int, default=150)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)
    if args.handmade:
        for o, c in zip(run_handmade(), HANDMADE, strict=True):
            print_outcome(o, c["query"]["name"])
        return 0
    from bench.quality_regression_real import run_real

    try:
        print("\n== regression: issue 8's real cases against the real lists")
        run_real(args.probes, args.seed)
    except DataMissing as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
