"""``screen batch`` through click's CliRunner (and once through a real pipe)."""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

LIST_CSV = """\
name,aliases,addresses,country
Huawei Technologies Co. Ltd.,Huawei,"Bantian, Longgang District, Shenzhen",CN
Hangzhou Hikvision Digital Technology Co. Ltd.,Hikvision,"No. 555 Qianmo Road, Hangzhou",CN
Nettrix Information Industry Co. Ltd.,Nettrix,"No. 15 Haitai Huake St, Tianjin",CN
"""
PARTIES = """\
name,address,country,officers,ref
Huawei Technologies Co Ltd,"Bantian, Shenzhen",CN,,r1
Acme Widgets Ltd,"12 Mill Lane, Leeds",GB,Jane Doe;John Smith,r2
,nowhere,US,,r3
Hik Vision,"No. 555 Qianmo Road, Hangzhou",CN,,r4
"""
EXAMPLES = Path(__file__).parents[2] / "examples" / "parties.csv"


@pytest.fixture(scope="module")
def list_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lists") / "mini.csv"
    path.write_text(LIST_CSV)
    return path


def run(cli: Any, list_file: Path, *args: str, input: str | bytes | None = None) -> Any:
    argv = ["batch", *args, "--list", str(list_file), "--workers", "1"]
    return CliRunner().invoke(cli, argv, input=input)


def jsonl(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


def test_stdin_jsonl_one_object_per_row(cli: Any, list_file: Path) -> None:
    res = run(cli, list_file, "-", "--format", "jsonl", input=PARTIES)
    assert res.exit_code == 0, res.output
    objs = jsonl(res.stdout)
    assert [o["line"] for o in objs] == [2, 3, 4, 5]
    assert objs[1] == {
        "line": 3,
        "input": {
            "name": "Acme Widgets Ltd",
            "address": "12 Mill Lane, Leeds",
            "country": "GB",
            "officers": "Jane Doe;John Smith",
            "ref": "r2",
        },
        "hits": [],
        "error": None,
    }
    assert objs[2]["error"] == "line 4: no name (column 'name')"
    assert objs[0]["hits"][0]["name"] == "Huawei Technologies Co. Ltd."
    assert objs[3]["hits"][0]["tier"] == "match"
    assert "Screened 4 rows" in res.stderr and "2 with hits" in res.stderr


def test_csv_exact_output(cli: Any, list_file: Path) -> None:
    res = run(cli, list_file, "-", "--format", "csv", input=PARTIES)
    assert res.exit_code == 0
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0] == [
        "name",
        "address",
        "country",
        "officers",
        "ref",
        "hit_rank",
        "entity_id",
        "listed_name",
        "matched_name",
        "source",
        "score",
        "tier",
        "reasons",
        "list",
        "federal_register_notice",
        "start_date",
        "license_requirement",
        "license_policy",
        "error",
    ]
    assert rows[2] == [
        "Acme Widgets Ltd",
        "12 Mill Lane, Leeds",
        "GB",
        "Jane Doe;John Smith",
        "r2",
        *[""] * 13,
        "",
    ]
    assert rows[3] == ["", "nowhere", "US", "", "r3", *[""] * 13, "line 4: no name (column 'name')"]
    huawei = rows[1]
    assert huawei[:7] == [
        "Huawei Technologies Co Ltd",
        "Bantian, Shenzhen",
        "CN",
        "",
        "r1",
        "1",
        huawei[6],
    ]
    assert huawei[7:12] == [
        "Huawei Technologies Co. Ltd.",
        huawei[8],
        "Internal list",
        "100",
        "match",
    ]
    assert huawei[12].startswith("name_match (100): ")
    assert huawei[13] == list_file.name
    assert [r[4] for r in rows[1:]] == ["r1", "r2", "r3", "r4"]  # one row per row without hits


def test_tsv_json_and_table_formats(cli: Any, list_file: Path) -> None:
    tsv = run(cli, list_file, "-", "--format", "tsv", input=PARTIES)
    assert tsv.stdout.splitlines()[0].split("\t")[:2] == ["name", "address"]
    js = run(cli, list_file, "-", "--format", "json", input=PARTIES)
    assert json.loads(js.stdout) == jsonl(
        run(cli, list_file, "-", "--format", "jsonl", input=PARTIES).stdout
    )
    table = run(cli, list_file, "-", "--format", "table", input=PARTIES)
    assert table.exit_code == 0 and "Hikvision" in table.stdout
    assert "no name" in table.stdout and "match" in table.stdout


def test_default_format_is_csv_when_not_a_tty(cli: Any, list_file: Path) -> None:
    res = run(cli, list_file, "-", input=PARTIES)
    assert res.stdout.startswith("name,address,country,officers,ref,hit_rank")


def test_column_options_and_jsonl_input(cli: Any, list_file: Path) -> None:
    data = (
        '{"vendor": "Hik Vision", "where": "Hangzhou", "extra": {"k": 1}}\n'
        '{"vendor": "Siemens AG", "where": "Munich"}\n'
    )
    res = run(
        cli,
        list_file,
        "-",
        "--input-format",
        "jsonl",
        "--name-column",
        "Vendor",
        "--address-column",
        "where",
        "--format",
        "csv",
        input=data,
    )
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["vendor"] for r in rows] == ["Hik Vision", "Siemens AG"]
    assert rows[0]["extra"] == '{"k": 1}' and rows[0]["tier"] == "match"
    assert rows[1]["hit_rank"] == ""


def test_bad_rows_counted_and_kept(cli: Any, list_file: Path) -> None:
    data = b'name,country\nHuawei,CN\nBroken,CN,extra\n"Open quote,CN\nCaf\xe9,FR\nAcme,GB\n'
    res = run(cli, list_file, "-", "--format", "jsonl", input=data)
    objs = jsonl(res.stdout)
    assert [(o["line"], o["error"]) for o in objs] == [
        (2, None),
        (3, "line 3: expected 2 fields, found 3"),
        (4, "line 4: unclosed quote"),
        (5, "line 5: not valid UTF-8 (use --encoding)"),
        (6, None),
    ]
    assert "3 with errors" in res.stderr
    csv_res = run(cli, list_file, "-", "--format", "csv", input=data)
    assert len(list(csv.reader(io.StringIO(csv_res.stdout)))) == 1 + 5


def test_bad_json_line_kept(cli: Any, list_file: Path) -> None:
    res = run(
        cli,
        list_file,
        "-",
        "--format",
        "jsonl",
        input='{"name": "Huawei"}\n{"name": \n{"name": "Acme"}\n',
    )
    objs = jsonl(res.stdout)
    assert [o["line"] for o in objs] == [1, 2, 3]
    assert objs[1]["error"].startswith("line 2: not valid JSON")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((), 0),
        (("--fail-on-hit",), 1),
        (("--fail-on-hit", "match"), 1),
        (("--fail-on-hit", "strong-link"), 1),
    ],
)
def test_fail_on_hit(cli: Any, list_file: Path, args: tuple[str, ...], code: int) -> None:
    assert run(cli, list_file, "-", *args, input=PARTIES).exit_code == code


def test_fail_on_hit_not_reached_and_bad_tier(cli: Any, list_file: Path) -> None:
    clean = "name\nAcme Widgets Ltd\n"
    assert run(cli, list_file, "-", "--fail-on-hit", input=clean).exit_code == 0
    bad = run(cli, list_file, "-", "--fail-on-hit", "severe", input=clean)
    assert bad.exit_code == 2 and "not a tier" in bad.stderr


def test_input_and_list_errors(cli: Any, list_file: Path, tmp_path: Path) -> None:
    missing = run(cli, list_file, str(tmp_path / "nope.csv"))
    assert missing.exit_code == 3 and "does not exist" in missing.stderr
    no_name = run(cli, list_file, "-", input="id,street\n1,x\n")
    assert no_name.exit_code == 3 and "'id', 'street'" in no_name.stderr
    assert "--name-column" in no_name.stderr
    bad_list = CliRunner().invoke(
        cli,
        ["batch", "-", "--list", str(tmp_path / "gone"), "--store", str(tmp_path)],
        input=PARTIES,
    )
    assert bad_list.exit_code == 4
    assert run(cli, list_file, "-", "--threshold", "120", input=PARTIES).exit_code == 2


def test_output_file_written_atomically(cli: Any, list_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    res = run(cli, list_file, str(EXAMPLES), "--output", str(out))
    assert res.exit_code == 0 and res.stdout == ""
    objs = jsonl(out.read_text())  # format taken from the suffix
    assert len(objs) == 15 and objs[0]["hits"][0]["name"].startswith("Nettrix")
    assert [p.name for p in tmp_path.iterdir()] == ["results.jsonl"]
    failed = run(cli, list_file, "-", "--output", str(tmp_path / "x.csv"), input="id\n1\n")
    assert failed.exit_code == 3 and not (tmp_path / "x.csv").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["results.jsonl"]


def test_rows_in_equal_rows_out_across_workers(cli: Any, list_file: Path) -> None:
    text = EXAMPLES.read_text()
    base = ["batch", "-", "--list", str(list_file), "--format", "jsonl"]
    outputs = {
        CliRunner().invoke(cli, [*base, "--workers", w, "--chunk-size", c], input=text).stdout
        for w, c in (("1", "1000"), ("2", "3"))
    }
    assert len(outputs) == 1
    assert len(jsonl(outputs.pop())) == 15


def test_closed_pipe_is_quiet(list_file: Path) -> None:
    exe = shutil.which("screen", path=os.path.dirname(sys.executable)) or shutil.which("screen")
    if exe is None or importlib.util.find_spec("screen.cli.check") is None:
        pytest.skip("the installed `screen` command is not available yet")
    big = EXAMPLES.read_text() + "".join(f"Party {i},Street {i},US,,x,\n" for i in range(5000))
    cmd = f"{exe} batch - --list {list_file} --format jsonl --chunk-size 50 | head -1"
    proc = subprocess.run(
        ["bash", "-c", cmd], input=big, capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.count("\n") == 1 and json.loads(proc.stdout)["line"] == 2
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr, proc.stderr


def test_encoding_option(cli: Any, list_file: Path) -> None:
    data = "name,country\nHuawei Technologies Café,CN\n".encode("cp1252")
    bad = run(cli, list_file, "-", "--format", "jsonl", input=data)
    assert jsonl(bad.stdout)[0]["error"] == "line 2: not valid UTF-8 (use --encoding)"
    good = run(cli, list_file, "-", "--format", "jsonl", "--encoding", "cp1252", input=data)
    assert jsonl(good.stdout)[0]["input"]["name"] == "Huawei Technologies Café"
    unknown = run(cli, list_file, "-", "--encoding", "klingon", input=data)
    assert unknown.exit_code == 2 and "unknown encoding" in unknown.stderr
