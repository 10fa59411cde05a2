"""Listed names as the lists write them: localities, short names, cover names, vessels."""

from __future__ import annotations

import pytest

from screen.match.engine import Screener
from screen.match.listed import ListedName, split_listed_name
from screen.match.types import Query
from screen.model import Entry
from screen.sources import ListSource

PLACES = frozenset({"dongguan", "tsim", "sha", "tsui", "kowloon", "beijing"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "HiSilicon Technologies Co., Ltd (HiSilicon), Bantian Longgang District",
            ListedName(
                "HiSilicon Technologies Co., Ltd", ("HiSilicon",), ("Bantian Longgang District",)
            ),
        ),
        (
            "Dongguan Huawei Service Co., Ltd., Dongguan, Guangdong",
            ListedName("Dongguan Huawei Service Co., Ltd.", (), ("Dongguan", "Guangdong")),
        ),
        (
            "Huawei Technologies Co., Ltd. (Huawei)",
            ListedName("Huawei Technologies Co., Ltd.", ("Huawei",)),
        ),
        (
            "Huawei Technologies Co., Ltd., Beijing Research Institute",
            ListedName("Huawei Technologies Co., Ltd., Beijing Research Institute"),
        ),
        (
            "Precision Image Corporation (a.k.a. Precision Industries, Inc.; CK Enterprises, Inc.)",
            ListedName(
                "Precision Image Corporation",
                ("Precision Industries, Inc.", "CK Enterprises, Inc."),
            ),
        ),
        ("Cloudminds (Hong Kong) Limited", ListedName("Cloudminds (Hong Kong) Limited")),
        (
            "Chengdu GaStone Technology Co., Ltd. (CGTC)",
            ListedName("Chengdu GaStone Technology Co., Ltd.", ("CGTC",)),
        ),
        (  # a street address after the name (real EL alias)
            "Enrich Ever Technologies Co., 9F No. 38 Ming-Fu 13th Street, Taoyuan, Taiwan",
            ListedName(
                "Enrich Ever Technologies Co.",
                (),
                ("9F No. 38 Ming-Fu 13th Street, Taoyuan, Taiwan",),
            ),
        ),
        (  # no street word, but a number and a country at the end
            "Lubov Skvortsova, 7150 Rue Chouinard, Montreal, QC, H8N 2Z6 Canada",
            ListedName(
                "Lubov Skvortsova", (), ("7150 Rue Chouinard, Montreal, QC, H8N 2Z6 Canada",)
            ),
        ),
        (  # the cut is at the first part with a number, not at the first comma
            "Concern Radio-Electronic Technologies, Joint Stock Company Kazan, 12 Lenin Street",
            ListedName(
                "Concern Radio-Electronic Technologies, Joint Stock Company Kazan",
                (),
                ("12 Lenin Street",),
            ),
        ),
        (  # a number without an address word or a country: part of the name
            "China Electronics Technology Group Corporation, 14th Research Institute",
            ListedName("China Electronics Technology Group Corporation, 14th Research Institute"),
        ),
        (  # an ordinal is a name's number, and "center" no address word
            "China Shipbuilding Industry Group Co., Ltd. (CSIC) 750th Test Center",
            ListedName("China Shipbuilding Industry Group Co., Ltd. (CSIC) 750th Test Center"),
        ),
        (  # a country word inside the last part is no country at its end
            "Southwest Institute (a.k.a., China Academy of Engineering Physics 902 Institute)",
            ListedName(
                "Southwest Institute", ("China Academy of Engineering Physics 902 Institute",)
            ),
        ),
        (  # "U.A.E." as written ends the address
            "Mehrdad Trading, No 7101, Index Tower DIFC, Dubai, U.A.E.",
            ListedName("Mehrdad Trading", (), ("No 7101, Index Tower DIFC, Dubai, U.A.E.",)),
        ),
        (  # a word that is also a country's code is no country ("and" is Andorra's)
            "Nuclear reactors not under IAEA safeguards, (excluding Kundankulam 1 and 2)",
            ListedName(
                "Nuclear reactors not under IAEA safeguards, (excluding Kundankulam 1 and 2)"
            ),
        ),
        (  # a country code is no country ("CO" would be Colombia)
            "Alpha Trading, Lot 7, DE",
            ListedName("Alpha Trading, Lot 7, DE"),
        ),
    ],
)
def test_listed_names_are_split(text: str, expected: ListedName) -> None:
    assert split_listed_name(text, PLACES) == expected


def _screener(*entries: Entry) -> Screener:
    return Screener([ListSource("t", list(entries))])


def test_a_one_word_alias_is_not_contained_in_a_longer_name() -> None:
    s = _screener(
        Entry("1", "t", "Lazarus Group", alt_names=("Zinc",)),
        Entry("2", "t", "Sugon"),
        *[Entry(f"f{i}", "t", f"Brand{i} Resources Trading") for i in range(30)],
    )
    assert [h.entry.id for h in s.check(Query("Zinc"))] == ["1"]  # the whole name matches
    assert s.check(Query("Zinc Resources Trading")) == []  # a cover name is not contained
    assert [h.entry.id for h in s.check(Query("Sugon Resources Trading"))] == ["2"]


def test_a_vessel_matches_only_its_whole_name() -> None:
    s = _screener(
        Entry("v", "t", "APAMA", type="Vessel", alt_names=("JUPITER",)),
        *[Entry(f"f{i}", "t", f"Brand{i} Energy Trading") for i in range(30)],
    )
    assert [h.tier for h in s.check(Query("Jupiter"))] == ["match"]
    assert s.check(Query("Jupiter Energy Trading")) == []
    assert s.check(Query("Apama Energy Trading")) == []


def test_a_person_is_not_matched_on_one_shared_name() -> None:
    s = _screener(
        Entry("p", "t", "NOMURA, Satoru", type="Individual"),
        *[Entry(f"f{i}", "t", f"Brand{i} Trading") for i in range(30)],
    )
    assert s.check(Query("Nomura Co., Ltd.")) == []
    assert [h.tier for h in s.check(Query("Satoru Nomura"))] == ["match"]


def test_a_name_written_with_its_address_finds_the_listed_name() -> None:
    s = _screener(
        Entry("e", "t", "Enrich Ever Technologies Co., Ltd."),
        *[Entry(f"f{i}", "t", f"Brand{i} Technologies Co., Ltd.") for i in range(30)],
    )
    query = "Enrich Ever Technologies Co., 9F No. 38 Ming-Fu 13th Street, Taoyuan, Taiwan"
    assert [(h.entry.id, h.tier) for h in s.check(Query(query))] == [("e", "match")]


def test_an_address_in_the_name_field_links_when_the_query_has_none() -> None:
    from screen.model import Address

    sugon = Entry(
        "sugon",
        "t",
        "Sugon",
        addresses=(Address("No. 15 Haitai Huake Street, Huayuan Industrial Zone, Tianjin"),),
    )
    s = _screener(sugon, Entry("x", "t", "Acme Widgets"))
    query = "Nettrix Information Industry Co., Ltd., No. 15 Haitai Huake St, Tianjin"
    got = s.check(Query(query))
    assert [h.entry.id for h in got] == ["sugon"]
    assert [r.feature for r in got[0].reasons] == ["address_match"]
    # an address of its own wins: the name's is not used then
    assert s.check(Query(query, ("1 Mill Lane, Leeds",))) == []


def test_a_query_is_read_as_listed_names_are() -> None:
    s = _screener(
        Entry("e", "t", "Electronic Computing and Information Systems (ELVIS)"),
        Entry("o", "t", "OOO Alabuga-Volokno"),
        Entry("m", "t", "Majory LLP"),
        *[Entry(f"f{i}", "t", f"Brand{i} Information Systems") for i in range(30)],
    )
    # a typo in a name whose words are all generic, with its short name in brackets
    got = s.check(Query("Electronic Computing and Informatiln Systems (ELVIS)"))
    assert [h.entry.id for h in got][:1] == ["e"]
    # a legal form joined to the name is the same letters
    assert [(h.entry.id, h.tier) for h in s.check(Query("OOOAlabuga-Volokno"))] == [("o", "match")]
    assert [(h.entry.id, h.tier) for h in s.check(Query("MajoryLLP"))] == [("m", "match")]
