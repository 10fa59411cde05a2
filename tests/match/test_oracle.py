"""Oracle: the engine's pruned retrieval finds exactly what a scan of every name finds.

``Screener.check(..., exhaustive=True)`` scores every listed entry with every name; the
ordinary path scores only what retrieval keeps (word bounds, typo neighbours, compact
forms within a few edits, joins, initials). At every tier they must return the same
hits with the same scores.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screen.match.engine import Screener
from screen.match.types import TIERS, Query
from screen.model import Entry
from screen.sources import ListSource

#: Distinctive words, generic words and short words, so every rule gets exercised.
WORDS = (
    "huawei",
    "hikvision",
    "sugon",
    "nettrix",
    "inspur",
    "dawning",
    "zhongxing",
    "technology",
    "information",
    "industry",
    "trading",
    "group",
    "beijing",
    "shenzhen",
    "international",
    "electronics",
    "research",
    "institute",
    "digital",
    "hua",
    "wei",
    "zte",
    "hik",
    "vision",
    "co",
    "ltd",
    "joint",
    "stock",
    "company",
    "709",
    "719",
    # legal forms and words a typo from one ("ltr" = ltd, "poo" = pao): edge readings
    "llc",
    "loc",
    "ltr",
    "pao",
    "poo",
    # across scripts: the skeleton path; people: spelling keys
    "mohammed",
    "muhammad",
    "hassan",
    "hasan",
    "aleksandr",
    "alexander",
    "petrov",
    "al",
    "sepah",
    "محمد",
    "حسن",
    "سپه",
)


@st.composite
def lists(draw: st.DrawFn) -> list[Entry]:
    names = draw(
        st.lists(
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join),
            min_size=1,
            max_size=25,
        )
    )
    entries = []
    for i, name in enumerate(names):
        aliases = draw(st.lists(st.sampled_from(names), max_size=2))
        kind = draw(st.sampled_from(("", "Individual")))  # a person's name rules too
        entries.append(
            Entry(id=str(i), source="test", name=name, type=kind, alt_names=tuple(aliases))
        )
    return entries


def _mutate(draw: st.DrawFn, name: str) -> str:
    """A listed name as a counterparty may write it: typos, splits, joins, extra words."""
    chars = list(name)
    for _ in range(draw(st.integers(0, 2))):
        if not chars:
            break
        at = draw(st.integers(0, len(chars) - 1))
        op = draw(st.sampled_from(("sub", "del", "ins", "space", "join", "swap")))
        if op == "sub":
            chars[at] = draw(st.sampled_from("aeioustnrx"))
        elif op == "del":
            del chars[at]
        elif op == "ins":
            chars.insert(at, draw(st.sampled_from("aeioustnrx")))
        elif op == "space":
            chars.insert(at, " ")
        elif op == "join" and chars[at] == " ":
            del chars[at]
        elif op == "swap" and at + 1 < len(chars):
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
    extra = draw(st.lists(st.sampled_from(WORDS), max_size=3))
    return " ".join(["".join(chars), *extra])


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Entry], str]:
    entries = draw(lists())
    base = draw(st.sampled_from([e.name for e in entries]))
    query = draw(
        st.one_of(
            st.just(base),
            st.builds(lambda: _mutate(draw, base)),
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
        )
    )
    return entries, query


def _hits(
    screener: Screener, query: str, floor: float, exhaustive: bool
) -> list[tuple[str, float, str]]:
    found = screener.check(Query(query), threshold=floor, all_hits=True, exhaustive=exhaustive)
    return [(h.entry.id, round(h.score, 9), h.tier) for h in found]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_retrieval_finds_what_a_full_scan_finds(case: tuple[list[Entry], str]) -> None:
    entries, query = case
    screener = Screener([ListSource("oracle", entries)])
    for _, floor in TIERS:
        assert _hits(screener, query, floor, False) == _hits(screener, query, floor, True)


def test_the_oracle_sees_typos_splits_and_contained_names() -> None:
    entries = [
        Entry(id="1", source="test", name="Hikvision Digital Technology"),
        Entry(id="2", source="test", name="Sugon"),
        Entry(id="3", source="test", name="Nettrix Information Industry"),
    ]
    screener = Screener([ListSource("oracle", entries)])
    for query in (
        "Hik Vision Digital Tech",
        "Sugon Sugon",
        "Netrix Informaton Industry",
        "Nettrix Informationindustry",
    ):
        got = _hits(screener, query, TIERS[-1][1], False)
        assert got == _hits(screener, query, TIERS[-1][1], True)
        assert got, query


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.lists(st.sampled_from(("", "Co., Ltd.", "GmbH", "LLC")), min_size=2))
def test_what_a_screener_remembers_changes_no_hit(
    case: tuple[list[Entry], str], forms: list[str]
) -> None:
    # the same words under other legal forms share the memoized retrieval and scores
    entries, query = case
    screener = Screener([ListSource("oracle", entries)])
    for form in forms:
        text = f"{query} {form}".strip()
        fresh = Screener([ListSource("oracle", entries)])
        for _, floor in TIERS:
            assert _hits(screener, text, floor, False) == _hits(fresh, text, floor, False)
