"""A store a team can share: umask modes, killed and concurrent imports, the lock."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from lists_data import MINI, full_csl, internal_list

from screen.store import Store
from screen.store_io import clean_leftovers

IMPORT = [sys.executable, "-m", "screen", "lists", "import"]


def _modes(root: Path) -> set[tuple[str, int]]:
    return {(p.name, stat.S_IMODE(p.stat().st_mode)) for p in root.rglob("*")}


@pytest.mark.parametrize(
    ("umask", "file_mode", "dir_mode"),
    [(0o022, 0o644, 0o755), (0o002, 0o664, 0o775), (0o077, 0o600, 0o700)],
)
def test_modes_follow_the_umask(tmp_path: Path, umask: int, file_mode: int, dir_mode: int) -> None:
    old = os.umask(umask)
    try:
        store = Store(tmp_path / "s")
        meta = store.import_file(MINI)
        store.pin(meta.name)
    finally:
        os.umask(old)
    modes = _modes(store.root)
    assert (meta.name, dir_mode) in modes
    assert {m for name, m in modes if name != meta.name} == {file_mode}
    assert {"entries.jsonl", "entries.idx", "meta.json", ".lock", ".default"} <= {
        name for name, _ in modes
    }


def test_keyboard_interrupt_during_index_build_leaves_no_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("screen.match.index_save._parts", interrupted)  # an import's build
    store = Store(tmp_path / "s")
    with pytest.raises(KeyboardInterrupt):
        store.import_file(MINI)
    assert store.list() == [] and sorted(p.name for p in store.root.iterdir()) == [".lock"]


def test_keyboard_interrupt_while_a_child_builds_ends_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    from screen.match.forked import Child

    children: list[Child] = []
    start = Child.start

    def started(work: Any) -> Child | None:
        child = start(work)
        if child is not None:
            children.append(child)
        return child

    monkeypatch.setattr("screen.match.index_save.main_fields", interrupted)
    monkeypatch.setattr(Child, "start", started)
    for module in ("index_forms", "index_save"):  # however busy the machine is
        monkeypatch.setattr(f"screen.match.{module}.can_fork", lambda: True)
    store = Store(tmp_path / "s")
    with pytest.raises(KeyboardInterrupt):  # 3,000 entries: children build
        store.import_file(internal_list(tmp_path / "big.csv", 3000))
    assert store.list() == [] and sorted(p.name for p in store.root.iterdir()) == [".lock"]
    assert len(children) == 2  # normalizing, then the side fields
    for child in children:
        with pytest.raises(ChildProcessError):  # ended and reaped
            os.waitpid(child._pid, os.WNOHANG)


def test_killed_import_leaves_nothing_after_the_next_start(tmp_path: Path) -> None:
    big = internal_list(tmp_path / "big.csv", 40_000)
    root = tmp_path / "s"
    env = {**os.environ, "SCREEN_LISTS_DIR": str(root)}
    proc = subprocess.Popen(
        [*IMPORT, str(big)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while not list(root.glob(".tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list(root.glob(".tmp-*")), "the import was not caught while writing"
    index_tmp = root / "x" / ".index-1-dead.tmp"
    index_tmp.parent.mkdir()
    index_tmp.write_bytes(b"left by a killed rebuild")
    store = Store(root)
    assert store.list() == []
    store.import_file(MINI, name="next")  # the next writer cleans up first
    assert sorted(p.name for p in root.iterdir()) == [".lock", "next", "x"]
    assert list((root / "x").iterdir()) == [] and len(store.entries("next")) == 3


def test_concurrent_imports_both_land_under_distinct_names(tmp_path: Path) -> None:
    root = tmp_path / "s"
    files = []
    for i, sub in enumerate(("a", "b")):
        (tmp_path / sub).mkdir()
        # same stem and (with --as-of) the same list date, different content: both
        # imports want the automatic name list_2022-05-01
        files.append(full_csl(tmp_path / sub / "list.csv", f"2022-0{i + 1}-01"))
    env = {**os.environ, "SCREEN_LISTS_DIR": str(root)}
    procs = [
        subprocess.Popen(
            [*IMPORT, str(f), "--as-of", "2022-05-01"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for f in files
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    store = Store(root)
    assert sorted(m.name for m in store.list()) == ["list_2022-05-01", "list_2022-05-01-2"]
    assert all(len(store.entries(m.name)) == 5 for m in store.list())
    assert not list(root.glob(".tmp-*"))


def test_clean_leftovers_removes_only_temp_files(tmp_path: Path) -> None:
    store = Store(tmp_path)
    meta = store.import_file(MINI)
    (tmp_path / ".tmp-99-abc").mkdir()
    (tmp_path / meta.name / ".index-99-abc.tmp").write_bytes(b"x")
    removed = clean_leftovers(tmp_path)
    assert {p.name for p in removed} >= {".tmp-99-abc", ".index-99-abc.tmp"}
    assert len(store.entries(meta.name)) == 3


def test_an_index_that_cannot_be_stored_leaves_a_usable_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_written(_obj: object, handle: Any, *_args: object, **_kw: object) -> None:
        handle.write(b"SCRNIDX1 partial")
        raise TypeError("index_file cannot store a column of X")

    monkeypatch.setattr("screen.match.index_file.dump", half_written)
    store = Store(tmp_path)
    meta = store.import_file(MINI, name="m")
    assert sorted(p.name for p in store.snapshot_dir("m").iterdir()) == [
        "entries.idx",
        "entries.jsonl",
        "meta.json",
    ]
    assert set(meta.files) == {"entries.idx", "entries.jsonl"}
    import screen

    assert [h.entry.name for h in screen.check("Blue Ship LLC", lists=["m"], store_dir=tmp_path)]


def test_an_error_building_the_index_is_raised_not_taken_for_an_unstorable_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise TypeError("a bug in building the index")

    monkeypatch.setattr("screen.match.index_save.main_fields", broken)
    store = Store(tmp_path / "s")
    with pytest.raises(TypeError, match="a bug"):
        store.import_file(MINI)
    assert store.list() == [] and sorted(p.name for p in store.root.iterdir()) == [".lock"]


def test_terminated_import_removes_its_temp_dir_at_once(tmp_path: Path) -> None:
    big = internal_list(tmp_path / "big.csv", 40_000)
    root = tmp_path / "s"
    env = {**os.environ, "SCREEN_LISTS_DIR": str(root)}
    proc = subprocess.Popen(
        [*IMPORT, str(big)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not list(root.glob(".tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == 143  # terminated (README exit codes), after unwinding:
    assert sorted(p.name for p in root.iterdir()) == [".lock"]


#: ``screen lists import`` with the index built in two processes however busy the machine.
FORKING_IMPORT = [
    sys.executable,
    "-c",
    "import sys\n"
    "from screen.match import index_forms, index_save\n"
    "index_forms.can_fork = index_save.can_fork = lambda: True\n"
    "from screen.__main__ import run\n"
    "sys.argv = ['screen', 'lists', 'import', *sys.argv[1:]]\n"
    "run()\n",
]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
@pytest.mark.parametrize(("stop", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_stop_while_a_child_normalizes_ends_it_and_leaves_nothing(
    tmp_path: Path, stop: signal.Signals, code: int
) -> None:
    big = internal_list(tmp_path / "big.csv", 40_000)
    root = tmp_path / "s"
    env = {**os.environ, "SCREEN_LISTS_DIR": str(root)}
    proc = subprocess.Popen(  # its own process group: Ctrl-C reaches it and its child
        [*FORKING_IMPORT, str(big)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline, forked = time.monotonic() + 60, []
    while not forked and time.monotonic() < deadline and proc.poll() is None:
        forked = children.read_text().split()
        time.sleep(0.01)
    assert forked, "the import was not caught while a child worked"
    if stop == signal.SIGINT:
        os.killpg(proc.pid, stop)  # as a terminal does
    else:
        proc.send_signal(stop)  # as kill does: the parent only
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code and b"Traceback" not in err
    assert sorted(p.name for p in root.iterdir()) == [".lock"]
    assert not [pid for pid in forked if Path(f"/proc/{pid}").exists()]  # reaped
