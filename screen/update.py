"""Download the current Consolidated Screening List and store it as a snapshot.

The default source is the trade.gov CSL CSV download (:data:`DEFAULT_CSL_URL`,
override with ``screen lists update --url``). The request is conditional
(``If-None-Match`` / ``If-Modified-Since`` from the last update of that URL, kept
in ``ROOT/.update-state.json``); the body is streamed into a temporary directory
in the store, hashed on the way, capped at ``max_bytes`` and checked against
``Content-Length``, then parsed once and imported. Unchanged content (HTTP 304,
or the same SHA-256 as a stored snapshot) is "already up to date". Any failure
leaves the store unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import shutil
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

from screen.errors import DownloadError, ListError
from screen.snapshot_meta import SnapshotMeta
from screen.store import Progress, Store
from screen.store_io import make_temp_dir, temp_name, write_file

DEFAULT_CSL_URL = (
    "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"
)
#: Downloads larger than this are refused (``--max-bytes``).
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
STATE_FILE = ".update-state.json"
_CHUNK = 1 << 16
_HINT = "Check the URL and your network connection, or retry later."


@dataclass
class UpdateResult:
    """The snapshot holding the downloaded content; ``new`` unless it was up to date."""

    meta: SnapshotMeta
    new: bool
    reason: str = ""


def update(
    store: Store,
    url: str = DEFAULT_CSL_URL,
    name: str | None = None,
    timeout: float = 60,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SnapshotMeta:
    """Download ``url`` and import it; the snapshot (new, or the one already up to date)."""
    return update_list(store, url, name, timeout, max_bytes).meta


def update_list(
    store: Store,
    url: str = DEFAULT_CSL_URL,
    name: str | None = None,
    timeout: float = 60,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> UpdateResult:
    """Download ``url`` (conditionally), validate it as a list file, import it if new;
    ``progress(phase)`` as each phase of the import starts (``Store.import_file``)."""
    from screen.loaders import load_list

    state = _read_state(store)
    known = state.get(url, {})
    previous = _existing(store, known.get("snapshot"))
    existed = store.root.exists()
    tmpdir = make_temp_dir(store.root)
    try:
        target = tmpdir / _file_name(url)
        got = _download(url, target, timeout, max_bytes, known if previous else {})
        if got is None and previous is not None:
            return UpdateResult(previous, False, "not modified since the last update (HTTP 304)")
        digest, headers = got or ("", {})
        same = next((m for m in store.list() if m.content_hash == digest), None)
        if same is not None:
            _write_state(store, url, headers, same.name)
            return UpdateResult(same, False, f"same content as snapshot {same.name}")
        try:
            loaded = load_list(target, data=target.read_bytes())
        except ListError as err:
            message = err.message.replace(str(target), "it").replace(target.name, "it")
            raise DownloadError(
                f"The file downloaded from {url} is not a valid list: {message}",
                "Check --url, or retry later.",
            ) from None
        meta = store.add(loaded, digest, url, target.stem, name=name, progress=progress)
        _write_state(store, url, headers, meta.name)
        return UpdateResult(meta, True)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
        if not existed:
            _remove_if_empty(store.root)


def _existing(store: Store, name: Any) -> SnapshotMeta | None:
    if not isinstance(name, str):
        return None
    try:
        return store.meta(name)
    except ListError:
        return None


def _file_name(url: str) -> str:
    name = PurePosixPath(urlparse(url).path).name or "download"
    return name if "." in name else f"{name}.csv"


def _download(
    url: str, target: Path, timeout: float, max_bytes: int, known: dict[str, str]
) -> tuple[str, dict[str, str]] | None:
    """Stream ``url`` into ``target``: (sha256, validators), or None for HTTP 304."""
    request = urllib.request.Request(url)
    if known.get("etag"):
        request.add_header("If-None-Match", known["etag"])
    if known.get("last_modified"):
        request.add_header("If-Modified-Since", known["last_modified"])
    digest = hashlib.sha256()
    received = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, target.open("wb") as out:
            expected = response.headers.get("Content-Length")
            if expected is not None and expected.isdigit() and int(expected) > max_bytes:
                raise _too_big(url, int(expected), max_bytes)
            while chunk := response.read(_CHUNK):
                received += len(chunk)
                if received > max_bytes:
                    raise _too_big(url, received, max_bytes)
                out.write(chunk)
                digest.update(chunk)
            headers = {
                "etag": response.headers.get("ETag") or "",
                "last_modified": response.headers.get("Last-Modified") or "",
            }
    except urllib.error.HTTPError as err:
        if err.code == 304:
            return None
        raise DownloadError(
            f"Download of {url} failed: HTTP {err.code} {err.reason}.", _HINT
        ) from None
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise DownloadError(f"Download of {url} failed: {reason}.", _HINT) from None
    if expected is not None and expected.isdigit() and int(expected) != received:
        raise DownloadError(
            f"Download of {url} is incomplete: received {received} of {expected} bytes.",
            "Retry the update.",
        )
    if received == 0:
        raise DownloadError(f"Download of {url} returned an empty body.", _HINT)
    return digest.hexdigest(), headers


def _too_big(url: str, size: int, limit: int) -> DownloadError:
    return DownloadError(
        f"Download of {url} is larger than the limit: {size} bytes > --max-bytes {limit}.",
        "Raise --max-bytes if the list really is that large, or check --url.",
    )


def _read_state(store: Store) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((store.root / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_state(store: Store, url: str, headers: dict[str, str], snapshot: str) -> None:
    """Remember the validators of ``url`` for the next conditional request (best effort)."""
    state = _read_state(store)
    state[url] = {**headers, "snapshot": snapshot}
    try:
        tmp = temp_name(store.root, ".tmp-", ".json")
        write_file(tmp, json.dumps(state, indent=2).encode())
        os.replace(tmp, store.root / STATE_FILE)
    except OSError:
        pass


def _remove_if_empty(root: Path) -> None:
    with contextlib.suppress(OSError):
        root.rmdir()
