"""The ``table`` output format of ``screen batch``: a rich table per chunk, for a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from screen.batch.writers import Result
from screen.loaders.csl import short_code

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

    def __init__(self, out: TextIO, show_list: bool = False) -> None:
        self.console = Console(file=out, soft_wrap=False)
        self.out = out
        self.first = True
        self.show_list = show_list

    def begin(self, columns: Sequence[str]) -> None:
        pass

    def write(self, results: Sequence[Result]) -> None:
        table = Table(show_header=self.first, show_edge=False, pad_edge=False)
        self.first = False
        titles = (
            ("line", {"justify": "right"}),
            ("input name", {}),
            ("listed name", {}),
            ("score", {"justify": "right"}),
            ("tier", {}),
            ("source / error", {}),
            *((("list", {}),) if self.show_list else ()),
        )
        for title, kwargs in titles:
            table.add_column(title, overflow="fold", **kwargs)  # type: ignore[arg-type]
        more = [""] if self.show_list else []
        for result in results:
            name = Text(_shown(result.row.query.name) if result.row.query else "")
            line = str(result.row.line)
            if result.error or not result.hits:
                note = Text(result.error, "red") if result.error else Text("no hit", "dim")
                table.add_row(line, name, "", "", "", note, *more)
            extras = result.extras or ({},) * len(result.hits)
            for rank, (hit, extra) in enumerate(zip(result.hits, extras, strict=True)):
                tier = Text(hit.tier, _TIER_STYLE.get(hit.tier, ""))
                tier.append(_note(extra), "dim")
                table.add_row(
                    "" if rank else line,
                    "" if rank else name,
                    Text(hit.entry.name),
                    f"{hit.score * 100:.1f}",
                    tier,
                    Text(short_code(hit.entry.source)),
                    *([Text(hit.list_name)] if self.show_list else []),
                )
        self.console.print(table)
        self.out.flush()

    def end(self) -> None:
        self.out.flush()


def _note(extra: dict[str, Any]) -> str:
    """`` (change; case N status)`` after the tier, when known."""
    case = extra.get("case") or {}
    parts = [str(extra["change"])] if extra.get("change") else []
    if case:
        parts.append(f"case {case.get('id')} {case.get('status')}")
    return f" ({'; '.join(parts)})" if parts else ""
