"""Reading an index file (see :mod:`screen.match.index_file`): the file is mapped and
its arrays viewed in place; lists of dataclasses come back as :class:`Records`, lists
of sets or tuples as :class:`Ragged`, ``dict[str, V]`` as a lazily filled dict."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import mmap
import os
from collections.abc import Callable, Sequence
from itertools import pairwise, starmap
from pathlib import Path
from typing import Any

import numpy as np

from screen.match.index_file import (
    _ALIGN,
    LAYOUT_VERSION,
    MAGIC,
    IndexFileChanged,
    IndexFileError,
    IndexFileStale,
    Node,
    _dict_types,
    _hints,
    _item_type,
    _layout_json,
    _origin,
)
from screen.match.index_lazy import Ragged, Records, lazy_class


class _Reader:
    def __init__(self, arrays: list[np.ndarray[Any, Any]]) -> None:
        self.arrays = arrays

    def value(self, node: Node, tp: Any) -> Any:
        kind = node[0]
        if kind == "v":
            return node[1]
        if kind == "skip":
            return []
        if kind == "a":
            return self.arrays[node[1]]
        if kind == "d":
            hints = _hints(tp)
            values = {name: self.value(sub, hints[name]) for name, sub in node[1].items()}
            init = {f.name for f in dataclasses.fields(tp) if f.init}
            obj = tp(**{k: v for k, v in values.items() if k in init})
            for k, v in values.items():
                if k not in init:
                    object.__setattr__(obj, k, v)
            return obj
        if kind == "m":
            pair = _dict_types(tp) or (str, Any)
            cls = _origin(tp) if isinstance(_origin(tp), type) else dict
            result: dict[Any, Any]
            if node[4]:  # sorted str keys: looked up by bisection when first used
                lazy = lazy_class(cls)()
                keys_col, values_col = node[1], node[2]
                lazy._init(
                    self.getter(keys_col, str),
                    self.getter(values_col, pair[1]),
                    self._length(keys_col),
                    lambda: (self.all(keys_col, str), self.all(values_col, pair[1])),
                )
                result = lazy
            else:
                keys = self.all(node[1], pair[0])
                result = cls()  # e.g. a defaultdict: its factory is not stored
                result.update(zip(keys, self.all(node[2], pair[1]), strict=True))
            for attr, v in node[3].items():
                setattr(result, attr, v)
            return result
        if kind == "s":
            container = _origin(tp)
            if container in (list, Sequence):
                return self.lazy(node[1], _item_type(tp))
            return container(self.all(node[1], _item_type(tp)))
        raise IndexFileError(f"unknown node kind {kind!r}")

    def lazy(self, col: Node, tp: Any) -> Sequence[Any]:
        """Column ``col`` as a sequence that makes an item only when it is used."""
        if col[0] in ("rec", "rag"):
            n = len(self.arrays[col[1]]) - 1 if col[0] == "rag" else self._length(col)
            bulk = lambda: self.all(col, tp)  # noqa: E731 (read only if iterated)
            if col[0] == "rag":
                return Ragged(self.getter(col, tp), n, bulk)
            getters = {k: self.getter(sub, _hints(tp)[k]) for k, sub in col[1].items()}
            return Records(tp, n, getters, bulk)
        return self.all(col, tp)

    def _length(self, col: Node) -> int:
        kind = col[0]
        if kind == "json":
            return self._length(col[1])
        if kind == "rec":
            first = next(iter(col[1].values()), None)
            return 0 if first is None else self._length(first)
        if kind in ("str", "rag"):
            return len(self.arrays[col[2] if kind == "str" else col[1]]) - 1
        return len(self.arrays[col[1]])

    def getter(self, col: Node, tp: Any) -> Callable[[int], Any]:
        """A function i -> item i of column ``col`` (reads the arrays in place)."""
        kind = col[0]
        if kind == "json":
            encoded = self.getter(col[1], str)
            return lambda i: json.loads(encoded(i))
        if kind == "str":
            blob, at = self.arrays[col[1]], self.arrays[col[2]].item
            text: list[str] = []  # decoded on first use

            def string(i: int) -> str:
                if not text:
                    text.append(bytes(blob).decode())
                return text[0][at(i) : at(i + 1) - 1]

            return string
        if kind == "num":
            return self.arrays[col[1]].item
        if kind == "tup":
            rows = self.arrays[col[1]]
            return lambda i: tuple(rows[i].tolist())
        if kind == "rag":
            start = self.arrays[col[1]].item
            inner = self.getter(col[2], _item_type(tp))
            make = _container(tp)
            return lambda i: make([inner(j) for j in range(start(i), start(i + 1))])
        if kind == "rec":
            records = self.lazy(col, tp)
            return records.__getitem__
        raise IndexFileError(f"unknown column kind {kind!r}")

    def all(self, col: Node, tp: Any) -> list[Any]:
        """Every item of column ``col``, as a list (fast paths for the common kinds)."""
        kind = col[0]
        if kind == "str" and col[3]:
            text = bytes(self.arrays[col[1]]).decode()
            return text[:-1].split("\0") if text else []
        if kind == "num":
            return list(self.arrays[col[1]].tolist())
        if kind == "tup":
            arr = self.arrays[col[1]]
            return list(zip(*(arr[:, j].tolist() for j in range(arr.shape[1])), strict=True))
        if kind == "rag":
            inner = self.all(col[2], _item_type(tp))
            make = _container(tp)
            return [make(inner[a:b]) for a, b in pairwise(self.arrays[col[1]].tolist())]
        if kind == "rec" and col[1]:
            hints, names = _hints(tp), list(col[1])
            columns = [self.all(sub, hints[k]) for k, sub in col[1].items()]
            if names == [f.name for f in dataclasses.fields(tp) if f.init]:
                return list(starmap(tp, zip(*columns, strict=True)))  # by position: faster
            return [tp(**dict(zip(names, row, strict=True))) for row in zip(*columns, strict=True)]
        if kind == "json":
            return [json.loads(text) for text in self.all(col[1], str)]
        get = self.getter(col, tp)
        return [get(i) for i in range(self._length(col))]


def read(
    path: Path, cls: type, key: dict[str, Any], expected: tuple[Any, Any] | None = None
) -> Any:
    """The ``cls`` instance stored in ``path``; IndexFileError unless it was written
    with this ``key``, this layout version and the current fields of ``cls``.

    ``expected``: the (size, SHA-256) the file must have, else IndexFileChanged. The
    hash is taken over the mapped bytes the index is then read from (no second read
    of the file, and no window in which other bytes could be read than were checked).
    """
    buffer: bytes | mmap.mmap
    with path.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size < _ALIGN:  # (an empty file cannot be mapped)
            buffer = fh.read()
        else:
            buffer = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if expected is not None and (len(buffer), hashlib.sha256(buffer).hexdigest()) != expected:
        raise IndexFileChanged(f"{path.name} does not have the recorded size and hash")
    head = bytes(buffer[:16])
    if len(head) < 16 or head[:8] != MAGIC:
        raise IndexFileError(f"{path.name} is not an index file")
    size = int.from_bytes(head[8:], "little")
    try:
        header = json.loads(bytes(buffer[16 : 16 + size]))
    except ValueError as err:
        raise IndexFileError(f"{path.name}: unreadable header: {err}") from None
    if header.get("layout_version") != LAYOUT_VERSION or header.get("key") != key:
        raise IndexFileStale(f"{path.name} was built by another version or from other data")
    if header.get("layout") != _layout_json(cls):
        raise IndexFileStale(f"{path.name} was written for other fields of {cls.__name__}")
    base = -(-(16 + size) // _ALIGN) * _ALIGN
    arrays = []
    for dtype, shape, offset in header["arrays"]:
        count = int(np.prod(shape)) if shape else 1
        try:
            arr = np.frombuffer(buffer, dtype=np.dtype(dtype), count=count, offset=base + offset)
        except ValueError as err:
            raise IndexFileError(f"{path.name} is truncated: {err}") from None
        arrays.append(arr.reshape(shape))
    try:
        return _Reader(arrays).value(header["root"], cls)
    except (KeyError, IndexError, TypeError, ValueError) as err:
        raise IndexFileError(f"{path.name}: inconsistent content: {err}") from None


def _container(tp: Any) -> Any:
    """What a ragged column's items are made as: its declared container, else a tuple."""
    return _origin(tp) if _origin(tp) in (tuple, frozenset, set, list) else tuple
