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


def test_federal_register_citations_compare_as_sets() -> None:
    from screen.diff import fr_citations

    assert fr_citations("84 FR 29373, 6/24/19. 87 FR 62202, 10/13/22") == {
        "84 FR 29373",
        "87 FR 62202",
    }
    old = [Entry(id="1", source="EL", name="Sugon", federal_register_notice="84 FR 29373")]
    dated = [
        Entry(id="1", source="EL", name="Sugon", federal_register_notice="84 FR 29373, 6/24/19.")
    ]
    assert diff_snapshots(old, dated).unchanged == 1
    more = [
        Entry(id="1", source="EL", name="Sugon", federal_register_notice="84 FR 29373; 87 FR 62202")
    ]
    assert set(diff_snapshots(old, more).changed[0].fields) == {"federal_register_notice"}


def test_snapshots_sharing_no_source_are_refused() -> None:
    import pytest

    from screen.errors import ListError

    old = [Entry(id="1", source="Entity List (EL) - Bureau of Industry and Security", name="A")]
    new = [Entry(id="2", source="Specially Designated Nationals (SDN) - Treasury", name="A")]
    with pytest.raises(ListError, match="share no source list: a holds EL, b holds SDN") as err:
        diff_snapshots(old, new, names=("a", "b"))
    assert err.value.exit_code == 4
    assert "--all-sources" in err.value.hint
    assert len(diff_snapshots(old, new, common_sources_only=False).added) == 1


def test_diff_rows_name_old_and_new_values() -> None:
    from screen.diff import diff_rows

    old = [Entry(id="1", source="EL", name="Sugon", license_policy="Denial")]
    new = [
        Entry(id="1", source="EL", name="Sugon", license_policy="Case by case"),
        Entry(id="9", source="EL", name="Nettrix"),
    ]
    assert diff_rows(diff_snapshots(old, new)) == [
        {
            "change": "added",
            "source": "EL",
            "old_id": "",
            "new_id": "9",
            "name": "Nettrix",
            "field": "",
            "old": "",
            "new": "",
        },
        {
            "change": "changed",
            "source": "EL",
            "old_id": "1",
            "new_id": "1",
            "name": "Sugon",
            "field": "license_policy",
            "old": "Denial",
            "new": "Case by case",
        },
    ]


def test_changed_hits_keeps_only_new_and_stronger() -> None:
    from screen.diff import changed_hits
    from screen.match.types import Hit

    a, b, c = (
        Entry(id=i, source="EL", name=n)
        for i, n in (("1", "Sugon"), ("2", "Nettrix"), ("3", "Acme"))
    )
    renumbered_c = Entry(id="33", source="EL", name="ACME")
    old = [
        Hit(a, "old", "Sugon", 0.75, "strong link"),
        Hit(renumbered_c, "old", "Acme", 0.6, "review"),
    ]
    new = [
        Hit(a, "new", "Sugon", 0.75, "strong link"),  # same: left out
        Hit(b, "new", "Nettrix", 1.0, "match"),  # not hit before: new
        Hit(c, "new", "Acme", 0.7, "strong link"),  # same party by name, stronger
    ]
    assert [(h.entry.id, change) for h, change in changed_hits(new, old)] == [
        ("2", "new"),
        ("3", "stronger"),
    ]
