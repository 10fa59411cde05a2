"""Associates files: reading, resolving entries, and finding officers among associates."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screen.errors import InputError
from screen.match.associates import load_associates, person_keys
from screen.match.index import ListIndex
from screen.match.persons import SAME_PERSON, normalize_person, person_similarity
from screen.model import Entry

SAME = [
    ("Li Jun", "LI, Jun"),
    ("Wang Xiao Ming", "Xiaoming Wang"),
    ("Liu Jie-Hui", "Liu Jiehui"),
    ("Aleksandr Sergeyevich Petrov", "Alexander Petrov"),
    ("Yelena Smirnova", "Elena Smirnova"),
    ("ALEKSEEV Alexei", "Aleksey Alekseyev"),
    ("Сергей Чемезов", "Sergei Chemezov"),
]

GIVEN = [
    "Aleksandr",
    "Alexander",
    "Sergey",
    "Sergei",
    "Yevgeniy",
    "Evgeny",
    "Xiao",
    "Ming",
    "Jie-Hui",
    "Jiehui",
    "Yuriy",
    "Iurii",
    "Jun",
    "Hua",
    "Ekaterina",
    "Yekaterina",
    "Mai Ling",
    "Mailing",
    "Xiao Ming",
]
FAMILY = [
    "Petrov",
    "Alekseyev",
    "Alekseev",
    "Wang",
    "Wangg",
    "Li",
    "Nie",
    "Fyodorov",
    "Fedorov",
    "Semyonov",
    "Semenov",
    "Xiaoming",
    "Iaroslavtseva",
    "Yaroslavtseva",
]
NAME = st.tuples(st.sampled_from(GIVEN), st.sampled_from(FAMILY), st.booleans()).map(
    lambda t: f"{t[1].upper()}, {t[0]}" if t[2] else f"{t[0]} {t[1]}"
)


@pytest.mark.parametrize(("a", "b"), SAME)
def test_two_spellings_of_a_name_share_a_key(a: str, b: str) -> None:
    pa, pb = normalize_person(a), normalize_person(b)
    assert person_similarity(pa, pb) >= SAME_PERSON
    assert person_keys(pa) & person_keys(pb)


@given(NAME, NAME)
def test_blocking_never_hides_a_match(a: str, b: str) -> None:
    pa, pb = normalize_person(a), normalize_person(b)
    if person_similarity(pa, pb) >= SAME_PERSON:
        assert person_keys(pa) & person_keys(pb)


def _index(*entries: Entry) -> ListIndex:
    return ListIndex.build(entries)


def test_officers_find_entries_by_id_or_name(tmp_path: Path) -> None:
    lists = [
        _index(
            Entry(id="E1", source="EL", name="Sugon Co., Ltd."),
            Entry(id="E2", source="EL", name="Higon"),
        )
    ]
    path = tmp_path / "assoc.csv"
    path.write_text(
        "entity_id,entity_name,person,role\n"
        "E1,,Nie Hua,president\n,Higon,Aleksandr Petrov,cto\n,Nobody,X Y,\n"
    )
    assoc = load_associates(path, lists)
    assert assoc.entries_of((normalize_person("Hua Nie"),), 0) == {0}
    assert assoc.entries_of((normalize_person("PETROV, Alexander"),), 0) == {1}
    assert assoc.entries_of((normalize_person("Ivan Sidorov"),), 0) == set()
    assert assoc.entries_of((normalize_person("Hua Nie"),), 1) == set()  # another list
    assert assoc.warnings == [f"{path}:4: entity not found in the lists screened"]


def test_an_associates_file_without_person_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "assoc.csv"
    path.write_text("entity_id,name\nE1,Nie Hua\n")
    with pytest.raises(InputError, match="needs columns person and entity_id or entity_name"):
        load_associates(path, [_index(Entry(id="E1", source="EL", name="Sugon"))])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ekaterina Iaroslavtseva", "Yekaterina Yaroslavtseva"),  # first letters differ
        ("Mai Ling", "Mailing"),  # split words joined, canonical spelling differs
        ("Xiao Ming Wang", "Xiaoming Wangg"),  # a merged word and a near one
    ],
)
def test_hard_spellings_still_share_a_key(a: str, b: str) -> None:
    pa, pb = normalize_person(a), normalize_person(b)
    assert person_similarity(pa, pb) >= SAME_PERSON
    assert person_keys(pa) & person_keys(pb)
