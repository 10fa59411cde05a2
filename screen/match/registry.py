"""The feature registry: every signal the matcher computes, declared once.

A feature is a pure function returning ``(score, detail)``: a score in [0, 1] and a
human-readable detail. ``@feature`` registers it under its function's name, which is the
name reports show (``name_match``, ``address_match``...); the first paragraph of its
docstring is its explanation. Code refers to a feature by its object
(``name_match.name``), never by a string.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, ParamSpec

P = ParamSpec("P")
Signal = tuple[float, str]


@dataclass(frozen=True)
class Feature(Generic[P]):
    """A registered feature: its name, its function and its explanation."""

    name: str
    func: Callable[P, Signal]
    explanation: str

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Signal:
        return self.func(*args, **kwargs)


REGISTRY: dict[str, Feature[...]] = {}


def feature(func: Callable[P, Signal]) -> Feature[P]:
    """Register ``func`` as a feature named after it."""
    doc = (func.__doc__ or "").strip().split("\n\n")[0]
    declared = Feature(func.__name__, func, " ".join(doc.split()))
    if declared.name in REGISTRY:
        raise ValueError(f"feature {declared.name!r} is declared twice")
    REGISTRY[declared.name] = declared
    return declared
