"""Plain-data views of check results (JSON, CSV rows); no rich here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from screen.match.types import Hit, Query

#: A name score at least this high means the counterparty itself is listed.
LISTED_NAME_SCORE = 0.85
HIT_COLUMNS = (
    "rank",
    "score",
    "tier",
    "entity_id",
    "name",
    "matched_name",
    "source",
    "list",
    "federal_register_notice",
    "start_date",
    "license_requirement",
    "license_policy",
    "reasons",
)


def name_is_listed(hits: Sequence[Hit]) -> bool:
    """True when some hit matches the counterparty's own name (not only a link)."""
    return any(
        r.feature == "name_match" and r.score >= LISTED_NAME_SCORE for h in hits for r in h.reasons
    )


def summary_line(query: Query, hits: Sequence[Hit], lists: Sequence[str]) -> str:
    """One sentence saying what was found, for humans."""
    where = ", ".join(lists)
    if not hits:
        return f'"{query.name}": no hits on {where}.'
    listed = (
        ""
        if name_is_listed(hits)
        else " The name itself is not on the list(s); the hits are links."
    )
    return f'"{query.name}": {len(hits)} hit(s) on {where}.{listed}'


def query_dict(query: Query) -> dict[str, Any]:
    """The query as JSON: name, addresses, country, officers."""
    return {
        "name": query.name,
        "addresses": list(query.addresses),
        "country": query.country,
        "officers": list(query.officers),
    }


def hit_dicts(hits: Sequence[Hit], extras: Sequence[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Ranked hit objects, each with its extras (``case``, ``change``) when given."""
    more = list(extras) or [{}] * len(hits)
    return [
        {"rank": i, **h.to_dict(), **extra}
        for i, (h, extra) in enumerate(zip(hits, more, strict=True), start=1)
    ]


def check_document(
    query: Query,
    hits: Sequence[Hit],
    lists: Sequence[str],
    meta: dict[str, Any] | None = None,
    extras: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """The JSON document of one check: provenance (``meta``, when given), the query,
    whether the name is listed, ranked hits."""
    head = {"meta": meta} if meta is not None else {}
    return {
        **head,
        "query": query_dict(query),
        "lists": list(lists),
        "name_listed": name_is_listed(hits),
        "summary": summary_line(query, hits, lists),
        "hits": hit_dicts(hits, extras),
    }


def reasons_text(hit: Hit) -> str:
    """All reasons of a hit on one line: ``feature (score): detail | ...``."""
    return " | ".join(f"{r.feature} ({r.score * 100:.0f}): {r.detail}" for r in hit.reasons)


def hit_row(rank: int, hit: Hit) -> dict[str, str]:
    """A flat row for CSV output."""
    d = hit.to_dict()
    row = {k: str(d.get(k, "")) for k in HIT_COLUMNS}
    row["rank"] = str(rank)
    row["reasons"] = reasons_text(hit)
    return row
