"""``screen audit``: list and verify the hash-chained audit log."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from screen import audit as audit_log
from screen.cases.annotate import BUCKETS
from screen.cli.cases import cases_option, open_cases
from screen.cli.common import TIER_NAMES
from screen.errors import EXIT_HIT


@click.group("audit")
def audit() -> None:
    """The append-only audit log of screening runs and case decisions."""


@audit.command("ls")
@click.option("--kind", type=click.Choice(["run", "decision"]), help="Only this kind.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the last N records.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl"]),
    help="Output format (default: table on a terminal, jsonl otherwise).",
)
@cases_option
def ls_cmd(
    kind: str | None, limit: int | None, fmt: str | None, cases_path: Path | None, store_dir: Path
) -> None:
    """List audit records, oldest first."""
    with open_cases(cases_path, store_dir) as store:
        found = audit_log.records(store.conn, kind, limit)
    if (fmt or ("table" if sys.stdout.isatty() else "jsonl")) == "jsonl":
        for record in found:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    for r in found:
        click.echo(
            f"{r.id:>5}  {r.at}  {r.user:<12} {r.kind:<8} {_brief(r.payload)}  {r.hash[:12]}"
        )


def _brief(payload: dict[str, Any]) -> str:
    if "command" in payload:
        tiers, cases = payload.get("tiers") or {}, payload.get("cases") or {}
        parts = [f"{t} {tiers[t]}" for t in TIER_NAMES if t in tiers]
        parts += [f"{b} {cases[b]}" for b in BUCKETS if b in cases]
        return f"{payload['command']}: {payload.get('rows')} row(s); {', '.join(parts)}"
    return (
        f"case {payload.get('case_id')} {payload.get('from')} -> {payload.get('status')}: "
        f"{payload.get('reason')}"
    )


@audit.command("verify")
@cases_option
@click.pass_context
def verify_cmd(ctx: click.Context, cases_path: Path | None, store_dir: Path) -> None:
    """Recompute the hash chain: exit 0 if intact, 1 naming the first broken record."""
    with open_cases(cases_path, store_dir) as store:
        verdict = audit_log.verify(store.conn)
    if verdict.ok:
        click.echo(f"Audit log intact: {verdict.records} record(s), hash chain verified.")
        return
    click.echo(f"Audit log BROKEN at record {verdict.broken_id}: {verdict.problem}.")
    ctx.exit(EXIT_HIT)
