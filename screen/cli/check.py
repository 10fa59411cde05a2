"""``screen check``: screen one counterparty."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from screen.cli.common import fail_on_hit_option, store_option
from screen.errors import EXIT_HIT, UsageError
from screen.match.engine import Screener
from screen.match.types import DEFAULT_THRESHOLD, Hit, Query, tier_rank
from screen.report import HIT_COLUMNS, check_document, hit_row
from screen.sources import resolve_lists


@click.command()
@click.argument("name")
@click.option(
    "--address",
    "addresses",
    multiple=True,
    metavar="TEXT",
    help="An address of the counterparty (repeatable).",
)
@click.option("--country", default="", help="The counterparty's country (name or ISO code).")
@click.option(
    "--officer",
    "officers",
    multiple=True,
    metavar="NAME",
    help="An officer or executive (repeatable).",
)
@click.option(
    "--list",
    "list_specs",
    multiple=True,
    metavar="SNAPSHOT_OR_FILE",
    help="Stored snapshot name or list file (repeatable; default: the pinned default, "
    "else the newest full CSL snapshot).",
)
@store_option
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse a --list FILE afresh instead of caching it in the user cache directory.",
)
@click.option(
    "--associates",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV linking people to listed entries: entity_id or entity_name, person, role.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=DEFAULT_THRESHOLD * 100,
    show_default=True,
    help="Lowest score (0-100) to report.",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Report at most N hits.")
@click.option(
    "--all-hits",
    is_flag=True,
    help="Also report name-only hits 20+ points below the best one (namesakes of a match).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv"]),
    help="Output format (default: table on a terminal, json otherwise).",
)
@fail_on_hit_option("a hit")
def check(
    name: str,
    addresses: tuple[str, ...],
    country: str,
    officers: tuple[str, ...],
    list_specs: tuple[str, ...],
    store_dir: Path,
    no_cache: bool,
    associates: Path | None,
    threshold: float,
    limit: int | None,
    all_hits: bool,
    fmt: str | None,
    fail_on_hit: str | None,
) -> None:
    """Screen one counterparty NAME and print a ranked, explained risk report."""
    if not name.strip():
        raise UsageError(
            "The counterparty name is empty.", 'Pass a name, e.g. screen check "Acme Ltd".'
        )
    sources = resolve_lists(list(list_specs), store_dir, cache=not no_cache)
    for src in sources:
        for warning in src.warnings:
            click.echo(f"Warning: {warning}", err=True)
    screener = Screener(sources, associates)
    for warning in screener.warnings:
        click.echo(f"Warning: {warning}", err=True)
    query = Query(name, addresses, country, officers)
    hits = screener.check(query, threshold=threshold / 100, limit=limit, all_hits=all_hits)
    _emit(
        query, hits, [s.name for s in sources], fmt or ("table" if sys.stdout.isatty() else "json")
    )
    if fail_on_hit and any(tier_rank(h.tier) <= tier_rank(fail_on_hit) for h in hits):
        sys.exit(EXIT_HIT)


def _emit(query: Query, hits: list[Hit], lists: list[str], fmt: str) -> None:
    out = sys.stdout
    if fmt == "table":
        from screen.render import render_check

        render_check(query, hits, lists, out)
    elif fmt == "json":
        out.write(
            json.dumps(check_document(query, hits, lists), indent=2, ensure_ascii=False) + "\n"
        )
    elif fmt == "jsonl":
        for hit in check_document(query, hits, lists)["hits"]:
            out.write(json.dumps(hit, ensure_ascii=False) + "\n")
    else:
        writer = csv.DictWriter(out, fieldnames=HIT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for rank, hit in enumerate(hits, start=1):
            writer.writerow(hit_row(rank, hit))
    out.flush()
