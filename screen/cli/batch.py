"""``screen batch``: screen a file (or stdin) of counterparties; data on stdout only."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

import click

from screen.batch import (
    INPUT_FORMATS,
    OUTPUT_FORMATS,
    ColumnSpec,
    InputReader,
    Summary,
    make_writer,
    run_batch,
)
from screen.batch.output import default_format, open_output
from screen.cli.common import fail_on_hit_option, store_option
from screen.errors import EXIT_HIT
from screen.match.types import DEFAULT_THRESHOLD


def _encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r} (try utf-8, latin-1, "
                                 "cp1252, utf-16).") from None
    return value


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--list", "lists", multiple=True, metavar="SNAPSHOT_OR_FILE",
              help="Stored snapshot name or list file (repeatable). Default: newest snapshot.")
@store_option
@click.option("--associates", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV linking people to listed entries: entity_id or entity_name, person, "
                   "role.")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS),
              help="Output format. Default: from --output's suffix, else table on a "
                   "terminal, csv otherwise.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write results to FILE (atomically) instead of stdout.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS),
              help="Input format. Default: from INPUT's suffix, else sniffed from content.")
@click.option("--name-column", metavar="C", help="Column holding the counterparty name.")
@click.option("--address-column", metavar="C", multiple=True,
              help="Column holding addresses (repeatable; cells may hold several, "
                   "joined with ';' or newlines).")
@click.option("--country-column", metavar="C", help="Column holding the country.")
@click.option("--officers-column", metavar="C",
              help="Column holding officers/executives, joined with ';'.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=DEFAULT_THRESHOLD * 100,
              metavar="N",
              show_default=True, help="Report hits scoring at least N (0-100).")
@fail_on_hit_option("any row")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes to screen with. Default: all cores.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows read, screened and written at a time.")
@click.option("--encoding", default="utf-8", show_default=True, callback=_encoding,
              help="Text encoding of INPUT.")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local",
              show_default=True, help="spark: screen as a Spark job (screen[spark]); INPUT "
              "CSV/TSV/JSON Lines/Parquet, --output a Parquet or CSV directory.")
@click.option("--master", metavar="URL", help="With --engine spark: the Spark master "
              "(e.g. local[2]) unless spark-submit gives one.")
@click.pass_context
def batch(ctx: click.Context, input_path: str, lists: tuple[str, ...], store_dir: Path,
          associates: Path | None, fmt: str | None, output: Path | None,
          input_format: str | None, name_column: str | None,
          address_column: tuple[str, ...], country_column: str | None,
          officers_column: str | None, threshold: float, fail_on_hit: str | None,
          workers: int | None, chunk_size: int, encoding: str, engine: str,
          master: str | None) -> None:
    """Screen every counterparty in INPUT (CSV, TSV or JSON Lines; - for stdin).

    Columns are found by common names (name/company/counterparty/..., address,
    country, officers) or named with the --*-column options; all other columns are
    carried through. Results go to stdout (data only) or --output; a summary goes
    to stderr. Rows that cannot be screened are kept, with an error.

    \b
    Examples:
      screen batch parties.csv --list entity_list.csv --format jsonl
      cat parties.csv | screen batch - --fail-on-hit strong-link > results.csv
    """
    columns = ColumnSpec(name_column, address_column, country_column, officers_column)
    if engine == "spark":
        _spark(ctx, input_path, output, lists, store_dir, associates, columns, threshold,
               master, input_format, fmt, encoding, fail_on_hit)
        return
    reader = InputReader(input_path, input_format=input_format, columns=columns,
                         encoding=encoding)
    try:
        summary = _run(reader, lists, store_dir, associates, fmt, output, threshold,
                       workers or _cores(), chunk_size)
    finally:
        reader.close()
    click.echo(summary.text(), err=True)
    if fail_on_hit and summary.reached(fail_on_hit):
        ctx.exit(EXIT_HIT)


def _cores() -> int:
    """CPUs this process may run on (respects affinity/cpusets, unlike cpu_count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _run(reader: InputReader, lists: tuple[str, ...], store_dir: Path,
         associates: Path | None, fmt: str | None, output: Path | None, threshold: float,
         workers: int, chunk_size: int) -> Summary:
    from screen.match.engine import Screener
    from screen.progress import BatchProgress
    from screen.sources import resolve_lists

    sources = resolve_lists(list(lists), store_dir)
    screener = Screener(sources, associates)
    for warning in [w for s in sources for w in s.warnings] + screener.warnings:
        click.echo(f"Warning: {warning}", err=True)
    fmt = fmt or default_format(output, sys.stdout.isatty())
    # a bar on the terminal that also shows the results would garble them
    show = sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    with open_output(output) as out, BatchProgress(reader.total_bytes, show) as bar:
        return run_batch(reader, make_writer(fmt, out), screener, threshold=threshold / 100,
                         workers=workers, chunk_size=chunk_size, progress=bar.update)


def _spark(ctx: click.Context, input_path: str, output: Path | None, lists: tuple[str, ...],
           store_dir: Path, associates: Path | None, columns: ColumnSpec, threshold: float,
           master: str | None, input_format: str | None, fmt: str | None, encoding: str,
           fail_on_hit: str | None) -> None:
    from screen.spark.files import column_spec, screen_files

    summary = screen_files(
        input_path, output, lists=lists, store_dir=store_dir, associates=associates,
        columns=column_spec(columns.name, columns.address, columns.country, columns.officers),
        threshold=threshold / 100, master=master, input_format=input_format,
        output_format=fmt, encoding=encoding)
    click.echo(summary.text(), err=True)
    if fail_on_hit and summary.reached(fail_on_hit):
        ctx.exit(EXIT_HIT)
