"""Screen chunks of rows, in-process or on a fork pool, results in input order.

With ``workers > 1`` the screener is put in a module global *before* the pool forks,
so every worker shares the parent's prepared lists copy-on-write and nothing big is
pickled per task: a task carries a chunk's queries, a result carries its hits. A
listed entry is sent back whole only the first time a worker reports it, then as a
(worker pid, object id) key the parent resolves from its cache (a worker processes
its tasks in order and the parent unpacks results in order, so the whole entry
always arrives first). At most ``2 * workers`` chunks are in flight, so memory stays
bounded however large the input.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from screen.batch.reader import Row
from screen.batch.writers import Result
from screen.errors import ScreenError
from screen.match.types import DEFAULT_THRESHOLD, Hit, Query, Reason
from screen.model import Entry


class Checker(Protocol):
    """What the runner needs of a Screener."""

    def check(self, query: Query, threshold: float = ..., limit: int | None = ...) -> list[Hit]: ...


@dataclass(frozen=True)
class _Job:
    screener: Checker
    threshold: float
    limit: int | None


#: The job of the current pool, set in the parent before it forks.
_JOB: _Job | None = None

#: In a worker: entries already sent to the parent, by id() (kept alive so ids stay unique).
_SENT: dict[int, Entry] = {}

_Key = tuple[int, int]
_Packed = tuple[tuple[Any, ...], str, str, float, str, tuple[Any, ...], dict[str, float | None]]


def screen_row(
    screener: Checker, row: Row, threshold: float, limit: int | None
) -> tuple[list[Hit], str | None]:
    """Hits of one row (none for a row with an error), or the screener's refusal."""
    if row.query is None:
        return [], row.error
    try:
        return screener.check(row.query, threshold=threshold, limit=limit), None
    except ScreenError as err:
        return [], f"line {row.line}: {err.message}"


def screen_chunks(
    chunks: Iterable[list[Row]],
    screener: Checker,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
    workers: int = 1,
) -> Generator[list[Result], None, None]:
    """Results chunk by chunk, in input order, identical whatever ``workers`` is."""
    if workers <= 1:
        for n, chunk in enumerate(chunks):
            if n == 1:  # more than one chunk: reading a stored index whole pays off
                _materialize(screener)
            yield [Result(row, *screen_row(screener, row, threshold, limit)) for row in chunk]
        return
    yield from _pooled(chunks, _Job(screener, threshold, limit), workers)


def _materialize(checker: Checker) -> None:
    """Read a stored index whole (see ``ListIndex.materialize``), through a HitSelector."""
    screener = getattr(checker, "screener", checker)
    if hasattr(screener, "materialize"):
        screener.materialize()


def _pooled(chunks: Iterable[list[Row]], job: _Job, workers: int) -> Iterator[list[Result]]:
    global _JOB
    _JOB = job
    _materialize(job.screener)  # read a stored index whole once, not once per worker
    gc.collect()
    # frozen, the GC never walks the index: in the workers it would copy the pages they
    # share; in this process each full collection would walk millions of objects while
    # the results come in. It is thawed when the pool is done.
    gc.freeze()
    try:
        try:
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker)
        finally:
            _JOB = None  # the children have their copy
        yield from _collect(pool, chunks, workers)
    finally:
        gc.unfreeze()


def _collect(pool: Any, chunks: Iterable[list[Row]], workers: int) -> Iterator[list[Result]]:
    """The pool's results chunk by chunk, in input order, with two chunks per worker queued."""
    cache: dict[_Key, Entry] = {}
    with pool:
        pending: deque[tuple[list[Row], Any]] = deque()
        for chunk in chunks:
            queries = [_fields(row.query) for row in chunk]
            pending.append((chunk, pool.apply_async(_work, (queries,))))
            if len(pending) >= 2 * workers:
                yield _unpack(cache, *pending.popleft())
        while pending:
            yield _unpack(cache, *pending.popleft())


def _fields(query: Query | None) -> tuple[Any, ...] | None:
    if query is None:
        return None
    return (query.name, query.addresses, query.country, query.officers)


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool ends its workers with SIGTERM


def _work(queries: Sequence[tuple[Any, ...] | None]) -> list[tuple[list[_Packed], str | None]]:
    """Screen a chunk's queries (as plain tuples: cheaper to pickle) in a worker."""
    job = _JOB
    assert job is not None, "worker forked without a job"
    out: list[tuple[list[_Packed], str | None]] = []
    pid = os.getpid()
    for fields in queries:
        if fields is None:
            out.append(([], None))
            continue
        try:
            hits = job.screener.check(Query(*fields), threshold=job.threshold, limit=job.limit)
        except ScreenError as err:
            out.append(([], err.message))
            continue
        out.append(([_pack(pid, hit) for hit in hits], None))
    return out


def _pack(pid: int, hit: Hit) -> _Packed:
    key = id(hit.entry)
    ref: tuple[Any, ...] = (pid, key)
    if key not in _SENT:
        _SENT[key] = hit.entry
        ref = (pid, key, hit.entry)
    reasons = tuple((r.feature, r.score, r.detail) for r in hit.reasons)
    return (ref, hit.list_name, hit.matched_name, hit.score, hit.tier, reasons, hit.breakdown)


def _unpack(cache: dict[_Key, Entry], chunk: list[Row], pending: Any) -> list[Result]:
    results = []
    for row, (packed, error) in zip(chunk, pending.get(), strict=True):
        hits = []
        for ref, list_name, matched, score, tier, reasons, breakdown in packed:
            if len(ref) == 3:
                cache[ref[0], ref[1]] = ref[2]
            entry = cache[ref[0], ref[1]]
            hits.append(
                Hit(
                    entry,
                    list_name,
                    matched,
                    score,
                    tier,
                    tuple(Reason(*r) for r in reasons),
                    breakdown,
                )
            )
        if row.query is None:
            error = row.error
        elif error is not None:
            error = f"line {row.line}: {error}"
        results.append(Result(row, hits, error))
    return results
