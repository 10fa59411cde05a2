"""Work in a forked child process, its result (bytes) read back through a pipe.

Used to build a large list's index in two processes (``screen.match.index_forms``,
``screen.match.index_save``): the child shares the parent's objects copy-on-write, so
only results travel. Linux and the BSDs only (macOS may not fork safely), and only
with a second CPU free (``can_fork``); a child that fails or a fork that is refused
leaves the work to the parent, which does it as it would alone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import NoReturn

#: Processes that share the work (this one and one forked child).
WORKERS = 2
#: Share of a CPU that must be idle (by the 1-minute load average) for a child to pay.
IDLE_CPU = 0.5
#: Bytes per chunk number in a ``Queue``; bytes read from a child at a time.
_NUMBER, _READ = 4, 1 << 20


class Queue:
    """Chunk numbers ``0 .. n - 1`` in a pipe, for a parent and its forked child to
    share: each read takes one number whole (reads of a few bytes from a pipe are
    atomic), so every chunk is taken by exactly one of them."""

    def __init__(self, n: int) -> None:
        self._read, write = os.pipe()
        try:
            os.write(write, b"".join(k.to_bytes(_NUMBER, "little") for k in range(n)))
        finally:
            os.close(write)  # an empty queue reads as the end of the pipe

    def __iter__(self) -> Iterator[int]:
        while number := os.read(self._read, _NUMBER):
            yield int.from_bytes(number, "little")

    def __enter__(self) -> Queue:
        return self

    def __exit__(self, *_: object) -> None:
        os.close(self._read)


def can_fork() -> bool:
    """Forking is safe (Linux and the BSDs: macOS may not fork) and a second process would
    find a CPU to run on: two are ours, and the 1-minute load average leaves more than
    ``IDLE_CPU`` of one idle beside this process. On a busy machine a child only takes
    turns with its parent, and the work costs more in all (each process warms its own
    caches, and the child's results are copied back)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if (cpus or 1) < WORKERS:
        return False
    try:
        load = os.getloadavg()[0]
    except OSError:
        return True
    return load < (cpus or 1) - 1 + IDLE_CPU


class Child:
    """``work`` run in a forked child process, its bytes read back through a pipe."""

    def __init__(self, pid: int, read: int) -> None:
        self._pid, self._read = pid, read
        self._running = True

    @classmethod
    def start(cls, work: Callable[[], bytes]) -> Child | None:
        """Fork a child that runs ``work``; None when the system will not fork."""
        try:
            read, write = os.pipe()
        except OSError:
            return None
        try:
            with warnings.catch_warnings():  # 3.12+ warns of forking with threads: the
                warnings.simplefilter("ignore", DeprecationWarning)  # child needs none
                pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return None
        if pid == 0:
            _run_child(work, read, write)
        os.close(write)
        return cls(pid, read)

    def result(self) -> bytes | None:
        """The child's bytes, once it is done; None if it failed. Interrupted (Ctrl-C,
        SIGTERM), it ends the child first."""
        chunks = []
        try:
            while chunk := os.read(self._read, _READ):
                chunks.append(chunk)
        except BaseException:
            self.cancel()
            raise
        self._running = False
        os.close(self._read)
        _, status = os.waitpid(self._pid, 0)
        return b"".join(chunks) if status == 0 else None

    def cancel(self) -> None:
        """End the child (its work is not needed) and reap it."""
        if not self._running:
            return
        self._running = False
        with contextlib.suppress(OSError):
            os.kill(self._pid, signal.SIGKILL)
        os.close(self._read)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)


def _run_child(work: Callable[[], bytes], read: int, write: int) -> NoReturn:
    """In the child: do the work, write its bytes, exit at once (neither the parent's
    atexit handlers nor its buffered output run or flush again here)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.close(read)
    code = 1
    try:
        data = work()
        with os.fdopen(write, "wb") as out:
            out.write(data)
        code = 0
    finally:
        os._exit(code)
