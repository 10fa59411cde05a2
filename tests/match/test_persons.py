"""Person names for officer overlap."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screen.match.engine import Screener
from screen.match.features import officer_overlap
from screen.match.persons import normalize_person, person_name_match, person_similarity
from screen.match.types import Query
from screen.model import Entry
from screen.sources import ListSource


def sim(a: str, b: str) -> float:
    return person_similarity(normalize_person(a), normalize_person(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Li Jun", "Jun Li"),
        ("Li Jun", "LI, Jun"),
        ("Wang Xiao-Ming", "Wang Xiaoming"),
        ("Wang Xiao Ming", "Xiaoming Wang"),
        ("Aleksandr Sergeyevich Petrov", "Alexander Petrov"),
        ("Sergey Chemezov", "Sergei Chemezov"),
        ("Dmitriy Volkov", "Dmitry Volkov"),
        ("Yelena Smirnova", "Elena Smirnova"),
        ("Сергей Чемезов", "Sergei Chemezov"),
        ("Mikhail Nikolaev", "Mikhael Nikolaev"),
        ("Liu Jie-Hui", "Liu Jiehui"),
        ("Wladimir Putin", "Vladimir Putin"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert sim(a, b) >= 0.9


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Li Jun", "Li Wei"),
        ("Ivan Petrov", "Ivan Sidorov"),
        ("Li Jun", "Li"),
        ("Ivan Ivanovich Petrov", "Ivan Sergeyevich Petrov"),
        ("Zhang Wei", "Jiang Wei"),  # pinyin zh and j are two sounds
        ("Zhi Hua", "Ji Hua"),
    ],
)
def test_different_people(a: str, b: str) -> None:
    assert sim(a, b) < 0.9


def test_common_names_are_flagged() -> None:
    # a very common family name with a one-syllable or very common given name
    for name in ("Li Jun", "ZHU, Hua", "Ivan Petrov", "Andrey Ivanov"):
        assert normalize_person(name).common, name
    for name in ("LUO, Qianghong", "Xinming Luo", "Nie Hua", "Sergey Chemezov"):
        assert not normalize_person(name).common, name


@given(st.text(max_size=30), st.text(max_size=30))
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    pa, pb = normalize_person(a), normalize_person(b)
    assert 0.0 <= person_similarity(pa, pb) <= 1.0
    assert person_similarity(pa, pb) == person_similarity(pb, pa)


def match(a: str, b: str) -> float:
    return person_name_match(normalize_person(a), normalize_person(b))[0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mohammed Ali", "Muhammad Ali"),
        ("Mohamed Hassan", "MUHAMMAD, Hassan"),
        ("Aleksandr Petrov", "Alexander Petrov"),
        ("Yevgeny Prigozhin", "Evgeniy Viktorovich Prigozhin"),
        ("Vladimir Putin", "Vladimir Vladimirovich Putin"),
        ("Kim Jong Un", "KIM, Jong-un"),
        ("Mohammed bin Salman", "Mohammed bin Salman Al Saud"),
        ("Ali Khamenei", "Ali Hosseini Khamenei"),
        ("Qasem Soleimani", "Qassem Suleimani"),
        ("Osama bin Laden", "Usama bin Ladin"),
        ("Sergei Shoigu", "Sergey Shoygu"),
        ("J. Smith", "John Smith"),
        ("Xiao Ming Wang", "Wang Xiaoming"),
        ("Mykhailo Fedorov", "Mikhail Fyodorov"),
        ("Сергей Шойгу", "Sergei Shoigu"),
        ("Yevgeniy Prigojin", "PRIGOZHIN, Yevgeniy Viktorovich"),  # French j for zh
        ("ICHTIJAR, Hisham", "IKHTIYAR, Hisham"),  # German j for y
    ],
)
def test_person_name_match_same_person(a: str, b: str) -> None:
    assert match(a, b) >= 0.8


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mohammed Ali", "Mohammed Khan"),  # a shared given name alone
        ("Mohammed", "Mohammed Ali"),
        ("Ahmed Hassan", "Mohamed Hassan"),  # a shared family name alone
        ("Kim Jong Un", "Kim Jong Il"),
        ("Li Jun", "Li Wei"),
        ("John Smith", "Jane Smith"),
        ("Ivan Ivanovich Petrov", "Ivan Sergeyevich Petrov"),  # brothers
        ("Zhang Wei", "Jiang Wei"),  # pinyin zh and j are two sounds
    ],
)
def test_person_name_match_different_people(a: str, b: str) -> None:
    assert match(a, b) < 0.5


def test_person_name_match_explains() -> None:
    score, detail = person_name_match(
        normalize_person("Muhammad Ali"), normalize_person("Mohammed Ali")
    )
    assert score == 1.0 and detail == "same name: muhammad = mohammed (spelling)"
    assert person_name_match(normalize_person("Li Jun"), normalize_person("Li Wei"))[1] == (
        "not shared: jun"
    )


NAMES = st.lists(
    st.sampled_from(
        [
            *("Mohammed", "Muhammad", "Ali", "Khan", "bin", "Al", "J", "John", "Ivanovich"),
            *("Petrov", "Aleksandr", "Alexander", "Sergey", "Kim", "Jong", "Un", "Li", "Xiao"),
            *("Ming", "Ivan"),
        ]
    ),
    min_size=1,
    max_size=5,
).map(" ".join)


@given(NAMES | st.text(max_size=25), NAMES | st.text(max_size=25))
def test_person_name_match_is_symmetric_and_bounded(a: str, b: str) -> None:
    pa, pb = normalize_person(a), normalize_person(b)
    score = person_name_match(pa, pb)[0]
    assert 0.0 <= score <= 1.0
    assert score == person_name_match(pb, pa)[0]


@given(NAMES | st.text(max_size=25))
def test_person_name_match_identity(a: str) -> None:
    form = normalize_person(a)
    assert person_name_match(form, form)[0] == (1.0 if form.raw else 0.0)


GIVEN = st.sampled_from(["Mohammed", "Ivan", "John", "Sergey", "Ahmad", "Jun", "Aleksandr"])
FAMILY = st.sampled_from(["Khan", "Petrov", "Smith", "Ivanov", "Rahimi", "Wang", "Haddad"])


@given(GIVEN, FAMILY, FAMILY)
def test_a_shared_given_name_alone_is_no_match(given_name: str, one: str, other: str) -> None:
    if one != other:
        assert match(f"{given_name} {one}", f"{given_name} {other}") < 0.5
        assert match(given_name, f"{given_name} {other}") < 0.5


def test_full_name_with_patronymic_is_not_common() -> None:
    assert normalize_person("Ivan Petrov").common
    full = normalize_person("Ivan Ivanovich Petrov")
    assert not full.common
    # so one such officer shared with an associate is moderate evidence, not weak
    score, detail = officer_overlap([full], [(normalize_person("Petrov Ivan Ivanovich"), "")])
    weak, _ = officer_overlap(
        [normalize_person("Ivan Petrov")], [(normalize_person("Ivan Petrov"), "")]
    )
    assert score > weak and "common name" not in detail


def test_one_full_name_with_patronymic_shared_with_an_associate_is_review(
    tmp_path: Path,
) -> None:
    entry = Entry(id="E1", source="SDN", name="Kronshtadt Group")
    assoc = tmp_path / "assoc.csv"
    assoc.write_text("entity_id,person,role\nE1,Ivan Ivanovich Ivanov,director\n")
    screener = Screener([ListSource("t", [entry])], assoc)
    hits = screener.check(Query("Nova Compute Ltd", officers=("IVANOV, Ivan Ivanovich",)))
    assert [h.tier for h in hits] == ["review"]


def _people_screener() -> Screener:
    people = [
        "Muhammad al Hasan",
        "Aleksandr Ivanovich Petrov",
        "Alexander V. Brindyuk",
        "PRIGOZHIN, Yevgeniy Viktorovich",
    ]
    entries = [
        Entry(id=f"p{i}", source="t", name=n, type="Individual", countries=("RU",))
        for i, n in enumerate(people)
    ]
    entries += [
        Entry(id=f"c{i}", source="t", name=f"{w} Trading Company", countries=("CN",))
        for i, w in enumerate(("Alpha", "Beta", "Gamma", "Delta", "Omega", "Sigma"))
    ]
    return Screener([ListSource("people", entries)])


@pytest.mark.parametrize(
    ("query", "listed", "tier"),
    [
        ("Mohammed Al-Hassan", "Muhammad al Hasan", "match"),  # transliteration, particle
        ("Hasan, Muhammad", "Muhammad al Hasan", "match"),  # order
        ("Alexander Petrov", "Aleksandr Ivanovich Petrov", "match"),  # patronymic left out
        ("A. Petrov", "Aleksandr Ivanovich Petrov", "strong link"),  # an initial
        ("Aleksander Brendyuk", "Alexander V. Brindyuk", "review"),  # misspelt, middle
        ("Yevgeniy Prigojin", "PRIGOZHIN, Yevgeniy Viktorovich", "match"),  # French j
    ],
)
def test_listed_people_are_found_however_their_names_are_spelt(
    query: str, listed: str, tier: str
) -> None:
    hits = _people_screener().check(Query(query))
    assert [(h.entry.name, h.tier) for h in hits[:1]] == [(listed, tier)]


@pytest.mark.parametrize(
    "query",
    [
        "Muhammad Khan",
        "Mohammed Trading LLC",
        "Petrov Trading",
        "Alexander",
    ],
)
def test_a_shared_given_or_family_name_alone_is_no_hit(query: str) -> None:
    assert _people_screener().check(Query(query)) == []


def test_a_company_is_not_found_as_the_person_by_spelling_keys() -> None:
    screener = _people_screener()
    person = screener.check(Query("Mohammed Al-Hassan"))
    company = screener.check(Query("Mohammed Al-Hassan Trading LLC"))
    assert person[0].tier == "match"
    assert company == [] or company[0].score < person[0].score


@given(st.text(alphabet="abhiou\n", max_size=6))
def test_the_final_h_is_dropped_as_the_pattern_drops_it(word: str) -> None:
    from screen.match.persons import _FINAL_H, _final_h_dropped

    assert _final_h_dropped(word) == _FINAL_H.sub(r"\1", word)
