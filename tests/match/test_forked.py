"""A forked child is safe beside the parent's threads and signals: it touches none of
the parent's streams or their locks, runs no exit code of the parent's, and neither an
interrupt nor a crash leaves a process behind (the work is then the parent's)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from screen.match import forked
from screen.match.forked import Child

#: Seconds a test waits for a child that should end (a guard against a hang, not a
#: measurement: the child ends in milliseconds).
PATIENCE = 60


class _HeldStream:
    """A stream whose lock another thread holds (as a progress bar's console lock is,
    mid-refresh, when the import forks): writing to it would wait forever, so it raises."""

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def write(self, text: str) -> int:
        if not self.lock.acquire(blocking=False):
            raise RuntimeError("would wait forever for a lock another thread holds")
        self.lock.release()
        return len(text)

    def flush(self) -> None:
        self.write("")


@pytest.fixture
def held_stream() -> Iterator[_HeldStream]:
    stream = _HeldStream()
    holding, done = threading.Event(), threading.Event()

    def hold() -> None:
        with stream.lock:
            holding.set()
            done.wait()

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait()
    yield stream
    done.set()
    thread.join()


def _noisy() -> bytes:
    print("progress", flush=True)
    warnings.warn("a warning in the child", UserWarning, stacklevel=1)
    print("oops", file=sys.stderr)
    return b"done"


def test_the_child_writes_nothing_to_streams_another_thread_holds(
    held_stream: _HeldStream, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", held_stream)  # (here: pytest sets its own at setup)
    monkeypatch.setattr(sys, "stderr", held_stream)
    child = Child.start(_noisy)
    assert child is not None
    assert child.result() == b"done"


def test_a_crashing_child_says_nothing_and_its_work_is_left_to_the_parent(
    capfd: pytest.CaptureFixture[str],
) -> None:
    def crash() -> bytes:
        os.write(2, b"Fatal Python error: what a crash report writes\n")  # faulthandler's
        os.kill(os.getpid(), signal.SIGKILL)
        return b"never"

    child = Child.start(crash)
    assert child is not None
    assert child.result() is None  # the caller does the work itself
    assert capfd.readouterr() == ("", "")


def _gone(pid: int) -> bool:
    """The process ``pid`` (a child of this one) has ended and been reaped."""
    try:
        return os.waitpid(pid, os.WNOHANG) != (0, 0)
    except ChildProcessError:
        return True


def _ended(pids: list[int]) -> bool:
    gone = all(_gone(pid) for pid in pids)
    for pid in pids:  # never leave a test's child running
        if not _gone(pid):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    return gone


def _forks(
    monkeypatch: pytest.MonkeyPatch,
    in_child: Callable[[], None] | None = None,
    in_parent: Callable[[], None] | None = None,
) -> list[int]:
    """Children forked from now on (their pids), with what each side does first."""
    pids: list[int] = []
    fork = os.fork

    def forking() -> int:
        pid = fork()
        if pid == 0 and in_child is not None:
            in_child()
        if pid > 0:
            pids.append(pid)
            if in_parent is not None:
                in_parent()
        return pid

    monkeypatch.setattr(forked.os, "fork", forking)
    return pids


def _sleep() -> bytes:
    time.sleep(PATIENCE)
    return b"late"


def test_a_child_dropped_unread_is_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    pids = _forks(monkeypatch)
    child = Child.start(_sleep)
    assert child is not None
    del child  # (an exception between its start and its caller's try)
    assert _ended(pids)


def test_ctrl_c_as_the_fork_returns_ends_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    pids = _forks(monkeypatch, in_parent=lambda: signal.raise_signal(signal.SIGINT))
    with pytest.raises(KeyboardInterrupt):
        Child.start(_sleep)
    assert len(pids) == 1 and _ended(pids)


def test_ctrl_c_as_the_child_starts_stays_out_of_the_callers_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    escaped = tmp_path / "escaped"
    parent = os.getpid()
    _forks(monkeypatch, in_child=lambda: signal.raise_signal(signal.SIGINT))
    try:
        child = Child.start(lambda: b"done")
        assert child is not None
        result = child.result()
    finally:
        if os.getpid() != parent:  # the interrupt ran this test's code in the child
            escaped.touch()
            os._exit(1)
    assert result is None and not escaped.exists()  # the child just ended


def test_the_child_runs_no_exit_code_and_flushes_nothing_of_the_parents(
    tmp_path: Path,
) -> None:
    script = f"""
import atexit, sys
from screen.match.forked import Child
atexit.register(lambda: open({str(tmp_path / "exits")!r}, "a").write("exit\\n"))
sys.stdout.write("buffered before the fork\\n")  # a pipe: block-buffered, not yet written
child = Child.start(lambda: b"done")
print(child.result())
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout == "buffered before the fork\nb'done'\n"
    assert (tmp_path / "exits").read_text() == "exit\n"
