"""Exit codes that hold: usage 2, input/output 3, list 4, row errors 6, 130, 143."""

from __future__ import annotations

import errno
import pathlib
import signal
import sys
from pathlib import Path

import pytest

from .conftest import LIST, batch, screen, subprocess_screen


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "101", "-1"])
@pytest.mark.parametrize("command", ["check", "batch"])
def test_threshold_must_be_a_number_from_0_to_100(command: str, value: str, tmp: Path) -> None:
    target = "Acme" if command == "check" else str(_names(tmp, "Acme"))
    run = screen(command, target, "--list", str(LIST), "--threshold", value)
    assert run.code == 2
    assert "--threshold" in run.err


def _names(tmp: Path, *names: str) -> Path:
    path = tmp / "names.csv"
    path.write_text("name\n" + "".join(f"{n}\n" for n in names))
    return path


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.csv", b""),
        ("empty.tsv", b"\n\n"),
        ("empty.jsonl", b""),
        ("blank.jsonl", b"\n  \n"),
        ("bom.csv", b"\xef\xbb\xbf"),
    ],
)
def test_empty_input_of_any_format_exits_3(tmp: Path, name: str, data: bytes) -> None:
    path = tmp / name
    path.write_bytes(data)
    run = batch(path)
    assert run.code == 3
    assert f"Error: {path} is empty: no header line and no rows." in run.err


def test_empty_stdin_exits_3() -> None:
    run = batch("-", input=b"")
    assert (run.code, run.err.splitlines()[0]) == (
        3,
        "Error: stdin is empty: no header line and no rows.",
    )


def test_empty_xlsx_exits_3(tmp: Path) -> None:
    import xlsxwriter

    path = tmp / "empty.xlsx"
    xlsxwriter.Workbook(str(path)).close()
    run = batch(path)
    assert run.code == 3 and "is empty" in run.err


def test_associates_errors_are_line_numbered(tmp: Path) -> None:
    path = tmp / "associates.csv"
    path.write_text("entity_name,person,role\nSugon,Li Jun,CEO\nSugon,Li, Jun,CEO\n")
    run = screen("check", "Acme", "--list", str(LIST), "--associates", str(path))
    assert run.code == 3
    assert run.err.splitlines() == [
        f"Error: Associates file {path}: line 3: expected 3 fields, found 4.",
        'Hint: Quote fields that contain a comma, e.g. "Li, Jun".',
    ]


def test_associates_broken_quote_is_line_numbered(tmp: Path) -> None:
    path = tmp / "associates.csv"
    path.write_text('entity_name,person,role\n"Sugon,Li Jun,CEO\nSugon,Wang Wei,CTO\n')
    run = screen("check", "Acme", "--list", str(LIST), "--associates", str(path))
    assert (run.code, run.err.splitlines()[0]) == (
        3,
        f"Error: Associates file {path}: line 2: unclosed quote.",
    )


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Reading ``denied`` fails with EACCES (tests run as root, where chmod does not)."""
    real = pathlib.Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.resolve() == denied.resolve():
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)


def test_unreadable_and_missing_list_files_are_both_list_errors(
    tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    denied = tmp / "denied.csv"
    denied.write_text(LIST.read_text())
    _deny(monkeypatch, denied)
    store = tmp / "store"
    imported = screen("lists", "import", str(denied), "--store", str(store))
    missing = screen("lists", "import", str(tmp / "missing.csv"), "--store", str(store))
    checked = screen("check", "Acme", "--list", str(denied))
    assert (imported.code, missing.code, checked.code) == (4, 4, 4)
    assert f"Error: Cannot read list file {denied}: Permission denied." in imported.err
    assert f"{tmp / 'missing.csv'}" in missing.err and "No such file" in missing.err
    assert f"Error: Cannot read list file {denied}: Permission denied." in checked.err


@pytest.mark.skipif(
    sys.platform != "linux" or not Path("/dev/full").exists(), reason="needs /dev/full"
)
def test_disk_full_on_stdout_is_an_output_error_not_internal(tmp: Path) -> None:
    path = tmp / "names.csv"
    path.write_text("name\n" + "Zzyzx Plumbing\n" * 50)
    with open("/dev/full", "wb") as full:
        proc = subprocess_screen("batch", str(path), "--list", str(LIST), stdout=full)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 3
    assert (
        "Error: Cannot write the results to standard output: No space left on device."
        in err.decode()
    )


def test_output_directory_not_writable_is_exit_3(
    tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    run = batch(_names(tmp, "Acme"), "-o", str(tmp / "out.csv"))
    assert run.code == 3
    assert f"Error: Cannot create a file in {str(tmp)!r}: Permission denied." in run.err


def test_invalid_bytes_in_arguments_are_refused_not_written_raw() -> None:
    run = screen("check", "Acme\udcff", "--list", str(LIST), "--format", "json")
    assert run.code == 2 and run.out == ""
    assert "'Acme\\\\xff' holds bytes that are not valid UTF-8" in run.err
    assert screen("check", "Acme", "--address", "\udcc3(", "--list", str(LIST)).code == 2


def test_empty_name_after_normalization_is_a_usage_error_in_check() -> None:
    for name in ("!!!", "\U0001f642", "  ", "-- ."):
        run = screen("check", name, "--list", str(LIST))
        assert run.code == 2, name


def test_snapshot_name_with_a_trailing_newline_is_refused(tmp: Path) -> None:
    run = screen("lists", "import", str(LIST), "--name", "good\n", "--store", str(tmp))
    assert run.code == 4
    assert "Error: Invalid snapshot name 'good\\n'." in run.err
    assert not any(tmp.iterdir()) if tmp.exists() else True


def _signal_when_running(args: list[str], sig: signal.Signals, tmp: Path) -> tuple[int, str]:
    """Start ``screen ARGS``, wait until it is screening (its columns line is out and
    its temp output file exists), send ``sig``; (exit code, stderr)."""
    proc = subprocess_screen(*args)
    assert proc.stderr is not None
    first = proc.stderr.readline().decode()
    assert first.startswith("Columns used:"), first
    assert [p for p in tmp.iterdir() if p.name.endswith(".tmp")]  # the partial output
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, first + err.decode()


def _big_input(tmp: Path) -> Path:
    path = tmp / "many.csv"
    path.write_text("name,country\n" + "".join(f"Company {i} Trading,US\n" for i in range(200_000)))
    return path


def test_ctrl_c_exits_130_quietly(tmp: Path) -> None:
    out = tmp / "out.csv"
    code, err = _signal_when_running(
        ["batch", str(_big_input(tmp)), "--list", str(LIST), "-o", str(out), "--workers", "1"],
        signal.SIGINT,
        tmp,
    )
    assert (code, err.splitlines()[-1]) == (130, "Interrupted.")
    assert "Traceback" not in err
    assert list(tmp.iterdir()) == [tmp / "many.csv"]  # no temp file, no partial output


def test_sigterm_exits_143_and_removes_the_temp_file(tmp: Path) -> None:
    out = tmp / "out.csv"
    code, err = _signal_when_running(
        ["batch", str(_big_input(tmp)), "--list", str(LIST), "-o", str(out), "--workers", "2"],
        signal.SIGTERM,
        tmp,
    )
    assert code == 143 and "Traceback" not in err
    assert list(tmp.iterdir()) == [tmp / "many.csv"]


def test_ctrl_c_while_the_cli_is_imported_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import builtins

    import screen.__main__ as entry

    real_import = builtins.__import__

    def interrupted(name: str, *args: object, **kwargs: object) -> object:
        if name == "screen.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", interrupted)
    handler = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as exit_:
            entry.run()
    finally:
        signal.signal(signal.SIGINT, handler)
    assert exit_.value.code == 130
    assert capsys.readouterr().err == "Interrupted.\n"
