"""The analyst's loop through the CLI: record, clear, rescreen, import/export, audit."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from screen.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SAMPLE = str(EXAMPLES / "entity_list_sample.csv")
PARTIES = str(EXAMPLES / "parties.csv")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cases.db")


def batch_rows(db: str, *more: str) -> list[dict[str, object]]:
    code, out, err = run(
        "batch",
        PARTIES,
        "--list",
        SAMPLE,
        "--cases",
        db,
        "--format",
        "jsonl",
        "--workers",
        "1",
        *more,
    )
    assert code in (0, 1), err
    return [json.loads(line) for line in out.splitlines()]


def nettrix_case(rows: list[dict[str, object]]) -> dict[str, object]:
    [row] = [r for r in rows if str(r["input"]["name"]).startswith("Nettrix")]  # type: ignore[index]
    return row["hits"][0]["case"]  # type: ignore[index,no-any-return]


def test_first_run_opens_a_case_per_hit(db: str) -> None:
    code, out, err = run("batch", PARTIES, "--list", SAMPLE, "--cases", db, "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len({r["name"] for r in rows}) == 15
    hit_rows = [r for r in rows if r["hit_rank"]]
    assert [r["case_status"] for r in hit_rows] == ["open"] * 5
    assert [r["case_id"] for r in hit_rows] == ["1", "2", "3", "4", "5"]
    assert "Cases: new 5, open 0, cleared 0, confirmed 0." in err
    code, out, _ = run("cases", "ls", "--cases", db, "--format", "csv")
    assert code == 0
    assert [r["status"] for r in csv.DictReader(io.StringIO(out))] == ["open"] * 5


def test_a_cleared_case_sticks_and_is_not_counted_as_new(db: str) -> None:
    case = nettrix_case(batch_rows(db))
    code, _, err = run(
        "cases",
        "clear",
        str(case["id"]),
        "--reason",
        "Nettrix is a server OEM",
        "--by",
        "ana",
        "--cases",
        db,
    )
    assert (code, err) == (
        0,
        "Case 1 cleared by ana: Nettrix Information Industry Co., Ltd. / Sugon.\n",
    )
    code, out, err = run(
        "batch",
        PARTIES,
        "--list",
        SAMPLE,
        "--cases",
        db,
        "--format",
        "jsonl",
        "--fail-on-hit",
        "strong-link",
    )
    again = nettrix_case([json.loads(line) for line in out.splitlines()])
    assert {k: again[k] for k in ("id", "status", "by", "reason")} == {
        "id": 1,
        "status": "cleared",
        "by": "ana",
        "reason": "Nettrix is a server OEM",
    }
    assert "Cases: new 0, open 4, cleared 1, confirmed 0." in err
    assert code == 1  # the four other hits are still open


def test_hide_cleared_drops_the_hit_not_the_row(db: str) -> None:
    case = nettrix_case(batch_rows(db))
    run("cases", "clear", str(case["id"]), "--reason", "not them", "--cases", db)
    rows = batch_rows(db, "--hide-cleared")
    assert len(rows) == 15
    [nettrix] = [r for r in rows if str(r["input"]["name"]).startswith("Nettrix")]  # type: ignore[index]
    assert nettrix["hits"] == []


def test_fail_on_hit_ignores_cleared_cases(db: str) -> None:
    args = (
        "check",
        "Nettrix Information Industry Co., Ltd.",
        "--address",
        "No. 15 Haitai Huake St, Huayuan Industrial Zone, Tianjin",
        "--list",
        SAMPLE,
        "--cases",
        db,
        "--format",
        "json",
        "--fail-on-hit",
    )
    code, out, _ = run(*args)
    doc = json.loads(out)
    assert code == 1
    assert doc["hits"][0]["case"]["status"] == "open"
    assert doc["cases"] == {"new": 1, "open": 0, "cleared": 0, "confirmed": 0}
    run("cases", "clear", str(doc["hits"][0]["case"]["id"]), "--reason", "OEM", "--cases", db)
    code, out, err = run(*args)
    assert code == 0, err
    assert json.loads(out)["hits"][0]["case"]["status"] == "cleared"
    assert "Cases: new 0, open 0, cleared 1, confirmed 0." in err


def test_confirm_reopen_show_and_unknown_case(db: str) -> None:
    batch_rows(db)
    assert (
        run("cases", "confirm", "2", "--reason", "Huawei itself", "--by", "bo", "--cases", db)[0]
        == 0
    )
    assert (
        run("cases", "reopen", "2", "--reason", "second look", "--by", "cy", "--cases", db)[0] == 0
    )
    code, out, _ = run("cases", "show", "2", "--cases", db)
    assert code == 0
    assert "case 2: open by cy at " in out
    assert out.splitlines()[-2].endswith("bo: confirm -> confirmed: Huawei itself")
    assert out.splitlines()[-1].endswith("cy: reopen -> open: second look")
    code, _, err = run("cases", "show", "99", "--cases", db)
    assert code == 2
    assert err.startswith("Error: No case 99 in ")
    assert run("cases", "clear", "2", "--cases", db)[0] == 2  # --reason is required


def test_export_then_import_decisions_round_trip(db: str, tmp_path: Path) -> None:
    batch_rows(db)
    code, out, _ = run("cases", "export", "--cases", db)
    rows = list(csv.DictReader(io.StringIO(out)))
    rows[0].update(status="cleared", reason="reviewed in the tool", by="ana")
    rows[1].update(status="confirmed", reason="true hit", by="")
    path = tmp_path / "decisions.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:2])
    code, _, err = run("cases", "import", str(path), "--by", "lead", "--cases", db)
    assert (code, err) == (0, f"Imported 2 decision(s) from {path}; 0 already in place.\n")
    code, _, err = run("cases", "import", str(path), "--cases", db)
    assert err == f"Imported 0 decision(s) from {path}; 2 already in place.\n"
    code, out, _ = run("cases", "ls", "--status", "confirmed", "--format", "jsonl", "--cases", db)
    [confirmed] = [json.loads(line) for line in out.splitlines()]
    assert (confirmed["id"], confirmed["by"]) == (2, "lead")


def test_import_is_all_or_nothing(db: str, tmp_path: Path) -> None:
    batch_rows(db)
    path = tmp_path / "decisions.csv"
    path.write_text("id,status,reason\n1,cleared,fine\n2,closed,typo\n", encoding="utf-8")
    code, _, err = run("cases", "import", str(path), "--cases", db)
    assert code == 3
    assert f"Error: {path} line 3: status 'closed' is not one of open, cleared, confirmed." in err
    code, out, _ = run("cases", "ls", "--status", "cleared", "--format", "csv", "--cases", db)
    assert out.splitlines()[1:] == []


def test_audit_log_records_runs_and_decisions_and_detects_tampering(db: str) -> None:
    nettrix_case(batch_rows(db))
    run("cases", "clear", "1", "--reason", "OEM", "--by", "ana", "--cases", db)
    code, out, _ = run("audit", "ls", "--cases", db, "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["kind"] for r in records] == ["run", "decision"]
    run_payload = records[0]["payload"]
    assert run_payload["rows"] == 15
    assert run_payload["tiers"] == {"match": 4, "strong link": 1, "review": 0}
    assert run_payload["cases"] == {"new": 5, "open": 0, "cleared": 0, "confirmed": 0}
    assert len(run_payload["input"]["sha256"]) == len(run_payload["output"]["sha256"]) == 64
    assert run_payload["meta"]["snapshots"][0]["name"] == "entity_list_sample.csv"
    assert run_payload["meta"]["threshold"] == 50.0
    assert records[1]["prev_hash"] == records[0]["hash"]
    assert records[1]["user"] == "ana"
    assert run("audit", "verify", "--cases", db) == (
        0,
        "Audit log intact: 2 record(s), hash chain verified.\n",
        "",
    )

    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE audit SET user = 'mallory' WHERE id = 2")
    conn.execute("DROP TRIGGER audit_no_update")  # a determined tamperer
    conn.execute("UPDATE audit SET payload = replace(payload, 'OEM', 'ok') WHERE id = 2")
    conn.commit()
    conn.close()
    code, out, _ = run("audit", "verify", "--cases", db)
    assert (code, out) == (
        1,
        "Audit log BROKEN at record 2: its content does not match its "
        "hash (the record was altered).\n",
    )


def test_a_cleared_case_reopens_when_the_listed_entry_gains_an_alias(
    db: str, tmp_path: Path
) -> None:
    header = "id,name,aliases,addresses,country\n"
    old, new = tmp_path / "v1", tmp_path / "v2"
    old.mkdir()
    new.mkdir()
    (old / "internal.csv").write_text(header + 'X-1,Sugon,Dawning,"1 Road, Beijing",CN\n')
    (new / "internal.csv").write_text(
        header + 'X-1,Sugon,Dawning;Sugon Cafe,"1 Road, Beijing",CN\n'
    )
    args = ("check", "Sugon", "--country", "GB", "--cases", db, "--format", "json")
    first = json.loads(run(*args, "--list", str(old / "internal.csv"))[1])["hits"][0]["case"]
    run("cases", "clear", str(first["id"]), "--reason", "a cafe", "--cases", db)
    _, out, err = run(*args, "--list", str(new / "internal.csv"))
    case = json.loads(out)["hits"][0]["case"]
    assert (case["id"], case["status"], case["seen"]) == (first["id"], "open", "reopened")
    assert case["reason"] == "listed entry changed: alias added 'Sugon Cafe'"
    assert case["by"] == "screen"
    assert "Cases: new 0, open 1, cleared 0, confirmed 0." in err


def test_hide_cleared_without_a_case_store_is_a_usage_error() -> None:
    code, out, err = run("batch", PARTIES, "--list", SAMPLE, "--hide-cleared")
    assert (code, out) == (2, "")
    assert err == (
        "Error: --hide-cleared needs a case store to know which hits are cleared.\n"
        "Hint: Add --cases [PATH] (or set SCREEN_CASES).\n"
    )


def test_tables_show_each_hit_s_decision(db: str) -> None:
    args = ["check", "Sugon", "--list", SAMPLE, "--cases", db, "--format", "table"]
    run(*args)
    run("cases", "clear", "1", "--reason", "OEM", "--by", "ana", "--cases", db)
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, args)
    assert result.exit_code == 0
    assert "case 1 cleared by ana: OEM" in result.stdout
    wide = CliRunner(env={"COLUMNS": "200"})
    batch = wide.invoke(
        cli, ["batch", PARTIES, "--list", SAMPLE, "--cases", db, "--format", "table"]
    )
    assert batch.exit_code == 0
    [sugon] = [line for line in batch.stdout.splitlines() if "Sugon Information" in line]
    assert "match (case 5 open)" in sugon  # another counterparty than check's "Sugon"
