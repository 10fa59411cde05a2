"""CSL CSV/TSV/JSON loading, on real shared files and small hand-made ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screen.errors import ListError
from screen.loaders import load_list

HEADER = (
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,"
    "vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,"
    "source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,"
    "source_information_url,ids"
)
EL = "Entity List (EL) - Bureau of Industry and Security"


def row(_id: str, name: str, addresses: str = "", alt: str = "", start: str = "") -> str:
    fields = [""] * 29
    fields[0], fields[1], fields[5], fields[7] = _id, EL, name, addresses
    fields[9], fields[22] = start, alt
    return ",".join(f'"{f}"' for f in fields)


def write(tmp_path: Path, text: str, name: str = "csl.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_full_2022_csl(real_data: Path) -> None:
    loaded = load_list(real_data / "csl/csl_consolidated_2022-05_watchman.csv")
    assert loaded.format == "csl-csv"
    # 14,160 rows; one exact repeat (line 1980 = line 1979 but for a URL) is dropped
    assert len(loaded.entries) == 14159
    assert any("line 1980 repeats line 1979" in w for w in loaded.warnings)
    assert len({e.id for e in loaded.entries}) == len(loaded.entries)
    sugon = next(e for e in loaded.entries if e.name == "Sugon")
    assert sugon.source == EL and "Dawning" in sugon.alt_names and "CN" in sugon.countries
    assert sugon.addresses[0].full.startswith("Sugon Building")
    affiliated = next(e for e in loaded.entries if "Longshine" in e.name)
    assert affiliated.name == "Beijing Huawei Longshine Information Technology Co., Ltd."
    assert "Affiliated entity of: Huawei Technologies" in affiliated.remarks
    assert any(e.name.endswith("3rd Academy's 159 Factory") for e in loaded.entries)
    arimero = [e for e in loaded.entries if e.name == "ARIMERO HOLDING LIMITED"]
    assert sorted(e.id.split("@")[1] for e in arimero) == ["CAP", "SDN"]


def test_2025_sample_current_layout(real_data: Path) -> None:
    loaded = load_list(real_data / "csl/csl_sample_2025-06_watchman_cslustest.csv")
    assert (loaded.format, len(loaded.entries)) == ("csl-csv", 13)
    first = loaded.entries[0]
    assert first.name == "Sinobright Import and Export Company"
    assert "and any successor" in first.remarks
    assert first.start_date == "2023-07-19"


def test_2019_old_layout_gets_hash_ids(real_data: Path) -> None:
    path = real_data / "csl/csl_sample_2019-12_watchman.csv"
    loaded = load_list(path)
    assert len(loaded.entries) == 115
    assert all(len(e.id) == 40 for e in loaded.entries)
    assert [e.id for e in load_list(path).entries] == [e.id for e in loaded.entries]


def test_partial_file_is_an_error_by_default(real_data: Path) -> None:
    path = real_data / "csl/csl_partial_2023-11_watchman.csv"
    with pytest.raises(ListError) as err:
        load_list(path)
    assert "line 2: the header row is repeated" in err.value.message
    assert "line 4233: the last row is cut off" in err.value.message
    assert "--allow-partial" in err.value.hint
    loaded = load_list(path, allow_partial=True)
    assert len(loaded.entries) == 4226
    assert len(loaded.warnings) == 2


def test_small_csv_and_tsv(tmp_path: Path) -> None:
    text = (
        HEADER
        + "\n"
        + row(
            "1",
            "Acme?s Co",
            "1 Road, Beijing, 100000, CN; 2 St, Paris, FR",
            "A; and B",
            "2020-01-02",
        )
        + "\n"
    )
    entry = load_list(write(tmp_path, text)).entries[0]
    assert entry.name == "Acme's Co" and entry.alt_names == ("A", "B")
    assert entry.countries == ("CN", "FR")
    assert entry.addresses[0].full == "1 Road, Beijing, 100000, CN"
    tsv = text.replace(",", "\t").replace("\t ", ", ")
    loaded = load_list(write(tmp_path, tsv, "csl.tsv"))
    assert loaded.format == "csl-tsv" and loaded.entries[0].name == "Acme's Co"


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    text = "\n".join([HEADER, row("7", "A"), row("8", "B"), row("7", "C")]) + "\n"
    with pytest.raises(ListError, match="lines 2 and 4"):
        load_list(write(tmp_path, text))


def test_truncated_small_file(tmp_path: Path) -> None:
    text = HEADER + "\n" + row("1", "A") + "\n" + row("2", "B")[:20]
    with pytest.raises(ListError, match="line 3: the last row is cut off"):
        load_list(write(tmp_path, text))


def test_csl_json(tmp_path: Path) -> None:
    data = {
        "results": [
            {
                "id": "abc",
                "source": EL,
                "name": "Foo Ltd",
                "alt_names": ["Foo", "and Bar"],
                "addresses": [
                    {
                        "address": "1 Rd",
                        "city": "Moscow",
                        "state": None,
                        "postal_code": "101000",
                        "country": "RU",
                    }
                ],
                "ids": [{"type": "Tax ID", "number": "123", "country": "RU"}],
                "programs": ["EAR"],
                "start_date": "2021-01-01",
            }
        ]
    }
    path = write(tmp_path, json.dumps(data), "csl.json")
    loaded = load_list(path)
    entry = loaded.entries[0]
    assert loaded.format == "csl-json"
    assert entry.id == "abc" and entry.alt_names == ("Foo", "Bar")
    assert entry.addresses[0].full == "1 Rd, Moscow, 101000, RU"
    assert entry.addresses[0].city == "Moscow" and entry.countries == ("RU",)
    assert entry.ids == ("Tax ID: 123 (RU)",)
    bare = write(tmp_path, json.dumps(data["results"]), "bare.json")
    assert load_list(bare).entries == loaded.entries


def test_bad_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '{"results": [\n  {"name": "x",}\n]}', "bad.json")
    with pytest.raises(ListError, match=r"line 2 column 16"):
        load_list(path)


def test_csl_missing_column_is_named(tmp_path: Path) -> None:
    text = HEADER.replace(",alt_names", "") + "\n"
    with pytest.raises(ListError) as err:
        load_list(write(tmp_path, text))
    assert "CSL column(s) alt_names missing (columns found: _id, source," in err.value.message
