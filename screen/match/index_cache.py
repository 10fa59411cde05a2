"""Where a snapshot's index file lives, what it must be, and how it is checked."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from screen.errors import ListError
from screen.match.index_file import (
    LAYOUT_VERSION,
    IndexFileChanged,
    IndexFileError,
    IndexFileStale,
    layout_of,
    load,
)

#: Writes a new index file: ``save(file_name, write)`` calls ``write(handle)`` and records it.
Saver = Callable[[str, Callable[[IO[bytes]], None]], None]


@dataclasses.dataclass
class IndexCache:
    """Where a snapshot's index file lives and what it must be.

    ``key``: what the index is built from (the entries' hash); ``recorded``: the
    size and SHA-256 of each file as meta.json records them; ``save``: how to add
    a new index file (None: read-only, the index is then built in memory).
    """

    directory: Path
    key: dict[str, Any]
    recorded: dict[str, dict[str, Any]]
    save: Saver | None = None
    snapshot: str = ""

    def load(self, file_name: str, cls: type, key: dict[str, Any]) -> Any:
        """The stored index; None if there is none yet, or the file (intact as recorded)
        was built from other data or by another version; ListError if it was changed."""
        path = self.directory / file_name
        if not path.is_file():
            return None
        record = self.recorded.get(file_name)
        if record is None:
            raise self._error(
                path,
                "is not recorded in meta.json (it was not written by `screen`; it is not loaded)",
            )
        try:
            return load(path, cls, key, (record.get("size"), record.get("sha256")))
        except IndexFileStale:
            return None  # intact, as recorded, but built from other entries: rebuilt
        except IndexFileChanged:
            raise self._error(
                path, "does not match the size and hash recorded in meta.json"
            ) from None
        except IndexFileError as err:
            raise self._error(path, f"is unreadable ({err})") from None

    def _error(self, path: Path, problem: str) -> Exception:
        name = self.snapshot or self.directory.name
        return ListError(
            f"Snapshot {name!r} is damaged: {path} {problem}.",
            f"Run `screen lists verify {name}`; delete the file to have the index "
            "rebuilt from the verified entries, or re-import the list.",
        )


def key_digest(key: dict[str, Any], cls: type) -> str:
    """A short, stable digest of ``key`` and the field layout of ``cls`` (for file names)."""
    text = json.dumps({"key": key, "layout": layout_of(cls), "v": LAYOUT_VERSION}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
