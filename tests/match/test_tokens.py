"""Posting-list helpers of the token index."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from screen.match.tokens import union_ids

_LISTS = st.lists(st.lists(st.integers(0, 50)).map(lambda xs: sorted(set(xs))), max_size=6)


@given(_LISTS)
def test_union_ids_is_the_sorted_set_of_every_id(lists: list[list[int]]) -> None:
    arrays = [np.array(xs, dtype=np.int64) for xs in lists] or [np.array([], dtype=np.int64)]
    assert union_ids(arrays).tolist() == sorted({x for xs in lists for x in xs})
