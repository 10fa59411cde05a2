"""bench/quality_unlisted.py on a hand-made CSV and list (no shared data needed)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.baselines import Ours  # noqa: E402
from bench.quality_unlisted import (  # noqa: E402
    flag_rate,
    flagged_rows,
    unlisted_cases,
    write_flagged,
)
from screen.model import Entry  # noqa: E402

ROWS = [
    ("Kestrel Avionics Ltd.", "United Kingdom", "Leeds, United Kingdom", ""),
    ("Orion Microwave Co., Ltd.", "China", "Shenzhen, China", "猎户座微波"),
    ("Meadowlark Bakery Inc.", "Canada", "", ""),
    ("Harbor Crest Freight Limited", "Hong Kong", "Kowloon, Hong Kong", ""),
]
LISTED = [
    Entry(id="k1", source="Entity List (EL)", name="Kestrel Avionics Ltd.", countries=("GB",)),
    Entry(
        id="v1", source="Entity List (EL)", name="Volga Composite Materials JSC", countries=("RU",)
    ),
]


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "unlisted.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "country", "address", "name_local", "source"])
        w.writerows((*r, "hand") for r in ROWS)
    return path


def test_cases_from_every_row(tmp_path: Path) -> None:
    cases = unlisted_cases(_csv(tmp_path))
    assert [c.name for c in cases] == [r[0] for r in ROWS]
    assert [c.kind for c in cases] == ["other", "greater_china", "other", "greater_china"]
    assert cases[2].addresses == () and cases[0].addresses == ("Leeds, United Kingdom",)
    assert all(not c.positive for c in cases)


def test_sample_is_seeded(tmp_path: Path) -> None:
    path = _csv(tmp_path)
    a, b = unlisted_cases(path, 2, seed=4), unlisted_cases(path, 2, seed=4)
    assert a == b and len(a) == 2


def test_flag_rate_and_review_file(tmp_path: Path) -> None:
    cases = unlisted_cases(_csv(tmp_path))
    ours = Ours()
    ours.prepare(LISTED, None, "hand")
    ranked = ours.run(cases)
    fr = flag_rate(cases, ranked, 1.0, [h.tier if h else None for h in ours.top_hits])
    assert fr.flagged == 1 and fr.rate == 0.25  # only the row named like a listed entry
    assert fr.by_kind["other"] == [2, 1] and sum(fr.by_tier.values()) == 1
    rows = flagged_rows("ours", "unlisted_hand", cases, ranked, LISTED, ours)
    assert [(r["query"], r["listed"]) for r in rows] == [
        ("Kestrel Avionics Ltd.", "Kestrel Avionics Ltd.")
    ]
    assert rows[0]["tier"] and rows[0]["reasons"]
    out = tmp_path / "flagged.csv"
    write_flagged(rows, out)
    with out.open(encoding="utf-8") as fh:
        assert [r["entry_id"] for r in csv.DictReader(fh)] == ["k1"]
