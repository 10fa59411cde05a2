"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

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
