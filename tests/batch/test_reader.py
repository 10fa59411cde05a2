"""Reading counterparty files: formats, columns, and bad rows kept with their errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from screen.batch import ColumnSpec, InputReader, Row
from screen.batch.lines import quote_open
from screen.errors import InputError
from screen.match.types import Query


def read(data: bytes | str, name: str = "-", **kwargs: object) -> list[Row]:
    raw = data.encode() if isinstance(data, str) else data
    reader = InputReader(name, stdin=io.BytesIO(raw), **kwargs)  # type: ignore[arg-type]
    return [row for chunk in reader.chunks(2) for row in chunk]


def test_csv_columns_found_case_insensitively_and_carried_through() -> None:
    rows = read(
        "Company Name,Street,Country_Code,Directors,id\n"
        "Acme Ltd,1 Main St;2 High St,GB,Jane Doe;John Roe,7\n"
    )
    assert rows == [
        Row(
            2,
            {
                "Company Name": "Acme Ltd",
                "Street": "1 Main St;2 High St",
                "Country_Code": "GB",
                "Directors": "Jane Doe;John Roe",
                "id": "7",
            },
            Query("Acme Ltd", ("1 Main St", "2 High St"), "GB", ("Jane Doe", "John Roe")),
        )
    ]


def test_column_options_and_several_address_columns() -> None:
    rows = read(
        "vendor,addr1,city,nation\nAcme,1 Main St,Leeds,GB\n",
        columns=ColumnSpec("VENDOR", ("addr1", "city"), "nation"),
    )
    assert rows[0].query == Query("Acme", ("1 Main St", "Leeds"), "GB")


def test_multiline_quoted_address_is_one_row() -> None:
    rows = read('name,address\n"Acme","1 Main St\n2 High St"\nBeta,x\n')
    assert [r.line for r in rows] == [2, 4]
    assert rows[0].query == Query("Acme", ("1 Main St", "2 High St"))
    assert rows[1].error is None


def test_bad_rows_are_kept_with_errors() -> None:
    data = (
        b"name,country\n"
        b"Acme,GB\n"
        b",US\n"  # no name
        b"Beta,DE,extra\n"  # too many fields
        b'"Gamma,FR\n'  # unclosed quote
        b"Caf\xe9 SARL,FR\n"  # latin-1 byte
        b"Delta,IT\n"
    )
    rows = read(data)
    assert [(r.line, r.error) for r in rows] == [
        (2, None),
        (3, "line 3: no name (column 'name')"),
        (4, "line 4: expected 2 fields, found 3"),
        (5, "line 5: unclosed quote"),
        (6, "line 6: not valid UTF-8 (use --encoding)"),
        (7, None),
    ]
    assert rows[3].input["name"] == "Gamma,FR"
    assert [r.query.name for r in rows if r.query] == ["Acme", "Delta"]


def test_stray_quote_does_not_swallow_following_rows() -> None:
    rows = read('name,address\n"Acme,1 Main St\nBeta,"2 High St"\nGamma,3 Low St\n')
    assert [(r.line, r.error) for r in rows] == [
        (2, "line 2: unbalanced quote"),
        (3, None),
        (4, None),
    ]


def test_encoding_option_decodes_latin1() -> None:
    rows = read(b"name\nCaf\xe9 SARL\n", encoding="latin-1")
    assert rows[0].query == Query("Café SARL")


def test_tsv_sniffed_and_bom_skipped() -> None:
    rows = read("\ufeffname\tcountry\nAcme, Inc.\tUS\n")
    assert rows[0].query == Query("Acme, Inc.", (), "US")


def test_jsonl_rows_bad_json_and_non_objects() -> None:
    rows = read(
        '{"party": "Acme", "addresses": ["1 Main St", "2 High St"], "n": 1}\n'
        '{"party": "Beta"\n'
        "\n"
        "[1, 2]\n"
        '{"party": null}\n'
    )
    assert rows[0].query == Query("Acme", ("1 Main St", "2 High St"))
    assert rows[0].input == {"party": "Acme", "addresses": ["1 Main St", "2 High St"], "n": 1}
    assert [r.line for r in rows] == [1, 2, 4, 5]
    assert rows[1].error is not None and rows[1].error.startswith("line 2: not valid JSON")
    assert rows[2].error == "line 4: expected a JSON object, found list"
    assert rows[3].error == "line 5: no name (column 'party')"


def test_no_name_column_lists_columns_found() -> None:
    with pytest.raises(InputError) as err:
        read("id,street\n1,x\n")
    assert "'id', 'street'" in err.value.message
    assert "--name-column" in err.value.hint


def test_unknown_name_column_option() -> None:
    with pytest.raises(InputError, match="'vendor'"):
        read("name\nAcme\n", columns=ColumnSpec(name="vendor"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        InputReader(tmp_path / "nope.csv")


def test_format_from_extension(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"name": "Acme"}\n')
    reader = InputReader(path)
    assert reader.format == "jsonl" and reader.total_bytes == path.stat().st_size


def test_json_array_is_refused_with_hint() -> None:
    with pytest.raises(InputError, match="JSON array"):
        read('[{"name": "Acme"}]\n')


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ('a,"b,c",d', False, False),
        ('a,"b\n', False, True),
        ('x"\n', True, False),
        ('x""y\n', True, True),
        ('a b "c" d\n', False, False),
        ('"a""b",c', False, False),
    ],
)
def test_quote_open(text: str, start: bool, expected: bool) -> None:
    assert quote_open(text, start, ",") is expected


def test_utf16_input_streams_line_by_line() -> None:
    rows = read("name,country\nCafé,FR\nBeta,DE\n".encode("utf-16"), encoding="utf-16")
    assert [r.query for r in rows] == [Query("Café", (), "FR"), Query("Beta", (), "DE")]


def test_crlf_and_header_only() -> None:
    assert read("name,country\r\nAcme,GB\r\n")[0].query == Query("Acme", (), "GB")
    assert read("name,country\n") == []
