"""``screen lists ...`` through click's CliRunner: exit codes and key output lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import click
from click.testing import CliRunner

MINI = Path(__file__).parents[1] / "data" / "mini_csl.csv"


def run(cli: Any, store: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["lists", *args, "--store", str(store)])


def test_import_ls_show(cli: Any, tmp_path: Path) -> None:
    result = run(cli, tmp_path, "import", str(MINI))
    assert result.exit_code == 0, result.output
    assert (
        "Stored snapshot mini_csl_2020-05-01: 3 entries, list date 2020-05-01, format csl-csv."
    ) in result.stdout
    ls = run(cli, tmp_path, "ls")
    assert ls.exit_code == 0
    lines = ls.stdout.splitlines()
    assert lines[0].split() == ["NAME", "LIST", "DATE", "IMPORTED", "ROWS", "SOURCES"]
    assert lines[1].startswith("mini_csl_2020-05-01  2020-05-01")
    assert lines[1].endswith("3     EL=2, SDN=1")
    data = json.loads(run(cli, tmp_path, "ls", "--format", "json").stdout)
    assert data[0]["entry_count"] == 3
    show = run(cli, tmp_path, "show", "mini_csl_2020-05-01")
    assert "entry_count:  3" in show.stdout
    assert "Entity List (EL) - Bureau of Industry and Security          2" in show.stdout


def test_errors_and_exit_codes(cli: Any, tmp_path: Path) -> None:
    missing = run(cli, tmp_path, "show", "nope")
    assert missing.exit_code == 4
    assert "Error: No snapshot named 'nope'" in missing.stderr
    bad_date = run(cli, tmp_path, "import", str(MINI), "--as-of", "May 1")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr
    run(cli, tmp_path, "import", str(MINI), "--name", "a")
    again = run(cli, tmp_path, "import", str(MINI), "--name", "a")
    assert again.exit_code == 4 and "already stored" in again.stderr
    down = run(cli, tmp_path, "update", "--url", "http://127.0.0.1:9/x.csv", "--timeout", "2")
    assert down.exit_code == 5 and down.stderr.startswith("Downloading")


def test_partial_flag(cli: Any, tmp_path: Path, real_data: Path) -> None:
    path = str(real_data / "csl/csl_partial_2023-11_watchman.csv")
    failed = run(cli, tmp_path, "import", path)
    assert failed.exit_code == 4 and "--allow-partial" in failed.stderr
    ok = run(cli, tmp_path, "import", path, "--allow-partial")
    assert (
        ok.exit_code == 0
        and "Warning: csl_partial_2023-11_watchman.csv: skipped line 2" in ok.stderr
    )


def test_diff(cli: Any, tmp_path: Path) -> None:
    changed = tmp_path / "new.csv"
    changed.write_text(
        MINI.read_text()
        .replace("Presumption of denial.", "Case-by-case.")
        .replace('"e2"', '"e3"')
        .replace("Acme Trading", "Zeta Trading")
    )
    run(cli, tmp_path, "import", str(MINI), "--name", "old")
    run(cli, tmp_path, "import", str(changed), "--name", "new")
    result = run(cli, tmp_path, "diff", "old", "new")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "added: 1  removed: 1  changed: 1  unchanged: 1"
    assert "+ Zeta Trading Co., Ltd. [e3]" in lines
    assert "- Acme Trading Co., Ltd. [e2]" in lines
    assert "~ Sugon [e1]: license_policy" in lines
    js = json.loads(run(cli, tmp_path, "diff", "old", "new", "--format", "json").stdout)
    assert js["summary"] == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1}


def test_help_lists_commands_without_importing_them() -> None:
    """``screen --help`` shows each command's own first help line, from a static table."""
    from startup import imported_after

    from screen.cli import COMMANDS, cli

    for name, (_module, _attr, line) in COMMANDS.items():
        command = cli.get_command(click.Context(cli), name)
        assert command is not None and (command.help or "").split("\n")[0] == line
    for flag in ("--help", "--version"):  # nor the matcher's types and policy
        code = (
            "import screen.cli; from click.testing import CliRunner; "
            f"CliRunner().invoke(screen.cli.cli, [{flag!r}])"
        )
        modules = ("numpy", "pandas", "pypinyin", "rich", "screen.match.engine")
        modules += ("screen.match.types", "screen.match.policy", "screen.model")
        assert imported_after(code, modules) == ([], ""), flag


class _Bar:
    """Stands in for ImportProgress: records how it was made and the phases it saw."""

    made: ClassVar[list[tuple[str, bool]]] = []
    phases: ClassVar[list[str]] = []

    def __init__(self, label: str, enabled: bool) -> None:
        _Bar.made.append((label, enabled))

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        _Bar.phases.append("(closed)")

    def step(self, phase: str) -> None:
        _Bar.phases.append(phase)


def test_import_drives_the_progress_bar_through_every_phase(
    cli: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    import screen.import_progress as progress

    monkeypatch.setattr(progress, "ImportProgress", _Bar)
    monkeypatch.setattr(_Bar, "made", [])
    monkeypatch.setattr(_Bar, "phases", [])
    result = run(cli, tmp_path, "import", str(MINI))
    assert result.exit_code == 0, result.output
    assert _Bar.made == [("mini_csl.csv", False)]  # CliRunner's stderr is no terminal
    assert _Bar.phases == [*progress.PHASES, "(closed)"]


def test_the_progress_bar_draws_on_a_terminal_only() -> None:
    import io

    from rich.console import Console

    from screen.import_progress import PHASES, ImportProgress

    off = ImportProgress("x.csv", enabled=False)
    with off:
        off.step(PHASES[0])  # a no-op
    screen_out = io.StringIO()
    terminal = Console(file=screen_out, force_terminal=True, width=100)
    with ImportProgress("x.csv", enabled=True, console=terminal) as on:
        for phase in PHASES:
            on.step(phase)
        assert on._progress is not None
        on._progress.refresh()
    assert "Importing x.csv" in screen_out.getvalue()
    assert f"{PHASES[-1]} " in screen_out.getvalue()  # the phase under way, drawn


def test_rm_refuses_a_directory_that_is_no_snapshot(cli: Any, tmp_path: Path) -> None:
    run(cli, tmp_path, "import", str(MINI), "--name", "mini")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("keep me")
    refused = run(cli, tmp_path, "rm", "notes")
    assert refused.exit_code == 4
    assert f"{tmp_path / 'notes'} is not a snapshot" in refused.stderr
    assert (tmp_path / "notes" / "todo.txt").read_text() == "keep me"
    damaged = tmp_path / "mini" / "meta.json"
    damaged.write_text("{not json")  # a damaged snapshot is still removed
    assert run(cli, tmp_path, "rm", "mini").exit_code == 0
    assert not (tmp_path / "mini").exists()


def test_removing_the_pinned_default_says_it_is_unpinned(cli: Any, tmp_path: Path) -> None:
    run(cli, tmp_path, "import", str(MINI), "--name", "a")
    run(cli, tmp_path, "import", str(MINI), "--name", "b", "--as-of", "2020-06-01")
    assert run(cli, tmp_path, "default", "a").stdout == "a\n"
    removed = run(cli, tmp_path, "rm", "a")
    assert removed.exit_code == 0
    assert removed.stderr == (
        "Removed snapshot a.\na was the pinned default: no default is pinned now.\n"
    )
    assert "was the pinned default" not in run(cli, tmp_path, "rm", "b").stderr


def test_default_takes_a_name_or_unset_not_both(cli: Any, tmp_path: Path) -> None:
    run(cli, tmp_path, "import", str(MINI), "--name", "a")
    both = run(cli, tmp_path, "default", "a", "--unset")
    assert both.exit_code == 2 and "not both" in both.stderr
    assert not (tmp_path / ".default").exists()
