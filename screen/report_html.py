"""An HTML report for auditors from a results file (``screen batch/check --format jsonl``).

One self-contained file (inline CSS, no script, no external resource), rendered with
a Jinja2 template (``screen/templates/report.html.j2``, autoescaped): the provenance
(the ``{"meta": ...}`` line of ``--meta``), counts per tier and per case status, and
each hit with its reasons, its score breakdown (the matcher's per-hit ``breakdown``
dict when results carry one, else the reasons' scores) and its case decision, as
recorded at screening time and, given the case store, as it stands now.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from screen.audit import now
from screen.cases.model import STATUSES
from screen.cases.store import CaseStore
from screen.errors import InputError, ScreenError
from screen.match.types import TIERS, tier_rank
from screen.provenance import tool_version

TEMPLATE = "report.html.j2"


@dataclass
class Results:
    """A results file read back: its provenance line, rows, and where it came from."""

    name: str
    sha256: str
    meta: dict[str, Any] | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)


def load_results(path: Path) -> Results:
    """Read the JSON Lines rows of batch or check, and the ``--meta`` line."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"Cannot read {path}: {err.strerror}.", "Check the path.") from None
    results = Results(Path(path).name, hashlib.sha256(data).hexdigest())
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        if not line.strip():
            continue
        obj = _json_object(line, path, number)
        if "meta" in obj and len(obj) == 1:
            results.meta = obj["meta"]
        elif "hits" in obj and "input" in obj:
            results.rows.append(obj)
        else:
            raise InputError(
                f"{path} line {number}: not a screening result (no hits, input or meta).",
                "Give the JSON Lines output of `screen batch` or `screen check`.",
            )
    return results


def _json_object(line: str, path: Path, number: int) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except ValueError as err:
        raise InputError(
            f"{path} line {number}: not valid JSON ({err}).",
            "Give the JSON Lines output of `screen batch --format jsonl --meta`.",
        ) from None
    if not isinstance(obj, dict):
        raise InputError(f"{path} line {number}: expected a JSON object.", "")
    return obj


def _party_name(row: dict[str, Any]) -> str:
    values = row.get("input") or {}
    for key in ("name", "company", "counterparty", "party", "entity", "customer", "supplier"):
        if values.get(key):
            return str(values[key])
    return next((str(v) for v in values.values() if v), "")


def report_context(results: Results, cases: CaseStore | None = None) -> dict[str, Any]:
    """Everything the template shows, as plain data."""
    hits, errors = [], []
    rows_by_tier = {name: 0 for name, _ in TIERS}
    hits_by_tier = {name: 0 for name, _ in TIERS}
    by_status = dict.fromkeys((*STATUSES, "no case"), 0)
    for row in results.rows:
        if row.get("error"):
            errors.append({"line": row.get("line"), "error": row["error"]})
        tiers = [h.get("tier") for h in row.get("hits", []) if h.get("tier") in hits_by_tier]
        if tiers:
            rows_by_tier[min(tiers, key=tier_rank)] += 1
        for hit in row.get("hits", []):
            view = _hit_view(row, hit, cases)
            hits.append(view)
            if view["tier"] in hits_by_tier:
                hits_by_tier[view["tier"]] += 1
            status = (view["case_now"] or view["case"] or {}).get("status", "no case")
            by_status[status] = by_status.get(status, 0) + 1
    counts = {
        "rows": len(results.rows),
        "rows_with_hits": sum(rows_by_tier.values()),
        "errors": len(errors),
        "rows_by_tier": rows_by_tier,
        "hits_by_tier": hits_by_tier,
        "by_status": by_status,
    }
    return {
        "source_name": results.name,
        "source_hash": results.sha256,
        "generated_at": now(),
        "tool_version": tool_version(),
        "meta": results.meta,
        "counts": counts,
        "hits": hits,
        "errors": errors,
    }


def _hit_view(row: dict[str, Any], hit: dict[str, Any], cases: CaseStore | None) -> dict[str, Any]:
    case = hit.get("case")
    return {
        **hit,
        "line": row.get("line"),
        "party": _party_name(row),
        "reasons": hit.get("reasons") or [],
        "breakdown": hit.get("breakdown") or {},
        "case": case,
        "case_now": _case_now(case, cases),
    }


def _case_now(case: dict[str, Any] | None, cases: CaseStore | None) -> dict[str, Any] | None:
    if cases is None or not case or case.get("id") is None:
        return None
    try:
        return cases.get(int(case["id"])).brief()
    except ScreenError:
        return None


def render_report(results: Results, cases: CaseStore | None = None) -> str:
    """The HTML document."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("screen", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    return env.get_template(TEMPLATE).render(**report_context(results, cases))
