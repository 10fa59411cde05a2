"""``screen lists``: import, list, show, diff and update stored list snapshots.

stdout carries data only (tables or JSON); progress and warnings go to stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from screen.cli.common import store_option
from screen.diff import SnapshotDiff, diff_snapshots
from screen.errors import ListError
from screen.loaders import LIST_FORMATS
from screen.snapshot_meta import SnapshotMeta, validate_date
from screen.store import Store
from screen.update import DEFAULT_CSL_URL, DEFAULT_MAX_BYTES, update_list

if TYPE_CHECKING:
    from screen.import_progress import ImportProgress

FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return validate_date(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


@click.group("lists")
def lists() -> None:
    """Manage stored, versioned snapshots of screening lists."""


@lists.command("import")
@click.argument("file", type=click.Path(dir_okay=False, readable=False, path_type=Path))
@click.option("--name", help="Snapshot name (default: file stem + list date).")
@click.option(
    "--as-of",
    callback=_as_of,
    help="List date YYYY-MM-DD (default: the file's own date where it has one, such as "
    "the eCFR JSON's extracted date, else the newest start date in the file).",
)
@click.option("--encoding", help="File encoding (default: UTF-8, BOM tolerated).")
@click.option(
    "--allow-partial",
    is_flag=True,
    help="Load the complete rows of a truncated file (with warnings) instead of failing.",
)
@click.option(
    "--format",
    "list_format",
    type=click.Choice(LIST_FORMATS),
    default="auto",
    show_default=True,
    help="auto: detect from the content; internal: read a "
    "CSV/TSV as an internal list even if it looks like an incomplete CSL export.",
)
@store_option
def import_cmd(
    file: Path,
    name: str | None,
    as_of: str | None,
    encoding: str | None,
    allow_partial: bool,
    list_format: str,
    store_dir: Path,
) -> None:
    """Import a list FILE (CSL CSV/TSV/JSON, nsfreg JSON, internal CSV) as a snapshot."""
    store = Store(store_dir)
    click.echo(f"Importing {file} ...", err=True)
    with _import_bar(file.name) as bar:
        meta = store.import_file(
            file,
            name=name,
            as_of=as_of,
            encoding=encoding,
            allow_partial=allow_partial,
            list_format=list_format,
            progress=bar.step,
        )
    _after_import(store, meta)


@lists.command("update")
@click.option(
    "--url",
    default=DEFAULT_CSL_URL,
    show_default=True,
    help="Where to download the list from (default: trade.gov Consolidated Screening List CSV).",
)
@click.option("--name", help="Snapshot name (default: file stem + list date).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Network timeout in seconds.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse a download larger than this.",
)
@store_option
def update_cmd(url: str, name: str | None, timeout: float, max_bytes: int, store_dir: Path) -> None:
    """Download the current list and store it as a new snapshot (if it changed)."""
    store = Store(store_dir)
    click.echo(f"Downloading {url} ...", err=True)
    with _import_bar(url) as bar:
        result = update_list(
            store, url=url, name=name, timeout=timeout, max_bytes=max_bytes, progress=bar.step
        )
    if not result.new:
        click.echo(f"Already up to date: {result.reason}; snapshot {result.meta.name}.")
        return
    _after_import(store, result.meta)


def _import_bar(label: str) -> ImportProgress:
    """A progress bar over an import's phases on stderr, when stderr is a terminal."""
    from screen.import_progress import ImportProgress

    return ImportProgress(label, enabled=sys.stderr.isatty())


def _after_import(store: Store, meta: SnapshotMeta) -> None:
    for warning in meta.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(
        f"Stored snapshot {meta.name}: {meta.entry_count} entries, "
        f"list date {meta.as_of}, format {meta.format}."
    )


@lists.command("ls")
@FORMAT
@store_option
def ls_cmd(fmt: str, store_dir: Path) -> None:
    """List stored snapshots, oldest list date first."""
    metas, damaged = Store(store_dir).scan()
    for _, err in damaged:
        click.echo(f"Warning: skipped a damaged snapshot: {err.message}", err=True)
    if fmt == "json":
        click.echo(json.dumps([m.to_dict() for m in metas], indent=2))
        return
    if not metas:
        click.echo(f"No snapshots in {store_dir}.", err=True)
        return
    rows = [
        [m.name, m.as_of, m.imported_at, str(m.entry_count), _short_counts(m.counts)] for m in metas
    ]
    _table(["NAME", "LIST DATE", "IMPORTED", "ROWS", "SOURCES"], rows)


@lists.command("show")
@click.argument("name")
@FORMAT
@store_option
def show_cmd(name: str, fmt: str, store_dir: Path) -> None:
    """Show a snapshot's metadata and row counts per source list."""
    meta = Store(store_dir).meta(name)
    if fmt == "json":
        click.echo(json.dumps(meta.to_dict(), indent=2))
        return
    for key in (
        "name",
        "as_of",
        "imported_at",
        "source_file",
        "format",
        "content_hash",
        "entry_count",
    ):
        click.echo(f"{key + ':':<13} {getattr(meta, key)}")
    _table(["SOURCE", "ROWS"], [[s, str(n)] for s, n in meta.counts.items()])
    click.echo()
    _table(
        ["FILE", "BYTES", "SHA-256"],
        [[f, str(r.get("size")), r.get("sha256")] for f, r in sorted(meta.files.items())],
    )
    for warning in meta.warnings:
        click.echo(f"Warning: {warning}", err=True)


@lists.command("verify")
@click.argument("name", required=False)
@store_option
def verify_cmd(name: str | None, store_dir: Path) -> None:
    """Check every file of snapshot NAME (default: of all snapshots) against its hashes."""
    from screen.verify import verify_snapshot

    store = Store(store_dir)
    if name is None:
        metas, damaged = store.scan()
        names = sorted([m.name for m in metas] + [n for n, _ in damaged])
    else:
        names = [store.meta(name).name]
    bad = []
    for each in names:
        problems = verify_snapshot(store, each)
        for problem in problems:
            click.echo(f"{each}: {problem}", err=True)
        click.echo(f"{'DAMAGED' if problems else 'ok':<8} {each}")
        bad += [each] if problems else []
    if bad:
        raise ListError(
            f"{len(bad)} of {len(names)} snapshot(s) failed verification: "
            f"{', '.join(bad)} (the files are named above).",
            "Re-import those lists; `screen lists rm NAME` removes a damaged one.",
        )


@lists.command("rm")
@click.argument("name")
@store_option
def rm_cmd(name: str, store_dir: Path) -> None:
    """Delete snapshot NAME (damaged ones too)."""
    unpinned = Store(store_dir).remove(name)
    click.echo(f"Removed snapshot {name}.", err=True)
    if unpinned:
        click.echo(f"{name} was the pinned default: no default is pinned now.", err=True)


@lists.command("default")
@click.argument("name", required=False)
@click.option("--unset", is_flag=True, help="Unpin the default.")
@store_option
def default_cmd(name: str | None, unset: bool, store_dir: Path) -> None:
    """Pin snapshot NAME as the default for screening; without NAME, show the default."""
    from screen.sources import choose_default

    store = Store(store_dir)
    if unset and name is not None:
        raise click.UsageError("Give a NAME to pin or --unset, not both.")
    if unset or name is not None:
        store.pin(None if unset else name)
    meta, why = choose_default(store)
    click.echo(meta.name)
    click.echo(f"({why})", err=True)


@lists.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "jsonl"]),
    default="table",
    show_default=True,
    help="Output format; csv and jsonl give one row per entry added or removed "
    "and per field changed.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=None,
    help="Show at most N names per section in the table (0 = all; default: 50 "
    "on a terminal, all otherwise).",
)
@click.option(
    "--all-sources",
    is_flag=True,
    help="Also compare source lists present in only one of the snapshots.",
)
@store_option
def diff_cmd(
    old: str, new: str, fmt: str, limit: int | None, all_sources: bool, store_dir: Path
) -> None:
    """Compare snapshot OLD with snapshot NEW (old -> new values for changed fields)."""
    import csv
    import sys

    from screen.diff import DIFF_COLUMNS, diff_rows

    store = Store(store_dir)
    result = diff_snapshots(
        store.entries(old),
        store.entries(new),
        common_sources_only=not all_sources,
        names=(old, new),
    )
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    elif fmt == "jsonl":
        for row in diff_rows(result):
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=DIFF_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(diff_rows(result))
    else:
        _print_diff(result, (50 if sys.stdout.isatty() else 0) if limit is None else limit)


def _print_diff(result: SnapshotDiff, limit: int) -> None:
    from screen.diff import show_value

    if result.skipped_old_sources or result.skipped_new_sources:
        click.echo(
            f"Compared only the source lists in both snapshots: "
            f"{', '.join(result.compared_sources) or 'none'}. Skipped "
            f"{len(result.skipped_old_sources)} old-only and "
            f"{len(result.skipped_new_sources)} new-only source lists "
            "(--all-sources to include them).",
            err=True,
        )
    click.echo(
        f"added: {len(result.added)}  removed: {len(result.removed)}  "
        f"changed: {len(result.changed)}  unchanged: {result.unchanged}"
    )
    changed = []
    for c in result.changed:
        changed.append(
            f"~ {c.new.name} [{_ids(c.old.id, c.new.id)}]: {', '.join(c.fields)}"
            + "".join(
                f"\n    {name}: {show_value(a)!r} -> {show_value(b)!r}"
                for name, (a, b) in c.fields.items()
            )
        )
    sections: list[tuple[str, list[str]]] = [
        ("added", [f"+ {e.name} [{e.id}]" for e in result.added]),
        ("removed", [f"- {e.name} [{e.id}]" for e in result.removed]),
        ("changed", changed),
    ]
    for title, lines in sections:
        if not lines:
            continue
        shown = lines if limit == 0 else lines[:limit]
        click.echo(f"\n{title.capitalize()} ({len(lines)}):")
        for line in shown:
            click.echo(line)
        if len(shown) < len(lines):
            click.echo(f"... {len(lines) - len(shown)} more (--limit 0 shows all)")


def _short_counts(counts: dict[str, int]) -> str:
    from screen.loaders.csl import short_code

    return ", ".join(f"{short_code(s)}={n}" for s, n in counts.items())


def _table(header: list[str], rows: list[list[Any]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [str(c).ljust(w) for c, w in zip(row, widths, strict=True)]
        click.echo("  ".join(cells).rstrip())


def _ids(old: str, new: str) -> str:
    return old if old == new else f"{old} -> {new}"
