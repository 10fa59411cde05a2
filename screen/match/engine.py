"""Screener: screens queries against prepared lists, explaining every hit."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from screen.match.addresses import AddressForm, normalize_address
from screen.match.associates import Associates, load_associates
from screen.match.countries import country_code
from screen.match.features import (
    address_match,
    address_may_link,
    country_mismatch,
    name_match_deferred,
    officer_overlap,
)
from screen.match.index import ListIndex, load_or_build
from screen.match.names import NameForm, normalize_name
from screen.match.persons import PersonForm, normalize_person
from screen.match.score import ADDRESS_FLOOR, Evidence, risk_score
from screen.match.text import merge_split_words
from screen.match.types import DEFAULT_THRESHOLD, Hit, Query, Reason, tier_for
from screen.sources import ListSource

#: Candidate names and addresses taken from the inverted indexes per query.
NAME_CANDIDATES = 20
ADDRESS_CANDIDATES = 25
#: Candidates sharing less than this share of the best candidate's word weight are dropped.
CANDIDATE_SHARE = 0.4
#: Names sharing less than this share of the query's own word weight are not tried:
#: their name score is at most 2s/(1+s) < 0.6 (NAME_FLOOR), too low to matter alone.
QUERY_SHARE = 0.42
#: Name-only hits scoring this much below the best hit are left out (``all_hits`` keeps them).
RELATIVE_MARGIN = 0.2
#: Name scores below this are not shown as a reason.
NAME_REASON_FLOOR = 0.3


@dataclass(slots=True)
class _Candidate:
    """Why an entry is scored: its retrieved names; ``linked`` if an address or officer led here."""

    names: list[int] = field(default_factory=list)
    linked: bool = False


@dataclass(frozen=True)
class _Prepared:
    """A query normalized once."""

    name: NameForm
    addresses: tuple[AddressForm, ...]
    officers: tuple[PersonForm, ...]
    country: str


def _linked(hit: Hit) -> bool:
    """True when an address or officer signal supports the hit."""
    return any(r.feature in ("address_match", "officer_overlap") for r in hit.reasons)


class Screener:
    """Screens queries against one or more prepared lists (indexes built or loaded once)."""

    def __init__(self, sources: Sequence[ListSource], associates: Path | None = None) -> None:
        self.names = [s.name for s in sources]
        self.indexes = [load_or_build(s.entries, s.cache_dir) for s in sources]
        self.associates = load_associates(associates, self.indexes) if associates else Associates()

    @property
    def warnings(self) -> list[str]:
        """Problems found while preparing (e.g. associates rows naming no listed entry)."""
        return list(self.associates.warnings)

    def check(
        self,
        query: Query,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int | None = None,
        all_hits: bool = False,
    ) -> list[Hit]:
        """Hits for one query at or above ``threshold`` (0-1), strongest first.

        Hits that rest on a similar name alone and score RELATIVE_MARGIN or more
        below the best hit are left out unless ``all_hits``: when "Huawei
        Technologies Co., Ltd." matches exactly, its namesakes add noise, not risk.
        Hits with an address or officer link are always kept.
        """
        prepared = _Prepared(
            normalize_name(query.name),
            tuple(normalize_address(a) for a in query.addresses if a.strip()),
            tuple(normalize_person(o) for o in query.officers if o.strip()),
            country_code(query.country) if query.country else "",
        )
        hits: list[Hit] = []
        for li, index in enumerate(self.indexes):
            for entry, cand in self._candidates(li, index, prepared).items():
                hit = self._score(li, index, entry, cand, prepared)
                if hit is not None and hit.score >= threshold:
                    hits.append(hit)
        hits.sort(key=lambda h: (-h.score, h.entry.name, h.entry.id))
        if hits and not all_hits:
            floor = hits[0].score - RELATIVE_MARGIN
            hits = [h for h in hits if h.score >= floor or _linked(h)]
        return hits[:limit] if limit else hits

    def _candidates(self, li: int, index: ListIndex, q: _Prepared) -> dict[int, _Candidate]:
        """Entries worth scoring: by name, by address and by officer retrieval."""
        found: dict[int, _Candidate] = {}
        # adjacent words joined find split names ("Hik Vision" = "Hikvision"); typos in
        # joined words are not looked for
        joined = [a + b for a, b in itertools.pairwise(q.name.tokens)]
        merged = merge_split_words(list(q.name.tokens), index.name_index)
        floor = QUERY_SHARE * sum(index.name_index.weight(t) for t in merged)
        top = index.name_index.top(
            q.name.tokens, NAME_CANDIDATES, share=CANDIDATE_SHARE, floor=floor, exact=joined
        )
        name_ids = [int(n) for n in top]
        for ini in q.name.initials:
            name_ids.extend(int(n) for n in index.name_index.postings(ini))
        if len(q.name.tokens) == 1:
            name_ids.extend(index.acronyms.get(q.name.tokens[0], ()))
        for n in name_ids:
            found.setdefault(int(index.name_entry[n]), _Candidate()).names.append(n)
        weight = index.address_index.weight
        for addr in q.addresses:
            top = index.address_index.top(
                addr.words, ADDRESS_CANDIDATES, fuzzy=False, share=CANDIDATE_SHARE
            )
            for a in top:
                listed = index.addresses[a]
                if not address_may_link(addr, listed):
                    continue  # another house number, or only the city: below ADDRESS_FLOOR
                if address_match(addr, listed, weight)[0] >= ADDRESS_FLOOR:
                    found.setdefault(int(index.address_entry[a]), _Candidate()).linked = True
        for ei in self.associates.entries_of(q.officers, li):
            found.setdefault(ei, _Candidate()).linked = True
        return found

    def _score(
        self, li: int, index: ListIndex, entry: int, cand: _Candidate, q: _Prepared
    ) -> Hit | None:
        ids = cand.names if not cand.linked else [int(n) for n in index.names_of(entry)]
        weight, distinctive = index.name_index.weight, index.name_index.distinctive
        best, best_name = 0.0, -1
        explain: Callable[[], str] = str
        for n in sorted(set(ids)):  # the primary name first on a tie
            score, why = name_match_deferred(q.name, index.names[n], weight, distinctive)
            if score > best:
                best, best_name, explain = score, n, why
        if not cand.linked and tier_for(risk_score(Evidence(best))) is None:
            return None  # a name alone this weak reaches no tier (no address or officer here)
        reasons: list[Reason] = []
        best_text = index.names[best_name].text if best_name >= 0 else index.entries[entry].name
        if best >= NAME_REASON_FLOOR:
            reasons.append(Reason("name_match", best, explain()))
        addr_score, addr_count = (
            self._addresses(index, entry, q, reasons) if cand.linked else (0.0, 0)
        )
        officer_score, officer_detail = officer_overlap(
            q.officers, self.associates.links.get((li, entry), [])
        )
        if officer_score:
            reasons.append(Reason("officer_overlap", officer_score, officer_detail))
        mismatch, country_detail = country_mismatch(q.country, index.countries[entry])
        if mismatch and reasons:
            reasons.append(Reason("country_mismatch", mismatch, country_detail))
        risk = risk_score(Evidence(best, addr_score, addr_count, officer_score, bool(mismatch)))
        tier = tier_for(risk)
        if tier is None or not reasons:
            return None
        return Hit(index.entries[entry], self.names[li], best_text, risk, tier, tuple(reasons))

    def _addresses(
        self, index: ListIndex, entry: int, q: _Prepared, reasons: list[Reason]
    ) -> tuple[float, int]:
        """Best address score, and how many listed addresses match; adds one reason each."""
        if not q.addresses:
            return 0.0, 0
        weight = index.address_index.weight
        best, matched = 0.0, 0
        for a in index.addresses_of(entry):
            listed = index.addresses[int(a)]
            score, detail = max(address_match(qa, listed, weight) for qa in q.addresses)
            if score >= ADDRESS_FLOOR:
                matched += 1
                reasons.append(Reason("address_match", score, detail))
            best = max(best, score)
        return best, matched
