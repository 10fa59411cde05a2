"""Options shared by several commands."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from screen.errors import EXIT_ROW_ERRORS
from screen.match.types import TIERS

F = TypeVar("F", bound=Callable[..., Any])

STORE_ENV = "SCREEN_LISTS_DIR"
#: The case database when ``--cases`` is given without a path.
CASES_ENV = "SCREEN_CASES"


def store_option(func: F) -> F:
    """``--store DIR`` (env ``SCREEN_LISTS_DIR``, default ``./lists``)."""
    option = click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar=STORE_ENV,
        default=Path("lists"),
        show_default=True,
        callback=_remember_store,
        help=f"Snapshot store directory (or set {STORE_ENV}).",
    )
    return option(func)


def _remember_store(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """Record the store in use, so an OSError under it is reported as a list error (4)."""
    ctx.meta["screen.store_dir"] = value
    return value


class Percent(click.FloatRange):
    """A number from 0 to 100; NaN is refused (FloatRange lets it through: no comparison
    with NaN is true, and ``--threshold nan`` would turn screening off)."""

    name = "0-100"

    def __init__(self) -> None:
        super().__init__(0, 100)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a number from 0 to 100.", param, ctx)
        return number


#: ``--threshold``'s type in every command.
PERCENT = Percent()


def utf8_text(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Refuse argument text holding bytes that are not UTF-8 (on POSIX they arrive as
    lone surrogates and would be written raw into the output)."""
    for item in value if isinstance(value, tuple) else (value,):
        if isinstance(item, str) and _SURROGATE.search(item):
            shown = item.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise click.BadParameter(
                f"{shown!r} holds bytes that are not valid UTF-8; pass the text in UTF-8."
            )
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def fail_on_error_option(func: F) -> F:
    """``--fail-on-error``: exit 6 when some row could not be screened."""
    option = click.option(
        "--fail-on-error",
        is_flag=True,
        help=f"Exit {EXIT_ROW_ERRORS} if some row could not be screened (for CI gates; a "
        "hit reaching --fail-on-hit still exits 1).",
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
