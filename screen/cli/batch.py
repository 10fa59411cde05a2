"""``screen batch``: screen a file (or stdin) of counterparties; data on stdout only."""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass
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
from screen.batch.sniff import delimiter_value
from screen.batch.writers import Writer
from screen.cases.annotate import AnnotatingWriter
from screen.cli.common import PERCENT, fail_on_error_option, fail_on_hit_option, store_option
from screen.cli.runopts import (
    RunSetup,
    audit_run,
    prepare_run,
    run_options,
    selector,
    summary_lines,
)
from screen.errors import EXIT_HIT, EXIT_ROW_ERRORS, UsageError
from screen.match.types import DEFAULT_THRESHOLD
from screen.provenance import HashingText, file_sha256


def _encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(
            f"unknown encoding {value!r} (try utf-8, latin-1, cp1252, utf-16)."
        ) from None
    return value


def _delimiter(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return delimiter_value(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option(
    "--list",
    "lists",
    multiple=True,
    metavar="SNAPSHOT_OR_FILE",
    help="Stored snapshot name or list file (repeatable). Default: the pinned "
    "default, else the newest full CSL snapshot.",
)
@store_option
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse a --list FILE afresh instead of caching it in the user cache directory.",
)
@click.option(
    "--associates",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV linking people to listed entries: entity_id or entity_name, person, role.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    help="Output format. Default: from --output's suffix, else table on a terminal, csv otherwise.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write results to FILE (atomically) instead of stdout.",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    help="Input format. Default: from INPUT's suffix, else sniffed from content.",
)
@click.option("--name-column", metavar="C", help="Column holding the counterparty name.")
@click.option(
    "--address-column",
    metavar="C",
    multiple=True,
    help="Column holding addresses (repeatable; cells may hold several, "
    "joined with ';' or newlines).",
)
@click.option("--country-column", metavar="C", help="Column holding the country.")
@click.option(
    "--officers-column", metavar="C", help="Column holding officers/executives, joined with ';'."
)
@click.option(
    "--threshold",
    type=PERCENT,
    default=DEFAULT_THRESHOLD * 100,
    metavar="N",
    show_default=True,
    help="Report hits scoring at least N (0-100).",
)
@fail_on_hit_option("any row")
@fail_on_error_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to screen with. Default: all cores.",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Rows read, screened and written at a time.",
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    callback=_encoding,
    help="Text encoding of INPUT (a UTF-16/32 byte-order mark is recognised).",
)
@click.option(
    "--delimiter",
    callback=_delimiter,
    metavar="CHAR",
    help="Field delimiter of CSV input: , ; | or tab. Default: sniffed from the header line.",
)
@click.option(
    "--id-column",
    metavar="C",
    help="Column holding the counterparty's own id (the key of its cases).",
)
@click.option(
    "--limit", type=click.IntRange(1), default=None, help="Report at most N hits per row."
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="spark: screen as a Spark job (screen[spark]); INPUT CSV/TSV/JSON Lines/Parquet, "
    "--output a Parquet or CSV directory.",
)
@click.option(
    "--master",
    metavar="URL",
    help="With --engine spark: the Spark master (e.g. local[2]) unless spark-submit gives one.",
)
@run_options
@click.pass_context
def batch(
    ctx: click.Context,
    input_path: str,
    lists: tuple[str, ...],
    store_dir: Path,
    no_cache: bool,
    associates: Path | None,
    fmt: str | None,
    output: Path | None,
    input_format: str | None,
    name_column: str | None,
    address_column: tuple[str, ...],
    country_column: str | None,
    officers_column: str | None,
    threshold: float,
    fail_on_hit: str | None,
    workers: int | None,
    chunk_size: int,
    encoding: str,
    fail_on_error: bool,
    delimiter: str | None,
    id_column: str | None,
    limit: int | None,
    source_codes: str | None,
    all_hits: bool,
    cases_path: str | None,
    hide_cleared: bool,
    since: tuple[str, ...],
    with_meta: bool,
    engine: str,
    master: str | None,
) -> None:
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
        _spark(
            ctx,
            input_path,
            output,
            lists,
            store_dir,
            associates,
            columns,
            threshold,
            master,
            input_format,
            fmt,
            encoding,
            fail_on_hit,
        )
        return
    reader = InputReader(
        input_path,
        input_format=input_format,
        columns=columns,
        encoding=encoding,
        delimiter=delimiter,
    )
    opts = _RunOpts(
        cases_path, hide_cleared, since, with_meta, id_column, limit, source_codes, all_hits
    )
    try:
        summary, setup = _run(
            input_path,
            reader,
            lists,
            store_dir,
            associates,
            fmt,
            output,
            threshold,
            workers or _cores(),
            chunk_size,
            opts,
            cache=not no_cache,
        )
    finally:
        reader.close()
    click.echo("\n".join([summary.text(), *summary_lines(setup)]), err=True)
    if reader.encoding_hint:
        click.echo(
            f"Hint: some lines are not valid {encoding}; the file looks like "
            f"{reader.encoding_hint}: rerun with --encoding {reader.encoding_hint}.",
            err=True,
        )
    if fail_on_hit and summary.reached(fail_on_hit):
        ctx.exit(EXIT_HIT)
    if fail_on_error and summary.errors:
        ctx.exit(EXIT_ROW_ERRORS)


def _note(text: str) -> None:
    click.echo(f"Note: {text}", err=True)


def _columns_line(reader: InputReader) -> None:
    if reader.mapping is not None:
        click.echo(reader.mapping.describe(reader.columns), err=True)


@dataclass(frozen=True)
class _RunOpts:
    cases_path: str | None
    hide_cleared: bool
    since: tuple[str, ...]
    with_meta: bool
    id_column: str | None
    limit: int | None
    source_codes: str | None
    all_hits: bool


def _cores() -> int:
    """CPUs this process may run on (respects affinity/cpusets, unlike cpu_count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _run(
    input_path: str,
    reader: InputReader,
    lists: tuple[str, ...],
    store_dir: Path,
    associates: Path | None,
    fmt: str | None,
    output: Path | None,
    threshold: float,
    workers: int,
    chunk_size: int,
    opts: _RunOpts,
    cache: bool = True,
) -> tuple[Summary, RunSetup]:
    from screen.match.engine import Screener
    from screen.progress import BatchProgress
    from screen.sources import resolve_lists

    sources = resolve_lists(list(lists), store_dir, cache=cache)
    screener = Screener(sources, associates)
    for warning in [w for s in sources for w in s.warnings] + screener.warnings:
        click.echo(f"Warning: {warning}", err=True)
    select = selector(screener, sources, opts.source_codes, opts.all_hits)
    setup = prepare_run(
        lists,
        sources,
        store_dir,
        threshold,
        opts.cases_path,
        opts.since,
        opts.hide_cleared,
        opts.id_column,
        select,
    )
    fmt = fmt or default_format(output, sys.stdout.isatty())
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise UsageError(
            "An .xlsx workbook is not for a terminal.",
            "Pass --output results.xlsx, or redirect stdout to a file.",
        )
    # a bar on the terminal that also shows the results would garble them
    show = sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    try:
        with open_output(output, _note) as raw, BatchProgress(reader.total_bytes, show) as bar:
            out = HashingText(raw)
            writer: Writer = make_writer(
                fmt,
                out,  # type: ignore[arg-type]
                meta=setup.meta if opts.with_meta else None,
                extra_columns=setup.extra_columns,
                show_list=len(sources) > 1,
            )
            if setup.annotator is not None:
                writer = AnnotatingWriter(writer, setup.annotator)
            summary = run_batch(
                reader,
                writer,
                select,
                threshold=threshold / 100,
                limit=opts.limit,
                workers=workers,
                chunk_size=chunk_size,
                progress=bar.update,
                on_columns=lambda: _columns_line(reader),
            )
        if setup.annotator is not None:  # count what is shown: no cleared, only changes
            summary.by_tier = dict(setup.annotator.tally.by_tier)
        audit_run(
            setup,
            "batch",
            _input_ref(input_path),
            summary.rows,
            summary.by_tier,
            {"path": str(output) if output else "-", "format": fmt, "sha256": out.hexdigest()},
        )
    finally:
        setup.close()
    inner = getattr(writer, "inner", writer)
    if cut := getattr(inner, "cut_cells", 0):
        _note(
            f"{cut} cell(s) longer than Excel's 32,767 characters were cut in the .xlsx; "
            "write csv or jsonl for the full text."
        )
    return summary, setup


def _input_ref(source: str) -> dict[str, str | None]:
    if source == "-":
        return {"path": "-", "sha256": None}
    return {"path": source, "sha256": file_sha256(Path(source))}


def _spark(
    ctx: click.Context,
    input_path: str,
    output: Path | None,
    lists: tuple[str, ...],
    store_dir: Path,
    associates: Path | None,
    columns: ColumnSpec,
    threshold: float,
    master: str | None,
    input_format: str | None,
    fmt: str | None,
    encoding: str,
    fail_on_hit: str | None,
) -> None:
    from screen.spark.files import column_spec, screen_files

    summary = screen_files(
        input_path,
        output,
        lists=lists,
        store_dir=store_dir,
        associates=associates,
        columns=column_spec(columns.name, columns.address, columns.country, columns.officers),
        threshold=threshold / 100,
        master=master,
        input_format=input_format,
        output_format=fmt,
        encoding=encoding,
    )
    click.echo(summary.text(), err=True)
    if fail_on_hit and summary.reached(fail_on_hit):
        ctx.exit(EXIT_HIT)
