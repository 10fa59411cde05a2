"""The snapshot store: import, list, reopen, immutability, atomicity."""

from __future__ import annotations

from pathlib import Path

import pytest

from screen.errors import ListError
from screen.loaders import load_list
from screen.match.engine import Screener
from screen.store import Store

MINI = Path(__file__).parent / "data" / "mini_csl.csv"


def test_import_and_reopen(tmp_path: Path) -> None:
    store = Store(tmp_path / "lists")
    meta = store.import_file(MINI)
    assert meta.name == "mini_csl_2020-05-01" and meta.as_of == "2020-05-01"
    assert meta.entry_count == 3 and meta.format == "csl-csv"
    assert meta.counts == {
        "Entity List (EL) - Bureau of Industry and Security": 2,
        "Specially Designated Nationals (SDN) - Treasury Department": 1,
    }
    assert len(meta.content_hash) == 64 and meta.imported_at.endswith("+00:00")
    assert [e.name for e in store.entries(meta.name)] == [
        "Sugon",
        "Acme Trading Co., Ltd.",
        "Blue Ship LLC",
    ]
    assert store.meta(meta.name) == meta and store.latest() == meta


def test_same_content_twice_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.import_file(MINI)
    with pytest.raises(ListError, match="already stored as snapshot 'mini_csl_2020-05-01'"):
        store.import_file(MINI)
    other = store.import_file(MINI, name="copy")
    assert any("already stored as snapshot 'mini_csl_2020-05-01'" in w for w in other.warnings)


def test_names_are_immutable(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.import_file(MINI, name="x")
    changed = tmp_path / "changed.csv"
    changed.write_text(MINI.read_text().replace("Blue Ship", "Red Ship"))
    with pytest.raises(ListError, match="already exists; snapshots are immutable"):
        store.import_file(changed, name="x")
    auto = store.import_file(changed, as_of="2020-05-01")
    assert auto.name == "changed_2020-05-01"
    again = tmp_path / "sub" / "changed.csv"
    again.parent.mkdir()
    again.write_text(MINI.read_text().replace("Blue Ship", "Green Ship"))
    assert store.import_file(again).name == "changed_2020-05-01-2"


def test_sorted_by_list_date_and_unknown_name(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.import_file(MINI, name="later", as_of="2024-01-01")
    store.import_file(MINI, name="early", as_of="2001-01-01")
    assert [m.name for m in store.list()] == ["early", "later"]
    with pytest.raises(ListError) as err:
        store.meta("nope")
    assert "Available snapshots: early, later" in err.value.hint


def test_failed_import_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "s")
    bad = tmp_path / "bad.csv"
    bad.write_text("company\nx\n")
    with pytest.raises(ListError):
        store.import_file(bad)
    assert not (tmp_path / "s").exists() or list((tmp_path / "s").iterdir()) == []

    def boom(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("screen.store.os.rename", boom)
    with pytest.raises(ListError, match="No space left"):
        store.import_file(MINI)
    # the store's lock file stays (it is part of the layout); no snapshot or temp dir does
    assert list(store.root.iterdir()) == [store.root / ".lock"] and store.list() == []


def test_unknown_files_in_snapshot_dir_are_fine(tmp_path: Path) -> None:
    store = Store(tmp_path)
    meta = store.import_file(MINI)
    (store.snapshot_dir(meta.name) / "index.cache").write_bytes(b"\0\1")
    assert len(store.entries(meta.name)) == 3


def test_bad_as_of_and_name(tmp_path: Path) -> None:
    with pytest.raises(ListError, match="YYYY-MM-DD"):
        Store(tmp_path).import_file(MINI, as_of="2020-13-01")
    with pytest.raises(ListError, match="Invalid snapshot name"):
        Store(tmp_path).import_file(MINI, name="../evil")


def test_partial_import(real_data: Path, tmp_path: Path) -> None:
    store = Store(tmp_path)
    path = real_data / "csl/csl_partial_2023-11_watchman.csv"
    with pytest.raises(ListError, match="--allow-partial"):
        store.import_file(path)
    meta = store.import_file(path, allow_partial=True)
    assert meta.entry_count == 4226 and len(meta.warnings) == 2


def test_full_csl_reopens_whole_without_rebuilding(real_data: Path, tmp_path: Path) -> None:
    """Reopening reads every entry back and reuses the stored index (no rebuild). How fast
    is measured by bench/bench_import.py ("Store.entries"), not here: no timed asserts."""
    from screen.sources import open_snapshot

    store = Store(tmp_path)
    path = real_data / "csl/csl_consolidated_2022-05_watchman.csv"
    meta = store.import_file(path)
    assert meta.as_of == "2022-04-21" and meta.entry_count == 14159
    entries = store.entries(meta.name)
    assert len(entries) == 14159
    assert [e.id for e in entries] == [e.id for e in load_list(path).entries]
    index_files = sorted(store.snapshot_dir(meta.name).glob("index-*"))
    stamps = [f.stat().st_mtime_ns for f in index_files]
    Screener([open_snapshot(tmp_path, meta.name)])
    assert [f.stat().st_mtime_ns for f in index_files] == stamps and index_files


def test_fast_serializer_matches_to_dict() -> None:
    import json

    from screen.entries_file import _entry_dict
    from screen.entries_file import entry_from_dict as _entry
    from screen.loaders import load_list

    for entry in load_list(MINI).entries:
        assert json.dumps(_entry_dict(entry)) == json.dumps(entry.to_dict())
        assert _entry(json.loads(json.dumps(_entry_dict(entry)))) == entry


def test_list_date_from_the_file_and_absolute_source(tmp_path: Path) -> None:
    import json

    data = {
        "list_id": "bis-entity-list",
        "extracted": "2026-07-09",
        "entities": [
            {
                "name": "Sugon",
                "aliases": [],
                "country": "China",
                "address": "Tianjin",
                "federal_register": "84 FR 29373, 6/24/19",
                "notes": "",
            }
        ],
    }
    path = tmp_path / "el.json"
    path.write_text(json.dumps(data))
    meta = Store(tmp_path / "s").import_file(path)
    assert (meta.as_of, meta.format) == ("2026-07-09", "nsfreg-json")
    assert meta.source_file == str(path.resolve())
    assert set(meta.files) >= {"entries.jsonl", "entries.idx"}
    assert all(len(r["sha256"]) == 64 and r["size"] > 0 for r in meta.files.values())
