"""Bounded memo tables: per-process caches of work that recurs across the rows of a batch.

What is memoized must be a pure function of its key (a query's words, its letters, a
pair of names): a memo only saves recomputing it, never changes a result.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

#: Entries a memo holds before it starts over (not matching policy: memory per process).
MEMO_SIZE = 1 << 16


class Memo(Generic[K, V]):
    """``make``'s value for ``key``, computed once; cleared whole when ``size`` is reached."""

    __slots__ = ("size", "table")

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self.size = size
        self.table: dict[K, V] = {}

    def get(self, key: K, make: Callable[..., V], *args: Any) -> V:
        """The value remembered for ``key``, else ``make(*args)`` (remembered)."""
        table = self.table
        found = table.get(key, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        if len(table) >= self.size:
            table.clear()
        value = table[key] = make(*args)
        return value

    def __len__(self) -> int:
        return len(self.table)


_MISSING = object()
