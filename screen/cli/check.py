"""``screen check``: screen one counterparty."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import click

from screen.batch.output import default_format, open_output
from screen.batch.reader import Row
from screen.batch.writers import Result, make_writer
from screen.cli.common import PERCENT, fail_on_hit_option, store_option, utf8_text
from screen.cli.runopts import (
    RunSetup,
    audit_run,
    prepare_run,
    run_options,
    selector,
    summary_lines,
)
from screen.errors import EXIT_HIT, UsageError
from screen.match.engine import Screener
from screen.match.limits import matchable
from screen.match.types import DEFAULT_THRESHOLD, TIERS, Hit, Query, tier_rank
from screen.provenance import HashingText
from screen.report import check_document, query_dict
from screen.sources import resolve_lists


@click.command()
@click.argument("name", callback=utf8_text)
@click.option(
    "--address",
    "addresses",
    multiple=True,
    metavar="TEXT",
    callback=utf8_text,
    help="An address of the counterparty (repeatable).",
)
@click.option(
    "--country",
    default="",
    callback=utf8_text,
    help="The counterparty's country (name or ISO code).",
)
@click.option(
    "--officer",
    "officers",
    multiple=True,
    metavar="NAME",
    callback=utf8_text,
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
    type=PERCENT,
    default=DEFAULT_THRESHOLD * 100,
    show_default=True,
    help="Lowest score (0-100) to report.",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Report at most N hits.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv", "tsv"]),
    help="Output format (default: table on a terminal, json otherwise).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the result to FILE (atomically) instead of stdout.",
)
@fail_on_hit_option("a hit")
@run_options
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
    fmt: str | None,
    output: Path | None,
    fail_on_hit: str | None,
    source_codes: str | None,
    all_hits: bool,
    cases_path: str | None,
    hide_cleared: bool,
    since: tuple[str, ...],
    with_meta: bool,
) -> None:
    """Screen one counterparty NAME and print a ranked, explained risk report."""
    if not name.strip():
        raise UsageError(
            "The counterparty name is empty.", 'Pass a name, e.g. screen check "Acme Ltd".'
        )
    if not matchable(name):
        raise UsageError(
            f"The counterparty name {name!r} has no letters or digits to match on.",
            'Pass the name as written, e.g. screen check "Acme Ltd".',
        )
    sources = resolve_lists(list(list_specs), store_dir, cache=not no_cache)
    screener = Screener(sources, associates)
    for warning in [w for s in sources for w in s.warnings] + screener.warnings:
        click.echo(f"Warning: {warning}", err=True)
    select = selector(screener, sources, source_codes, all_hits)
    query = Query(name, addresses, country, officers)
    hits = select.check(query, threshold=threshold / 100, limit=limit)
    setup = prepare_run(
        list_specs, sources, store_dir, threshold, cases_path, since, hide_cleared, None, select
    )
    try:
        live = _write(query, hits, [s.name for s in sources], fmt, output, setup, with_meta)
    finally:
        setup.close()
    for line in summary_lines(setup):
        click.echo(line, err=True)
    if fail_on_hit and any(tier_rank(h.tier) <= tier_rank(fail_on_hit) for h in live):
        sys.exit(EXIT_HIT)


def _write(
    query: Query,
    hits: list[Hit],
    lists: list[str],
    fmt: str | None,
    output: Path | None,
    setup: RunSetup,
    with_meta: bool,
) -> list[Hit]:
    """Annotate (cases, changes), write, audit; the hits --fail-on-hit looks at."""
    result = _annotate(setup, query, hits)
    fmt = fmt or _default_format(output)
    with open_output(output) as raw:
        out = HashingText(raw)
        _emit(query, result, lists, fmt, out, setup, with_meta)
    live = _live(result)
    written = {"path": str(output) if output else "-", "format": fmt, "sha256": out.hexdigest()}
    audit_run(setup, "check", _query_ref(query), 1, _tiers(live), written)
    return live


def _default_format(output: Path | None) -> str:
    if output is not None:
        return default_format(output, False)
    return "table" if sys.stdout.isatty() else "json"


#: The query as the input row of check's CSV/TSV/JSON Lines output.
INPUT_COLUMNS = ("name", "addresses", "country", "officers")


def _annotate(setup: RunSetup, query: Query, hits: list[Hit]) -> Result:
    values = (query.name, "; ".join(query.addresses), query.country, "; ".join(query.officers))
    result = Result(Row(1, dict(zip(INPUT_COLUMNS, values, strict=True)), query), hits)
    if setup.annotator is None:
        return result
    return setup.annotator.annotate([result])[0]


def _live(result: Result) -> list[Hit]:
    """Hits that count for --fail-on-hit: all but those of cleared cases."""
    extras = result.extras or ({},) * len(result.hits)
    return [
        h
        for h, e in zip(result.hits, extras, strict=True)
        if (e.get("case") or {}).get("status") != "cleared"
    ]


def _tiers(hits: list[Hit]) -> dict[str, int]:
    counts = {name: 0 for name, _ in TIERS}
    for hit in hits:
        counts[hit.tier] += 1
    return counts


def _query_ref(query: Query) -> dict[str, Any]:
    text = json.dumps(query_dict(query), sort_keys=True, ensure_ascii=False)
    return {"query": query_dict(query), "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def _emit(
    query: Query,
    result: Result,
    lists: list[str],
    fmt: str,
    out: HashingText,
    setup: RunSetup,
    with_meta: bool,
) -> None:
    hits, extras = result.hits, list(result.extras)
    if fmt == "table":
        from screen.render import render_check

        render_check(query, hits, lists, out, notes=_notes(extras))  # type: ignore[arg-type]
    elif fmt == "json":
        doc = check_document(query, hits, lists, setup.meta, extras)
        if setup.annotator is not None and setup.annotator.store is not None:
            doc["cases"] = setup.annotator.tally.cases
        out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:  # csv, tsv, jsonl: exactly what batch writes for a one-row input
        writer = make_writer(
            fmt,
            out,  # type: ignore[arg-type]
            meta=setup.meta if with_meta else None,
            extra_columns=setup.extra_columns,
        )
        writer.begin(INPUT_COLUMNS)
        writer.write([result])
        writer.end()
    out.flush()


def _notes(extras: list[dict[str, Any]]) -> list[str]:
    """Per hit, its case decision (and change) for the table."""
    notes = []
    for extra in extras:
        case, parts = extra.get("case"), []
        if extra.get("change"):
            parts.append(str(extra["change"]))
        if case:
            parts.append(
                f"case {case['id']} {case['status']}"
                + (f" by {case['by']}: {case['reason']}" if case.get("by") else "")
            )
        notes.append("; ".join(parts))
    return notes
