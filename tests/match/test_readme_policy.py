"""The README's scoring tables say what the policy holds."""

from __future__ import annotations

from pathlib import Path

from screen.match.policy import DEFAULT_POLICY

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _row(first: str) -> str:
    [line] = [x for x in README.splitlines() if x.startswith(f"| {first} |")]
    return line


def _pct(x: float) -> str:
    return f"{round(x * 100):g}"


def test_tier_table_is_the_policy() -> None:
    floors = [f for _, f in DEFAULT_POLICY.tiers]
    tops = [100, *(round(f * 100) - 1 for f in floors[:-1])]
    for (name, floor), top in zip(DEFAULT_POLICY.tiers, tops, strict=True):
        assert _row(name).startswith(f"| {name} | {_pct(floor)}-{top} |")
    assert f"Hits below `--threshold` (default {_pct(DEFAULT_POLICY.threshold)})" in README


def test_score_table_is_the_policy() -> None:
    c, o = DEFAULT_POLICY.combine, DEFAULT_POLICY.officer
    name = _row("name")
    assert f"counts in full from {_pct(c.name_floor)} up" in name
    assert f"at {c.weak_name_factor:g} of itself" in name
    assert f"multiplies it by {c.country_factor:g}" in name
    address = _row("address")
    assert f"from {_pct(c.address_floor)} up: {c.weight('address_match'):g} of its score" in address
    assert f"{c.multi_address_weight:g} when {c.multi_address_count} or more" in address
    officers = _row("officers")
    assert f"{c.weight('officer_overlap'):g} of their score" in officers
    assert f"one shared very common name {_pct(o.one_common)}" in officers
    assert f"one distinctive name {_pct(o.one_distinctive)}" in officers
    assert f"{o.several_count} or more people {_pct(o.several)}" in officers
    combined = _row("combined")
    assert f"capped at {_pct(c.link_cap)} unless the name scores {_pct(c.match_name)}" in combined
    assert c.weight("name_match") == 1.0  # the table's "counts in full"
