"""List files given by path, stored once by content hash in the user cache directory.

``screen check --list file.csv`` stores the parsed file as a snapshot named by
its SHA-256 in ``<user cache dir>/screen/lists`` (``platformdirs``; override with
``SCREEN_CACHE_DIR``), index included, so the next call with the same content
opens it as fast as a stored snapshot. ``--no-cache`` skips this.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from screen.errors import ListError

if TYPE_CHECKING:
    from screen.sources import ListSource

CACHE_ENV = "SCREEN_CACHE_DIR"


def cache_root() -> Path:
    """Where list files are cached: ``$SCREEN_CACHE_DIR``, else the user cache dir."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("screen")) / "lists"


def cached_snapshot(path: Path, encoding: str | None = None) -> ListSource | None:
    """The cached snapshot of the list file ``path`` (stored now if new); None if the
    cache cannot be written (the caller then loads the file directly)."""
    from screen.loaders import load_list
    from screen.sources import ListSource, open_snapshot
    from screen.store import Store

    try:
        data = path.read_bytes()
    except OSError as err:
        raise ListError(
            f"Cannot read list file {path}: {err.strerror}.", "Check the path."
        ) from None
    digest = hashlib.sha256(data).hexdigest()
    name = f"{digest[:32]}{'-' + encoding if encoding else ''}"
    store = Store(cache_root())
    if not (store.snapshot_dir(name) / "meta.json").is_file():
        loaded = load_list(path, encoding=encoding, data=data)
        try:
            store.add(loaded, digest, str(path.resolve()), path.stem, name=name)
        except ListError:
            if not (store.snapshot_dir(name) / "meta.json").is_file():
                return ListSource(path.name, loaded.entries, None, list(loaded.warnings))
    source = open_snapshot(store.root, name)
    source.name = path.name
    source.warnings.extend(store.meta(name).warnings)
    return source
