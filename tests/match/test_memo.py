"""Memo: a bounded table of computed values."""

from __future__ import annotations

from screen.match.memo import Memo


def test_a_value_is_made_once_and_the_table_starts_over_when_full() -> None:
    made: list[int] = []

    def make(n: int) -> int:
        made.append(n)
        return n * n

    memo: Memo[int, int] = Memo(2)
    assert [memo.get(n, make, n) for n in (3, 3, 4)] == [9, 9, 16]
    assert made == [3, 4] and len(memo) == 2
    assert memo.get(5, make, 5) == 25 and len(memo) == 1  # full: started over
    assert memo.get(3, make, 3) == 9 and made == [3, 4, 5, 3]


def test_a_remembered_none_is_not_made_again() -> None:
    calls: list[None] = []
    memo: Memo[str, None] = Memo()
    for _ in range(3):
        memo.get("k", lambda: calls.append(None))
    assert len(calls) == 1
