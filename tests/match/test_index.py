"""The token index: rarity weights, typo lookup, and candidate retrieval."""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from screen.match import tokens as index_module
from screen.match.index import TokenIndex

WORDS = ["huawei", "technologies", "beijing", "sugon", "co", "information", "tianjin", "x"]
docs_strategy = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=5), min_size=1, max_size=40
)


def brute_top(
    index: TokenIndex, tokens: list[str], share: float, floor: float, slack: float
) -> set[int]:
    """What ``top`` must keep (k unlimited): every item scored by walking every list.

    ``slack`` moves the cut-off, to allow for rounding in sums taken in another order.
    """
    scores = np.zeros(index.n_items)
    for t in set(tokens):
        if t in index:
            scores[index.postings(t)] += index.weight(t)
    if not scores.any():
        return set()
    keep = (scores > 0) & (scores >= max(floor, share * scores.max()) + slack)
    return {int(i) for i in np.flatnonzero(keep)}


@settings(max_examples=500, deadline=None)
@given(
    docs_strategy,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    st.floats(0, 1),
    st.floats(0, 20),
)
@example([["huawei"], ["technologies", "sugon"]], ["huawei", "technologies", "sugon"], 0.0, 1.0)
@example(
    [["huawei", "technologies", "sugon"], ["huawei", "beijing"]],
    ["huawei", "technologies", "beijing", "sugon"],
    1.0,
    0.0,
)
def test_top_keeps_exactly_the_items_a_full_scan_keeps(
    docs: list[list[str]], query: list[str], share: float, floor: float
) -> None:
    index = TokenIndex.build(docs)
    for small in (0, 10_000):  # the numpy path, then the plain Python one
        with patch.object(index_module, "SMALL_POSTINGS", small):
            got = set(index.top(query, k=10_000, share=share, floor=floor))
        assert brute_top(index, query, share, floor, 1e-9) <= got
        assert got <= brute_top(index, query, share, floor, -1e-9)


@pytest.mark.parametrize("small", [0, 10_000])
def test_top_ranks_the_short_exact_name_first(small: int) -> None:
    docs = [
        ["huawei", "technologies", "service", "center"],
        ["huawei", "technologies"],
        ["beijing", "technologies"],
    ] + [["other", str(i)] for i in range(50)]
    index = TokenIndex.build(docs)
    with patch.object(index_module, "SMALL_POSTINGS", small):
        assert index.top(["huawei", "technologies"], k=1) == [1]


def test_rare_words_weigh_more_than_common_ones() -> None:
    docs = [["sugon", "technology"]] + [["technology", str(i)] for i in range(50)]
    index = TokenIndex.build(docs)
    assert index.weight("sugon") > 3 * index.weight("technology")
    assert index.weight("never-seen") == index.max_weight


def test_typo_neighbours_are_found_and_retrieved() -> None:
    from screen.match.index import ListIndex
    from screen.match.names import normalize_name
    from screen.match.policy import DEFAULT_POLICY
    from screen.match.retrieval import name_candidates
    from screen.model import Entry

    index = ListIndex.build(
        [Entry("1", "t", "Hikvision Digital"), Entry("2", "t", "Dahua Technology")]
    )
    near = index.typo_neighbours("hikvison", 1)
    assert [index.vocabulary.strings[j] for j in near] == ["hikvision"]
    found = name_candidates(index, normalize_name("Hikvison Digital"), 0.6, DEFAULT_POLICY)
    assert [int(index.name_entry[n]) for n in found] == [0]


def test_a_score_exactly_at_the_cut_off_is_kept() -> None:
    # the pruning rule sums weights by subtraction: 3w - w - w may round below w
    index = TokenIndex.build([["co"], ["huawei"], ["information"], ["x", "y"], ["z"]])
    for small in (0, 10_000):
        with patch.object(index_module, "SMALL_POSTINGS", small):
            assert sorted(index.top(["co", "huawei", "information"], 10, share=1.0)) == [0, 1, 2]


def test_ties_at_the_k_cut_keep_the_lowest_ids_on_both_paths() -> None:
    index = TokenIndex.build([["acme"]] * 700)
    for small in (0, 10_000):
        with patch.object(index_module, "SMALL_POSTINGS", small):
            assert sorted(index.top(["acme"], 5)) == [0, 1, 2, 3, 4]


def test_a_tiny_list_has_a_real_distinctive_weight() -> None:
    assert isinstance(TokenIndex.build([["sugon"], ["higon"]]).distinctive, float)


@given(st.lists(st.integers(0, 50), max_size=40))
def test_union_ids_is_np_unique(values: list[int]) -> None:
    from screen.match.tokens import union_ids

    ids = np.array(values, dtype=np.int32)
    got = union_ids([ids])
    assert got.tolist() == np.unique(ids).tolist() and got.dtype == np.int32
