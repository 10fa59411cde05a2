"""The ``table`` output format of ``screen batch``: a rich table per chunk, for a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from screen.batch.writers import Result

_TIER_STYLE = {"match": "bold red", "strong link": "red", "review": "yellow"}


#: Characters of an input name the table shows (it is for reading, not parsing: the
#: other formats keep the full text; folding a 10 MB name into a column takes minutes).
TABLE_NAME_CHARS = 300


def _shown(name: str) -> str:
    if len(name) <= TABLE_NAME_CHARS:
        return name
    return f"{name[:TABLE_NAME_CHARS]}... ({len(name):,} characters)"


class TableWriter:
    """Rows with their best hits as a table; rows with errors shown with the error."""

    def __init__(self, out: TextIO) -> None:
        self.console = Console(file=out, soft_wrap=False)
        self.out = out
        self.first = True

    def begin(self, columns: Sequence[str]) -> None:
        pass

    def write(self, results: Sequence[Result]) -> None:
        table = Table(show_header=self.first, show_edge=False, pad_edge=False)
        self.first = False
        for title, kwargs in (
            ("line", {"justify": "right"}),
            ("input name", {}),
            ("listed name", {}),
            ("score", {"justify": "right"}),
            ("tier", {}),
            ("source / error", {}),
        ):
            table.add_column(title, overflow="fold", **kwargs)  # type: ignore[arg-type]
        for result in results:
            name = Text(_shown(result.row.query.name) if result.row.query else "")
            line = str(result.row.line)
            if result.error or not result.hits:
                note = Text(result.error, "red") if result.error else Text("no hit", "dim")
                table.add_row(line, name, "", "", "", note)
            for rank, hit in enumerate(result.hits):
                tier = Text(hit.tier, _TIER_STYLE.get(hit.tier, ""))
                table.add_row(
                    "" if rank else line,
                    "" if rank else name,
                    Text(hit.entry.name),
                    f"{hit.score * 100:.1f}",
                    tier,
                    Text(hit.list_name),
                )
        self.console.print(table)
        self.out.flush()

    def end(self) -> None:
        self.out.flush()
