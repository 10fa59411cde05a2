"""Files as users have them: delimiters, encodings, .xlsx, incomplete CSL exports."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from .conftest import LIST, batch, rows, screen

PARTIES = [
    ["Company", "City", "Country", "Key Contacts"],
    ["Zzyzx Plumbing", "Leeds", "GB", "Jane Doe"],
    ["Caf\u00e9 \u201cBest\u201d \u2013 SARL", "Paris", "FR", ""],
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(tmp: Path, delimiter: str) -> None:
    path = tmp / "parties.txt"
    path.write_text("".join(delimiter.join(r) + "\n" for r in PARTIES))
    run = batch(path, "--input-format", "csv")
    assert [r[1] for r in rows(run)] == [PARTIES[1][0], PARTIES[2][0]]
    assert run.jsonl()[0]["input"] == dict(zip(PARTIES[0], PARTIES[1], strict=True))


def test_delimiter_option_overrides_the_sniffing(tmp: Path) -> None:
    path = tmp / "parties.csv"
    path.write_text("name;notes, remarks\nZzyzx, Plumbing;a, b\n")  # a tie: comma wins
    assert "columns found: 'name;notes', 'remarks'." in batch(path).err
    run = batch(path, "--delimiter", ";")
    assert run.jsonl()[0]["input"] == {"name": "Zzyzx, Plumbing", "notes, remarks": "a, b"}
    assert batch(path, "--delimiter", "tab").code == 3  # one column: no name column
    assert batch(path, "--delimiter", "ab").code == 2


def test_columns_used_and_carried_through_are_named_on_stderr(tmp: Path) -> None:
    path = tmp / "parties.csv"
    path.write_text("".join(",".join(r) + "\n" for r in PARTIES))
    assert (
        "Columns used: name 'Company'; country 'Country'; "
        "carried through unread: 'City', 'Key Contacts'.\n"
    ) in batch(path).err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_bom_is_recognised(tmp: Path, encoding: str) -> None:
    text = "".join(",".join(r) + "\n" for r in PARTIES)
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path = tmp / "parties.csv"
    path.write_bytes(bom + text.encode(encoding))
    run = batch(path)
    assert [r[1] for r in rows(run)] == [PARTIES[1][0], PARTIES[2][0]]
    assert list(run.jsonl()[0]["input"]) == PARTIES[0]


def test_cp1252_is_suggested_not_latin1(tmp: Path) -> None:
    path = tmp / "excel.csv"
    path.write_bytes("".join(",".join(r) + "\n" for r in PARTIES).encode("cp1252"))
    run = batch(path)
    assert rows(run)[1][2] == "line 3: not valid UTF-8 (use --encoding)"
    assert (
        "Hint: some lines are not valid utf-8; the file looks like cp1252: "
        "rerun with --encoding cp1252."
    ) in run.err
    assert rows(batch(path, "--encoding", "cp1252"))[1] == (3, PARTIES[2][0], None)


def test_cp1252_list_file_hint(tmp: Path) -> None:
    path = tmp / "list.csv"
    path.write_bytes(
        "name,country\nCaf\u00e9 SARL,FR\n\u201cBest\u201d \u2013 Co,FR\n".encode("cp1252")
    )
    run = screen("check", "Acme", "--list", str(path))
    assert run.code == 4 and "retry with `--encoding cp1252`" in run.err


def test_xlsx_is_read_and_written_as_text(tmp: Path) -> None:
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    path = tmp / "parties.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    data = [
        ["Company", "Employees", "Since"],
        ["Zzyzx Plumbing", 1200, ""],
        ['=HYPERLINK("http://x")', 3.5, ""],
    ]
    for r, row in enumerate(data):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    book.close()
    run = batch(path)
    assert [(obj["line"], obj["input"]) for obj in run.jsonl()] == [
        (2, {"Company": "Zzyzx Plumbing", "Employees": "1200", "Since": ""}),
        (3, {"Company": '=HYPERLINK("http://x")', "Employees": "3.5", "Since": ""}),
    ]
    out = tmp / "results.xlsx"
    assert screen("batch", str(path), "--list", str(LIST), "-o", str(out)).code == 0
    assert out.read_bytes()[:4] == b"PK\x03\x04"
    sheet_rows = list(CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).iter_rows())
    assert sheet_rows[0][:4] == ["Company", "Employees", "Since", "hit_rank"]
    assert sheet_rows[2][0] == '=HYPERLINK("http://x")'  # a string, not a formula
    assert len(sheet_rows) == 3


def test_csl_export_missing_a_column_is_refused_unless_internal(tmp: Path) -> None:
    path = tmp / "csl.csv"
    path.write_text(
        "_id,entity_number,type,name,addresses,alt_names,federal_register_notice\n"
        '1,,Entity,Evil Corp,"1 Main St, Beijing, CN",Bad Co,84 FR 1\n'
    )
    run = screen("lists", "import", str(path), "--store", str(tmp / "s"))
    assert run.code == 4
    assert f"Error: {path}: line 1: CSL column(s) source missing" in run.err
    assert "--format internal" in run.err
    ok = screen(
        "lists",
        "import",
        str(path),
        "--store",
        str(tmp / "s"),
        "--format",
        "internal",
        "--name",
        "csl-internal",
    )
    assert ok.code == 0 and "format internal-csv" in ok.out


def test_reimport_with_the_right_encoding_is_not_already_stored(tmp: Path) -> None:
    path = tmp / "list.csv"
    path.write_bytes("name,country\n\u201cBest\u201d \u2013 Co,FR\n".encode("cp1252"))
    store = str(tmp / "s")
    first = screen("lists", "import", str(path), "--store", store, "--encoding", "latin-1")
    second = screen("lists", "import", str(path), "--store", store, "--encoding", "cp1252")
    again = screen("lists", "import", str(path), "--store", store, "--encoding", "cp1252")
    assert (first.code, second.code, again.code) == (0, 0, 4)
    assert "already stored" in again.err
