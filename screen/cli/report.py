"""``screen report``: an HTML report for auditors from a results file."""

from __future__ import annotations

from pathlib import Path

import click

from screen.batch.output import open_output
from screen.cases import CaseStore
from screen.report_html import load_results, render_report


@click.command("report")
@click.argument(
    "results_path", metavar="RESULTS.jsonl", type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "--cases",
    "cases_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Case database: show each hit's decision as it stands now, too.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the HTML to FILE (atomically; default: stdout).",
)
def report(results_path: Path, cases_path: Path | None, output: Path | None) -> None:
    """Write one self-contained HTML report of RESULTS.jsonl (from `batch`/`check
    --format jsonl --meta`): provenance, counts per tier and case status, and every
    hit with its reasons, score breakdown and case decision."""
    results = load_results(results_path)
    store = CaseStore(cases_path) if cases_path else None
    try:
        html = render_report(results, store)
    finally:
        if store is not None:
            store.close()
    with open_output(output) as out:
        out.write(html)
    if output is not None:
        hits = sum(len(r.get("hits", [])) for r in results.rows)
        click.echo(f"Wrote {output}: {len(results.rows)} row(s), {hits} hit(s).", err=True)
