"""``screen cases``: list, show and decide the cases recorded by check/batch --cases."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from screen.audit import current_user
from screen.cases import STATUSES, Case, CaseStore, default_path
from screen.cases.csvio import import_decisions, write_cases
from screen.cli.common import CASES_ENV, store_option

F = TypeVar("F", bound=Callable[..., Any])


def cases_option(func: F) -> F:
    """``--cases PATH`` (env ``SCREEN_CASES``; default ``<store>/cases.db``) and --store."""
    option = click.option(
        "--cases",
        "cases_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar=CASES_ENV,
        default=None,
        help=f"Case database (or set {CASES_ENV}; default: <store>/cases.db).",
    )
    return store_option(option(func))


def open_cases(cases_path: Path | None, store_dir: Path) -> CaseStore:
    """The case store a command names (``--cases``), else the store's default one."""
    return CaseStore(cases_path or default_path(store_dir))


_BY = click.option("--by", default=None, metavar="NAME", help="Who decides (default: the OS user).")
_REASON = click.option("--reason", required=True, metavar="TEXT", help="Why (recorded).")


@click.group("cases")
def cases() -> None:
    """Decisions on hits: cases stay cleared or confirmed until the facts change."""


@cases.command("ls")
@click.option("--status", type=click.Choice(STATUSES), help="Only cases with this status.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "jsonl"]),
    help="Output format (default: table on a terminal, csv otherwise).",
)
@cases_option
def ls_cmd(status: str | None, fmt: str | None, cases_path: Path | None, store_dir: Path) -> None:
    """List cases, oldest first."""
    with open_cases(cases_path, store_dir) as store:
        found = store.list(status)
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    if fmt == "csv":
        write_cases(found, sys.stdout)
    elif fmt == "jsonl":
        for case in found:
            click.echo(json.dumps(case.to_dict(), ensure_ascii=False))
    else:
        _table(found)


def _table(found: Sequence[Case]) -> None:
    if not found:
        click.echo("No cases.", err=True)
        return
    header = ["ID", "STATUS", "SCORE", "TIER", "COUNTERPARTY", "LISTED", "BY", "REASON"]
    rows = [
        [
            str(c.id),
            c.status,
            f"{c.score_100:g}",
            c.tier,
            c.party.name,
            c.entity_name,
            c.decided_by or "",
            c.reason or "",
        ]
        for c in found
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@cases.command("show")
@click.argument("case_id", type=int, metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@cases_option
def show_cmd(case_id: int, fmt: str, cases_path: Path | None, store_dir: Path) -> None:
    """Show one case: counterparty, listed entry, score, reasons, decision history."""
    with open_cases(cases_path, store_dir) as store:
        case, events = store.get(case_id), store.events(case_id)
    if fmt == "json":
        click.echo(json.dumps({**case.to_dict(), "events": events}, indent=2, ensure_ascii=False))
        return
    p = case.party
    lines = [
        f"case {case.id}: {case.status}"
        + (f" by {case.decided_by} at {case.decided_at}: {case.reason}" if case.decided_by else ""),
        f"counterparty: {p.name}" + (f" (id {p.id})" if p.id else ""),
        *[f"  address: {a}" for a in p.addresses],
        *([f"  country: {p.country}"] if p.country else []),
        *[f"  officer: {o}" for o in p.officers],
        f"listed: {case.entity_name} [{case.entity_id}] {case.source}",
        *[f"  alias: {a}" for a in case.entry.get("alt_names", [])],
        *[f"  address: {a}" for a in case.entry.get("addresses", [])],
        f"snapshot: {case.snapshot} sha256 {case.snapshot_hash}",
        f"score {case.score_100:g} ({case.tier}), last seen {case.last_seen_at}",
        *[f"  {r['feature']} {r['score']:g}: {r['detail']}" for r in case.reasons],
        "history:",
        *[f"  {e['at']} {e['by']}: {e['action']} -> {e['status']}: {e['reason']}" for e in events],
    ]
    click.echo("\n".join(lines))


def _decide(status: str, verb: str) -> Callable[..., None]:
    def command(
        case_id: int, reason: str, by: str | None, cases_path: Path | None, store_dir: Path
    ) -> None:
        with open_cases(cases_path, store_dir) as store:
            case = store.decide(case_id, status, reason, by or current_user())
        click.echo(
            f"Case {case.id} {verb} by {case.decided_by}: {case.party.name} / {case.entity_name}.",
            err=True,
        )

    return command


for _name, _status, _verb, _doc in (
    ("clear", "cleared", "cleared", "Clear case ID: not the listed party (a false hit)."),
    ("confirm", "confirmed", "confirmed", "Confirm case ID: a true hit."),
    ("reopen", "open", "reopened", "Reopen case ID for review."),
):
    _cmd = _decide(_status, _verb)
    _cmd.__doc__ = _doc
    _cmd = _BY(_REASON(cases_option(_cmd)))
    cases.command(_name)(click.argument("case_id", type=int, metavar="ID")(_cmd))


@cases.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_BY
@cases_option
def import_cmd(file: Path, by: str | None, cases_path: Path | None, store_dir: Path) -> None:
    """Apply decisions from a CSV file (id, status, reason[, by]); all or nothing."""
    with open_cases(cases_path, store_dir) as store:
        applied, same = import_decisions(store, file, by or current_user())
    click.echo(f"Imported {applied} decision(s) from {file}; {same} already in place.", err=True)


@cases.command("export")
@click.option("--status", type=click.Choice(STATUSES), help="Only cases with this status.")
@cases_option
def export_cmd(status: str | None, cases_path: Path | None, store_dir: Path) -> None:
    """Write every case as CSV to stdout (the columns `cases import` reads, and more)."""
    with open_cases(cases_path, store_dir) as store:
        write_cases(store.list(status), sys.stdout)
