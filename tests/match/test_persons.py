"""Person names for officer overlap."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screen.match.persons import normalize_person, person_similarity


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
