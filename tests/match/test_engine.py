"""The Screener on real list snapshots: names, addresses, officers, ranking."""

from __future__ import annotations

from pathlib import Path

import pytest

from screen.match.engine import Screener
from screen.match.types import Query
from screen.model import Address, Entry
from screen.sources import ListSource

NETTRIX = "Nettrix Information Industry Co., Ltd."
TIANJIN = "No. 15 Haitai Huake St, Huayuan Industrial Zone, Tianjin"


def top(screener: Screener, query: Query) -> str:
    hits = screener.check(query)
    assert hits, f"no hit for {query}"
    return hits[0].entry.name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Dawning Information Industry Co., Ltd.", "Sugon"),  # alias + legal form
        ("SUGON", "Sugon"),  # case
        ("Zhongke Shuguang", "Sugon"),  # pinyin alias
        ("中科曙光", "Sugon"),  # Chinese characters to pinyin
        ("Hik Vision", "Hangzhou Hikvision Digital Technology Co., Ltd."),  # spacing
        (
            "Hangzhou Hikvison Digital Technology",
            "Hangzhou Hikvision Digital Technology Co., Ltd.",
        ),  # typo
        ("Haiguang Information Technology Co Ltd", "Higon"),  # pinyin vocabulary alias
        ("JICT", "Wuxi Jiangnan Institute of Computing Technology"),  # acronym alias
        ("Nettrix Information Industry (Beijing) Co., Ltd.", NETTRIX),  # city qualifier
        ("Information Industry Nettrix Company Limited", NETTRIX),  # word order, legal form
    ],
)
def test_name_variants_find_the_entry(el2026: Screener, query: str, expected: str) -> None:
    assert top(el2026, Query(query)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "Siemens AG",
        "Beijing Technology Co., Ltd.",
        "China Electronics Trading Company",
        "International Trading LLC",
        "Acme Widgets Ltd",
        "Technology",
    ],
)
def test_generic_and_unlisted_names_do_not_hit(el2026: Screener, query: str) -> None:
    assert el2026.check(Query(query)) == []


def test_nettrix_links_to_sugon_on_the_2022_list(csl2022: Screener) -> None:
    hits = csl2022.check(Query(NETTRIX, addresses=(TIANJIN,)))
    assert hits[0].entry.name == "Sugon"
    assert hits[0].tier == "strong link"
    features = {r.feature: r for r in hits[0].reasons}
    assert "Haitai Huake Street" in features["address_match"].detail
    assert all(h.entry.name != NETTRIX for h in hits)


def test_nettrix_with_both_shared_addresses_is_stronger(csl2022: Screener) -> None:
    beijing = (
        "2nd Floor, Block C, No. 27, Phase I, Zhongguancun Software Park, "
        "No. 8 Dongbeiwang West Road, Beijing"
    )
    one = csl2022.check(Query(NETTRIX, addresses=(TIANJIN,)))[0]
    two = csl2022.check(Query(NETTRIX, addresses=(TIANJIN, beijing)))[0]
    assert two.entry.name == "Sugon"
    assert two.score > one.score


def test_country_mismatch_lowers_the_score(el2026: Screener) -> None:
    same = el2026.check(Query("Huawei Technologies Co., Ltd.", country="China"))[0]
    other = el2026.check(Query("Huawei Technologies Co., Ltd.", country="Germany"))[0]
    assert other.score < same.score
    assert any(r.feature == "country_mismatch" for r in other.reasons)


def test_officer_overlap_links_an_unlisted_name(tmp_path: Path) -> None:
    entry = Entry(
        id="E1",
        source="EL",
        name="Sugon",
        addresses=(Address("No. 15, Haitai Huake Street, Tianjin"),),
    )
    other = Entry(id="E2", source="EL", name="Higon")
    assoc = tmp_path / "assoc.csv"
    assoc.write_text(
        "entity_id,person,role\nE1,Nie Hua,president\nE1,Li Guojie,chairman\nE2,Li Jun,cto\n"
    )
    screener = Screener([ListSource("t", [entry, other])], assoc)
    two = screener.check(Query("Nova Compute Ltd", officers=("Hua Nie", "LI, Guojie")))
    assert [h.entry.id for h in two] == ["E1"] and two[0].tier == "strong link"
    # one shared very common name is weak evidence: below every tier
    assert screener.check(Query("Nova Compute Ltd", officers=("Jun Li",))) == []
    one = screener.check(Query("Nova Compute Ltd", officers=("Nie Hua",)))
    assert [h.tier for h in one] == ["review"]
    both = screener.check(
        Query(
            "Nova Compute Ltd",
            officers=("Nie Hua",),
            addresses=("No. 15 Haitai Huake St, Tianjin",),
        )
    )
    assert both[0].score >= 0.75


def test_hits_are_ranked_and_explained(el2026: Screener) -> None:
    hits = el2026.check(Query("Huawei Technologies Co., Ltd."))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(h.reasons and h.reasons[0].detail for h in hits)
    assert hits[0].to_dict()["score"] == 100.0


def _alias_screener() -> Screener:
    entries = [
        Entry(
            id="hik",
            source="EL",
            name="Hangzhou Hikvision Digital Technology Co., Ltd.",
            alt_names=("Hikvision",),
            countries=("CN",),
        ),
        *(
            Entry(id=f"f{i}", source="EL", name=f"{w} Orbital Systems", countries=("RU",))
            for i, w in enumerate(("Alpha", "Beta", "Gamma", "Delta"))
        ),
    ]
    return Screener([ListSource("el", entries)])


@pytest.mark.parametrize(
    ("query", "tier"),
    [
        ("Hikvision UK Ltd", "strong link"),
        ("Hikvision Europe B.V.", "strong link"),
        ("Hikvision Deutschland GmbH", "strong link"),
        ("Hikvision GmbH", "match"),  # the alias itself
    ],
)
def test_a_branch_abroad_is_found_through_a_one_word_alias(query: str, tier: str) -> None:
    hits = _alias_screener().check(Query(query))
    assert [(h.entry.id, h.matched_name, h.tier) for h in hits[:1]] == [("hik", "Hikvision", tier)]


def test_a_one_word_alias_with_other_words_is_not_a_branch() -> None:
    hits = _alias_screener().check(Query("Hikvision Metals Ltd"))
    assert [h.matched_name for h in hits if h.matched_name == "Hikvision"] == []


def _legal_screener() -> Screener:
    entries = [
        Entry(id="ltd", source="SDN", name="Zorvex African Group Ltd"),
        Entry(id="llc", source="SDN", name="Quarnel Logistics LLC"),
        Entry(id="pao", source="SDN", name="PAO Velmira"),
    ]
    return Screener([ListSource("sdn", entries)])


@pytest.mark.parametrize(
    ("query", "entry", "why"),
    [
        ("Zorvex African Group Ltr", "ltd", '"ltr" read as "ltd"'),
        ("Zorvex African Group Limted", "ltd", '"limted" read as "ltd"'),
        ("Quarnel Logistics LoC", "llc", '"loc" read as "llc"'),
        ("PoO Velmira", "pao", '"poo" read as "pao"'),
    ],
)
def test_a_typo_in_a_one_word_legal_form_still_matches(query: str, entry: str, why: str) -> None:
    hits = _legal_screener().check(Query(query))
    assert [(h.entry.id, h.tier) for h in hits] == [(entry, "match")]
    assert hits[0].reasons[0].detail.endswith(why)


def test_an_edge_word_is_read_off_only_for_a_listed_name_with_that_legal_form() -> None:
    # "Ltr" may be Ltd, not LLC: "Quarnel Logistics Ltr" is not read as "Quarnel Logistics"
    typo = _legal_screener().check(Query("Quarnel Logistics Ltr"), threshold=0, all_hits=True)
    other = _legal_screener().check(Query("Quarnel Logistics Zorp"), threshold=0, all_hits=True)
    assert [(h.entry.id, h.score) for h in typo] == [(h.entry.id, h.score) for h in other]
    assert all("read as" not in r.detail for h in typo for r in h.reasons)


def test_a_company_that_other_entries_are_in_care_of_keeps_a_distinctive_name() -> None:
    # "c/o SOLMAR, LB" names the company SOLMAR, not a city: its name stays distinctive
    entries = [
        Entry(id="solmar", source="SDN", name="SOLMAR", addresses=(Address("Beirut, LB"),)),
        Entry(id="p", source="SDN", name="Person One", addresses=(Address("c/o SOLMAR, LB"),)),
        *(
            Entry(id=f"f{i}", source="SDN", name=f"Filler {w} Holdings")
            for i, w in enumerate("ABCDEFGH")
        ),
    ]
    hits = Screener([ListSource("sdn", entries)]).check(
        Query("SOLMAR Engineering Services International")
    )
    assert [(h.entry.id, h.tier) for h in hits] == [("solmar", "strong link")]
