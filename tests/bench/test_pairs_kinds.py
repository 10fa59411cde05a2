"""bench/pairs_kinds.py on hand-made entries: contained positives, generic-only negatives."""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import pairs, pairs_kinds  # noqa: E402
from bench.quality_cases import NEGATIVE_NAMES, norm, party_name  # noqa: E402
from screen.model import Entry  # noqa: E402

NAMES = [
    ("Kestrel Avionics Ltd.", ""),
    ("Orion Microwave Co., Ltd.", "Entity"),
    ("Sozvezdie", ""),
    ("Beijing Kaifa Technology Co., Ltd.", ""),
    ("Shenzhen Electronics Trading Co., Ltd.", ""),  # generic words only
    ("Beijing Institute of Technology", ""),  # generic words only
    ("Tianfu Laser Technology Co., Ltd.", ""),
    ("Redwood Cyber Inc.", ""),
    ("Jinghua Zhuang", ""),  # a person's name on an untyped list
    ("JUPITER", "Vessel"),
    ("Ivan Petrov", "Individual"),
] + [(f"Filler{chr(97 + i)} Optics Co., Ltd.", "") for i in range(12)]
ENTRIES = [Entry(id=f"k{i:02d}", source="hand", name=n, type=t) for i, (n, t) in enumerate(NAMES)]


def _generic(name: str) -> bool:
    return not pairs_kinds.core_words(name)


def test_can_contain_needs_a_distinctive_company_name() -> None:
    ok = {e.name for e in ENTRIES if pairs_kinds.can_contain(e)}
    assert "Kestrel Avionics Ltd." in ok and "Sozvezdie" in ok and "Orion Microwave Co., Ltd." in ok
    for name in ("Shenzhen Electronics Trading Co., Ltd.", "Jinghua Zhuang", "JUPITER"):
        assert name not in ok
    assert "Ivan Petrov" not in ok


def test_with_generic_words_keeps_the_name_and_adds_two_to_four() -> None:
    for seed in range(40):
        rng = random.Random(seed)
        q = pairs_kinds.with_generic_words("Kestrel Avionics Ltd.", rng)
        words = q.split()
        added = [w for w in words if w in pairs_kinds.FILLER]
        assert 2 <= len(added) <= 4
        assert [w for w in words if w not in pairs_kinds.FILLER] == ["Kestrel", "Avionics", "Ltd."]
        assert q.endswith("Ltd.")  # generic words go before the legal form at the end
    q = pairs_kinds.with_generic_words("Karst, LLC", random.Random(1))
    assert " ," not in q and q.endswith("LLC")


def test_contained_positives() -> None:
    got = pairs_kinds.contained(ENTRIES, 50, seed=5, exclude={party_name("Sozvezdie")})
    by_id = {e.id: e for e in ENTRIES}
    assert got and got == pairs_kinds.contained(ENTRIES, 50, 5, {party_name("Sozvezdie")})
    listed = [name for _, name, _ in got]
    assert "Sozvezdie" not in listed  # excluded party (the regression probes' entries)
    assert len(set(listed)) == len(listed)  # one pair per party
    for query, name, i in got:
        assert by_id[i].name == name and pairs_kinds.can_contain(by_id[i])
        assert set(pairs_kinds.core_words(query)) == set(pairs_kinds.core_words(name))
        assert norm(query) != norm(name)
    assert len(pairs_kinds.contained(ENTRIES, 3, seed=5)) == 3


def test_generic_name_is_generic_and_seeded() -> None:
    a = [pairs_kinds.generic_name(random.Random(f"g{i}")) for i in range(200)]
    assert a == [pairs_kinds.generic_name(random.Random(f"g{i}")) for i in range(200)]
    assert all(_generic(n) for n in a)
    assert any(n.split()[0] in pairs_kinds.CITIES for n in a)


def test_generic_only_negatives_have_a_listed_word_the_name_lacks() -> None:
    nearest = pairs_kinds.NearestNames(ENTRIES)
    got = pairs_kinds.generic_only(nearest, 40, seed=2)
    assert got and got == pairs_kinds.generic_only(nearest, 40, seed=2)
    held_out = {norm(n) for n in NEGATIVE_NAMES}
    listed_names = {e.name for e in ENTRIES}
    for query, name, _ in got:
        assert _generic(query) and norm(query) not in held_out
        assert name in listed_names
        assert pairs_kinds.has_word_beyond(query)(norm(name))
    lacks = pairs_kinds.has_word_beyond("Beijing Technology Co., Ltd.")
    assert lacks("beijing institute of technology")
    assert not lacks("beijing technology co ltd")


def test_nearest_names() -> None:
    nearest = pairs_kinds.NearestNames(ENTRIES)
    entry, name = nearest.nearest("Kestrel Avionics Limited") or (None, "")
    assert entry is not None and entry.name == name == "Kestrel Avionics Ltd."
    assert nearest.nearest("Zzyzx Qwerty", fallback=False) is None
    assert nearest.nearest("Zzyzx Qwerty") is not None  # every name when none shares a word


def test_generic_kinds_are_labelled_and_split() -> None:
    nearest = pairs_kinds.NearestNames(ENTRIES)
    got = pairs.generic_kinds(ENTRIES, nearest, 5, seed=3, exclude=set())
    kinds = {p.kind: p.label for p in got}
    assert kinds == {"contained": 1, "generic_only": 0}
    assert all(p.split == pairs.split_of(p.entry_id) for p in got)
