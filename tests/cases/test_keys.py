"""Keys and fingerprints: respellings are the same facts, real changes are named."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from screen.cases.keys import (
    Party,
    describe_entry_changes,
    entry_fingerprint,
    party_fingerprint,
    party_key,
)

FACTS = {
    "name": "Sugon",
    "alt_names": ["Dawning Information Industry", "Shuguang"],
    "addresses": ["No. 15 Haitai Huake Street, Tianjin"],
}


def test_party_key_uses_the_id_when_there_is_one() -> None:
    assert party_key(Party("Acme", id=" C-1 ")) == "id:C-1"
    assert party_key(Party("Acme Ltd", ("1 Main Rd",), "United Kingdom")) == party_key(
        Party("ACME LIMITED", ("1 Main Road",), "GB")
    )
    assert party_key(Party("Acme", country="GB")) != party_key(Party("Acme", country="FR"))


@given(st.permutations(FACTS["alt_names"]), st.sampled_from([str.upper, str.lower, str.title]))
def test_alias_order_and_case_do_not_change_the_fingerprint(order: list[str], case: object) -> None:
    respelled = {**FACTS, "alt_names": [case(a) for a in order]}  # type: ignore[operator]
    assert entry_fingerprint(respelled) == entry_fingerprint(FACTS)


def test_changes_are_named() -> None:
    new = {
        **FACTS,
        "alt_names": ["Shuguang", "Sugon Cafe"],
        "addresses": ["No. 15 Haitai Huake St., Tianjin"],
    }
    assert describe_entry_changes(FACTS, new) == [
        "alias added 'Sugon Cafe'",
        "alias removed 'Dawning Information Industry'",
    ]
    assert entry_fingerprint(new) != entry_fingerprint(FACTS)


def test_officers_count_in_the_party_fingerprint() -> None:
    a = Party("Acme", officers=("Li Jun",))
    assert party_fingerprint(a) == party_fingerprint(Party("Acme", officers=("LI, Jun",)))
    assert party_fingerprint(a) != party_fingerprint(Party("Acme", officers=("Wang Wei",)))
