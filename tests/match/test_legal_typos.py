"""Typos in legal forms: repaired within a legal form, or read off a name's edge."""

from __future__ import annotations

import pytest

from screen.match.legal_typos import edge_legal_typos, fits, repair_legal_typos
from screen.match.policy import DEFAULT_POLICY
from screen.match.text import tokenize

EDITS = DEFAULT_POLICY.name.legal_typo_edits


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("Joina Stock Company Ramenskoye", "joint stock company ramenskoye"),
        ("Federal Strte Unitary Enterprise Signal", "federal state unitary enterprise signal"),
        ("Linkers Automation (Pvt) Lta.", "linkers automation pvt ltd"),
        (
            "Obshchestvo S Organichernnoi Otvetstvennostyu Transoil",
            "obshchestvo s ogranichennoi otvetstvennostyu transoil",
        ),
    ],
)
def test_typos_in_legal_forms_are_repaired(text: str, repaired: str) -> None:
    edits = DEFAULT_POLICY.name.legal_typo_edits
    assert repair_legal_typos(tokenize(text), edits) == repaired.split()


@pytest.mark.parametrize(
    "text",
    [
        "Huawei Technologies Co Ltd",  # nothing to repair
        "Slate Technologies Ltd",  # "state" completes no legal form here
        "Kao Ltd",  # "oao ltd" is no legal form
        "Ink Co Ltd",  # "inc co ltd" neither
        "Bao An Co Ltd",  # two-letter words are never repaired
    ],
)
def test_words_that_complete_no_legal_form_stay(text: str) -> None:
    assert repair_legal_typos(tokenize(text), DEFAULT_POLICY.name.legal_typo_edits) is None


@pytest.mark.parametrize(
    ("text", "rest", "word", "forms"),
    [
        ("Euro African Group Ltr", "euro african group", "ltr", {"limited"}),  # ltd, ltda
        ("Sea Prince Logistics LoC", "sea prince logistics", "loc", {"llc"}),
        ("PoO Zvezda", "zvezda", "poo", {"pao", "ooo", "too"}),
        ("North Group Holding COuP.", "north group holding", "coup", {"corporation"}),
    ],
)
def test_an_edge_word_a_typo_from_a_legal_form_is_read_off(
    text: str, rest: str, word: str, forms: set[str]
) -> None:
    found = {e.word: e for e in edge_legal_typos(tokenize(text), EDITS)}
    assert (" ".join(found[word].tokens), found[word].forms) == (rest, forms)


def test_a_first_word_near_a_legal_form_is_read_off_too() -> None:
    # "Sea" may be SIA or SpA: a reading that only a listed "... SIA" or "... SpA" takes
    found = edge_legal_typos(tokenize("Sea Prince Logistics LoC"), EDITS)
    assert [(e.word, e.forms) for e in found] == [("sea", {"sia", "spa"}), ("loc", {"llc"})]


def test_both_edges_are_read_off() -> None:
    found = edge_legal_typos(tokenize("Lts Zorvex Ltr"), EDITS)
    assert [(" ".join(e.tokens), e.word) for e in found] == [
        ("zorvex ltr", "lts"),
        ("lts zorvex", "ltr"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Zorvex Ltd",  # a legal form as written
        "Zorvex and",  # a stop word
        "Zorvex 123",  # a number
        "Ltr",  # nothing would be left
        "Zorvex Global Trading",  # no edge word near a legal form
        "Zorvex Cx",  # two letters: never a typo
        "Zorvex Holdings Lte Zorvex",  # a word inside the name
    ],
)
def test_other_words_are_not_read_off(text: str) -> None:
    assert edge_legal_typos(tokenize(text), EDITS) == []


def test_an_edge_reading_fits_only_a_name_with_such_a_legal_form() -> None:
    (edge,) = edge_legal_typos(tokenize("Euro African Group Ltr"), EDITS)
    assert fits(edge, ("limited",)) == "limited"
    assert fits(edge, ("ltd",)) == "ltd"  # the same form, spelt short
    assert fits(edge, ("llc",)) == ""
    assert fits(edge, ()) == ""
