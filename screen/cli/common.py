"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from screen.match.types import TIERS

F = TypeVar("F", bound=Callable[..., Any])

STORE_ENV = "SCREEN_LISTS_DIR"


def store_option(func: F) -> F:
    """``--store DIR`` (env ``SCREEN_LISTS_DIR``, default ``./lists``)."""
    option = click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar=STORE_ENV,
        default=Path("lists"),
        show_default=True,
        help=f"Snapshot store directory (or set {STORE_ENV}).",
    )
    return option(func)


TIER_NAMES = tuple(name for name, _ in TIERS)


def _tier(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    wanted = value.strip().lower().replace("-", " ").replace("_", " ")
    if wanted not in TIER_NAMES:
        raise click.BadParameter(
            f"{value!r} is not a tier; choose from {', '.join(repr(t) for t in TIER_NAMES)}. "
            "(Given alone, put --fail-on-hit after the arguments, or write --fail-on-hit=TIER.)"
        )
    return wanted


def fail_on_hit_option(what: str) -> Callable[[F], F]:
    """``--fail-on-hit [TIER]``: exit 1 when ``what`` reaches TIER or a stronger one.

    Tiers are written "strong link", "strong-link" or "strong_link" alike.
    """
    return click.option(
        "--fail-on-hit",
        is_flag=False,
        flag_value="review",
        default=None,
        callback=_tier,
        metavar="[TIER]",
        help=f"Exit 1 if {what} reaches TIER or a stronger one "
        f"({', '.join(TIER_NAMES)}; default when given alone: review).",
    )
