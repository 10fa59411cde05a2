"""Where the word tables live and how a row is read (``screen/match/data/*.tsv``)."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(name: str) -> list[list[str]]:
    """Rows of one data file: comment and blank lines skipped, columns split on tabs."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
