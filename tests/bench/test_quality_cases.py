"""The quality bench's case generators are deterministic and well-formed."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import quality_cases as qc  # noqa: E402
from bench.quality import score_cases  # noqa: E402
from screen.model import Entry  # noqa: E402

pytestmark = pytest.mark.skipif(
    not qc.EL_2026.exists(), reason=f"shared real data absent ({qc.DATA_DIR})"
)


@pytest.fixture(scope="module")
def el() -> list[Entry]:
    return qc.load_entries(qc.EL_2026)


def _gen(name: str, entries: list[Entry], seed: int) -> qc.CaseSet:
    return {
        "alias_loo": lambda: qc.alias_leave_one_out(entries, 40, seed),
        "name_variants": lambda: qc.name_variants(entries, 40, seed),
        "address": lambda: qc.address_linkage(entries, 20, seed),
        "officer": lambda: qc.officer_linkage(entries, 12, seed),
        "negatives": lambda: qc.negatives(entries, 20, seed),
    }[name]()


@pytest.mark.parametrize("category", qc.CATEGORIES)
def test_deterministic(el: list[Entry], category: str) -> None:
    a, b = _gen(category, el, 7), _gen(category, el, 7)
    assert a.cases == b.cases
    assert a.associates == b.associates
    assert [e.alt_names for e in a.entries] == [e.alt_names for e in b.entries]


@pytest.mark.parametrize("category", ["alias_loo", "name_variants", "address", "officer"])
def test_seed_changes_sample(el: list[Entry], category: str) -> None:
    assert _gen(category, el, 7).cases != _gen(category, el, 8).cases


@pytest.mark.parametrize("category", qc.CATEGORIES)
def test_well_formed(el: list[Entry], category: str) -> None:
    cs = _gen(category, el, 7)
    ids = {e.id for e in cs.entries}
    assert cs.cases and cs.category == category
    assert len({c.case_id for c in cs.cases}) == len(cs.cases)
    for c in cs.cases:
        assert c.category == category
        assert c.name.strip()
        assert set(c.expected) <= ids
    if category == "negatives":
        assert not any(c.positive for c in cs.cases)
    else:
        assert any(c.positive for c in cs.cases)


def test_leave_one_out_removes_the_alias(el: list[Entry]) -> None:
    cs = qc.alias_leave_one_out(el, 40, 7)
    by_id = {e.id: e for e in cs.entries}
    for c in cs.cases:
        assert len(c.name) >= 4
        for i in c.expected:
            assert c.name not in by_id[i].alt_names
        # no other entry carries the alias either
        assert not any(
            qc.norm(c.name) in {qc.norm(n) for n in (e.name, *e.alt_names)} for e in cs.entries
        )


def test_name_variants_differ_from_the_original(el: list[Entry]) -> None:
    cs = qc.name_variants(el, 60, 7)
    kinds = {c.kind for c in cs.cases}
    assert {"legal_form", "typo", "pinyin", "translit_real"} <= kinds
    for c in cs.cases:
        if c.kind not in ("acronym", "translit_real"):
            assert c.name != c.note


def test_officer_rows_and_variants(el: list[Entry]) -> None:
    cs = qc.officer_linkage(el, 12, 7)
    listed = {r[0] for r in cs.associates}
    names = {e.id: e.name for e in cs.entries}
    for c in cs.cases:
        assert len(c.officers) == 1 and not c.addresses
        if c.positive:
            assert any(names[i] in listed for i in c.expected)
    assert all(r[2] in qc.ROLES for r in cs.associates)


def test_person_variants_are_the_same_person() -> None:
    rng = random.Random(1)
    p = qc.Person("cn", "Li", "Xiaoming")
    seen = {qc.person_variant(p, rng)[0] for _ in range(40)}
    assert {"Xiaoming Li", "LI, Xiaoming", "Li Xiao-Ming"} <= seen
    r = qc.Person("ru", "Vasilyev", "Aleksandr")
    assert "Alexander Vasiliev" in {qc.person_variant(r, rng)[0] for _ in range(40)}


def test_address_negatives_have_no_expectation(el: list[Entry]) -> None:
    cs = qc.address_linkage(el, 20, 7)
    negatives = [c.kind for c in cs.cases if not c.positive]
    assert len(negatives) == 10  # n // 2: none lost to the same-building check
    assert set(negatives) == {"same_street_other_number", "same_street_other_city"}
    assert all(len(c.addresses) == 1 for c in cs.cases)


def test_new_company_names_are_not_listed(el: list[Entry]) -> None:
    rng = random.Random(3)
    tokens = {t for e in el for n in (e.name, *e.alt_names) for t in qc.norm(n).split()}
    for _ in range(50):
        core = qc.new_company_name(rng).split()[1]
        assert core.casefold() not in tokens


def test_earliest_fr_date() -> None:
    assert str(qc.earliest_fr_date("84 FR 29373, 6/24/19; 87 FR 62202, 10/13/22")) == "2019-06-24"
    assert str(qc.earliest_fr_date("90 FR 14048, 3/28/25")) == "2025-03-28"
    assert qc.earliest_fr_date("86 FR 67319") is None


def test_scoring() -> None:
    pos = qc.Case("x", "1", "A", expected=("a",))
    neg = qc.Case("x", "2", "B")
    s = score_cases([pos, neg], [[("b", 0.9), ("a", 0.8)], [("c", 0.6)]], 1.0)
    assert (s.recall, s.top1, s.fp_rate) == (1.0, 0.0, 1.0)


def test_same_building_judge() -> None:
    ru = "Russia"
    assert qc.same_building(
        qc.building("6 Aptekarskiy Prospekt, St. Petersburg", ru),
        qc.building("Office 710, 6 Aptekarskiy Prospect, St. Petersburg", ru),
    )
    assert qc.same_building(
        qc.building("2-16 Fa Yuen Street, Mong Kok", "Hong Kong"),
        qc.building("Room 4, 2-16 Fayuen St, Mongkok", "Hong Kong"),
    )
    assert qc.same_building(
        qc.building("Room 13, 2-16 Fa Yuen, Street, Mongkok", "Hong Kong"),
        qc.building("2-16 Fa Yuen St., Mong Kok", "Hong Kong"),
    )
    assert not qc.same_building(
        qc.building("8 Pravdy Street, Moscow", ru), qc.building("24 Pravdy Street, Moscow", ru)
    )
    assert not qc.same_building(
        qc.building("8 Pravdy Street, Moscow", ru),
        qc.building("8 Pravdy Street, Moscow", "Belarus"),
    )
    assert not qc.same_building(
        qc.building("8 Pravdy Street, Moscow", ru), qc.building("8 Pravdy Street, Kazan", ru)
    )


def test_same_party_ignores_legal_forms() -> None:
    assert qc.party_name("Joint Stock Company Aerocomposit") == qc.party_name("AeroComposit")
    assert qc.party_name("Huawei Cloud") != qc.party_name("Huawei")
