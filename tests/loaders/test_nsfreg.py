"""nsfreg-style JSON lists (eCFR Entity List and other 2026 lists)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screen.errors import ListError
from screen.loaders import load_list
from screen.loaders.nsfreg import latest_fr_date, parse_date

EL = "Entity List (EL) - Bureau of Industry and Security"


def test_ecfr_entity_list(real_data: Path) -> None:
    loaded = load_list(real_data / "entity_list/bis_entity_list_ecfr_2026-07-09_nsfreg.json")
    assert loaded.format == "nsfreg-json" and len(loaded.entries) == 3409
    assert len({e.id for e in loaded.entries}) == 3409
    assert {e.source for e in loaded.entries} == {EL}
    sugon = next(e for e in loaded.entries if e.name == "Sugon")
    assert sugon.start_date == "2022-10-13"  # the later of 6/24/19 and 10/13/22
    assert sugon.countries == ("China",)
    assert sugon.license_requirement.endswith("744.11 of the EAR)")  # footnote "4" dropped
    ghoura = next(e for e in loaded.entries if e.name == "Abdul Satar Ghoura")
    assert [a.full for a in ghoura.addresses] == [
        "501, 5th Floor, Amanullah Sancharaki Market Opp Chaman E Huzuri, Kabul, Afghanistan",
        "Flat No. 41 Block No. 24 Macroyan 3, Kabul, Afghanistan",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "bis_dpl",
        "bis_meu",
        "dhs_uflpa",
        "dow_1260h",
        "dow_1286",
        "fcc_covered",
        "ofac_nscmic",
        "state_nonproliferation",
    ],
)
def test_other_lists_load(real_data: Path, name: str) -> None:
    path = real_data / f"other_lists_2026-07/{name}.json"
    loaded = load_list(path)
    assert len(loaded.entries) == json.loads(path.read_text())["count"]
    assert len({e.id for e in loaded.entries}) == len(loaded.entries)


def test_lists_index_is_rejected(real_data: Path) -> None:
    with pytest.raises(ListError, match="unrecognised JSON list"):
        load_list(real_data / "other_lists_2026-07/lists.json")


def test_dates() -> None:
    assert latest_fr_date("90 FR 14048, 3/28/25") == "2025-03-28"
    assert latest_fr_date("46 F.R. 46154 9/17/81 and 46 F.R. 19290 3/30/81") == "1981-09-17"
    assert latest_fr_date("85 FR 83799, 12/23/2020") == "2020-12-23"
    assert parse_date("June 21, 2022") == "2022-06-21"
    assert parse_date("2021-03-12") == "2021-03-12"
    assert parse_date(None) == ""


def test_small_file_duplicates_get_distinct_ids(tmp_path: Path) -> None:
    entity = {
        "name": "Children?s Co",
        "aliases": ["and X"],
        "country": "Iran",
        "address": "1 St, Tehran; and 2 St, Tehran.",
        "federal_register": "1 FR 1, 1/2/20",
        "notes": "n",
        "effective_date": None,
    }
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"list_id": "bis-meu", "entities": [entity, entity]}))
    first, second = load_list(path).entries
    assert first.id != second.id and second.id == f"{first.id}-2"
    assert first.name == "Children's Co" and first.alt_names == ("X",)
    assert [a.full for a in first.addresses] == ["1 St, Tehran", "2 St, Tehran"]
    assert first.start_date == "2020-01-02" and first.license_requirement == "n"


def test_entity_without_name(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"list_id": "x", "entities": [{"name": ""}]}))
    with pytest.raises(ListError, match="entity #1 has no 'name'"):
        load_list(path)
