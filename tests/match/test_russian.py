"""Russian company names in Latin letters: every case and spelling of the words of the
Cyrillic tables, place adjectives, abbreviations and legal forms (hand-made pairs)."""

from __future__ import annotations

import pytest

from screen.match import russian
from screen.match.engine import Screener
from screen.match.names import normalize_name
from screen.match.types import Query
from screen.model import Entry
from screen.sources import ListSource


def tokens(text: str) -> tuple[str, ...]:
    return normalize_name(text).tokens


def test_one_word_in_every_system_and_case() -> None:
    assert russian.spellings("объединение") >= {"obedinenie", "obyedineniye", "obieedinenie"}
    forms = russian.adjective_forms("механический")
    assert forms[:4] == ["механический", "механическая", "механическое", "механического"]
    assert russian.noun_forms("прибор") == [
        "прибор", "прибора", "прибору", "прибором", "приборе",
        "приборы", "приборов", "приборам", "приборами", "приборах",
    ]  # fmt: skip
    for spelling in (
        "mekhanicheskiy",
        "mekhanicheskii",
        "mekhanicheskij",
        "mekhanicheski",
        "mekhanichesky",
        "mehanicheskiy",
        "mexanicheskij",
        "mekhanicheskaya",
        "mekhanicheskogo",
        "mekhanicheskikh",
    ):
        assert russian.RUSSIAN_WORDS[spelling] == ("mechanical",), spelling


@pytest.mark.parametrize(
    ("translit", "english"),
    [
        ("Nauchno-Issledovatelskiy Institut Tochnogo Priborostroeniya", "NII Tochnogo Priborov"),
        (
            "Nauchno-Issledovatelskii Institut Tochnoi Mekhaniki Vostok",
            "Scientific Research Institute of Precision Mechanics Vostok",
        ),
        ("Opytnoe Konstruktorskoe Byuro Krylo", "Experimental Design Bureau Krylo"),
        ("OKB Krylo", "Experimental Design Bureau Krylo"),
        ("Konstruktorskoe Byuro Orbita", "Orbita Design Bureau"),
        ("Design Bureau Orbita", "Bureau Design Orbita"),
        ("Nauchno-Proizvodstvennoe Obedinenie Luch", "Research and Production Association Luch"),
        ("Научно-производственное объединение «Луч»", "NPO Luch"),
        ("Tsentralnyy Nauchno-Issledovatelskiy Institut Burevestnik", "TsNII Burevestnik"),
        ("Zavod Elektromekhanicheskikh Izdeliy", "Electromechanical Products Plant"),
        ("Mikroelektronnye Sistemy", "Microelectronic Systems"),
        ("Tekhnologii Radiolokatsionnykh Sistem", "Radar Systems Technologies"),
        ("Metallokeramicheskiy Kombinat Iskra", "Metal Ceramic Combine Iskra"),
        ("Khimicheskiy Zavod Polyus", "Chemical Plant Polyus"),
        ("Obshchestvo s Ogranichennoi Otvetstvennostyu Lotos", "Lotos LLC"),
        ("Obshchestvo s Ogranichennoy Otvetstvennostju Lotos", "Lotos"),
        ("Federalnoe Gosudarstvennoe Unitarnoe Predpriyatiye Lotos", "FGUP Lotos"),
        ("Neftyanaya Kompaniya Lotos", "Lotos Oil Company"),
        # place adjectives, in a Russian company name
        ("Tulskiy Oruzheynyy Zavod", "Tula Arms Plant"),
        ("Permskiy Motornyy Zavod", "Perm Motor Plant"),
        ("Omskiy Priborostroitelnyi Zavod", "Omsk Instrument Plant"),
        ("Bryanskiy Avtomobilnyy Zavod", "Bryansk Automobile Plant"),
        ("Moskovskiy Institut Teplotekhniki", "Moscow Institut Teplotekhniki"),
        ("Saratovskogo Zavoda Radiopriborov", "Saratov Zavod Radiopriborov"),
    ],
)
def test_translit_names_read_as_their_english(translit: str, english: str) -> None:
    assert set(tokens(translit)) == set(tokens(english)), (tokens(translit), tokens(english))


def test_family_names_and_proper_names_stay_as_written() -> None:
    # a family name alone is no place: Kazanski is not Kazan, Moskovsky not Moscow
    assert tokens("Kazanski") == ("kazanski",)
    assert tokens("Kazanskiy Trading LLC") != tokens("Kazan Trading LLC")
    assert tokens("Moskovsky") == ("moskovsky",)
    assert tokens("Kowalski Sp. z o.o.") != tokens("Kowal Sp. z o.o.")
    assert tokens("Kaspersky Labs GmbH") == ("kaspersky", "laboratory")
    # words that are mostly a company's own name keep their nominative
    assert tokens("NPO Splav") == ("npo", "splav")
    assert tokens("AFK Sistema") == ("afk", "sistema")
    assert tokens("ONPP Tekhnologiya") == ("onpp", "tekhnologiya")
    # KB alone is not read as Design Bureau's words, only the phrase as KB
    assert tokens("KB Lines Limited") == ("kb", "line")
    # places in -sk keep their name, and their adjectives find it (russian_sk_places.tsv)
    assert tokens("Tomsk") == ("tomsk",) and tokens("Kiosk") == ("kiosk",)
    assert tokens("Ulyanovskiy Zavod") == tokens("Ulyanovsk Plant")
    assert tokens("Cheliabinskii Zavod") == tokens("Chelyabinsk Plant")
    assert tokens("Krasnoyarskiy Zavod") == ("krasnoyarsk", "plant")  # not krasnoyar(=krasnodar)


def _screener(*names: str) -> Screener:
    entries = [Entry(f"e{i}", "t", name, type="Entity") for i, name in enumerate(names)]
    return Screener([ListSource("t", entries)])


def test_russian_words_do_not_make_unrelated_names_match() -> None:
    screener = _screener(
        "Joint Stock Company Kazan Optical Plant",
        "Almaz Scientific Production Association",
        "Tula Arms Plant",
        "Lotos Design Bureau",
    )
    found = {h.entry.name for h in screener.check(Query("AO Kazanskiy Opticheskiy Zavod"))}
    assert found == {"Joint Stock Company Kazan Optical Plant"}
    assert screener.check(Query("AO Ryazanskiy Opticheskiy Zavod")) == []
    assert screener.check(Query("NPO Granit")) == []
    assert screener.check(Query("Zavod Vostok")) == []
    assert screener.check(Query("KB Orbita")) == []
    assert screener.check(Query("Kazanski")) == []  # a family name alone
    assert {h.entry.name for h in screener.check(Query("Tulskiy Oruzheynyy Zavod"))} == {
        "Tula Arms Plant"
    }
    assert {h.entry.name for h in screener.check(Query("KB Lotos"))} == {"Lotos Design Bureau"}
