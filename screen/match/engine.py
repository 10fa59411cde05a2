"""Screener: screens queries against prepared lists, explaining every hit."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from screen.match.addresses import AddressForm
from screen.match.associates import Associates, load_associates
from screen.match.features import (
    address_match,
    address_may_link,
    address_signal,
    country_mismatch,
    name_match,
    name_match_deferred,
    officer_overlap,
    weighted_overlap,
)
from screen.match.index import ListIndex, load_or_build
from screen.match.legal_typos import EdgeTypo, fits
from screen.match.memo import Memo
from screen.match.name_features import ALIAS, COMPANY, PERSON, Overlap
from screen.match.names import NameForm
from screen.match.policy import DEFAULT_POLICY, Policy
from screen.match.prepared import Prepared, prepare
from screen.match.registry import Signal
from screen.match.retrieval import name_candidates
from screen.match.score import Evidence, combine, weakest_name_reaching
from screen.match.types import Hit, Query, Reason
from screen.sources import ListSource

LINK_FEATURES = frozenset({address_match.name, officer_overlap.name})
#: A name score and how to explain it (``name_match_deferred``).
Scored = tuple[float, Callable[[], str]]


@dataclass(slots=True)
class _Candidate:
    """Why an entry is scored: its retrieved names; ``linked`` if an address or officer led here."""

    names: list[int] = field(default_factory=list)
    linked: bool = False


@dataclass
class _Memos:
    """What a screener remembers per list, each a pure function of its key (see
    ``screen.match.memo``): rows of a batch share names, words and streets."""

    #: Name retrieval's finds, by the part of the query each path reads.
    found: Memo[Hashable, tuple[int, ...]] = field(default_factory=Memo)
    #: Name scores, by query name form and listed name id.
    scored: Memo[tuple[NameForm, int], Scored] = field(default_factory=Memo)
    #: Listed addresses retrieved for a query address's words.
    near: Memo[tuple[str, ...], list[int]] = field(default_factory=Memo)
    #: The overlap of a query address's words with a listed address's (by id).
    overlaps: Memo[tuple[tuple[str, ...], int], Overlap] = field(default_factory=Memo)


def _read_as(why: Callable[[], str], edge: EdgeTypo | None, legal: str) -> Callable[[], str]:
    """``why``, saying which word of the query was read as the listed legal form."""
    if edge is None:
        return why
    return lambda: f'{why()}; "{edge.word}" read as "{legal}"'


def _linked(hit: Hit) -> bool:
    """True when an address or officer signal supports the hit."""
    return any(r.feature in LINK_FEATURES for r in hit.reasons)


class Screener:
    """Screens queries against one or more prepared lists (indexes built or loaded once)."""

    def __init__(
        self,
        sources: Sequence[ListSource],
        associates: Path | None = None,
        policy: Policy = DEFAULT_POLICY,
    ) -> None:
        self.policy = policy
        self.names = [s.name for s in sources]
        self.indexes = [load_or_build(s.entries, s.cache_dir, policy) for s in sources]
        self.associates = load_associates(associates, self.indexes) if associates else Associates()
        self.memos = [_Memos() for _ in self.indexes]

    def materialize(self) -> None:
        """Read every stored index whole (before forking workers; see ListIndex)."""
        for index in self.indexes:
            index.materialize()

    @property
    def warnings(self) -> list[str]:
        """Problems found while preparing (e.g. associates rows naming no listed entry)."""
        return list(self.associates.warnings)

    def check(
        self,
        query: Query,
        threshold: float | None = None,
        limit: int | None = None,
        all_hits: bool = False,
        exhaustive: bool = False,
    ) -> list[Hit]:
        """Hits for one query at or above ``threshold`` (0-1; the policy's by default).

        Hits that rest on a similar name alone and score the policy's ``relative_margin``
        or more below the best hit are left out unless ``all_hits``: when "Huawei
        Technologies Co., Ltd." matches exactly, its namesakes add noise, not risk. Hits
        with an address or officer link are always kept. ``exhaustive`` scores every
        listed entry instead of the retrieved candidates: the same hits, slowly (the
        oracle the tests hold retrieval to).
        """
        floor = self.policy.threshold if threshold is None else threshold
        prepared = prepare(query, self.policy)
        hits: list[Hit] = []
        for li, index in enumerate(self.indexes):
            found = (
                self._everything(index)
                if exhaustive
                else self._candidates(li, index, prepared, floor)
            )
            for entry, cand in found.items():
                hit = self._score(li, index, entry, cand, prepared, not exhaustive)
                if hit is not None and hit.score >= floor:
                    hits.append(hit)
        hits.sort(key=lambda h: (-h.score, h.entry.name, h.entry.id))
        if hits and not all_hits:
            keep = hits[0].score - self.policy.retrieval.relative_margin
            hits = [h for h in hits if h.score >= keep or _linked(h)]
        return hits[:limit] if limit else hits

    @staticmethod
    def _everything(index: ListIndex) -> dict[int, _Candidate]:
        return {e: _Candidate(linked=True) for e in range(len(index.entries))}

    def _candidates(
        self, li: int, index: ListIndex, q: Prepared, threshold: float
    ) -> dict[int, _Candidate]:
        """Entries worth scoring: by name, by address and by officer retrieval."""
        found: dict[int, _Candidate] = {}
        target = max(threshold, self.policy.lowest_tier)
        floor = weakest_name_reaching(target, self.policy)
        for form in q.names:
            for n in name_candidates(index, form, floor, self.policy, self.memos[li].found):
                found.setdefault(int(index.name_entry[n]), _Candidate()).names.append(n)
        r, floor = self.policy.retrieval, self.policy.combine.address_floor
        near, top = self.memos[li].near, index.address_index.top
        for addr in q.addresses:
            for a in near.get(addr.words, top, addr.words, r.address_candidates, r.address_share):
                if not address_may_link(addr, index.addresses[a]):
                    continue  # another house number, or only the city: below the floor
                if self._address_match(li, addr, a, True)[0] >= floor:
                    found.setdefault(int(index.address_entry[a]), _Candidate()).linked = True
        for ei in self.associates.entries_of(q.officers, li):
            found.setdefault(ei, _Candidate()).linked = True
        return found

    def _best_name(
        self, li: int, entry: int, cand: _Candidate, q: Prepared, remember: bool
    ) -> tuple[float, int, Callable[[], str]]:
        index = self.indexes[li]
        ids = cand.names if not cand.linked else [int(n) for n in index.names_of(entry)]
        rarity = index.name_index.rarity
        kind = index.kinds[entry] if index.kinds else COMPANY
        best, best_name = 0.0, -1
        explain: Callable[[], str] = str
        lone = index.lone_alias
        memo = self.memos[li].scored if remember else Memo(0)
        policy = self.policy
        for n in sorted(set(ids)):  # the primary name first on a tie
            how = ALIAS if kind != PERSON and len(lone) and lone[n] else kind
            for form, edge in zip(q.names, q.edges, strict=True):
                legal = fits(edge, index.names[n].legal) if edge else ""
                if edge and not legal:
                    continue  # an edge word dropped as a legal form this name does not have
                score, why = memo.get(  # (``how`` is the name's)
                    (form, n), name_match_deferred, form, index.names[n], rarity, policy, how
                )
                if score > best:
                    best, best_name, explain = score, n, _read_as(why, edge, legal)
        return best, best_name, explain

    def _score(
        self,
        li: int,
        index: ListIndex,
        entry: int,
        cand: _Candidate,
        q: Prepared,
        remember: bool = True,
    ) -> Hit | None:
        """The hit of one candidate entry, or None; ``remember``: through the name-score
        memo (not for the exhaustive oracle, which must compute everything itself)."""
        best, best_name, explain = self._best_name(li, entry, cand, q, remember)
        if not cand.linked and combine(Evidence(best), self.policy).tier is None:
            return None  # a name alone this weak reaches no tier (no address or officer here)
        reasons: list[Reason] = []
        best_text = index.names[best_name].text if best_name >= 0 else index.entries[entry].name
        if best >= self.policy.name.reason_floor:
            reasons.append(Reason(name_match.name, best, explain()))
        addr_score, addr_count = (
            self._addresses(li, entry, q, reasons, remember) if cand.linked else (0.0, 0)
        )
        links = self.associates.links.get((li, entry), []) if q.officers else []
        officer_score, officer_detail = officer_overlap(q.officers, links, self.policy)
        if officer_score:
            reasons.append(Reason(officer_overlap.name, officer_score, officer_detail))
        mismatch, country_detail = country_mismatch(q.country, index.countries[entry])
        if mismatch and reasons:
            reasons.append(Reason(country_mismatch.name, mismatch, country_detail))
        ev = Evidence(best, addr_score, addr_count, officer_score, bool(mismatch))
        verdict = combine(ev, self.policy)
        if verdict.tier is None or not reasons:
            return None
        return Hit(
            index.entries[entry],
            self.names[li],
            best_text,
            verdict.score,
            verdict.tier,
            tuple(reasons),
            verdict.breakdown,
        )

    def _addresses(
        self, li: int, entry: int, q: Prepared, reasons: list[Reason], remember: bool
    ) -> tuple[float, int]:
        """Best address score, and how many listed addresses match; adds one reason each."""
        if not q.addresses:
            return 0.0, 0
        floor = self.policy.combine.address_floor
        best, matched = 0.0, 0
        for a in self.indexes[li].addresses_of(entry).tolist():
            score, detail = max(self._address_match(li, qa, a, remember) for qa in q.addresses)
            if score >= floor:
                matched += 1
                reasons.append(Reason(address_match.name, score, detail))
            best = max(best, score)
        return best, matched

    def _address_match(self, li: int, query: AddressForm, a: int, remember: bool) -> Signal:
        """``address_match`` of a query address and listed address ``a``, the overlap of
        their words remembered when ``remember``."""
        index = self.indexes[li]
        listed = index.addresses[a]
        args = (query.words, listed.words, index.address_index.weight, self.policy.name)
        memo = self.memos[li].overlaps if remember else Memo(0)
        ov = memo.get((query.words, a), weighted_overlap, *args)
        return address_signal(query, listed, ov, self.policy)
