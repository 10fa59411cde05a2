"""The systems the quality bench compares: ours and two baselines.

Each system is prepared on a list (entries, optional associates CSV) and then returns,
for every case, the flagged entries ranked best first as ``(entry_id, score 0-1)``.
``probe`` gives the rank and score of given entries whether or not they were flagged
(used by the backtest's ground-truth report).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from rapidfuzz import fuzz, process, utils

from bench.quality_cases import Case
from screen.model import Entry

Ranked = list[tuple[str, float]]

#: yente's default match threshold (yente/settings.py SCORE_THRESHOLD); logic-v2's own
#: config has no threshold, yente applies this one to its scores.
NK_THRESHOLD = 0.70
NK_ALGORITHM = "logic-v2"
WRATIO_CUTOFF = 90
NK_NAME_BLOCK = 50
NK_ADDRESS_BLOCK = 10
_CHUNK = 256


@dataclass(frozen=True)
class Probe:
    """Where a target entry came out for a query."""

    flagged: bool
    rank: int | None  # 1-based among scored entries; None when not scored/returned
    score: float | None
    detail: str = ""


class System(Protocol):
    label: str

    def prepare(self, entries: Sequence[Entry], associates: Path | None, tag: str) -> None: ...

    def run(self, cases: Sequence[Case]) -> list[Ranked]: ...

    def probe(self, case: Case, target_ids: set[str]) -> Probe: ...


def _unique_ranked(pairs: list[tuple[str, float]]) -> Ranked:
    seen: set[str] = set()
    out: Ranked = []
    for i, s in pairs:
        if i not in seen:
            seen.add(i)
            out.append((i, s))
    return out


# ----------------------------------------------------------------------------- ours


class Ours:
    """``screen.match.engine.Screener`` at default settings."""

    label = "ours"

    def __init__(self) -> None:
        self.screener: Any = None

    def prepare(self, entries: Sequence[Entry], associates: Path | None, tag: str) -> None:
        from screen.match.engine import Screener
        from screen.sources import ListSource

        self.screener = Screener([ListSource(tag, list(entries))], associates)

    def _query(self, case: Case) -> Any:
        from screen.match.types import Query

        return Query(case.name, case.addresses, case.country, case.officers)

    def run(self, cases: Sequence[Case]) -> list[Ranked]:
        out = []
        #: per case, the reason features of the top hit (the backtest breaks links down by them)
        self.top_reasons: list[tuple[str, ...]] = []
        #: per case, the top hit itself (tier, matched name, reasons), or None
        self.top_hits: list[Any] = []
        for c in cases:
            hits = self.screener.check(self._query(c))
            out.append(_unique_ranked([(h.entry.id, float(h.score)) for h in hits]))
            self.top_reasons.append(
                tuple(sorted({r.feature for r in hits[0].reasons})) if hits else ()
            )
            self.top_hits.append(hits[0] if hits else None)
        return out

    def probe(self, case: Case, target_ids: set[str]) -> Probe:
        # flagged = returned by check() at its default threshold (whatever the policy says)
        flagged = {h.entry.id for h in self.screener.check(self._query(case))}
        hits = self.screener.check(self._query(case), threshold=0.0)
        ranked = _unique_ranked([(h.entry.id, float(h.score)) for h in hits])
        for rank, (i, s) in enumerate(ranked, 1):
            if i in target_ids:
                h = next(h for h in hits if h.entry.id == i)
                why = "; ".join(f"{r.feature} {r.score:.2f}: {r.detail}" for r in h.reasons)
                return Probe(i in flagged, rank, s, why[:160])
        return Probe(False, None, None, "not returned")


# ------------------------------------------------------------------ WRatio baseline


class _NameIndex:
    """All names of a list, preprocessed, with the owning entry's index."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        names: list[str] = []
        owners: list[int] = []
        for i, e in enumerate(entries):
            for nm in (e.name, *e.alt_names):
                names.append(utils.default_process(nm))
                owners.append(i)
        self.names = names
        self.owners = np.asarray(owners, dtype=np.int64)
        self.starts = np.flatnonzero(np.r_[True, self.owners[1:] != self.owners[:-1]])
        self.n_entries = len(entries)

    def per_entry(self, matrix: np.ndarray) -> np.ndarray:
        """Per-entry maximum over that entry's names, for each row."""
        return np.maximum.reduceat(matrix, self.starts, axis=1)


class WRatioBaseline:
    """rapidfuzz ``fuzz.WRatio >= 90`` of the query name against every list name/alias."""

    label = f"WRatio>={WRATIO_CUTOFF}"

    def __init__(self, workers: int = 2) -> None:
        self.workers = workers
        self.entries: list[Entry] = []
        self.index: _NameIndex | None = None

    def prepare(self, entries: Sequence[Entry], associates: Path | None, tag: str) -> None:
        self.entries = list(entries)
        self.index = _NameIndex(self.entries)

    def _scores(self, names: Sequence[str], cutoff: int) -> np.ndarray:
        assert self.index is not None
        m = process.cdist(
            [utils.default_process(n) for n in names],
            self.index.names,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=cutoff,
            dtype=np.uint8,
            workers=self.workers,
        )
        return self.index.per_entry(m)

    def run(self, cases: Sequence[Case]) -> list[Ranked]:
        out: list[Ranked] = []
        for start in range(0, len(cases), _CHUNK):
            chunk = cases[start : start + _CHUNK]
            per = self._scores([c.name for c in chunk], WRATIO_CUTOFF)
            for row in per:
                idx = np.flatnonzero(row >= WRATIO_CUTOFF)
                idx = idx[np.argsort(-row[idx], kind="stable")]
                out.append([(self.entries[i].id, float(row[i]) / 100) for i in idx])
        return out

    def probe(self, case: Case, target_ids: set[str]) -> Probe:
        row = self._scores([case.name], 0)[0]
        order = np.argsort(-row, kind="stable")
        for rank, i in enumerate(order, 1):
            if self.entries[i].id in target_ids:
                s = float(row[i])
                return Probe(s >= WRATIO_CUTOFF, rank, s / 100)
        return Probe(False, None, None)


# ---------------------------------------------------------- nomenklatura logic-v2


class NomenklaturaLogicV2:
    """OpenSanctions nomenklatura ``logic-v2`` (yente's default), pairwise on candidates
    preselected by rapidfuzz token_set_ratio: top 50 entries by name, plus the top 10 by
    address for each query address. Flagged when score >= yente's default 0.70."""

    label = "nomenklatura logic-v2"

    def __init__(self, workers: int = 2) -> None:
        from nomenklatura.matching import get_algorithm

        algo = get_algorithm(NK_ALGORITHM)
        if algo is None:
            raise RuntimeError(f"nomenklatura has no algorithm {NK_ALGORITHM!r}")
        self.algo = algo
        self.workers = workers
        self.entries: list[Entry] = []
        self.tag = ""
        self.index: _NameIndex | None = None
        self.addr_texts: list[str] = []
        self.addr_owner = np.zeros(0, dtype=np.int64)
        self._proxies: dict[int, Any] = {}

    def prepare(self, entries: Sequence[Entry], associates: Path | None, tag: str) -> None:
        self.entries = list(entries)
        # logic-v2 memoises name analysis on entity ids: ids must change with content.
        digest = hashlib.sha1(
            "\n".join(f"{e.id}|{e.name}|{'|'.join(e.alt_names)}" for e in entries).encode()
        ).hexdigest()[:10]
        self.tag = f"{tag}-{digest}"
        self.index = _NameIndex(self.entries)
        texts, owners = [], []
        for i, e in enumerate(self.entries):
            for a in e.addresses:
                texts.append(utils.default_process(a.full))
                owners.append(i)
        self.addr_texts = texts
        self.addr_owner = np.asarray(owners, dtype=np.int64)
        self._proxies = {}

    def _proxy(self, i: int) -> Any:
        p = self._proxies.get(i)
        if p is None:
            e = self.entries[i]
            p = _make_proxy(
                f"{self.tag}:{e.id}",
                e.type,
                e.name,
                e.alt_names,
                [a.full for a in e.addresses],
                e.countries,
            )
            self._proxies[i] = p
        return p

    def _candidates(self, cases: Sequence[Case]) -> list[list[int]]:
        assert self.index is not None
        m = process.cdist(
            [utils.default_process(c.name) for c in cases],
            self.index.names,
            scorer=fuzz.token_set_ratio,
            processor=None,
            dtype=np.uint8,
            workers=self.workers,
        )
        per = self.index.per_entry(m)
        k = min(NK_NAME_BLOCK, per.shape[1])
        out: list[list[int]] = []
        for ci, row in enumerate(per):
            top = np.argpartition(-row.astype(np.int16), k - 1)[:k]
            cand = {int(i) for i in top if row[i] > 0}
            case = cases[ci]
            if case.addresses and self.addr_texts:
                am = process.cdist(
                    [utils.default_process(a) for a in case.addresses],
                    self.addr_texts,
                    scorer=fuzz.token_set_ratio,
                    processor=None,
                    dtype=np.uint8,
                    workers=self.workers,
                )
                best = am.max(axis=0)
                ka = min(NK_ADDRESS_BLOCK * 4, best.shape[0])
                top_a = np.argpartition(-best.astype(np.int16), ka - 1)[:ka]
                top_a = top_a[np.argsort(-best[top_a], kind="stable")]
                owners: list[int] = []
                for j in top_a:
                    o = int(self.addr_owner[j])
                    if o not in owners:
                        owners.append(o)
                cand.update(owners[: NK_ADDRESS_BLOCK * len(case.addresses)])
            out.append(sorted(cand))
        return out

    def _score(self, case: Case, query: Any, i: int) -> float:
        return float(self.algo.compare(query, self._proxy(i), self.algo.default_config()).score)

    def _query(self, case: Case) -> Any:
        return _make_proxy(
            f"q:{self.tag}:{case.category}:{case.case_id}",
            "",
            case.name,
            (),
            list(case.addresses),
            (case.country,) if case.country else (),
        )

    def run(self, cases: Sequence[Case]) -> list[Ranked]:
        out: list[Ranked] = []
        for start in range(0, len(cases), _CHUNK):
            chunk = cases[start : start + _CHUNK]
            for case, cand in zip(chunk, self._candidates(chunk), strict=True):
                q = self._query(case)
                scored = [(self._score(case, q, i), i) for i in cand]
                scored = [x for x in scored if x[0] >= NK_THRESHOLD]
                scored.sort(key=lambda x: (-x[0], x[1]))
                out.append([(self.entries[i].id, s) for s, i in scored])
        return out

    def probe(self, case: Case, target_ids: set[str]) -> Probe:
        cand = self._candidates([case])[0]
        q = self._query(case)
        scored = sorted(((self._score(case, q, i), i) for i in cand), key=lambda x: (-x[0], x[1]))
        for rank, (s, i) in enumerate(scored, 1):
            if self.entries[i].id in target_ids:
                return Probe(s >= NK_THRESHOLD, rank, s)
        targets = [i for i, e in enumerate(self.entries) if e.id in target_ids]
        if not targets:
            return Probe(False, None, None, "target not on list")
        s = max(self._score(case, q, i) for i in targets)
        return Probe(False, None, s, "not in candidate block")


def _make_proxy(
    pid: str,
    etype: str,
    name: str,
    aliases: Sequence[str],
    addresses: Sequence[str],
    countries: Sequence[str],
) -> Any:
    from followthemoney import model

    schema = {"Individual": "Person", "Vessel": "Vessel", "Aircraft": "Airplane"}.get(
        etype, "LegalEntity"
    )
    p = model.make_entity(schema)
    p.id = pid
    p.add("name", name, quiet=True)
    for a in aliases:
        p.add("alias", a, quiet=True)
    for a in addresses:
        p.add("address", a, quiet=True)
    for c in countries:
        p.add("country", c, quiet=True)
    return p
