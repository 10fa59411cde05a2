"""check and batch share one shape: hit columns, score format, flags, source filter."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from screen.cli import cli

MINI = str(Path(__file__).parents[1] / "data" / "mini_csl.csv")
SAMPLE = str(Path(__file__).parents[2] / "examples" / "entity_list_sample.csv")


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "160"}).invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_check_csv_is_batch_csv_of_one_row() -> None:
    _, check_out, _ = run("check", "Sugon", "--list", MINI, "--format", "csv")
    _, batch_out, _ = run(
        "batch",
        "-",
        "--list",
        MINI,
        "--format",
        "csv",
        input="name,addresses,country,officers\nSugon,,,\n",
    )
    assert check_out == batch_out
    _, check_tsv, _ = run("check", "Sugon", "--list", MINI, "--format", "tsv")
    assert check_tsv.splitlines()[0] == check_out.splitlines()[0].replace(",", "\t")


def test_check_json_lines_is_a_batch_row() -> None:
    _, check_out, _ = run("check", "Sugon", "--list", MINI, "--format", "jsonl")
    _, batch_out, _ = run(
        "batch",
        "-",
        "--list",
        MINI,
        "--format",
        "jsonl",
        input="name,addresses,country,officers\nSugon,,,\n",
    )
    check_row, batch_row = json.loads(check_out), json.loads(batch_out)
    assert (check_row.pop("line"), batch_row.pop("line")) == (1, 2)  # batch: after the header
    assert check_row == batch_row


def test_source_filters_on_source_lists() -> None:
    both = "Sugon Blue Ship"
    code, out, _ = run(
        "check", "Blue Ship LLC", "--list", MINI, "--format", "json", "--source", "el"
    )
    assert code == 0
    assert json.loads(out)["hits"] == []
    code, out, _ = run(
        "check", "Blue Ship LLC", "--list", MINI, "--format", "json", "--source", "EL,SDN"
    )
    assert [h["entity_id"] for h in json.loads(out)["hits"]] == ["s1"]
    code, out, _ = run(
        "batch",
        "-",
        "--list",
        MINI,
        "--format",
        "csv",
        "--source",
        "SDN",
        input=f"name\nSugon\nBlue Ship LLC\n{both}\n",
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["name"], r["entity_id"]) for r in rows] == [
        ("Sugon", ""),
        ("Blue Ship LLC", "s1"),
        (both, "s1"),  # not e1 (Sugon, on the EL)
    ]
    code, _, err = run("check", "Sugon", "--list", MINI, "--source", "OFAC")
    assert code == 2
    assert err == (
        "Error: --source 'OFAC': no source list OFAC in mini_csl.csv.\n"
        "Hint: Source lists there: EL, SDN (the codes of `screen lists ls`).\n"
    )


def test_batch_limit_and_the_list_column() -> None:
    code, out, _ = run(
        "batch",
        "-",
        "--list",
        MINI,
        "--list",
        SAMPLE,
        "--format",
        "csv",
        "--limit",
        "1",
        input="name\nSugon\n",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1
    assert rows[0]["list"] in ("mini_csl.csv", "entity_list_sample.csv")
    code, out, _ = run(
        "batch", "-", "--list", MINI, "--list", SAMPLE, "--format", "csv", input="name\nSugon\n"
    )
    assert sorted(r["list"] for r in csv.DictReader(io.StringIO(out))) == [
        "entity_list_sample.csv",
        "mini_csl.csv",
    ]


def test_the_table_shows_the_source_list_and_the_snapshot_when_several() -> None:
    code, out, _ = run(
        "batch",
        "-",
        "--list",
        MINI,
        "--list",
        SAMPLE,
        "--format",
        "table",
        input="name\nBlue Ship LLC\n",
    )
    assert code == 0
    header = out.splitlines()[0]
    assert "source / error" in header and "list" in header.split("┃")[-1]
    assert "SDN" in out and "mini_csl.csv" in out
    code, out, _ = run(
        "batch", "-", "--list", MINI, "--format", "table", input="name\nBlue Ship LLC\n"
    )
    assert "mini_csl.csv" not in out and "SDN" in out


def test_check_writes_output_files_atomically(tmp_path: Path) -> None:
    target = tmp_path / "hit.json"
    code, out, _ = run("check", "Sugon", "--list", MINI, "-o", str(target))
    assert (code, out) == (0, "")
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["meta"]["snapshots"][0]["name"] == "mini_csl.csv"
    assert doc["hits"][0]["score"] == 100.0
