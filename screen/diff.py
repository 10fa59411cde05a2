"""Compare two snapshots: which entries were added, removed or changed.

Entries are matched within a source list: first by id, then (for the rest) by a
normalized name, so lists whose ids differ (CSL hashes vs eCFR-derived hashes)
still line up. By default only the source lists present in both snapshots are
compared; otherwise comparing a full CSL against an Entity-List-only file would
report every non-EL entry as removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from screen.errors import ListError
from screen.match.types import Hit
from screen.model import Entry

COMPARED_FIELDS = tuple(
    f.name for f in fields(Entry) if f.name not in ("id", "source", "source_url")
)
_LEGAL_FORMS = re.compile(
    r"(?:\s+(?:co|company|corp|corporation|inc|incorporated|ltd|limited|llc|plc|gmbh|"
    r"sa|ag|bv|oao|ooo|zao|pjsc|jsc))+$"
)


def normalize_name(name: str) -> str:
    """Casefold, drop accents and punctuation, collapse spaces, drop trailing legal forms."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    stripped = _LEGAL_FORMS.sub("", text).strip()
    return stripped or text


@dataclass
class EntryChange:
    """One entry present in both snapshots whose compared fields differ."""

    old: Entry
    new: Entry
    fields: dict[str, tuple[Any, Any]]


@dataclass
class SnapshotDiff:
    """The result of :func:`diff_snapshots`."""

    added: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    changed: list[EntryChange] = field(default_factory=list)
    unchanged: int = 0
    compared_sources: list[str] = field(default_factory=list)
    skipped_old_sources: list[str] = field(default_factory=list)
    skipped_new_sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (entries by id, source and name)."""

        def brief(e: Entry) -> dict[str, str]:
            return {"id": e.id, "source": e.source, "name": e.name}

        return {
            "summary": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
                "unchanged": self.unchanged,
            },
            "compared_sources": self.compared_sources,
            "skipped_old_sources": self.skipped_old_sources,
            "skipped_new_sources": self.skipped_new_sources,
            "added": [brief(e) for e in self.added],
            "removed": [brief(e) for e in self.removed],
            "changed": [
                {
                    "old": brief(c.old),
                    "new": brief(c.new),
                    "fields": {
                        k: {"old": _jsonable(o), "new": _jsonable(n)}
                        for k, (o, n) in c.fields.items()
                    },
                }
                for c in self.changed
            ],
        }


def _codes(sources: set[str]) -> str:
    from screen.loaders.csl import short_code

    return ", ".join(sorted(short_code(s) for s in sources))


def diff_snapshots(
    old: list[Entry],
    new: list[Entry],
    common_sources_only: bool = True,
    names: tuple[str, str] = ("old", "new"),
) -> SnapshotDiff:
    """Diff two entry lists (see the module docstring for the matching rules)."""
    old_sources = {e.source for e in old}
    new_sources = {e.source for e in new}
    compared = old_sources & new_sources if common_sources_only else old_sources | new_sources
    if not compared and old and new:
        raise ListError(
            f"The snapshots {names[0]} and {names[1]} share no source list: "
            f"{names[0]} holds {_codes(old_sources)}, {names[1]} holds {_codes(new_sources)}.",
            "Compare two versions of the same list, or pass --all-sources to compare "
            "every entry anyway.",
        )
    result = SnapshotDiff(
        compared_sources=sorted(compared),
        skipped_old_sources=sorted(old_sources - compared),
        skipped_new_sources=sorted(new_sources - compared),
    )
    for source in result.compared_sources:
        _diff_source(
            [e for e in old if e.source == source], [e for e in new if e.source == source], result
        )
    return result


def _diff_source(old: list[Entry], new: list[Entry], result: SnapshotDiff) -> None:
    pairs, old_left, new_left = _match_by_id(old, new)
    more, old_left, new_left = _match_by_name(old_left, new_left)
    carried = _carried(old) & _carried(new)
    for before, after in pairs + more:
        changes = entry_changes(before, after, carried)
        if changes:
            result.changed.append(EntryChange(before, after, changes))
        else:
            result.unchanged += 1
    result.removed.extend(old_left)
    result.added.extend(new_left)


def _match_by_id(
    old: list[Entry], new: list[Entry]
) -> tuple[list[tuple[Entry, Entry]], list[Entry], list[Entry]]:
    new_by_id = {e.id: e for e in new}
    pairs, old_left = [], []
    for entry in old:
        match = new_by_id.pop(entry.id, None)
        if match is None:
            old_left.append(entry)
        else:
            pairs.append((entry, match))
    matched = {id(b) for _, b in pairs}
    return pairs, old_left, [e for e in new if id(e) not in matched]


def _match_by_name(
    old: list[Entry], new: list[Entry]
) -> tuple[list[tuple[Entry, Entry]], list[Entry], list[Entry]]:
    waiting: dict[str, list[Entry]] = defaultdict(list)
    for entry in new:
        waiting[normalize_name(entry.name)].append(entry)
    pairs, old_left = [], []
    for entry in old:
        candidates = waiting.get(normalize_name(entry.name))
        if candidates:
            pairs.append((entry, candidates.pop(0)))
        else:
            old_left.append(entry)
    matched = {id(b) for _, b in pairs}
    return pairs, old_left, [e for e in new if id(e) not in matched]


def _carried(entries: list[Entry]) -> set[str]:
    """Fields that some entry of a snapshot fills: a list format without license
    policies (the eCFR parse) cannot say that a policy changed."""
    return {name for name in COMPARED_FIELDS if any(getattr(e, name) for e in entries)}


def entry_changes(
    old: Entry, new: Entry, carried: set[str] | frozenset[str] = frozenset(COMPARED_FIELDS)
) -> dict[str, tuple[Any, Any]]:
    """Compared fields whose values differ in substance, as ``{field: (old, new)}``.

    Values are compared normalized: case, spacing and punctuation of text, country
    names against codes (China = CN), addresses by their normalized words and numbers.
    """
    return {
        name: (getattr(old, name), getattr(new, name))
        for name in COMPARED_FIELDS
        if name in carried
        and _canonical(name, getattr(old, name)) != _canonical(name, getattr(new, name))
    }


def _canonical(name: str, value: Any) -> Any:
    """A field value reduced to what matters for a change."""
    from screen.match.addresses import normalize_address
    from screen.match.countries import country_code

    if name == "countries":
        return frozenset(country_code(c) or c.casefold() for c in value)
    if name == "addresses":
        forms = (normalize_address(a.full) for a in value)
        return frozenset((frozenset(f.words), f.numbers) for f in forms)
    if name == "alt_names":
        return frozenset(normalize_name(a) for a in value)
    if name == "federal_register_notice":
        return fr_citations(value) or _canonical("", value)
    if isinstance(value, str):
        return " ".join(re.sub(r"[^\w]+", " ", value.casefold()).split())
    return value


_FR = re.compile(r"(\d+)\s*F\.?\s*R\.?\s*(\d+)", re.IGNORECASE)


def fr_citations(text: str) -> frozenset[str]:
    """The Federal Register citations in a notice field, as ``NN FR NNNNN``: dates and
    separators around them ("84 FR 29373, 6/24/19.") are not part of the citation."""
    return frozenset(f"{vol} FR {page}" for vol, page in _FR.findall(text or ""))


def show_value(value: Any) -> str:
    """A field value as one line of text (addresses by their full form, lists by ``; ``)."""
    if isinstance(value, tuple):
        return "; ".join(show_value(v) for v in value)
    if hasattr(value, "full"):
        return str(value.full)
    return str(value)


def diff_rows(result: SnapshotDiff) -> list[dict[str, str]]:
    """Flat rows for CSV/JSON Lines: one per added or removed entry, one per changed field."""
    rows = []
    for kind, entries in (("added", result.added), ("removed", result.removed)):
        for e in entries:
            rows.append(_row(kind, e, e, "", "", ""))
    for c in result.changed:
        for name, (old, new) in c.fields.items():
            rows.append(_row("changed", c.old, c.new, name, show_value(old), show_value(new)))
    return rows


#: The columns of :func:`diff_rows`.
DIFF_COLUMNS = ("change", "source", "old_id", "new_id", "name", "field", "old", "new")


def _row(kind: str, old: Entry, new: Entry, name: str, before: str, after: str) -> dict[str, str]:
    return {
        "change": kind,
        "source": new.source,
        "old_id": old.id if kind != "added" else "",
        "new_id": new.id if kind != "removed" else "",
        "name": new.name,
        "field": name,
        "old": before,
        "new": after,
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    return value


def changed_hits(new: Sequence[Hit], old: Sequence[Hit]) -> list[tuple[Hit, str]]:
    """The hits of a re-screen against a newer list that are ``new`` (no hit on the
    same listed entry against the older list) or ``stronger`` (a higher score, to the
    0.1 shown), each with that mark; the others are left out.

    The same listed entry is found by id, else by source list and normalized name
    (ids differ between list formats)."""
    from screen.cases.keys import entity_key

    before: dict[str, float] = {}
    for hit in old:
        for key in (f"id:{hit.entry.id}", entity_key(hit.entry)):
            before[key] = max(before.get(key, 0.0), hit.score)
    out = []
    for hit in new:
        scores = [before[k] for k in (f"id:{hit.entry.id}", entity_key(hit.entry)) if k in before]
        if not scores:
            out.append((hit, "new"))
        elif round(hit.score * 100, 1) > round(max(scores) * 100, 1):
            out.append((hit, "stronger"))
    return out
