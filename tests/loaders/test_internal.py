"""Internal CSV lists, and the bad-input errors common to all loaders."""

from __future__ import annotations

from pathlib import Path

import pytest

from screen.errors import ListError
from screen.loaders import load_list


def write(tmp_path: Path, data: bytes | str, name: str = "mine.csv") -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_internal_csv(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "name,aliases,addresses,country,notes\n"
        "Acme Ltd,Acme; and ACME Trading,1 Rd; 2 Rd.,Iran,blocked 2024\n"
        "Beta,,,,\n",
    )
    loaded = load_list(path)
    acme, beta = loaded.entries
    assert loaded.format == "internal-csv"
    assert acme.alt_names == ("Acme", "ACME Trading")
    assert [a.full for a in acme.addresses] == ["1 Rd", "2 Rd"]
    assert acme.countries == ("Iran",) and acme.remarks == "blocked 2024"
    assert acme.source == "Internal list" and len(acme.id) == 40 and beta.name == "Beta"


def test_internal_ids_must_be_unique(tmp_path: Path) -> None:
    path = write(tmp_path, "id,name\n1,A\n1,B\n")
    with pytest.raises(ListError, match="id '1' appears more than once"):
        load_list(path)


def test_flat_entity_list(real_data: Path) -> None:
    loaded = load_list(real_data / "entity_list/bis_entity_list_ecfr_2026-07-09_nsfreg_flat.csv")
    assert len(loaded.entries) == 3409 and len({e.id for e in loaded.entries}) == 3409
    nettrix = next(e for e in loaded.entries if e.name.startswith("Nettrix"))
    assert nettrix.federal_register_notice == "90 FR 14048, 3/28/25"
    assert nettrix.start_date == "2025-03-28"
    assert nettrix.license_requirement.startswith("For all items subject to the EAR")


def test_missing_name_column(tmp_path: Path) -> None:
    with pytest.raises(ListError) as err:
        load_list(write(tmp_path, "company,country\nA,B\n"))
    assert "required column 'name' is missing (columns found: company, country)" in str(err.value)


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ListError, match="is empty"):
        load_list(write(tmp_path, "  \n"))


def test_header_only(tmp_path: Path) -> None:
    with pytest.raises(ListError, match="no entries"):
        load_list(write(tmp_path, "name,country\n"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ListError, match="does not exist"):
        load_list(tmp_path / "nope.csv")


def test_undecodable_names_line_and_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "name,country\nA,B\nM\xfcller GmbH,DE\n".encode("latin-1"))
    with pytest.raises(ListError) as err:
        load_list(path)
    assert "line 3" in err.value.message and "byte offset 18" in err.value.message
    assert "--encoding latin-1" in err.value.hint
    assert load_list(path, encoding="latin-1").entries[1].name == "Müller GmbH"


def test_utf8_bom(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfname\nA\n")
    assert load_list(path).entries[0].name == "A"


@pytest.mark.parametrize(
    ("name", "rows"), [("dpl_2019-06", 546), ("dpl_2022-09", 581), ("dpl_2023-11", 665)]
)
def test_dpl_tab_files(real_data: Path, name: str, rows: int) -> None:
    loaded = load_list(real_data / f"dpl/{name}_watchman.txt")
    assert loaded.format == "dpl-tsv" and len(loaded.entries) == rows
    assert len({e.id for e in loaded.entries}) == rows
    ash = next(e for e in loaded.entries if e.name == "I. ASH")
    assert ash.start_date == "2003-06-19" and ash.countries == ("US",)
    assert ash.addresses[0].city == "SEAGOVILLE" and ash.addresses[0].postal_code == "75159"
    assert ash.federal_register_notice.startswith("68 F.R. 38290")
