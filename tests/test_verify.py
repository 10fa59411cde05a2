"""Tampering with a snapshot is found: a list error naming the file, never a silent result."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from lists_data import full_csl

from screen.cli import cli
from screen.errors import EXIT_LIST, ListError
from screen.store import Store


def _run(store: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, [*args], env={"SCREEN_LISTS_DIR": str(store)})


@pytest.fixture
def store(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    Store(root).import_file(full_csl(tmp_path / "csl.csv"), name="csl")
    return root


def _check(store: Path) -> Any:
    return _run(
        store,
        "check",
        "Huawei Technologies Co., Ltd.",
        "--list",
        "csl",
        "--fail-on-hit",
        "match",
        "--format",
        "json",
    )


def test_intact_snapshot_verifies_and_hits(store: Path) -> None:
    result = _run(store, "lists", "verify")
    assert result.exit_code == 0 and result.stdout == "ok       csl\n"
    assert _check(store).exit_code == 1  # the hit reached --fail-on-hit


def test_deleted_entries_are_found(store: Path) -> None:
    path = store / "csl" / "entries.jsonl"
    path.write_bytes(path.read_bytes().split(b"\n", 1)[1])  # the Huawei line is gone
    result = _check(store)
    assert result.exit_code == EXIT_LIST
    assert f"{path} has" in result.stderr and "meta.json records" in result.stderr
    assert result.stdout == ""


def test_same_size_edit_of_entries_is_found(store: Path) -> None:
    path = store / "csl" / "entries.jsonl"
    path.write_bytes(path.read_bytes().replace(b"Huawei", b"Hoowei"))
    result = _check(store)
    assert result.exit_code == EXIT_LIST and result.stdout == ""
    assert f"{path} does not match the size and hash recorded in meta.json" in result.stderr
    verify = _run(store, "lists", "verify", "csl")
    assert verify.exit_code == EXIT_LIST and verify.stdout == "DAMAGED  csl\n"
    assert str(path) in verify.stderr


def test_index_edited_to_hide_a_name_is_found(store: Path) -> None:
    [index] = (store / "csl").glob("index-*.bin")
    index.write_bytes(index.read_bytes().replace(b"huawei", b"xxxxxx"))
    result = _check(store)
    assert result.exit_code == EXIT_LIST and result.stdout == ""
    assert f"{index} does not match the size and hash recorded in meta.json" in result.stderr


def test_an_intact_index_of_other_entries_is_rebuilt_not_refused(
    store: Path, tmp_path: Path
) -> None:
    """Another snapshot's index under this one's name, recorded in its meta.json (so it
    is intact as recorded): built from other entries, so it is rebuilt, and used never."""
    from screen.store_io import file_record

    Store(store).import_file(full_csl(tmp_path / "other.csv", "2023-01-01"), name="other")
    [mine] = (store / "csl").glob("index-*.bin")
    [theirs] = (store / "other").glob("index-*.bin")
    mine.write_bytes(theirs.read_bytes())
    meta_path = store / "csl" / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["files"][mine.name] = file_record(mine)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    result = _check(store)
    assert result.exit_code == 1 and "Huawei" in result.stdout  # a hit: screened, exit 1
    assert mine.read_bytes() != theirs.read_bytes()  # rebuilt for these entries
    assert _run(store, "lists", "verify", "csl").exit_code == 0


def test_planted_pickle_is_never_loaded(store: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[Any, tuple[str]]:
            return (marker.write_text, ("ran",))

    payload = pickle.dumps(Evil())
    for name in ("index-v8.pkl", "index-v1.pkl"):
        (store / "csl" / name).write_bytes(payload)
    [index] = (store / "csl").glob("index-*.bin")
    index.with_name(index.name + ".pkl").write_bytes(payload)
    assert _check(store).exit_code == 1 and not marker.exists()
    verify = _run(store, "lists", "verify", "csl")
    assert verify.exit_code == EXIT_LIST and "index-v8.pkl is not recorded" in verify.stderr


def test_pickle_bytes_in_place_of_the_index_are_refused(store: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    [index] = (store / "csl").glob("index-*.bin")
    index.write_bytes(pickle.dumps((marker.write_text, ("ran",))))
    result = _check(store)
    assert result.exit_code == EXIT_LIST and not marker.exists() and str(index) in result.stderr


def test_unrecorded_index_file_is_refused(store: Path) -> None:
    [index] = (store / "csl").glob("index-*.bin")
    meta_path = store / "csl" / "meta.json"
    meta = json.loads(meta_path.read_text())
    del meta["files"][index.name]
    meta_path.write_text(json.dumps(meta))
    result = _check(store)
    assert result.exit_code == EXIT_LIST and "is not recorded in meta.json" in result.stderr


def test_missing_index_is_rebuilt_from_the_verified_entries(store: Path) -> None:
    [index] = (store / "csl").glob("index-*.bin")
    index.unlink()
    assert _check(store).exit_code == 1
    assert index.is_file() and _run(store, "lists", "verify").exit_code == 0


@pytest.mark.parametrize("damage", ["{not json", "", '{"name": "csl"}'])
def test_damaged_meta_is_skipped_not_fatal(store: Path, tmp_path: Path, damage: str) -> None:
    Store(store).import_file(full_csl(tmp_path / "other.csv", "2023-01-01"), name="other")
    (store / "other" / "meta.json").write_text(damage)
    ls = _run(store, "lists", "ls")
    assert ls.exit_code == 0 and ls.stdout.splitlines()[1].startswith("csl ")
    assert "skipped a damaged snapshot: Snapshot 'other' is damaged" in ls.stderr
    default = _run(store, "check", "Huawei Technologies Co., Ltd.", "--format", "json")
    assert default.exit_code == 0 and "screening against csl" in default.stderr
    assert "skipped 1 damaged snapshot(s)" in default.stderr and ": other (" in default.stderr
    imported = _run(store, "lists", "import", str(full_csl(tmp_path / "new.csv", "2021-01-01")))
    assert imported.exit_code == 0
    named = _run(store, "check", "x", "--list", "other")
    assert named.exit_code == EXIT_LIST and "other/meta.json" in named.stderr
    assert _run(store, "lists", "rm", "other").exit_code == 0
    assert not (store / "other").exists()


def _cut_blocks(meta: dict[str, Any]) -> None:
    meta["files"]["entries.jsonl"]["block_sha256"] = meta["files"]["entries.jsonl"]["block_sha256"][
        :1
    ]


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (lambda m: m.update(files=None), "field 'files'"),
        (lambda m: m.update(as_of=5), "field 'as_of'"),
        (lambda m: m.update(as_of="May 2023"), "field 'as_of'"),
        (lambda m: m.update(counts="abc"), "field 'counts'"),
        (lambda m: m.update(entry_count="many"), "field 'entry_count'"),
        (lambda m: m.update(entry_count=True), "field 'entry_count'"),
        (lambda m: m.update(warnings=[1]), "field 'warnings'"),
        (lambda m: m["files"]["entries.idx"].update(size=-1), "field 'files'"),
        (lambda m: m["files"]["entries.idx"].update(sha256="abc"), "field 'files'"),
        (lambda m: m.update(extra=1), "unknown field 'extra'"),
        (lambda m: m.pop("content_hash"), "field 'content_hash' is missing"),
        (lambda m: m.update(name="csl"), "names another snapshot, 'csl'"),
        (_cut_blocks, "1 block hashes recorded where"),
        (lambda m: None, ""),  # untouched: read as before
    ],
)
def test_meta_with_a_field_of_the_wrong_type_is_damaged_not_fatal(
    store: Path, tmp_path: Path, edit: Any, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("screen.entries_file.BLOCK", 2)  # blocks enough to cut their hashes
    Store(store).import_file(full_csl(tmp_path / "other.csv", "2023-01-01"), name="other")
    path = store / "other" / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    edit(meta)
    path.write_text(json.dumps(meta), encoding="utf-8")
    ls = _run(store, "lists", "ls")
    show = _run(store, "lists", "show", "other")
    verify = _run(store, "lists", "verify", "other")
    default = _run(store, "check", "Huawei Technologies Co., Ltd.", "--format", "json")
    if not named:
        assert (ls.exit_code, show.exit_code, verify.exit_code) == (0, 0, 0)
        assert "other" in ls.stdout and "screening against other" in default.stderr
        return
    assert ls.exit_code == 0 and ls.stdout.splitlines()[1].startswith("csl ")
    assert "skipped a damaged snapshot: Snapshot 'other' is damaged" in ls.stderr
    assert named in ls.stderr
    assert (show.exit_code, verify.exit_code) == (EXIT_LIST, EXIT_LIST)
    assert named in show.stderr and named in verify.stderr
    assert default.exit_code == 0 and "screening against csl" in default.stderr


def test_truncated_offsets_file_is_found(store: Path) -> None:
    path = store / "csl" / "entries.idx"
    path.write_bytes(path.read_bytes()[:-8])
    result = _check(store)
    assert result.exit_code == EXIT_LIST and str(path) in result.stderr


def test_library_raises_list_error_too(store: Path) -> None:
    import screen

    (store / "csl" / "entries.idx").unlink()
    with pytest.raises(screen.ScreenError, match=r"entries\.idx is missing"):
        screen.check("Huawei", lists=["csl"], store_dir=store)
    assert isinstance(cli, click.Group)


def test_entries_are_checked_block_by_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large entries file is not read whole for a few hits: each block read is checked."""
    monkeypatch.setattr("screen.entries_file.BLOCK", 2)
    monkeypatch.setattr("screen.store.SMALL_FILE", 0)  # as if entries.jsonl were large
    root = tmp_path / "store"
    Store(root).import_file(full_csl(tmp_path / "csl.csv"), name="csl")
    path = root / "csl" / "entries.jsonl"
    path.write_bytes(path.read_bytes().replace(b"Delta Aero", b"Delta Aere"))
    snapshot = Store(root).open("csl")
    assert snapshot.entries[0].name == "Huawei Technologies Co., Ltd."  # block 1 is intact
    with pytest.raises(ListError, match="records for entries 5-6"):
        snapshot.entries[4]
    assert _run(root, "lists", "verify", "csl").exit_code == EXIT_LIST
