"""The hostile-input corpus (issue 11): every case as a file made in a temp dir.

Cases are generated here, not committed: a 2 MB cell or a UTF-16 file is a few
lines of Python. Lists are the bundled hand-made example, so the outcomes asserted
(exit codes, messages, rows out) do not depend on real data or on match scores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from screen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "examples" / "entity_list_sample.csv"


@dataclass
class Run:
    """What a command did: exit code, stdout, stderr."""

    code: int
    out: str
    err: str

    def jsonl(self) -> list[dict[str, Any]]:
        """stdout as JSON Lines."""
        return [json.loads(line) for line in self.out.splitlines()]


def screen(*args: str, input: bytes | str | None = None, store: Path | None = None) -> Run:
    """Run ``screen ARGS`` in-process (click's CliRunner)."""
    env = {"SCREEN_LISTS_DIR": str(store)} if store else None
    result = CliRunner().invoke(cli, list(args), input=input, env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def batch(path: Path | str, *args: str, input: bytes | None = None) -> Run:
    """``screen batch PATH --list <example list> --format jsonl ARGS``."""
    return screen("batch", str(path), "--list", str(LIST), "--format", "jsonl", *args, input=input)


def rows(run: Run) -> list[tuple[int, str, str | None]]:
    """(line, name as read, error) of each JSON Lines row out."""
    out = []
    for obj in run.jsonl():
        values = list(obj["input"].values())
        out.append((obj["line"], values[0] if values else "", obj["error"]))
    return out


def subprocess_screen(*args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    """``python -m screen ARGS`` as a real process (for signals and real file descriptors)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "screen", *args],
        env=env,
        stdout=kwargs.pop("stdout", subprocess.PIPE),
        stderr=subprocess.PIPE,
        **kwargs,
    )


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    """A temp dir for the case files."""
    return tmp_path
