"""Which list is screened: the default rule, SCREEN_LISTS_DIR, and list files by path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lists_data import MINI, full_csl, internal_list

import screen
from screen.cli import cli
from screen.errors import ListError
from screen.sources import choose_default, resolve_lists
from screen.store import Store


def test_a_small_internal_list_never_replaces_the_full_csl(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.import_file(full_csl(tmp_path / "csl.csv", "2022-04-01"), name="csl")
    store.import_file(internal_list(tmp_path / "int.csv"), name="internal", as_of="2030-01-01")
    meta, why = choose_default(store)
    assert (meta.name, why) == ("csl", "the newest full Consolidated Screening List snapshot")
    store.import_file(full_csl(tmp_path / "csl2.csv", "2023-04-01"), name="csl2")
    assert choose_default(store)[0].name == "csl2"
    store.pin("internal")
    assert choose_default(store) == (store.meta("internal"), "the pinned default")
    store.pin(None)
    assert choose_default(store)[0].name == "csl2"


def test_cli_says_which_snapshot_it_chose(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.import_file(full_csl(tmp_path / "csl.csv"), name="csl")
    store.import_file(internal_list(tmp_path / "int.csv"), name="internal", as_of="2030-01-01")
    env = {"SCREEN_LISTS_DIR": str(tmp_path)}
    result = CliRunner().invoke(
        cli,
        ["check", "Huawei Technologies Co., Ltd.", "--format", "json", "--fail-on-hit", "match"],
        env=env,
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Warning: no --list given: screening against csl (the newest full Consolidated "
        "Screening List snapshot; pin another with `screen lists default NAME`)\n"
    )
    pinned = CliRunner().invoke(cli, ["lists", "default", "internal"], env=env)
    assert (pinned.exit_code, pinned.stdout, pinned.stderr) == (
        0,
        "internal\n",
        "(the pinned default)\n",
    )


def test_several_snapshots_and_no_full_csl_is_an_error(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.import_file(MINI, name="mini")
    store.import_file(internal_list(tmp_path / "int.csv"), name="internal")
    with pytest.raises(ListError, match="none of the snapshots") as err:
        resolve_lists([], tmp_path)
    assert "screen lists default NAME" in err.value.hint
    store.pin("mini")
    assert [s.name for s in resolve_lists([], tmp_path)] == ["mini"]


def test_library_reads_screen_lists_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(tmp_path).import_file(full_csl(tmp_path / "csl.csv"), name="csl")
    monkeypatch.setenv("SCREEN_LISTS_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path.parent)
    hits = screen.check("Huawei Technologies Co., Ltd.")
    assert hits and hits[0].entry.name == "Huawei Technologies Co., Ltd."


def test_list_file_is_cached_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREEN_CACHE_DIR", str(tmp_path / "cache"))
    path = full_csl(tmp_path / "csl.csv")
    [first] = resolve_lists([str(path)], tmp_path / "store")
    [again] = resolve_lists([str(path)], tmp_path / "store")
    assert first.name == again.name == "csl.csv" and first.cache_dir is not None
    [stored] = Store(tmp_path / "cache").list()
    assert stored.source_file == str(path.resolve()) and stored.entry_count == 5
    path.write_text(path.read_text().replace("Gamma Labs", "Gamma Lab"))
    resolve_lists([str(path)], tmp_path / "store")
    assert len(Store(tmp_path / "cache").list()) == 2  # new content, new cache entry
    [uncached] = resolve_lists([str(path)], tmp_path / "store", cache=False)
    assert uncached.cache_dir is None and len(Store(tmp_path / "cache").list()) == 2


@pytest.mark.parametrize("command", ["check", "batch"])
def test_no_cache_flag(tmp_path: Path, command: str) -> None:
    path = full_csl(tmp_path / "csl.csv")
    parties = tmp_path / "parties.csv"
    parties.write_text('name\n"Huawei Technologies Co., Ltd."\n')
    target = "Huawei Technologies Co., Ltd." if command == "check" else str(parties)
    env = {"SCREEN_CACHE_DIR": str(tmp_path / "cache"), "SCREEN_LISTS_DIR": str(tmp_path / "s")}
    args = [command, target, "--list", str(path), "--format", "json"]
    uncached = CliRunner().invoke(cli, [*args, "--no-cache"], env=env)
    assert uncached.exit_code == 0 and not (tmp_path / "cache").exists()
    cached = CliRunner().invoke(cli, args, env=env)
    assert cached.exit_code == 0
    # the same report but for the time it was made (the runs may straddle a second)
    stamp = re.compile(r'"screened_at": "[^"]*"')
    assert stamp.sub("", cached.stdout) == stamp.sub("", uncached.stdout)
    assert '"tier": "match"' in cached.stdout  # a real hit, not an error row
    assert len(Store(tmp_path / "cache").list()) == 1


def test_a_removed_pinned_default_is_an_error_with_a_way_out(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.import_file(MINI, name="mini")
    store.pin("mini")
    (tmp_path / ".default").write_text("gone\n")
    with pytest.raises(ListError, match="pinned default snapshot cannot be used") as err:
        choose_default(store)
    assert "--unset" in err.value.hint
    store.remove("mini")
    assert store.pinned() == "gone"


def test_screening_a_snapshot_loads_only_what_it_needs(tmp_path: Path) -> None:
    """No pandas, pypinyin, pycountry, rich, numpy.ma (np.unique imports it),
    importlib.metadata, multiprocessing (batch's), sqlite3 (the case store's) or anyascii
    (for non-ASCII text) for a JSON check of an ASCII name on a stored snapshot, and no
    entry parsed but the hits'."""
    from startup import imported_after

    Store(tmp_path).import_file(full_csl(tmp_path / "csl.csv"), name="csl")
    code = (
        "from click.testing import CliRunner\n"
        "from screen.cli import cli\n"
        "import screen.entries_file as ef\n"
        "made = []\n"
        "real = ef.entry_from_dict\n"
        "ef.entry_from_dict = lambda d: made.append(d['name']) or real(d)\n"
        f"r = CliRunner().invoke(cli, ['check', 'Blue Ship LLC', '--list', 'csl', '--store', "
        f"{str(tmp_path)!r}, '--format', 'json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(made)\n"
    )
    modules = ("pandas", "pypinyin", "pycountry", "rich", "numpy.ma", "importlib.metadata")
    modules += ("multiprocessing", "sqlite3", "anyascii")
    assert imported_after(code, modules) == ([], "['Blue Ship LLC']")
