"""Query and result types of the matcher (the contract the CLI, batch and benches use)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from screen.match.policy import DEFAULT_POLICY
from screen.model import Entry

#: Tiers, strongest first, with the lowest score (0-1) that reaches each (from the policy).
TIERS: tuple[tuple[str, float], ...] = DEFAULT_POLICY.tiers
#: Default report threshold (0-1): hits below it are not reported.
DEFAULT_THRESHOLD = DEFAULT_POLICY.threshold
tier_for = DEFAULT_POLICY.tier_for
tier_rank = DEFAULT_POLICY.tier_rank


@dataclass(frozen=True)
class Query:
    """One counterparty to screen."""

    name: str
    addresses: tuple[str, ...] = ()
    country: str = ""
    officers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    """One signal that fired: feature name, its score in [0, 1], and what matched."""

    feature: str
    score: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "score": round(self.score * 100, 1), "detail": self.detail}


@dataclass(frozen=True)
class Hit:
    """A listed entry the query may be, or be linked to, with the reasons why."""

    entry: Entry
    list_name: str
    matched_name: str
    score: float
    tier: str
    reasons: tuple[Reason, ...] = field(default=())
    #: Each part's contribution to ``score`` (see ``screen.match.score.combine``), 0-1.
    breakdown: dict[str, float | None] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        e = self.entry
        return {
            "entity_id": e.id,
            "name": e.name,
            "matched_name": self.matched_name,
            "source": e.source,
            "list": self.list_name,
            "score": round(self.score * 100, 1),
            "tier": self.tier,
            "federal_register_notice": e.federal_register_notice,
            "start_date": e.start_date,
            "license_requirement": e.license_requirement,
            "license_policy": e.license_policy,
            "countries": list(e.countries),
            "reasons": [r.to_dict() for r in self.reasons],
            "breakdown": {
                k: v if v is None or k.endswith("_factor") else round(v * 100, 1)
                for k, v in self.breakdown.items()
            },
        }
