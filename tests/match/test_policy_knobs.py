"""Every number of the policy is pinned: changing any one changes a golden outcome."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from screen.match.policy import DEFAULT_POLICY, Policy

from .golden import fingerprint

FACTOR = 0.9  # a float knob is moved to 90 % of itself, an int one down by one


def _moved(value: Any) -> list[Any]:
    """Each variant of ``value`` with one number in it moved."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [value - 1]
    if isinstance(value, float):
        return [value * FACTOR]
    if isinstance(value, tuple):
        variants = []
        for i, item in enumerate(value):
            for moved in _moved(item):
                variants.append((*value[:i], moved, *value[i + 1 :]))
        return variants
    if isinstance(value, str):
        return [value + "-moved"]
    return []


def _knobs(obj: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            found.extend(_knobs(value, (*path, f.name)))
        else:
            found.extend(((*path, f.name), v) for v in _moved(value))
    return found


def _replace(obj: Any, path: tuple[str, ...], value: Any) -> Any:
    if len(path) == 1:
        return dataclasses.replace(obj, **{path[0]: value})
    inner = _replace(getattr(obj, path[0]), path[1:], value)
    return dataclasses.replace(obj, **{path[0]: inner})


KNOBS = _knobs(DEFAULT_POLICY)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    return fingerprint(DEFAULT_POLICY, tmp_path_factory.mktemp("golden"))


def _leaves(obj: Any, path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    found = set()
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        found |= (
            _leaves(value, (*path, f.name))
            if dataclasses.is_dataclass(value)
            else {(*path, f.name)}
        )
    return found


def test_every_policy_field_is_a_knob() -> None:
    assert {path for path, _ in KNOBS} == _leaves(DEFAULT_POLICY)


@pytest.mark.parametrize(("path", "value"), KNOBS, ids=[".".join(p) + f"={v}" for p, v in KNOBS])
def test_moving_a_knob_changes_a_golden_case(
    path: tuple[str, ...], value: Any, baseline: list[Any], tmp_path: Path
) -> None:
    policy: Policy = _replace(DEFAULT_POLICY, path, value)
    try:
        moved = fingerprint(policy, tmp_path)
    except KeyError:  # a feature weight under a name no feature has: refused, also red
        return
    assert moved != baseline
