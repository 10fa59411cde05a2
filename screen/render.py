"""Rich rendering of check results for a terminal (the only place that imports rich)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from screen.match.types import Hit, Query
from screen.report import summary_line

_TIER_STYLE = {"match": "bold red", "strong link": "bold yellow", "review": "cyan"}


def render_check(
    query: Query,
    hits: Sequence[Hit],
    lists: Sequence[str],
    file: IO[str],
    width: int | None = None,
    notes: Sequence[str] = (),
) -> None:
    """A ranked table of hits, each with one line per signal that fired; ``notes`` (per
    hit: its case decision, its change) are shown under the tier."""
    console = Console(file=file, width=width, highlight=False, soft_wrap=False)
    console.print(summary_line(query, hits, lists))
    if not hits:
        return
    table = Table(show_lines=True, expand=False)
    for col in ("#", "Score", "Tier", "Listed party", "Why"):
        table.add_column(col, overflow="fold")
    for i, hit in enumerate(hits, start=1):
        table.add_row(
            str(i),
            f"{hit.score * 100:.0f}",
            _tier(hit, notes[i - 1] if i <= len(notes) else ""),
            _party(hit, several=len(lists) > 1),
            _why(hit),
        )
    console.print(table)


def _tier(hit: Hit, note: str) -> Text:
    text = Text(hit.tier, style=_TIER_STYLE.get(hit.tier, ""))
    if note:
        text.append("\n" + note, style="dim")
    return text


def _party(hit: Hit, several: bool = False) -> Text:
    e = hit.entry
    text = Text(e.name, style="bold")
    if hit.matched_name and hit.matched_name != e.name:
        text.append(f"\nmatched: {hit.matched_name}")
    lines = [e.source, f"id {e.id}"] + ([f"list {hit.list_name}"] if several else [])
    if e.federal_register_notice:
        lines.append(f"FR {e.federal_register_notice}")
    if e.start_date:
        lines.append(f"since {e.start_date}")
    if e.license_requirement:
        lines.append(f"license: {e.license_requirement}")
    if e.license_policy:
        lines.append(f"policy: {e.license_policy}")
    text.append("\n" + "\n".join(lines), style="dim")
    return text


def _why(hit: Hit) -> Text:
    text = Text()
    for n, r in enumerate(hit.reasons):
        if n:
            text.append("\n")
        text.append(f"{r.feature} {r.score * 100:.0f}: ", style="bold")
        text.append(r.detail)
    return text
