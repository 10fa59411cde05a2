"""Labelled name pairs for calibrating the name score (issue 8), built from the real lists.

Each pair is ``(query_text, listed_text, label, kind)`` plus the listed entry's id and
its split. Positives (label 1):

* ``variant:<transform>``: a listed name rewritten by one of the quality bench's
  transforms (legal form, typo, short-word typo, split anywhere, joined words, partial
  legal form, Ltd/Limited, abbreviations, pinyin, word swap, city moved, upper case);
* ``alias`` / ``translit_alias``: another name the list gives the same entry (an alias
  with Russian/pinyin legal vocabulary or in a non-Latin script is ``translit_alias``);
* ``contained``: a listed name with two to four generic company words around it, one per
  party, none of the parties the quality bench's regression probes use
  (``bench/pairs_kinds.py``).

Negatives (label 0):

* ``hard_generic`` / ``hard_distinctive``: two entries of different names (different
  parties, not one family) sharing a generic word, or a distinctive word, chosen as the
  most similar such entry by rapidfuzz ``token_set_ratio``. A "family" (Huawei's
  affiliates) is two entries whose first distinctive word is the same, or whose core
  words contain one another: such pairs are not used;
* ``unlisted``: each of the 5,995 real unlisted companies against its nearest listed name
  of the 2022 CSL by ``token_set_ratio`` (among the listed names sharing a word with it
  other than legal-form words; all names when none does). A few may be truly related to
  a listed party (see the data's SOURCES.md);
* ``generic_only``: a name made of a city and generic words only ("Wuhan Electronics
  Trading Co., Ltd."; none of the quality bench's fixed-vocabulary negatives) against its
  nearest listed name (2026 Entity List and 2022 CSL) that carries a word the name lacks.

Every kind but ``unlisted`` (all its rows) has about ``per_kind`` pairs.

Split: an entry is held out when the SHA-1 of its id falls in the held-out fifth, so the
same entry is never in both splits (negatives between two entries are kept only when both
fall in the same split). Seeded and deterministic.

    python -m bench.pairs --out /tmp/pairs.csv [--seed 2026] [--per-kind 400]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `screen` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz, process

from bench.pairs_kinds import LEGAL, NearestNames, contained, generic_only
from bench.quality_cases import (
    _GENERIC,
    _TRANSLIT_MARKERS,
    CN_CITIES,
    CSL_2022,
    EL_2026,
    RU_CITIES,
    TRANSFORMS,
    DataMissing,
    address_only,
    load_entries,
    norm,
    party_name,
    require_data,
)
from bench.quality_unlisted import UNLISTED
from bench.quality_variants import COMMON_WORDS
from screen.model import Entry

HELDOUT_FIFTHS = 1  # of 5
_LEGAL = LEGAL
_GENERICISH = _GENERIC | COMMON_WORDS | {c.casefold() for c in (*CN_CITIES, *RU_CITIES)}
_NON_LATIN = re.compile(r"[^\x00-\u024f\s\d\W]")


@dataclass(frozen=True)
class Pair:
    query_text: str
    listed_text: str
    label: int
    kind: str
    entry_id: str
    split: str  # "train" or "heldout"


def split_of(entry_id: str) -> str:
    """Deterministic split of a listed entry by the hash of its id."""
    h = int(hashlib.sha1(entry_id.encode("utf-8")).hexdigest()[:8], 16)
    return "heldout" if h % 5 < HELDOUT_FIFTHS else "train"


def _core(name: str) -> list[str]:
    return [w for w in norm(name).split() if w not in _GENERICISH and len(w) >= 3]


def same_family(a: Entry, b: Entry) -> bool:
    """One party or one family: same party name, same first distinctive word, or the core
    words of one contained in the other's."""
    if party_name(a.name) == party_name(b.name):
        return True
    ca, cb = _core(a.name), _core(b.name)
    if not ca or not cb:
        return False
    return ca[0] == cb[0] or set(ca) <= set(cb) or set(cb) <= set(ca)


def positives(entries: Sequence[Entry], per_kind: int, seed: int) -> list[Pair]:
    """Variants of listed names and the entries' own aliases."""
    rng = random.Random(seed)
    named = [e for e in entries if not address_only(e) and e.type != "Individual"]
    order = rng.sample(named, len(named))
    out: list[Pair] = []
    for kind, fn in TRANSFORMS.items():
        got = 0
        for e in order:
            v = fn(e.name, random.Random(f"{seed}-pair-{kind}-{e.id}"))
            if v and v != e.name and len(v) >= 4 and (kind == "upper" or norm(v) != norm(e.name)):
                out.append(Pair(v, e.name, 1, f"variant:{kind}", e.id, split_of(e.id)))
                got += 1
                if got >= per_kind:
                    break
    counts: dict[str, int] = defaultdict(int)
    for e in rng.sample(list(entries), len(entries)):
        for a in e.alt_names[:3]:
            if norm(a) == norm(e.name) or len(a.strip()) < 4:
                continue
            translit = (
                _TRANSLIT_MARKERS.search(a) is not None and _TRANSLIT_MARKERS.search(e.name) is None
            )
            kind = "translit_alias" if translit or _NON_LATIN.search(a) else "alias"
            if counts[kind] < per_kind:
                counts[kind] += 1
                out.append(Pair(a, e.name, 1, kind, e.id, split_of(e.id)))
    return out


def hard_negatives(entries: Sequence[Entry], per_kind: int, seed: int) -> list[Pair]:
    """Entries of different parties sharing a word, the most similar such pair per entry."""
    named = [e for e in entries if not address_only(e) and e.type != "Individual"]
    by_token: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(named):
        for t in set(norm(e.name).split()) - _LEGAL:
            by_token[t].append(i)
    rng = random.Random(seed)
    want = {"hard_generic": per_kind, "hard_distinctive": per_kind}
    out: list[Pair] = []
    for i in rng.sample(range(len(named)), len(named)):
        if not any(want.values()):
            break
        a = named[i]
        for kind, tokens in _shared_kinds(a, by_token):
            if not want[kind]:
                continue
            cand = sorted({j for t in tokens for j in by_token[t][:400]} - {i})
            # b in a's split, so that no entry is in both splits
            cand = [
                j
                for j in cand
                if split_of(named[j].id) == split_of(a.id) and not same_family(a, named[j])
            ]
            if not cand:
                continue
            best = process.extractOne(
                norm(a.name),
                [norm(named[j].name) for j in cand],
                scorer=fuzz.token_set_ratio,
                processor=None,
            )
            b = named[cand[best[2]]]
            out.append(Pair(a.name, b.name, 0, kind, b.id, split_of(b.id)))
            want[kind] -= 1
    return out


def _shared_kinds(a: Entry, by_token: dict[str, list[int]]) -> Iterable[tuple[str, list[str]]]:
    toks = sorted(set(norm(a.name).split()) - _LEGAL)
    distinct = [t for t in toks if t not in _GENERICISH and len(t) >= 3 and len(by_token[t]) > 1]
    generic = [t for t in toks if t in _GENERICISH and len(t) >= 3]
    if distinct:
        yield "hard_distinctive", distinct
    if generic:
        yield "hard_generic", generic


def unlisted_negatives(nearest: NearestNames, path: Path = UNLISTED) -> list[Pair]:
    """Each unlisted company against its nearest listed name (token_set_ratio)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: list[Pair] = []
    for r in rows:
        got = nearest.nearest(r["name"])
        if got is not None:
            e, listed = got
            out.append(Pair(r["name"], listed, 0, "unlisted", e.id, split_of(e.id)))
    return out


def generic_kinds(
    entries: Sequence[Entry], nearest: NearestNames, per_kind: int, seed: int, exclude: set[str]
) -> list[Pair]:
    """``contained`` positives (no party in ``exclude``) and ``generic_only`` negatives
    (against ``nearest``), ``per_kind`` of each (``bench/pairs_kinds.py``)."""
    out = [
        Pair(q, listed, 1, "contained", i, split_of(i))
        for q, listed, i in contained(entries, per_kind, seed, exclude)
    ]
    out += [
        Pair(q, listed, 0, "generic_only", i, split_of(i))
        for q, listed, i in generic_only(nearest, per_kind, seed)
    ]
    return out


def build_pairs(seed: int = 2026, per_kind: int = 400) -> list[Pair]:
    """All pairs: positives, hard and generic-only negatives from the 2026 Entity List and
    the 2022 CSL, unlisted negatives against the 2022 CSL."""
    from bench.quality_regression_real import short_name_probes

    require_data(EL_2026, CSL_2022, UNLISTED)
    el, csl = load_entries(EL_2026), load_entries(CSL_2022)
    entries = list({e.id: e for e in (*el, *csl)}.values())
    probed = {party_name(listed) for _, listed, _ in short_name_probes(csl)}
    pairs = positives(entries, per_kind, seed) + hard_negatives(entries, per_kind, seed)
    pairs += unlisted_negatives(NearestNames(csl))
    pairs += generic_kinds(entries, NearestNames(entries), per_kind, seed, probed)
    seen: set[tuple[str, str, int]] = set()
    out = []
    for p in pairs:  # an entry listed on several lists gives the same pair twice
        key = (p.query_text, p.listed_text, p.label)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def load_pairs(
    seed: int = 2026, per_kind: int = 400, cache: Path | None = None
) -> tuple[list[Pair], list[Pair]]:
    """(train, heldout): the same entry never appears in both. With ``cache``, the pairs
    are read from that CSV when it exists (written by ``--out`` or a previous call) and
    written to it otherwise; building them takes about a minute."""
    if cache is not None and cache.exists():
        pairs = read_pairs(cache)
    else:
        pairs = build_pairs(seed, per_kind)
        if cache is not None:
            write_pairs(pairs, cache)
    return ([p for p in pairs if p.split == "train"], [p for p in pairs if p.split == "heldout"])


def write_pairs(pairs: Sequence[Pair], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([f.name for f in fields(Pair)])
        w.writerows(astuple(p) for p in pairs)


def read_pairs(path: Path) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Pair(
                r["query_text"],
                r["listed_text"],
                int(r["label"]),
                r["kind"],
                r["entry_id"],
                r["split"],
            )
            for r in csv.DictReader(fh)
        ]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument(
        "--per-kind",
        type=int,
        default=400,
        help="pairs per positive/hard-negative kind (unlisted: all rows)",
    )
    args = ap.parse_args(argv)
    try:
        pairs = build_pairs(args.seed, args.per_kind)
    except DataMissing as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    write_pairs(pairs, args.out)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for p in pairs:
        counts[(p.kind, p.split)] += 1
    print(f"{len(pairs)} pairs written to {args.out}")
    for kind in sorted({k for k, _ in counts}):
        print(
            f"  {kind:<26} train {counts[(kind, 'train')]:5d}  heldout "
            f"{counts[(kind, 'heldout')]:5d}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
