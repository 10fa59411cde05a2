"""The matching policy: every weight, floor, cap, tier and margin of the matcher, in one place.

The engine, the features, the index and the score combination read their numbers from a
:class:`Policy`; none of them holds a numeric literal of its own. ``DEFAULT_POLICY`` is
what ``screen`` uses. The README's scoring tables are tested against it
(``tests/match/test_policy.py``), and every field is pinned by a golden case that
changes when the field does (``tests/match/test_policy_knobs.py``).

Scores are in [0, 1] everywhere inside; reports show them as 0-100.

The name rules' knobs in :data:`CALIBRATED_KNOBS` take their defaults from
``screen/match/data/calibration.json`` (its ``values``), which ``bench/calibrate.py
--write`` writes with its provenance: whether the values were fitted on labelled pairs
and adopted (``fitted``) or are the values held before (with the ``reasons`` they were not
replaced), the seed, the pairs per kind and split, held-out precision and recall before
and after, and the date. A missing, extra or non-numeric knob in the file fails the
import. Every other knob is the literal written here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

#: The NamePolicy knobs whose defaults come from the calibration file.
CALIBRATED_KNOBS = (
    "generic_factor",
    "two_sided_penalty",
    "contained_factor",
    "contained_coverage",
    "number_factor",
    "acronym_score",
)
CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "calibration.json"


def load_calibration(path: Path = CALIBRATION_FILE) -> dict[str, float]:
    """The calibrated knobs' values from ``path`` (``values``: knob -> number); ValueError
    unless it holds exactly :data:`CALIBRATED_KNOBS`, each a number."""
    values = json.loads(path.read_text(encoding="utf-8"))["values"]
    if set(values) != set(CALIBRATED_KNOBS):
        raise ValueError(f"{path}: values must be exactly {', '.join(CALIBRATED_KNOBS)}")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values.values()):
        raise ValueError(f"{path}: every value must be a number")
    return {k: float(values[k]) for k in CALIBRATED_KNOBS}


_CALIBRATED = load_calibration()


@dataclass(frozen=True)
class NamePolicy:
    """How two names are compared (``screen.match.name_features``). The knobs set from
    ``_CALIBRATED`` default to ``data/calibration.json`` (see the module's docstring)."""

    #: Edits allowed between two words to count as a typo: (min length of the shorter
    #: word, edits), longest first. Typo similarity is squared.
    typo_edits: tuple[tuple[int, int], ...] = ((9, 2), (5, 1))
    #: Edits allowed between the compact forms (words joined, legal form dropped) of two
    #: names: (min length of the shorter compact form, edits), longest first. Below the
    #: last length, compact forms must be equal.
    compact_edits: tuple[tuple[int, int], ...] = ((12, 2), (5, 1))
    #: Across scripts (one name written in Arabic, Hebrew, Korean...): edits allowed
    #: between the names' vowel-light skeletons ("mhmd"), as (min length, edits), and the
    #: factor on (1 - edits/length)^2: a skeleton is lossy, weaker than a spelling.
    skeleton_edits: tuple[tuple[int, int], ...] = ((8, 1),)
    skeleton_factor: float = 0.9
    #: A word within these edits of a legal-form word, as (min length of the shorter, edits),
    #: is read as that word when it completes a legal form of two or more words ("Joina
    #: Stock Company", "(Pvt) Lta."): legal forms are a closed vocabulary, so even short
    #: words may be repaired, and only next to the rest of their form.
    legal_typo_edits: tuple[tuple[int, int], ...] = ((9, 2), (3, 1))
    #: Names whose compact form is this short or shorter (``HUA``, ``AWC``) match only
    #: as a whole name.
    short_name: int = 3
    #: Both names have words the other lacks: the score is cut by this times the smaller
    #: unmatched share of word weight ("Asia Pacific Links" vs "Asia Pacific Electronics").
    two_sided_penalty: float = _CALIBRATED["two_sided_penalty"]
    #: A query holding at least this share of the listed name's word weight, with a
    #: distinctive word among them and only common words besides, scores at least
    #: ``contained_factor`` x that share ("Inspur Electronic (Hong Kong)" holds "Inspur").
    contained_coverage: float = _CALIBRATED["contained_coverage"]
    contained_factor: float = _CALIBRATED["contained_factor"]
    #: Factor when both names carry numbers and none agree (the 709th vs 719th Institute).
    number_factor: float = _CALIBRATED["number_factor"]
    #: Score of a one-word query that spells a listed name's initials.
    acronym_score: float = _CALIBRATED["acronym_score"]
    #: Factor for a word-path match made only of common words (none of them distinctive):
    #: "Beijing Technology" is not "Beijing Institute of Technology". The character path
    #: is not cut: a whole name written alike but for a few letters is the same name.
    generic_factor: float = _CALIBRATED["generic_factor"]
    #: Name scores below this are not shown as a reason.
    reason_floor: float = 0.3
    #: Listed types (lower case) whose names match only as a whole name, or written
    #: alike but for a few letters: a vessel "JUPITER" is not in "Jupiter Energy Ltd".
    whole_name_types: tuple[str, ...] = ("vessel", "aircraft")
    #: Edits such a whole name may differ by, as (min length, edits): fewer than a
    #: company's, since vessels go by short common words (AMBER, TANGO, ARIES); at most
    #: ``compact_edits`` (retrieval finds names within those).
    whole_name_edits: tuple[tuple[int, int], ...] = ((7, 1),)
    #: Listed types whose names are people's: never "contained" in a company's name.
    person_types: tuple[str, ...] = ("individual",)
    #: A listed person whose name shares spelling keys (variant group, vowel skeleton)
    #: with this many of the query's name parts scores by the person-name rules alone
    #: (Mohammed Al-Hassan = Muhammad al Hasan), not only capped by them; the index finds
    #: such people by those keys. One shared part is never enough: a given name alone;
    #: nor are initials alone ("S. A." is no one): this many parts must be more than one.
    person_key_parts: int = 2
    person_key_full_parts: int = 1
    #: Factor on such a person score: a name spelt another way is weaker evidence than the
    #: same spelling (one more name part on one side, 0.85, is then a strong link only).
    person_key_factor: float = 0.9


@dataclass(frozen=True)
class RarityPolicy:
    """How word rarity is weighed per snapshot (``screen.match.index``)."""

    #: Weights are idf ** power: rare words dominate generic ones.
    power: float = 1.5
    #: Smallest idf (so that a word in every name still weighs something).
    min_idf: float = 0.1
    #: A word in fewer than this share of the names (and at least ``distinctive_min_df``)
    #: is distinctive by rarity alone.
    distinctive_share: float = 0.002
    distinctive_min_df: float = 3.0
    #: A word in at most this share of the names that is neither a generic company word
    #: nor a place names a family ("Huawei" in 137 Huawei affiliates): distinctive however
    #: many affiliates carry it.
    family_share: float = 0.05


@dataclass(frozen=True)
class AddressPolicy:
    """How two addresses are compared (``screen.match.features.address_match``)."""

    #: The better-covered side counts this much, the other side the rest.
    major_share: float = 0.7
    #: At least this for the same house number on the same street.
    same_street_number: float = 0.85
    #: Factor when both carry house numbers and share none.
    other_number_factor: float = 0.35
    #: Factor when only one side carries a house number.
    one_number_factor: float = 0.85
    #: Factor when both name a city and neither city appears in the other address.
    other_city_factor: float = 0.4
    #: Factor when only the city or area agrees.
    city_only_factor: float = 0.5


@dataclass(frozen=True)
class OfficerPolicy:
    """How shared officers score (``screen.match.features.officer_overlap``)."""

    #: Two or more shared people.
    several: float = 0.9
    several_count: int = 2
    #: One shared person with a distinctive name.
    one_distinctive: float = 0.6
    #: One shared person with a very common name (weak evidence).
    one_common: float = 0.3


@dataclass(frozen=True)
class CombinePolicy:
    """How feature scores combine into the risk score (``screen.match.score.combine``)."""

    #: Weight of each feature's part, by feature name.
    weights: tuple[tuple[str, float], ...] = (
        ("name_match", 1.0),
        ("address_match", 0.70),
        ("officer_overlap", 0.9),
    )
    #: A name score below this counts at ``weak_name_factor`` of itself.
    name_floor: float = 0.6
    weak_name_factor: float = 0.5
    #: An address scoring this much or more is a link.
    address_floor: float = 0.8
    #: Address weight when ``multi_address_count`` or more listed addresses match.
    multi_address_weight: float = 0.82
    multi_address_count: int = 2
    #: Only a name scoring this much can make the tier "match" (the listed party itself);
    #: without it the risk is capped at ``link_cap``.
    match_name: float = 0.85
    link_cap: float = 0.84
    #: A country mismatch multiplies the name part by this (never the links).
    country_factor: float = 0.85

    def weight(self, feature: str) -> float:
        """The weight of ``feature``'s part (KeyError for a feature with no part)."""
        return dict(self.weights)[feature]


@dataclass(frozen=True)
class RetrievalPolicy:
    """How many candidates the engine looks at (``screen.match.engine``)."""

    #: Listed addresses taken from the address index per query address.
    address_candidates: int = 25
    #: Address candidates sharing less than this share of the best one's weight are dropped.
    address_share: float = 0.4
    #: Name-only hits this far below the best hit are left out (``all_hits`` keeps them).
    relative_margin: float = 0.2


@dataclass(frozen=True)
class Policy:
    """Every number of the matcher. Frozen: make a variant with ``dataclasses.replace``."""

    #: Tiers, strongest first, with the lowest score that reaches each.
    tiers: tuple[tuple[str, float], ...] = (
        ("match", 0.85),
        ("strong link", 0.70),
        ("review", 0.50),
    )
    #: Hits below this are not reported (``--threshold``, 0-1).
    threshold: float = 0.50
    name: NamePolicy = field(default_factory=NamePolicy)
    rarity: RarityPolicy = field(default_factory=RarityPolicy)
    address: AddressPolicy = field(default_factory=AddressPolicy)
    officer: OfficerPolicy = field(default_factory=OfficerPolicy)
    combine: CombinePolicy = field(default_factory=CombinePolicy)
    retrieval: RetrievalPolicy = field(default_factory=RetrievalPolicy)

    def tier_for(self, score: float) -> str | None:
        """The tier a score reaches, or None below the lowest tier."""
        for name, floor in self.tiers:
            if score >= floor:
                return name
        return None

    def tier_rank(self, tier: str) -> int:
        """0 for the strongest tier, larger for weaker ones; ValueError for an unknown tier."""
        return [name for name, _ in self.tiers].index(tier)

    @property
    def lowest_tier(self) -> float:
        """The score the weakest tier starts at."""
        return min(floor for _, floor in self.tiers)


DEFAULT_POLICY = Policy()


def edits_allowed(table: tuple[tuple[int, int], ...], length: int) -> int:
    """Edits a table of (min length, edits) allows at ``length``: 0 below its last row."""
    for min_len, edits in table:
        if length >= min_len:
            return edits
    return 0
