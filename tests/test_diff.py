"""Snapshot diffs: matching by id, then by normalized name, within common sources."""

from __future__ import annotations

from pathlib import Path

from screen.diff import diff_snapshots, normalize_name
from screen.loaders import load_list
from screen.model import Entry

EL = "Entity List (EL) - Bureau of Industry and Security"


def e(id_: str, name: str, source: str = EL, **kw: object) -> Entry:
    return Entry(id=id_, source=source, name=name, **kw)  # type: ignore[arg-type]


def test_normalize_name() -> None:
    nettrix = normalize_name("Nettrix Information Industry Co., Ltd.")
    assert nettrix == "nettrix information industry"
    assert normalize_name("ACME, Inc.") == normalize_name("Acme Corporation") == "acme"
    assert normalize_name("Ltd") == "ltd"


def test_added_removed_changed() -> None:
    old = [
        e("1", "A"),
        e("2", "B Co., Ltd."),
        e("3", "C", license_policy="x"),
        e("9", "Gone", source="Other"),
    ]
    new = [e("1", "A"), e("x", "B Company Limited"), e("3", "C", license_policy="y"), e("4", "D")]
    diff = diff_snapshots(old, new)
    assert [x.name for x in diff.added] == ["D"]
    assert diff.removed == []
    assert sorted((c.new.name, list(c.fields)) for c in diff.changed) == [
        ("B Company Limited", ["name"]),
        ("C", ["license_policy"]),
    ]
    assert diff.changed[0].fields["license_policy"] == ("x", "y")
    assert diff.unchanged == 1
    assert diff.skipped_old_sources == ["Other"]
    full = diff_snapshots(old, new, common_sources_only=False)
    assert [x.name for x in full.removed] == ["Gone"]
    assert full.to_dict()["summary"] == {"added": 1, "removed": 1, "changed": 2, "unchanged": 1}


def test_csl_2022_vs_ecfr_2026(real_data: Path) -> None:
    old = load_list(real_data / "csl/csl_consolidated_2022-05_watchman.csv").entries
    new = load_list(real_data / "entity_list/bis_entity_list_ecfr_2026-07-09_nsfreg.json").entries
    diff = diff_snapshots(old, new)
    assert diff.compared_sources == [EL]
    assert len(diff.skipped_old_sources) == 12 and diff.skipped_new_sources == []
    assert "Nettrix Information Industry Co., Ltd." in {x.name for x in diff.added}
    assert "Sugon" not in {x.name for x in diff.added + diff.removed}
    assert "Sugon" in {c.new.name for c in diff.changed}
    total_old = sum(1 for x in old if x.source == EL)
    assert len(diff.removed) + len(diff.changed) + diff.unchanged == total_old
    assert len(diff.added) + len(diff.changed) + diff.unchanged == len(new)


def test_format_differences_are_not_changes() -> None:
    """Country codes vs names, address spelling, and fields one format lacks are not changes."""
    from screen.model import Address

    old = [
        Entry(
            id="1",
            source="EL",
            name="Sugon",
            countries=("CN",),
            license_policy="Denial",
            addresses=(Address("No. 15, Haitai Huake Street, Tianjin, CN"),),
            license_requirement="For all items subject to the EAR.  (See §744.11 of the EAR)",
        )
    ]
    new = [
        Entry(
            id="2",
            source="EL",
            name="Sugon",
            countries=("China",),
            addresses=(Address("No. 15, Haitai Huake Street, Tianjin, China"),),
            license_requirement="For all items subject to the EAR. (See § 744.11 of the EAR)",
        )
    ]
    result = diff_snapshots(old, new)
    assert (len(result.changed), result.unchanged) == (0, 1)
    new[0] = Entry(
        id="2",
        source="EL",
        name="Sugon",
        countries=("China",),
        addresses=(Address("No. 17, Haitai Huake Street, Tianjin, China"),),
    )
    changed = diff_snapshots(old, new).changed
    # the house number changed; the new snapshot carries no license requirement at all
    assert set(changed[0].fields) == {"addresses"}


def test_sugon_changes_are_the_real_ones(real_data: Path) -> None:
    old = load_list(real_data / "csl" / "csl_consolidated_2022-05_watchman.csv").entries
    new = load_list(
        real_data / "entity_list" / "bis_entity_list_ecfr_2026-07-09_nsfreg.json"
    ).entries
    result = diff_snapshots(old, new)
    sugon = next(c for c in result.changed if c.new.name == "Sugon")
    # 87 FR 62202 (10/13/22) added the foreign-direct-product footnote: notice and requirement
    assert {"federal_register_notice", "license_requirement"} <= set(sugon.fields)
    assert "addresses" not in sugon.fields and "countries" not in sugon.fields
