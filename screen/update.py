"""Download the current Consolidated Screening List and store it as a snapshot.

The default source is the trade.gov CSL CSV download
(:data:`DEFAULT_CSL_URL`, override with ``screen lists update --url``). The body is
written to a temporary file, checked against ``Content-Length``, loaded (no partial
files allowed) and only then imported, so any failure leaves the store unchanged.
"""

from __future__ import annotations

import http.client
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from screen.errors import DownloadError, ListError
from screen.loaders import load_list
from screen.store import SnapshotMeta, Store

DEFAULT_CSL_URL = (
    "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"
)
_CHUNK = 1 << 16


def update(
    store: Store, url: str = DEFAULT_CSL_URL, name: str | None = None, timeout: float = 60
) -> SnapshotMeta:
    """Download ``url``, validate it as a list file and import it into ``store``."""
    tmpdir = Path(tempfile.mkdtemp(prefix="screen-update-"))
    try:
        target = tmpdir / _file_name(url)
        _download(url, target, timeout)
        try:
            load_list(target)
        except ListError as err:
            raise DownloadError(
                f"The file downloaded from {url} is not a valid list: {err.message}",
                "Check --url, or retry later.",
            ) from None
        return store.import_file(target, name=name, source_file=url)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def _file_name(url: str) -> str:
    name = PurePosixPath(urlparse(url).path).name or "download"
    return name if "." in name else f"{name}.csv"


def _download(url: str, target: Path, timeout: float) -> None:
    hint = "Check the URL and your network connection, or retry later."
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, target.open("wb") as out:
            expected = response.headers.get("Content-Length")
            received = 0
            while chunk := response.read(_CHUNK):
                out.write(chunk)
                received += len(chunk)
    except urllib.error.HTTPError as err:
        raise DownloadError(
            f"Download of {url} failed: HTTP {err.code} {err.reason}.", hint
        ) from None
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise DownloadError(f"Download of {url} failed: {reason}.", hint) from None
    if expected is not None and expected.isdigit() and int(expected) != received:
        raise DownloadError(
            f"Download of {url} is incomplete: received {received} of {expected} bytes.",
            "Retry the update.",
        )
    if received == 0:
        raise DownloadError(f"Download of {url} returned an empty body.", hint)
