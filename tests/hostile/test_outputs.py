"""--output writes a regular file or a new path, never replaces what it points at."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from .conftest import LIST, screen


def _run(tmp: Path, output: Path) -> tuple[int, str]:
    names = tmp / "names.csv"
    names.write_text("name\nZzyzx Plumbing\n")
    run = screen("batch", str(names), "--list", str(LIST), "-o", str(output))
    return run.code, run.err


def test_fifo_is_refused_and_left_alone(tmp: Path) -> None:
    fifo = tmp / "fifo"
    os.mkfifo(fifo)
    code, err = _run(tmp, fifo)
    assert code == 2
    assert f"Error: Cannot write {fifo}: it is not a regular file" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_device_is_refused_and_left_alone() -> None:
    before = os.lstat("/dev/full")
    code, err = _run(Path(os.environ.get("TMPDIR", "/tmp")), Path("/dev/full"))
    assert code == 2 and "Error: Cannot write /dev/full: it is not a regular file" in err
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)
    assert os.lstat("/dev/full").st_ino == before.st_ino


def test_symlink_is_written_through_after_saying_so(tmp: Path) -> None:
    target = tmp / "real.csv"
    target.write_text("old\n")
    link = tmp / "link.csv"
    link.symlink_to(target)
    code, err = _run(tmp, link)
    assert code == 0
    assert f"Note: --output {link} is a symbolic link: writing to its target {target}." in err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("name,hit_rank,")


def test_dangling_symlink_writes_its_target(tmp: Path) -> None:
    link = tmp / "link.csv"
    link.symlink_to(tmp / "new.csv")
    assert _run(tmp, link)[0] == 0
    assert link.is_symlink() and (tmp / "new.csv").read_text().startswith("name,")


def test_directory_is_refused(tmp: Path) -> None:
    assert _run(tmp, tmp)[0] == 2


def test_regular_file_and_new_path_are_written_atomically(tmp: Path) -> None:
    existing = tmp / "out.csv"
    existing.write_text("old\n")
    assert _run(tmp, existing)[0] == 0 and existing.read_text().startswith("name,")
    assert _run(tmp, tmp / "fresh.jsonl")[0] == 0
    assert sorted(p.name for p in tmp.iterdir()) == ["fresh.jsonl", "names.csv", "out.csv"]
