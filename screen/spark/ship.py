"""Ship the prepared lists to Spark executors once; open them once per Python worker.

On the driver, :func:`prepare` packs the snapshots to screen against (stored
snapshots as they are in the store, list files imported into a temporary store
first, with the matcher's index cache built) and the associates file into one zip
archive whose name carries its content hash. ``SparkContext.addArchive`` sends it
to every executor once, where Spark unpacks it. On an executor, :func:`screener`
opens it with :func:`screen.open_screener` the first time a Python worker needs it
and keeps it in a module-level cache keyed by that hash, so every later batch and
task in the same worker reuses it.

Only public APIs are used (``Store``, ``Store.snapshot_dir``, ``open_screener``):
whatever files a snapshot directory holds (entries, index caches) travel with it.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from screen.errors import ListError
from screen.store import Store

if TYPE_CHECKING:
    from pyspark import SparkContext

    from screen.match.engine import Screener

MANIFEST = "manifest.json"
#: The archive's directory names: ``lists/<snapshot>/...`` and ``associates/<file>``.
LISTS_DIR, ASSOCIATES_DIR = "lists", "associates"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same content gives the same archive


@dataclass(frozen=True)
class Shipped:
    """What an executor needs to find the lists: the archive's name and content hash."""

    archive: str
    digest: str
    lists: tuple[str, ...]


#: Driver: archives already built and added, by what they were built from.
_PREPARED: dict[tuple[object, ...], tuple[Path, Shipped, list[str]]] = {}
#: Executor (one per Python worker): screeners already opened, by archive digest.
_SCREENERS: dict[str, Screener] = {}
#: Executor: how many times this process opened lists (the tests check it stays at one).
OPENED: dict[str, int] = {}
_TEMP: list[Path] = []


def prepare(
    lists: Sequence[str | Path] | None, store_dir: Path, associates: Path | None
) -> tuple[Path, Shipped, list[str]]:
    """Build (or reuse) the archive of the prepared lists: its path, how executors find
    it, and the warnings of opening the lists. Errors are those of ``open_screener``."""
    store = Store(store_dir)
    specs = [str(s) for s in lists or ()]
    if not specs:
        latest = store.latest()
        specs = [latest.name] if latest else []
    key = (*[_identity(store, spec) for spec in specs], _file_identity(associates))
    if key in _PREPARED and _PREPARED[key][0].is_file():
        return _PREPARED[key]
    base = _tempdir()
    work = base / "stage"
    names = _stage(specs, store, Store(work / LISTS_DIR))
    if associates is not None:
        (work / ASSOCIATES_DIR).mkdir()
        shutil.copyfile(associates, work / ASSOCIATES_DIR / associates.name)
    warnings = _warm(names, work, associates)
    manifest = {"lists": names, "associates": associates.name if associates else None}
    (work / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    archive = _zip(work)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    final = base / f"screen-lists-{digest[:16]}.zip"
    archive.replace(final)
    shutil.rmtree(work, ignore_errors=True)
    _PREPARED[key] = (final, Shipped(final.name, digest, tuple(names)), warnings)
    return _PREPARED[key]


def ship(context: SparkContext, archive: Path) -> None:
    """Send the archive to every executor (once per SparkContext)."""
    if not any(str(a).endswith("/" + archive.name) for a in context.listArchives):
        context.addArchive(str(archive))


def _identity(store: Store, spec: str) -> tuple[object, ...]:
    path = Path(spec)
    if path.is_file():
        return ("file", *_file_identity(path))
    meta = store.meta(spec)  # ListError naming the snapshot and listing those stored
    return ("snapshot", str(store.root.resolve()), meta.name, meta.content_hash)


def _file_identity(path: Path | None) -> tuple[object, ...]:
    if path is None:
        return ()
    stat = path.stat()
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns)


def _stage(specs: Sequence[str], store: Store, staging: Store) -> list[str]:
    """Copy stored snapshots and import list files into ``staging``; their names there."""
    if not specs:
        raise ListError(
            f"No list given and the snapshot store {store.root} holds no snapshot.",
            "Import one with `screen lists import FILE`, or pass a list file.",
        )
    names: list[str] = []
    for spec in specs:
        if Path(spec).is_file():
            names.append(staging.import_file(Path(spec), source_file=spec).name)
            continue
        name = store.meta(spec).name
        if staging.snapshot_dir(name).exists():
            raise ListError(f"The snapshot {name!r} is given twice.", "Give each list once.")
        shutil.copytree(
            store.snapshot_dir(name),
            staging.snapshot_dir(name),
            ignore=shutil.ignore_patterns(".*"),
        )
        names.append(name)
    return names


def _warm(names: Sequence[str], work: Path, associates: Path | None) -> list[str]:
    """Open the staged lists once on the driver: batch's errors and warnings, and the
    matcher's index caches built into the staged snapshots, so executors only load them."""
    from screen import open_screener

    opened = open_screener(
        list(names),
        store_dir=work / LISTS_DIR,
        associates=work / ASSOCIATES_DIR / associates.name if associates else None,
    )
    return opened.warnings


def _zip(work: Path) -> Path:
    files = sorted(p for p in work.rglob("*") if p.is_file() and not p.name.startswith("."))
    archive = work.parent / f"{work.name}.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(work).as_posix(), _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            with path.open("rb") as src, zf.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    return archive


def _tempdir() -> Path:
    """A directory removed at exit: executors may fetch the archive until the app ends."""
    path = Path(tempfile.mkdtemp(prefix="screen-spark-"))
    if not _TEMP:
        atexit.register(_cleanup)
    _TEMP.append(path)
    return path


def _cleanup() -> None:
    for path in _TEMP:
        shutil.rmtree(path, ignore_errors=True)


def screener(shipped: Shipped, root: Path | None = None) -> Screener:
    """The executor's Screener for ``shipped``: opened on first use, then reused."""
    found = _SCREENERS.get(shipped.digest)
    if found is not None:
        return found
    folder = root if root is not None else _unpacked(shipped)
    if not (folder / MANIFEST).is_file():
        raise _missing(shipped, folder)
    from screen import open_screener

    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    associates = manifest.get("associates")
    opened = open_screener(
        manifest["lists"],
        store_dir=folder / LISTS_DIR,
        associates=folder / ASSOCIATES_DIR / associates if associates else None,
    )
    _SCREENERS.clear()  # one job's lists at a time: an executor's memory is bounded
    _SCREENERS[shipped.digest] = opened
    OPENED[shipped.digest] = OPENED.get(shipped.digest, 0) + 1
    return opened


def _unpacked(shipped: Shipped) -> Path:
    from pyspark import SparkFiles

    return Path(SparkFiles.get(shipped.archive))


def _missing(shipped: Shipped, folder: Path) -> ListError:
    return ListError(
        f"The lists {', '.join(shipped.lists)} (archive {shipped.archive}) are not on this "
        f"executor: {folder} does not exist or holds no {MANIFEST}.",
        "screen_spark ships them with SparkContext.addArchive; run the job in the "
        "SparkSession of the DataFrame passed to screen_spark, and do not remove the "
        "executors' SparkFiles directories while it runs.",
    )
