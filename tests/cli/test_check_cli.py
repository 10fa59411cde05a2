"""`screen check` through click's CliRunner: exit codes and exact output."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from screen.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SAMPLE = str(EXAMPLES / "entity_list_sample.csv")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_csv_output_is_exact() -> None:
    # the same layout as batch's for a one-row input (issue 10: one shape)
    code, out, err = run("check", "Hikvision", "--list", SAMPLE, "--format", "csv")
    assert code == 0, err
    assert out == (
        "name,addresses,country,officers,hit_rank,entity_id,listed_name,matched_name,source,"
        "score,tier,reasons,list,federal_register_notice,start_date,license_requirement,"
        "license_policy,error\n"
        'Hikvision,,,,1,EX-HIKVISION,"Hangzhou Hikvision Digital Technology Co., Ltd.",'
        "Hikvision,Entity List (hand-made example),100,match,"
        '"name_match (100): same name as ""Hikvision""",entity_list_sample.csv,'
        '"84 FR 54002, 10/9/19",2019-10-09,For all items subject to the EAR,'
        "Case-by-case review,\n"
    )


def test_json_is_the_default_off_a_terminal_and_explains_links() -> None:
    code, out, _ = run(
        "check",
        "Nettrix Information Industry Co., Ltd.",
        "--list",
        SAMPLE,
        "--address",
        "No. 15 Haitai Huake St, Huayuan Industrial Zone, Tianjin",
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["name_listed"] is False
    assert doc["hits"][0]["name"] == "Sugon"
    assert doc["hits"][0]["tier"] == "strong link"
    features = [r["feature"] for r in doc["hits"][0]["reasons"]]
    assert "address_match" in features
    assert "not on the list" in doc["summary"]


def test_officers_from_an_associates_file() -> None:
    code, out, _ = run(
        "check",
        "Tverskoy Instruments OOO",
        "--list",
        SAMPLE,
        "--officer",
        "Chemezov, Sergei",
        "--address",
        "ul. Usacheva 24, Moscow",
        "--associates",
        str(EXAMPLES / "associates.csv"),
        "--format",
        "jsonl",
    )
    assert code == 0
    [row] = [json.loads(line) for line in out.splitlines()]
    hit = row["hits"][0]
    assert hit["entity_id"] == "EX-ROSTEK"
    assert {r["feature"] for r in hit["reasons"]} == {"address_match", "officer_overlap"}


def test_no_hit_prints_one_empty_row_and_exits_zero() -> None:
    # issue 10: "check --format jsonl with no hits still prints a row" (batch's row shape)
    code, out, _ = run("check", "Acme Widgets Ltd", "--list", SAMPLE, "--format", "jsonl")
    assert code == 0
    assert out == (
        '{"line": 1, "input": {"name": "Acme Widgets Ltd", "addresses": "", "country": "", '
        '"officers": ""}, "hits": [], "error": null}\n'
    )


def test_fail_on_hit_exit_code() -> None:
    assert run("check", "Sugon", "--list", SAMPLE, "--fail-on-hit", "--format", "jsonl")[0] == 1
    assert (
        run("check", "Acme Widgets", "--list", SAMPLE, "--fail-on-hit", "--format", "jsonl")[0] == 0
    )


def test_fail_on_hit_takes_a_tier_in_any_spelling() -> None:
    for tier in ("strong-link", "strong link", "match"):
        args = ("check", "Sugon", "--list", SAMPLE, "--format", "jsonl", "--fail-on-hit", tier)
        assert run(*args)[0] == 1
    code, _, err = run("check", "Sugon", "--list", SAMPLE, "--fail-on-hit", "severe")
    assert code == 2 and "'severe' is not a tier; choose from 'match', 'strong link'" in err


def test_table_format_names_the_party_and_the_reason() -> None:
    code, out, _ = run("check", "Dawning Info Industry", "--list", SAMPLE, "--format", "table")
    assert code == 0
    assert out.startswith('"Dawning Info Industry": 1 hit(s) on entity_list_sample.csv.\n')
    assert "Sugon" in out and "name_match" in out and "84 FR 29373" in out


def test_missing_list_file_is_a_list_error(tmp_path: Path) -> None:
    code, out, err = run("check", "Sugon", "--list", "no-such-snapshot", "--store", str(tmp_path))
    assert code == 4 and out == ""
    assert err.startswith("Error: ") and "Traceback" not in err


def test_empty_store_without_list_says_what_to_do(tmp_path: Path) -> None:
    code, _, err = run("check", "Sugon", "--store", str(tmp_path / "empty"))
    assert code == 4
    assert "screen lists import" in err


def test_empty_name_is_a_usage_error() -> None:
    code, _, err = run("check", " ", "--list", SAMPLE)
    assert code == 2 and "empty" in err


def test_bad_associates_file_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "a.csv"
    bad.write_text("who,what\nx,y\n")
    code, _, err = run("check", "Sugon", "--list", SAMPLE, "--associates", str(bad))
    assert code == 3 and "person" in err
