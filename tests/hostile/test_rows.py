"""No row is lost: broken quotes, stray quotes, ragged rows, and --fail-on-error."""

from __future__ import annotations

from pathlib import Path

from .conftest import batch, rows

SWALLOW = (
    'name,country\n"Acme Trading,US\nHuawei Technologies Co Ltd,CN\n'
    'Pipe 12" Supply,US\nZzyzx Plumbing,US\n'
)


def test_unclosed_quote_does_not_swallow_the_rows_after_it(tmp: Path) -> None:
    path = tmp / "swallow.csv"
    path.write_text(SWALLOW)
    run = batch(path, "--fail-on-hit", "review")
    assert rows(run) == [
        (2, "Acme Trading,US", "line 2: unbalanced quote"),
        (3, "Huawei Technologies Co Ltd", None),
        (4, 'Pipe 12" Supply', None),
        (5, "Zzyzx Plumbing", None),
    ]
    assert "Warning: line 4: stray quote kept as text" in run.err
    assert "Screened 4 rows" in run.err and "1 with errors" in run.err


def test_same_in_tsv(tmp: Path) -> None:
    path = tmp / "swallow.tsv"
    path.write_text(SWALLOW.replace(",", "\t"))
    assert [r[0] for r in rows(batch(path))] == [2, 3, 4, 5]
    assert rows(batch(path))[0][2] == "line 2: unbalanced quote"


def test_quote_that_does_not_end_its_field_is_text(tmp: Path) -> None:
    path = tmp / "trailing.csv"
    path.write_text('name,country\n"Quoted"Trailing Co,US\n')
    run = batch(path)
    assert rows(run) == [(2, '"Quoted"Trailing Co', None)]
    assert "Warning: line 2: stray quote kept as text" in run.err


def test_ragged_rows_and_bad_bytes_are_rows_with_errors(tmp: Path) -> None:
    path = tmp / "ragged.csv"
    path.write_bytes(b"name,country\nA Co,US,extra\nB Co\nCaf\xe9 Co,FR\nZzyzx Plumbing,US\n")
    assert rows(batch(path)) == [
        (2, "A Co", "line 2: expected 2 fields, found 3"),
        (3, "B Co", "line 3: expected 2 fields, found 1"),
        (4, "Caf\ufffd Co", "line 4: not valid UTF-8 (use --encoding)"),
        (5, "Zzyzx Plumbing", None),
    ]


def test_fail_on_error_exits_6_when_rows_were_not_screened(tmp: Path) -> None:
    path = tmp / "gate.csv"
    path.write_text('name,country\n"Broken,US\nZzyzx Plumbing,US\n!!!,US\n')
    assert batch(path).code == 0  # without the flag, errors are only counted
    run = batch(path, "--fail-on-error")
    assert run.code == 6
    assert [r[2] for r in rows(run)] == [
        "line 2: unclosed quote",
        None,
        "line 4: name '!!!' has no letters or digits to match on (column 'name')",
    ]


def test_fail_on_error_clean_file_exits_0(tmp: Path) -> None:
    path = tmp / "clean.csv"
    path.write_text("name\nZzyzx Plumbing\n")
    assert batch(path, "--fail-on-error").code == 0


def test_a_hit_still_exits_1_when_rows_also_failed(tmp: Path) -> None:
    path = tmp / "both.csv"
    path.write_text('name\nSugon\n"Broken\n')
    assert batch(path, "--fail-on-error", "--fail-on-hit", "review").code == 1


def test_json_names_that_are_not_text_are_row_errors(tmp: Path) -> None:
    path = tmp / "types.jsonl"
    path.write_text(
        '{"name": "Zzyzx Plumbing"}\n{"name": 123}\n{"name": ["Sugon"]}\n'
        '{"name": {"a": 1}}\n{"name": true}\n'
    )
    assert [(r[0], r[2]) for r in rows(batch(path))] == [
        (1, None),
        (2, "line 2: name is a number, not text (column 'name')"),
        (3, "line 3: name is a list, not text (column 'name')"),
        (4, "line 4: name is an object, not text (column 'name')"),
        (5, "line 5: name is true/false, not text (column 'name')"),
    ]


def test_names_of_punctuation_or_emoji_are_row_errors(tmp: Path) -> None:
    path = tmp / "symbols.csv"
    path.write_text("name\n!!!\n\U0001f642\U0001f642\n--- / ---\nZzyzx Plumbing\n")
    assert [r[2] for r in rows(batch(path))] == [
        "line 2: name '!!!' has no letters or digits to match on (column 'name')",
        "line 3: name '\U0001f642\U0001f642' has no letters or digits to match on (column 'name')",
        "line 4: name '--- / ---' has no letters or digits to match on (column 'name')",
        None,
    ]


def test_lone_surrogate_escape_in_json_is_a_row_error_not_raw_bytes(tmp: Path) -> None:
    path = tmp / "surrogate.jsonl"
    path.write_text('{"name": "Acme \\udcff Co"}\n{"name": "\\ud83d\\ude42 Smile Co"}\n')
    run = batch(path)
    assert rows(run) == [
        (1, "", "line 1: not valid Unicode (a lone surrogate escape)"),
        (2, "\U0001f642 Smile Co", None),  # a proper pair is fine
    ]
    run.out.encode("utf-8")  # all of stdout is valid UTF-8
