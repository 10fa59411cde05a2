"""bench/pairs.py on hand-made entries: labels, kinds, and no entry in both splits."""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import pairs  # noqa: E402
from bench.quality_variants import VARIANT_TRANSFORMS, common_words_only  # noqa: E402
from screen.model import Entry  # noqa: E402

NAMES = [
    "Kestrel Avionics Ltd.",
    "Kestrel Avionics Service Co., Ltd.",
    "Orion Microwave Co., Ltd.",
    "Blue Orion Shipping LLC",
    "Joint Stock Company Concern Sozvezdie",
    "Sozvezdie Trading LLC",
    "Harbor Crest Freight Limited",
    "Granite Crest Holdings Limited",
    "Engineering Center Ltd.",
    "Tianfu Laser Technology Co., Ltd.",
    "Volga Laser Technology JSC",
    "Redwood Cyber Inc.",
] + [f"Filler{chr(97 + i)} Microwave Trading Co., Ltd." for i in range(20)]
ENTRIES = [
    Entry(id=f"e{i:02d}", source="hand", name=n, alt_names=(f"Alias {n[:8]} Group",))
    for i, n in enumerate(NAMES)
]


def test_split_is_deterministic_and_about_a_fifth() -> None:
    ids = [f"id-{i}" for i in range(2000)]
    held = [i for i in ids if pairs.split_of(i) == "heldout"]
    assert [pairs.split_of(i) for i in ids] == [pairs.split_of(i) for i in ids]
    assert 300 < len(held) < 500


def test_same_family() -> None:
    a, b, c = ENTRIES[0], ENTRIES[1], ENTRIES[2]
    assert pairs.same_family(a, b)  # Kestrel Avionics and its service company
    assert not pairs.same_family(a, c)


def test_positives_are_variants_and_aliases() -> None:
    ps = pairs.positives(ENTRIES, 3, seed=1)
    assert ps and all(p.label == 1 for p in ps)
    assert {p.kind for p in ps} >= {"alias", "variant:typo", "variant:split_any"}
    by_id = {e.id: e for e in ENTRIES}
    for p in ps:
        assert p.listed_text == by_id[p.entry_id].name
        assert p.query_text != p.listed_text
        assert p.split == pairs.split_of(p.entry_id)
    assert ps == pairs.positives(ENTRIES, 3, seed=1)


def test_hard_negatives_are_other_parties_in_one_split() -> None:
    ns = pairs.hard_negatives(ENTRIES, 5, seed=3)
    assert ns and all(p.label == 0 for p in ns)
    by_name = {e.name: e for e in ENTRIES}
    for p in ns:
        a, b = by_name[p.query_text], by_name[p.listed_text]
        assert not pairs.same_family(a, b)
        assert pairs.split_of(a.id) == pairs.split_of(b.id) == p.split


def test_variant_transforms_change_the_name() -> None:
    rng = random.Random(0)
    for kind, fn in VARIANT_TRANSFORMS.items():
        for name in NAMES:
            v = fn(name, rng)
            assert v is None or v != name, kind
    assert VARIANT_TRANSFORMS["partial_legal"](NAMES[4], rng) == "Joint Stock Co Concern Sozvezdie"
    assert VARIANT_TRANSFORMS["ltd_limited"]("Engineering Center Ltd.", rng) == (
        "Engineering Center Limited"
    )
    assert common_words_only("Engineering Center Ltd.") and not common_words_only(NAMES[0])
    joined = VARIANT_TRANSFORMS["join_words"]("Alpha Beta Gamma", rng)
    assert joined in ("AlphaBeta Gamma", "Alpha BetaGamma")


def test_csv_round_trip_and_cache(tmp_path: Path) -> None:
    ps = pairs.positives(ENTRIES, 2, seed=1) + pairs.hard_negatives(ENTRIES, 2, seed=1)
    path = tmp_path / "pairs.csv"
    pairs.write_pairs(ps, path)
    assert pairs.read_pairs(path) == ps
    train, held = pairs.load_pairs(cache=path)  # read from the cache, no real data needed
    assert sorted(train + held, key=str) == sorted(ps, key=str)
    assert all(p.split == "train" for p in train) and all(p.split == "heldout" for p in held)
