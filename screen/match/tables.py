"""Where the word tables live and how a row is read (``screen/match/data/*.tsv``)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(name: str) -> list[list[str]]:
    """Rows of one data file: comment and blank lines skipped, columns split on tabs."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def data_digest() -> str:
    """SHA-256 of every data file (names and bytes): an index built with other word
    tables is another index, whatever the version numbers say."""
    digest = hashlib.sha256()
    for path in sorted(DATA_DIR.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
