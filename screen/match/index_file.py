"""The matcher's index as a file of data, never code: flat arrays and strings, mmapped.

Layout of a file (``LAYOUT_VERSION``)::

    MAGIC (8 bytes) | header length (8 bytes, little endian) | header (JSON, UTF-8)
    | arrays, each 64-byte aligned, raw little-endian

The header holds the caller's ``key`` (what the index was built from), a
``layout`` (every dataclass's field names and types, so a changed class is a
stale file, not a wrong one), the tree of ``nodes`` and each array's dtype,
shape and offset. Loading maps the file and views the arrays in place: no
pickle, nothing executed, and no Python object per listed name until it is
used (lists of dataclasses come back as :class:`Records`, lists of sets or
tuples as :class:`Ragged`).

The encoding is derived from the dataclasses' type hints, so a new field of a
supported type needs no change here: ``str``, ``int``, ``float``, ``bool``,
numpy arrays, ``tuple[str, ...]``, ``frozenset[str]``, ``list``/``tuple`` of
numbers, ``dict[str, V]`` (and dict subclasses, whose instance attributes are
kept), nested dataclasses and lists of dataclasses, nested to any depth.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import json
import mmap
import operator
import os
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np

from screen.match.index_lazy import Ragged, Records, lazy_class

LAYOUT_VERSION = 1
MAGIC = b"SCRNIDX1"
_ALIGN = 64
_SEQUENCES = (list, tuple, frozenset, set, Sequence)

Node = list[Any]


class IndexFileError(ValueError):
    """The file is not an index of this layout (damaged, foreign or stale)."""


class IndexFileChanged(IndexFileError):
    """The file's bytes are not those recorded (size and SHA-256)."""


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _origin(tp: Any) -> Any:
    return typing.get_origin(tp) or tp


def _dict_types(tp: Any) -> tuple[Any, Any] | None:
    """(key type, value type) of ``dict[K, V]`` or of a dict subclass, else None."""
    origin = _origin(tp)
    if not (isinstance(origin, type) and issubclass(origin, dict)):
        return None
    args = typing.get_args(tp)
    if args:  # dict[K, V], defaultdict[K, V], Counter[K]
        return args[0], args[1] if len(args) > 1 else int
    for base in getattr(origin, "__orig_bases__", ()):
        if _origin(base) is dict and typing.get_args(base):
            return typing.get_args(base)[0], typing.get_args(base)[1]
    return str, Any


@functools.cache
def _layout_json(cls: type) -> Any:
    return json.loads(json.dumps(layout_of(cls)))


def layout_of(cls: type) -> dict[str, Any]:
    """Field names and type names of ``cls`` and of the dataclasses it contains."""
    seen: dict[str, Any] = {}

    def visit(tp: Any) -> None:
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            key = f"{tp.__module__}.{tp.__qualname__}"
            if key in seen:
                return
            hints = _hints(tp)
            seen[key] = {f.name: repr(hints[f.name]) for f in dataclasses.fields(tp)}
            for f in dataclasses.fields(tp):
                visit(hints[f.name])
        for arg in typing.get_args(tp):
            visit(arg)
        pair = _dict_types(tp)
        if pair and not typing.get_args(tp):
            visit(pair[1])

    visit(cls)
    return seen


# ----------------------------------------------------------------------------- writing


class _Writer:
    def __init__(self) -> None:
        self.arrays: list[np.ndarray[Any, Any]] = []

    def array(self, values: Any, dtype: Any = None) -> int:
        """Store an array; int64 columns that fit are stored as int32 (half the bytes)."""
        arr = np.ascontiguousarray(np.asarray(values, dtype=dtype))
        if arr.dtype.hasobject:
            raise TypeError("object arrays cannot be stored")
        if dtype is np.int64 and (
            arr.size == 0 or (int(arr.min()) >= -(2**31) and int(arr.max()) < 2**31)
        ):
            arr = arr.astype(np.int32)
        self.arrays.append(arr)
        return len(self.arrays) - 1

    def value(self, value: Any, tp: Any, skip: frozenset[str] = frozenset()) -> Node:
        """A node for one value of type ``tp`` (fields named in ``skip`` left out)."""
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            hints = _hints(tp)
            fields = {
                f.name: ["skip"]
                if f.name in skip
                else self.value(getattr(value, f.name), hints[f.name])
                for f in dataclasses.fields(tp)
            }
            return ["d", fields]
        if _origin(tp) is np.ndarray:
            return ["a", self.array(value)]
        pair = _dict_types(tp)
        if pair is not None:
            attrs = dict(vars(value)) if hasattr(value, "__dict__") else {}
            keys = sorted(value) if pair[0] is str else list(value)
            values = list(map(dict.__getitem__, itertools.repeat(value), keys))
            return [
                "m",
                self.column(keys, pair[0]),
                self.column(values, pair[1]),
                attrs,
                pair[0] is str,
            ]
        if _origin(tp) in _SEQUENCES:
            return ["s", self.column(_ordered(value), _item_type(tp))]
        return ["v", value]

    def column(self, items: list[Any], tp: Any) -> Node:
        """A node for ``items``, all of type ``tp``, stored column-wise."""
        if tp is str:
            text = "\0".join(items) + "\0" if items else ""
            blob = np.frombuffer(text.encode(), dtype=np.uint8)
            nul_free = text.count("\0") == len(items)
            if nul_free and text.isascii():  # one byte a character: items end at the NULs
                starts = np.zeros(len(items) + 1, dtype=np.int64)
                starts[1:] = np.flatnonzero(blob == 0) + 1
            else:
                starts = _starts(items, 1)
            return ["str", self.array(blob), self.array(starts, np.int64), nul_free]
        if tp in (int, float, bool):
            dtype = {int: np.int64, float: np.float64, bool: np.bool_}[tp]
            return ["num", self.array(items, dtype)]
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            hints = _hints(tp)
            return [
                "rec",
                {
                    f.name: self.column(
                        list(map(operator.attrgetter(f.name), items)), hints[f.name]
                    )
                    for f in dataclasses.fields(tp)
                },
            ]
        args = typing.get_args(tp)
        if _origin(tp) is tuple and args and Ellipsis not in args and set(args) <= {int, float}:
            dtype = np.int64 if set(args) == {int} else np.float64
            cells = itertools.chain.from_iterable(items)
            table = np.fromiter(cells, dtype, len(items) * len(args)).reshape(-1, len(args))
            return ["tup", self.array(table, dtype)]
        if _origin(tp) in _SEQUENCES:
            flat = list(itertools.chain.from_iterable(items))
            return [
                "rag",
                self.array(_starts(items, 0), np.int64),
                self.column(flat, _item_type(tp)),
            ]
        if all(x is None or isinstance(x, str | int | float | bool) for x in items):
            # any other type (e.g. ``int | None``) holding JSON scalars: one JSON text each
            return ["json", self.column([json.dumps(x) for x in items], str)]
        raise TypeError(f"index_file cannot store a column of {tp!r}")


def _starts(items: list[Any], gap: int) -> np.ndarray[Any, Any]:
    """Where each item starts when ``items`` are laid end to end, ``gap`` apart (n + 1)."""
    starts = np.zeros(len(items) + 1, dtype=np.int64)
    lengths = np.fromiter(map(len, items), dtype=np.int64, count=len(items))
    np.cumsum(lengths + gap, out=starts[1:])
    return starts


def _item_type(tp: Any) -> Any:
    args = [a for a in typing.get_args(tp) if a is not Ellipsis]
    return args[0] if args else str


def _ordered(value: Any) -> list[Any]:
    """Items of a sequence or set; sets sorted so equal sets give equal files."""
    return sorted(value) if isinstance(value, (set, frozenset)) else list(value)


def dump(obj: Any, handle: IO[bytes], key: dict[str, Any], skip: Sequence[str] = ()) -> None:
    """Write dataclass ``obj`` with the caller's ``key`` to the binary ``handle``.

    Top-level fields named in ``skip`` are not stored; :func:`load` gives them ``[]``.
    """
    writer = _Writer()
    root = writer.value(obj, type(obj), frozenset(skip))
    specs, offset = [], 0
    for arr in writer.arrays:
        offset = -(-offset // _ALIGN) * _ALIGN
        specs.append([arr.dtype.str, list(arr.shape), offset])
        offset += arr.nbytes
    header = json.dumps(
        {
            "layout_version": LAYOUT_VERSION,
            "key": key,
            "layout": layout_of(type(obj)),
            "root": root,
            "arrays": specs,
        },
        separators=(",", ":"),
    ).encode()
    start = -(-(16 + len(header)) // _ALIGN) * _ALIGN
    handle.write(MAGIC + len(header).to_bytes(8, "little") + header)
    handle.write(b"\0" * (start - 16 - len(header)))
    written = 0
    for arr, (_, _, at) in zip(writer.arrays, specs, strict=True):
        handle.write(b"\0" * (at - written))
        handle.write(arr.tobytes())
        written = at + arr.nbytes


# ----------------------------------------------------------------------------- reading


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
                lazy._init(
                    self.getter(node[1], str), self.getter(node[2], pair[1]), self._length(node[1])
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
            return (
                Ragged(self.getter(col, tp), n)
                if col[0] == "rag"
                else Records(
                    tp, n, {k: self.getter(sub, _hints(tp)[k]) for k, sub in col[1].items()}
                )
            )
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
            make = _origin(tp) if _origin(tp) in (tuple, frozenset, set, list) else tuple
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
        get = self.getter(col, tp)
        return [get(i) for i in range(self._length(col))]


def load(
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
        raise IndexFileError(f"{path.name} was built by another version or from other data")
    if header.get("layout") != _layout_json(cls):
        raise IndexFileError(f"{path.name} was written for other fields of {cls.__name__}")
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
