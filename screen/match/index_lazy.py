"""Read-only containers that make an index's Python objects only when they are used.

:mod:`screen.match.index_file` returns lists of dataclasses as :class:`Records`,
lists of sets or tuples as :class:`Ragged`, and ``dict[str, V]`` fields as a
:class:`LazyDict` mixed into the declared class (e.g. ``Weights``).
"""

from __future__ import annotations

import bisect
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import Any

#: Reads every item of a column at once (far faster than item by item).
Bulk = Callable[[], list[Any]]


class Records(Sequence[Any]):
    """A read-only list of dataclass instances, each built from the columns when first
    used; iterating reads them all at once through ``bulk`` (items made before are kept)."""

    def __init__(
        self, cls: type, n: int, fields: dict[str, Callable[[int], Any]], bulk: Bulk | None = None
    ) -> None:
        self._cls, self._n, self._fields, self._bulk = cls, n, fields, bulk
        self._made: list[Any] = [None] * n

    def __len__(self) -> int:
        return self._n

    @typing.overload
    def __getitem__(self, i: int) -> Any: ...
    @typing.overload
    def __getitem__(self, i: slice) -> list[Any]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        i = int(i)
        if i < 0:
            i += self._n
        made = self._made[i]
        if made is None:
            if not 0 <= i < self._n:
                raise IndexError(i)
            made = self._made[i] = self._cls(**{k: get(i) for k, get in self._fields.items()})
        return made

    def __iter__(self) -> Iterator[Any]:
        if self._bulk is not None:
            fresh, self._bulk = self._bulk(), None
            self._made = [f if m is None else m for m, f in zip(self._made, fresh, strict=True)]
        return (self[i] for i in range(self._n))


class Ragged(Sequence[Any]):
    """A read-only list whose item i is ``kind(values[starts[i]:starts[i+1]])``, made on
    use; iterating reads them all at once through ``bulk``."""

    def __init__(self, get: Callable[[int], Any], n: int, bulk: Bulk | None = None) -> None:
        self._get, self._n, self._bulk = get, n, bulk

    def __len__(self) -> int:
        return self._n

    @typing.overload
    def __getitem__(self, i: int) -> Any: ...
    @typing.overload
    def __getitem__(self, i: slice) -> list[Any]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        i = int(i)
        if not -self._n <= i < self._n:
            raise IndexError(i)
        return self._get(i % self._n)

    def __iter__(self) -> Iterator[Any]:
        if self._bulk is not None:
            return iter(self._bulk())
        return (self._get(i) for i in range(self._n))


#: Keys remembered as not in a LazyDict (cleared when full).
ABSENT_CACHE = 1 << 16
#: A LazyDict's own attributes (not the declared class's).
_LAZY_ATTRS = frozenset({"_key", "_value", "_n", "_complete", "_absent", "_bulk"})


class LazyDict(dict[str, Any]):
    """A dict whose items are read from sorted columns when first looked up.

    A key once found is stored in the dict itself, so later lookups run at plain
    dict speed. Iterating, ``len``, comparing or copying reads every item first.
    Mixed into the declared dict class (see :func:`lazy_class`), so a subclass's
    ``__missing__`` (a default value) still answers for keys not in the file.
    """

    _key: Callable[[int], str]
    _value: Callable[[int], Any]
    _n: int
    _complete: bool
    _bulk: Callable[[], tuple[list[str], list[Any]]] | None

    def _init(
        self,
        key: Callable[[int], str],
        value: Callable[[int], Any],
        n: int,
        bulk: Callable[[], tuple[list[str], list[Any]]] | None = None,
    ) -> None:
        self._key, self._value, self._n, self._complete = key, value, n, n == 0
        self._bulk = bulk

    def _find(self, key: object) -> bool:
        if self._complete or not isinstance(key, str):
            return False
        absent = self.__dict__.setdefault("_absent", set())
        if key in absent:  # a miss is remembered too: queries ask for unknown words often
            return False
        at = bisect.bisect_left(range(self._n), key, key=self._key)
        if at < self._n and self._key(at) == key:
            dict.__setitem__(self, key, self._value(at))
            return True
        if len(absent) >= ABSENT_CACHE:
            absent.clear()
        absent.add(key)
        return False

    def _fill(self) -> None:
        if self._complete:
            return
        if self._bulk is None:
            for i in range(self._n):
                dict.setdefault(self, self._key(i), self._value(i))
        else:  # all at once; the items already looked up keep their objects
            found = dict(dict.items(self))
            keys, values = self._bulk()
            dict.update(self, zip(keys, values, strict=True))
            dict.update(self, found)
        self._complete = True

    def plain(self) -> dict[str, Any]:
        """Every item read, in an instance of the declared class (its attributes kept):
        looked up at plain dict speed, without this class's Python-level lookups."""
        self._fill()
        declared = [b for b in type(self).__bases__ if b is not LazyDict]
        out: dict[str, Any] = declared[0]() if declared else {}
        dict.update(out, dict.items(self))
        attrs = {k: v for k, v in vars(self).items() if k not in _LAZY_ATTRS}
        if attrs and not declared:
            return self  # a plain dict holds no attributes: keep this one
        for k, v in attrs.items():
            setattr(out, k, v)
        return out

    def __missing__(self, key: str) -> Any:
        if self._find(key):
            return dict.__getitem__(self, key)
        fallback = getattr(super(), "__missing__", None)
        if fallback is None:
            raise KeyError(key)
        return fallback(key)

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or self._find(key)

    def get(self, key: str, default: Any = None) -> Any:
        if key in self:
            return self[key]
        return default

    def __len__(self) -> int:
        self._fill()
        return dict.__len__(self)

    def __iter__(self) -> Iterator[str]:
        self._fill()
        return dict.__iter__(self)

    def keys(self) -> Any:
        self._fill()
        return dict.keys(self)

    def values(self) -> Any:
        self._fill()
        return dict.values(self)

    def items(self) -> Any:
        self._fill()
        return dict.items(self)

    def copy(self) -> dict[str, Any]:
        self._fill()
        return dict(self)

    def __eq__(self, other: object) -> bool:
        self._fill()
        if isinstance(other, LazyDict):
            other._fill()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)


_LAZY: dict[type, type[LazyDict]] = {}


def lazy_class(cls: type) -> type[LazyDict]:
    """LazyDict mixed into ``cls`` (a dict or dict subclass): isinstance still holds."""
    if cls not in _LAZY:
        bases = (LazyDict,) if cls is dict else (LazyDict, cls)
        _LAZY[cls] = type(f"Lazy{cls.__name__.capitalize()}", bases, {})
    return _LAZY[cls]
