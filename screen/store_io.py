"""Safe writes for a store shared by a team: umask modes, fsync, a lock, leftover cleanup.

Every file and directory is created with the modes the umask allows (never a
private 0600/0700 temp mode), written completely and fsynced before it is renamed
into place. Writers hold the store's lock (``ROOT/.lock``, an ``fcntl`` lock), so
while a process holds it, any temporary file in the store belongs to a killed run
and may be removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from screen.errors import ListError

LOCK_FILE = ".lock"
TMP_PREFIX = ".tmp-"
INDEX_TMP_GLOB = ".index-*.tmp"
#: ``screen-update-*`` directories in the system temp dir older than this are leftovers.
STALE_DOWNLOAD_SECONDS = 3600
_CHUNK = 1 << 20

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: imports are not serialized
    fcntl = None  # type: ignore[assignment]


def sha256_file(path: Path) -> tuple[int, str]:
    """(size, sha256 hex digest) of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def file_record(path: Path) -> dict[str, Any]:
    """What meta.json records about one file of a snapshot."""
    size, digest = sha256_file(path)
    return {"size": size, "sha256": digest}


def matches(path: Path, record: dict[str, Any]) -> bool:
    """True if the file has the size and SHA-256 that ``record`` gives."""
    found = file_record(path)
    return bool(found["size"] == record.get("size") and found["sha256"] == record.get("sha256"))


def write_file(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist) with ``data``, fsynced; mode from the umask."""
    with path.open("xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_temp_dir(root: Path) -> Path:
    """A new ``ROOT/.tmp-<pid>-<random>`` directory, with the umask's mode (not 0700)."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{TMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    path.mkdir()
    return path


def temp_name(directory: Path, prefix: str, suffix: str) -> Path:
    """A fresh temporary file name in ``directory`` (the file is not created)."""
    return directory / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}{suffix}"


@contextlib.contextmanager
def store_lock(root: Path) -> Iterator[None]:
    """Hold the store's exclusive lock; leftovers of killed runs are removed on entry."""
    root.mkdir(parents=True, exist_ok=True)
    try:
        handle = (root / LOCK_FILE).open("a")
    except OSError as err:
        raise ListError(
            f"Cannot lock the snapshot store {root}: {err.strerror}.",
            "Check that the store directory is writable.",
        ) from None
    with handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            clean_leftovers(root)
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def clean_leftovers(root: Path) -> list[Path]:
    """Remove temporary files of killed runs (call with the store lock held)."""
    removed: list[Path] = []
    for path in root.glob(f"{TMP_PREFIX}*"):
        if _running(path.name[len(TMP_PREFIX) :].split("-", 1)[0]):
            continue  # e.g. a download in progress (downloads do not hold the lock)
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        removed.append(path)
    for path in root.glob(f"*/{INDEX_TMP_GLOB}"):
        path.unlink(missing_ok=True)
        removed.append(path)
    removed.extend(_clean_old_downloads())
    return removed


def _running(pid_text: str) -> bool:
    """True if ``pid_text`` names a process alive on this host (the writer of a temp dir)."""
    if not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, another user's
        return True
    return True


def _clean_old_downloads() -> list[Path]:
    """``screen-update-*`` directories an older ``screen lists update`` left in /tmp."""
    removed = []
    cutoff = time.time() - STALE_DOWNLOAD_SECONDS
    for path in Path(tempfile.gettempdir()).glob("screen-update-*"):
        try:
            stat = path.stat()
        except OSError:
            continue
        if stat.st_uid == os.getuid() and stat.st_mtime < cutoff:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
