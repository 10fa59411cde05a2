"""Character-level name variants issue 8 lists as held-out misses (pure, seeded).

Each transform takes a listed name and a seeded ``random.Random`` and returns a variant
or None when it does not apply: one typo in a short word, a word split at any position
("Jo int Stock"), two adjacent words joined, a partial legal form ("Joint Stock Co"),
and "Ltd." / "Limited" swapped on a name made only of common words.
"""

from __future__ import annotations

import random
import re

#: Words so common on the lists that a name made only of them is "common words".
COMMON_WORDS = frozenset(
    (
        "co",
        "ltd",
        "limited",
        "company",
        "corporation",
        "corp",
        "inc",
        "llc",
        "group",
        "technology",
        "technologies",
        "tech",
        "international",
        "trading",
        "industry",
        "industrial",
        "industries",
        "electronics",
        "electronic",
        "science",
        "and",
        "of",
        "the",
        "for",
        "research",
        "institute",
        "development",
        "engineering",
        "systems",
        "holdings",
        "equipment",
        "import",
        "export",
        "services",
        "service",
        "information",
        "network",
        "communication",
        "materials",
        "private",
        "pvt",
        "general",
        "global",
        "center",
        "centre",
        "solutions",
        "supply",
        "energy",
        "logistics",
        "scientific",
        "production",
        "design",
        "bureau",
        "plant",
        "factory",
        "machinery",
        "aviation",
        "power",
        "chemical",
        "new",
        "east",
        "west",
        "north",
        "south",
        "star",
        "asia",
    )
)
_PARTIAL = (
    (r"\bJoint Stock Company\b", "Joint Stock Co"),
    (r"\bLimited Liability Company\b", "Limited Liability Co"),
    (r"\bCompany Limited\b", "Co Limited"),
)


def _words(name: str) -> list[re.Match[str]]:
    return list(re.finditer(r"[A-Za-z]+", name))


def v_typo_short(name: str, rng: random.Random) -> str | None:
    """One substituted letter in a word of 3 to 5 letters (not the first letter)."""
    short = [m for m in _words(name) if 3 <= len(m.group()) <= 5]
    if not short:
        return None
    m = rng.choice(short)
    w = m.group()
    i = rng.randrange(1, len(w))
    repl = rng.choice([c for c in "aeiourstnl" if c != w[i].lower()])
    return name[: m.start() + i] + repl + name[m.start() + i + 1 :]


def v_split_any(name: str, rng: random.Random) -> str | None:
    """A word of 4+ letters split at any inner position ("Jo int")."""
    long = [m for m in _words(name) if len(m.group()) >= 4]
    if not long:
        return None
    m = rng.choice(long)
    cut = m.start() + rng.randrange(1, len(m.group()))
    return name[:cut] + " " + name[cut:]


def v_join_words(name: str, rng: random.Random) -> str | None:
    """Two adjacent words (separated by one space) run together."""
    gaps = [m.start() for m in re.finditer(r"(?<=[A-Za-z]) (?=[A-Za-z])", name)]
    if not gaps:
        return None
    g = rng.choice(gaps)
    return name[:g] + name[g + 1 :]


def v_partial_legal(name: str, rng: random.Random) -> str | None:
    """A legal form written partly: "Joint Stock Co" for "Joint Stock Company"."""
    for pattern, short in _PARTIAL:
        if re.search(pattern, name):
            return re.sub(pattern, short, name, count=1)
    return None


def common_words_only(name: str) -> bool:
    return all(w.casefold() in COMMON_WORDS for w in re.findall(r"[A-Za-z]+", name))


def v_ltd_limited(name: str, rng: random.Random) -> str | None:
    """ "Ltd." <-> "Limited" on a name made only of common words."""
    if not common_words_only(name):
        return None
    if re.search(r"\bLimited\b", name):
        return re.sub(r"\bLimited\b", "Ltd.", name, count=1)
    if re.search(r"\bLtd\b\.?", name):
        return re.sub(r"\bLtd\b\.?", "Limited", name, count=1)
    return None


VARIANT_TRANSFORMS = {
    "typo_short": v_typo_short,
    "split_any": v_split_any,
    "join_words": v_join_words,
    "partial_legal": v_partial_legal,
    "ltd_limited": v_ltd_limited,
}
