"""screen: screen counterparties against US export-control and sanctions lists.

Library first: ``screen.check(...)`` for one counterparty, ``screen.open_screener``
to screen many, ``screen.screen_frame`` for a pandas DataFrame. The CLI in
``screen.cli`` is a thin layer over these.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screen.errors import ScreenError

if TYPE_CHECKING:
    from screen.match.engine import Screener
    from screen.match.types import DEFAULT_THRESHOLD, Hit, Query, Reason
    from screen.model import Address, Entry

#: Names imported on first use (``__getattr__``): ``screen --help`` and ``--version``
#: import this package, and the matcher's types would cost them a third of their time.
_LAZY = {
    "DEFAULT_THRESHOLD": "screen.match.types",
    "Hit": "screen.match.types",
    "Query": "screen.match.types",
    "Reason": "screen.match.types",
    "Address": "screen.model",
    "Entry": "screen.model",
}

#: The package version (pyproject.toml reads it from here); it keys the index files.
__version__ = "0.1.0"

__all__ = [
    "DEFAULT_THRESHOLD",
    "Address",
    "Entry",
    "Hit",
    "Query",
    "Reason",
    "ScreenError",
    "check",
    "open_screener",
    "screen_frame",
]


def open_screener(
    lists: Sequence[str | Path] | None = None,
    store_dir: str | Path | None = None,
    associates: str | Path | None = None,
) -> Screener:
    """Prepare a Screener over stored snapshots (by name) and/or list files (by path).

    ``store_dir``: the snapshot store (default: ``$SCREEN_LISTS_DIR``, else ``./lists``).
    """
    from screen.match.engine import Screener
    from screen.sources import resolve_lists

    sources = resolve_lists(
        [str(s) for s in lists or ()], None if store_dir is None else Path(store_dir)
    )
    return Screener(sources, Path(associates) if associates else None)


def check(
    name: str,
    *,
    addresses: Sequence[str] = (),
    country: str = "",
    officers: Sequence[str] = (),
    lists: Sequence[str | Path] | None = None,
    store_dir: str | Path | None = None,
    associates: str | Path | None = None,
    threshold: float | None = None,
) -> list[Hit]:
    """Screen one counterparty; hits ranked by score (0-1), strongest first, at or above
    ``threshold`` (0-1; ``DEFAULT_THRESHOLD``, the policy's, when None)."""
    from screen.match.types import Query

    screener = open_screener(lists, store_dir, associates)
    query = Query(name, tuple(addresses), country, tuple(officers))
    return screener.check(query, threshold=threshold)


def screen_frame(frame: Any, screener: Screener, **options: Any) -> Any:
    """Screen every row of a pandas DataFrame; see :func:`screen.batch.frame.screen_frame`."""
    from screen.batch.frame import screen_frame as _screen_frame

    return _screen_frame(frame, screener, **options)


def __getattr__(name: str) -> Any:
    """The names of ``_LAZY``, imported when first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'screen' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
