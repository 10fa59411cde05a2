"""Options and plumbing ``check`` and ``batch`` share for cases, re-screening and
provenance: ``--cases``, ``--hide-cleared``, ``--since``, ``--meta``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from screen.cli.common import CASES_ENV
from screen.errors import UsageError
from screen.match.engine import Screener
from screen.provenance import run_meta, run_record, snapshot_refs
from screen.select import HitSelector, parse_sources
from screen.sources import ListSource

if TYPE_CHECKING:  # (the case store, with sqlite3, is imported only when it is used)
    from screen.cases import CaseStore
    from screen.cases.annotate import Annotator

F = TypeVar("F", bound=Callable[..., Any])
#: ``--cases`` given without a path: the store's own cases.db.
_DEFAULT = "\0default"


_RUN_OPTIONS = (
    click.option(
        "--source",
        "source_codes",
        metavar="CODES",
        help="Only hits on these source lists, e.g. EL,SDN (the codes of `screen lists ls`).",
    ),
    click.option(
        "--all-hits",
        is_flag=True,
        help="Also report name-only hits 20+ points below the best one (namesakes of a match).",
    ),
    click.option(
        "--cases",
        "cases_path",
        is_flag=False,
        flag_value=_DEFAULT,
        default=None,
        envvar=CASES_ENV,
        metavar="[PATH]",
        help="Record hits as cases in PATH (alone, after the arguments: $SCREEN_CASES "
        "or <store>/cases.db); show each hit's decision; audit the run.",
    ),
    click.option(
        "--hide-cleared",
        is_flag=True,
        help="Leave hits whose case is cleared out of the hits (never the rows).",
    ),
    click.option(
        "--since",
        "since",
        multiple=True,
        metavar="OLD",
        help="Re-screen: keep only hits new or stronger than against OLD "
        "(snapshot or file; repeatable), marked change: new|stronger.",
    ),
    click.option(
        "--meta",
        "with_meta",
        is_flag=True,
        help='Start JSON Lines output with a {"meta": ...} provenance line (batch '
        'JSON: {"meta", "rows"}; the JSON document of check always has "meta").',
    ),
)


def run_options(func: F) -> F:
    """``--source``, ``--all-hits``, ``--cases [PATH]``, ``--hide-cleared``, ``--since
    OLD``, ``--meta``."""
    for option in reversed(_RUN_OPTIONS):
        func = option(func)
    return func


@dataclass
class RunSetup:
    """What a run was screened with, and the annotator to apply to its results."""

    meta: dict[str, Any]
    annotator: Annotator | None
    store: CaseStore | None

    @property
    def extra_columns(self) -> tuple[str, ...]:
        """CSV columns after the hit columns: the case, the change."""
        a = self.annotator
        if a is None:
            return ()
        return (("case_id", "case_status") if a.store else ()) + (("change",) if a.since else ())

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def selector(
    screener: Screener,
    sources: Sequence[ListSource],
    source_codes: str | None,
    all_hits: bool,
) -> HitSelector:
    """The checker a run screens with: ``--source`` and ``--all-hits`` applied."""
    codes = parse_sources(source_codes, sources) if source_codes is not None else None
    return HitSelector(screener, codes, all_hits)


def prepare_run(
    specs: Sequence[str],
    sources: Sequence[ListSource],
    store_dir: Path,
    threshold: float,
    cases_path: str | None,
    since: Sequence[str],
    hide_cleared: bool,
    id_column: str | None = None,
    select: HitSelector | None = None,
) -> RunSetup:
    """Provenance of the lists, the case store and the old lists to compare with
    (screened with the same ``--source`` and ``--all-hits`` as the new ones)."""
    from screen.sources import resolve_lists

    if hide_cleared and cases_path is None:
        raise UsageError(
            "--hide-cleared needs a case store to know which hits are cleared.",
            "Add --cases [PATH] (or set SCREEN_CASES).",
        )
    refs = snapshot_refs(specs, sources, store_dir)
    old_checker, since_refs = None, []
    if since:
        old = resolve_lists(list(since), store_dir)
        since_refs = snapshot_refs(since, old, store_dir)
        old_checker = HitSelector(
            Screener(old), select.codes if select else None, bool(select and select.all_hits)
        )
    meta = run_meta(refs, threshold, since_refs)
    store = None
    if cases_path is not None:
        from screen.cases import CaseStore

        path = Path(cases_path) if cases_path != _DEFAULT else _default_cases(store_dir)
        store = CaseStore(path, lazy=True)
    if store is None and old_checker is None:
        return RunSetup(meta, None, None)
    from screen.cases.annotate import Annotator

    hashes = {r["name"]: r["content_hash"] for r in refs}
    annotator = Annotator(store, hashes, id_column, hide_cleared, old_checker, threshold / 100)
    return RunSetup(meta, annotator, store)


def _default_cases(store_dir: Path) -> Path:
    """``--cases`` alone: $SCREEN_CASES if set, else ``<store>/cases.db``."""
    from screen.cases import default_path

    env = os.environ.get(CASES_ENV)
    return Path(env) if env else default_path(store_dir)


def audit_run(
    setup: RunSetup,
    command: str,
    input_ref: dict[str, Any],
    rows: int,
    tiers: dict[str, int],
    output: dict[str, Any],
) -> None:
    """Append the run to the audit log (when a case store is in use)."""
    if setup.store is None:
        return
    cases = setup.annotator.tally.cases if setup.annotator else None
    setup.store.log(
        "run", run_record(command, sys.argv, setup.meta, input_ref, rows, tiers, cases, output)
    )


def summary_lines(setup: RunSetup) -> list[str]:
    """The cases and changes lines of the stderr summary."""
    a = setup.annotator
    if a is None:
        return []
    lines = []
    if a.since is not None:
        old = ", ".join(r["name"] for r in setup.meta.get("since", []))
        lines.append(
            f"Changes against {old}: new {a.tally.changes['new']}, "
            f"stronger {a.tally.changes['stronger']}."
        )
    if a.store is not None:
        lines.append(f"Cases: {a.tally.cases_text()}.")
    return lines
