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
import itertools
import json
import marshal
import operator
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np

LAYOUT_VERSION = 1
MAGIC = b"SCRNIDX1"
_ALIGN = 64
_SEQUENCES = (list, tuple, frozenset, set, Sequence)

Node = list[Any]


class IndexFileError(ValueError):
    """The file is not an index of this layout (damaged, foreign or stale)."""


class IndexFileChanged(IndexFileError):
    """The file's bytes are not those recorded (size and SHA-256)."""


class IndexFileStale(IndexFileError):
    """An intact index file built from other data, by another version or for other fields:
    not this snapshot's index (it is rebuilt)."""


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


@dataclasses.dataclass
class Part:
    """Some top-level fields of a dataclass, encoded (:func:`dump_part`): their nodes and
    arrays, ready for :func:`dump`; made in another process, they travel as bytes."""

    nodes: dict[str, Node]
    arrays: list[np.ndarray[Any, Any]]

    def to_bytes(self) -> bytes:
        """The part as plain data (``marshal``: for this same interpreter only)."""
        arrays = [(a.dtype.str, a.shape, a.tobytes()) for a in self.arrays]
        return marshal.dumps((self.nodes, arrays))

    @classmethod
    def from_bytes(cls, data: bytes) -> Part:
        nodes, arrays = marshal.loads(data)
        return cls(nodes, [np.frombuffer(b, dtype=d).reshape(s) for d, s, b in arrays])


def dump_part(cls: type, values: dict[str, Any]) -> Part:
    """Encode the top-level fields ``values`` (by name) of dataclass ``cls``."""
    writer = _Writer()
    hints = _hints(cls)
    nodes = {name: writer.value(value, hints[name]) for name, value in values.items()}
    return Part(nodes, writer.arrays)


def dump(
    obj: Any,
    handle: IO[bytes],
    key: dict[str, Any],
    skip: Sequence[str] = (),
    parts: Sequence[Part] = (),
) -> None:
    """Write dataclass ``obj`` with the caller's ``key`` to the binary ``handle``.

    Top-level fields named in ``skip`` are not stored; :func:`load` gives them ``[]``.
    Fields that ``parts`` hold are stored as encoded there; when they hold every field
    not skipped, ``obj`` may be the dataclass itself.
    """
    cls = obj if isinstance(obj, type) else type(obj)
    writer = _Writer()
    ready: dict[str, Node] = {}
    for part in parts:
        ready |= {k: _shift(node, len(writer.arrays)) for k, node in part.nodes.items()}
        writer.arrays += part.arrays
    missing = {f.name for f in dataclasses.fields(cls)} - set(skip) - set(ready)
    if obj is cls and missing:
        raise ValueError(f"no part holds the field(s) {', '.join(sorted(missing))}")
    hints = _hints(cls)
    fields = {
        f.name: ["skip"]
        if f.name in skip
        else ready[f.name]
        if f.name in ready
        else writer.value(getattr(obj, f.name), hints[f.name])
        for f in dataclasses.fields(cls)
    }
    _write(handle, cls, key, ["d", fields], writer.arrays)


def _write(
    handle: IO[bytes], cls: type, key: dict[str, Any], root: Node, arrays: list[Any]
) -> None:
    specs, offset = [], 0
    for arr in arrays:
        offset = -(-offset // _ALIGN) * _ALIGN
        specs.append([arr.dtype.str, list(arr.shape), offset])
        offset += arr.nbytes
    header = json.dumps(
        {
            "layout_version": LAYOUT_VERSION,
            "key": key,
            "layout": layout_of(cls),
            "root": root,
            "arrays": specs,
        },
        separators=(",", ":"),
    ).encode()
    start = -(-(16 + len(header)) // _ALIGN) * _ALIGN
    handle.write(MAGIC + len(header).to_bytes(8, "little") + header)
    handle.write(b"\0" * (start - 16 - len(header)))
    written = 0
    for arr, (_, _, at) in zip(arrays, specs, strict=True):
        handle.write(b"\0" * (at - written))
        handle.write(arr.tobytes())
        written = at + arr.nbytes


#: Node kind -> where its array numbers are (positions), and where its sub-nodes are.
_ARRAY_AT = {"a": (1,), "str": (1, 2), "num": (1,), "tup": (1,), "rag": (1,)}
_NODES_AT = {"m": (1, 2), "s": (1,), "rag": (2,), "json": (1,)}


def _shift(node: Node, offset: int) -> Node:
    """``node`` with every array number it holds (through its sub-nodes) moved by ``offset``."""
    kind = node[0]
    out = list(node)
    if kind in ("d", "rec"):
        out[1] = {k: _shift(sub, offset) for k, sub in node[1].items()}
    for at in _ARRAY_AT.get(kind, ()):
        out[at] = node[at] + offset
    for at in _NODES_AT.get(kind, ()):
        out[at] = _shift(node[at], offset)
    return out


def load(
    path: Path, cls: type, key: dict[str, Any], expected: tuple[Any, Any] | None = None
) -> Any:
    """The ``cls`` instance stored in ``path``; IndexFileError unless it was written
    with this ``key``, this layout version and the current fields of ``cls``.

    ``expected``: the (size, SHA-256) the file must have, else IndexFileChanged (see
    :func:`screen.match.index_read.read`).
    """
    from screen.match.index_read import read

    return read(path, cls, key, expected)
