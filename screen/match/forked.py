"""Work in a forked child process, its result (bytes) read back through a pipe.

Used to build a large list's index in two processes (``screen.match.index_forms``,
``screen.match.index_save``): the child shares the parent's objects copy-on-write, so
only results travel. Linux and the BSDs only (macOS may not fork safely), and only
with a second CPU free (``can_fork``); a child that fails or a fork that is refused
leaves the work to the parent, which does it as it would alone.

Forking beside other threads (a progress bar's) and signal handlers is safe: the child
touches nothing of the parent's but the work (its output goes to ``os.devnull``: the
parent's streams, maybe a progress bar's proxies, may be locked by a thread the child
does not have) and ends by ``os._exit`` (no atexit handler runs, no buffered output of
the parent's is flushed again). Ctrl-C and SIGTERM are held off across the fork: the
child ends at once on either (its parent, interrupted, kills and reaps it), and the
parent takes them once the ``Child`` that owns its child exists; a ``Child`` dropped
unread (an exception, the interpreter's exit) kills and reaps its process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import warnings
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, NoReturn

#: Processes that share the work (this one and one forked child).
WORKERS = 2
#: Share of a CPU that must be idle (by the 1-minute load average) for a child to pay.
IDLE_CPU = 0.5
#: Bytes per chunk number in a ``Queue``; bytes read from a child at a time.
_NUMBER, _READ = 4, 1 << 20
#: Signals that stop an import: Ctrl-C, ``kill``.
STOPS = (signal.SIGINT, signal.SIGTERM)
#: The streams a child replaced, kept for its life (one freed would flush its buffer).
_REPLACED: list[object] = []


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
        # however this object goes unread (an exception before its caller's try, the
        # interpreter's exit), its process is killed and reaped, by this process only
        self._end = weakref.finalize(self, _end, pid, read, os.getpid())

    @classmethod
    def start(cls, work: Callable[[], bytes]) -> Child | None:
        """Fork a child that runs ``work``; None when the system will not fork."""
        try:
            read, write = os.pipe()
        except OSError:
            return None
        with _held() as held:  # (a signal now is taken when the Child exists)
            try:
                with warnings.catch_warnings():  # 3.12+ warns of forking with threads:
                    warnings.simplefilter("ignore", DeprecationWarning)  # the child has none
                    pid = os.fork()
            except OSError:
                os.close(read)
                os.close(write)
                return None
            if pid == 0:
                _run_child(work, read, write, held)
            os.close(write)
            return cls(pid, read)

    def result(self) -> bytes | None:
        """The child's bytes, once it is done; None if it failed. Interrupted (Ctrl-C,
        SIGTERM), it ends the child first."""
        chunks = []
        try:
            while chunk := os.read(self._read, _READ):
                chunks.append(chunk)
            _, status = os.waitpid(self._pid, 0)
        except BaseException:
            self.cancel()
            raise
        self._end.detach()
        os.close(self._read)
        return b"".join(chunks) if status == 0 else None

    def cancel(self) -> None:
        """End the child (its work is not needed) and reap it."""
        self._end()


def _end(pid: int, read: int, owner: int) -> None:
    """Kill and reap a child, close its pipe: in the process that forked it only (a
    child of that process inherits its ``Child`` objects too)."""
    if os.getpid() != owner:
        return
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.close(read)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


Handler = Callable[[int, FrameType | None], Any]


@dataclass
class _Held:
    """What ``_held`` changed: this thread's signal mask before, and the Python
    handlers it stood in for (the main thread's: only it runs them)."""

    mask: set[int | signal.Signals] | None = None
    handlers: dict[int, Handler] = field(default_factory=dict)
    noted: list[int] = field(default_factory=list)


@contextlib.contextmanager
def _held() -> Iterator[_Held]:
    """``STOPS`` held off in this thread (pending, not lost: a forked child inherits the
    mask) and only noted by this process's Python handlers; at the end each handler is
    back and what came is taken, by the handler it was meant for."""
    held = _Held()
    if hasattr(signal, "pthread_sigmask"):
        held.mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    if threading.current_thread() is threading.main_thread():
        for number in STOPS:
            handler = signal.getsignal(number)
            if callable(handler):
                held.handlers[number] = handler
                signal.signal(number, lambda n, _frame: held.noted.append(n))
    try:
        yield held
    finally:
        for stop, handler in held.handlers.items():
            signal.signal(stop, handler)
        if held.mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, held.mask)
        for came in dict.fromkeys(held.noted):
            signal.raise_signal(came)


def _run_child(work: Callable[[], bytes], read: int, write: int, held: _Held) -> NoReturn:
    """In the child: do the work, write its bytes, exit at once (neither the parent's
    atexit handlers nor its buffered output run or flush again here). Ctrl-C and SIGTERM
    end it, unless the parent ignores them."""
    code = 1
    try:
        _silence()
        for number in STOPS:
            if held.handlers.get(number, signal.getsignal(number)) != signal.SIG_IGN:
                signal.signal(number, signal.SIG_DFL)
        if held.mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, held.mask)
        os.close(read)
        data = work()
        with os.fdopen(write, "wb") as out:
            out.write(data)
        code = 0
    finally:
        os._exit(code)


def _silence() -> None:
    """Point the child's output, Python's and its file descriptors 1 and 2 (a crash
    report's, a C library's), at ``os.devnull``; no warnings shown."""
    warnings.simplefilter("ignore")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    _REPLACED.extend((sys.stdout, sys.stderr))
    sys.stdout = sys.stderr = open(devnull, "w")  # noqa: SIM115 (open until os._exit)
