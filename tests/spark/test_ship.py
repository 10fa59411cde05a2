"""The lists are packed once on the driver and opened once per executor process."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from screen.errors import ListError
from screen.spark import ship
from screen.spark.job import marked, unmarked
from screen.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SAMPLE = EXAMPLES / "entity_list_sample.csv"


def test_prepare_packs_a_file_and_a_snapshot_once(tmp_path: Path) -> None:
    Store(tmp_path).import_file(SAMPLE, name="stored")
    archive, shipped, warnings = ship.prepare(
        [str(SAMPLE), "stored"], tmp_path, EXAMPLES / "associates.csv"
    )
    again = ship.prepare([str(SAMPLE), "stored"], tmp_path, EXAMPLES / "associates.csv")
    assert again[0] == archive  # not rebuilt
    assert shipped.digest == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert archive.name == f"screen-lists-{shipped.digest[:16]}.zip"
    names = zipfile.ZipFile(archive).namelist()
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json"))
    assert manifest == {"lists": list(shipped.lists), "associates": "associates.csv"}
    assert shipped.lists[1] == "stored" and shipped.lists[0].startswith("entity_list_sample")
    assert {f"lists/{n}/meta.json" for n in shipped.lists} <= set(names)
    assert "associates/associates.csv" in names
    assert warnings == []


def test_an_executor_opens_the_lists_once(tmp_path: Path) -> None:
    archive, shipped, _ = ship.prepare([str(SAMPLE)], tmp_path, None)
    zipfile.ZipFile(archive).extractall(tmp_path / "unpacked")
    first = ship.screener(shipped, tmp_path / "unpacked")
    assert ship.screener(shipped, tmp_path / "nowhere") is first  # cached: not reopened
    assert ship.OPENED[shipped.digest] == 1


def test_lists_missing_on_an_executor_are_named(tmp_path: Path) -> None:
    shipped = ship.Shipped("screen-lists-0123456789abcdef.zip", "0123", ("csl-2022-05",))
    with pytest.raises(ListError) as err:
        ship.screener(shipped, tmp_path / "gone")
    assert err.value.message == (
        "The lists csl-2022-05 (archive screen-lists-0123456789abcdef.zip) are not on this "
        f"executor: {tmp_path / 'gone'} does not exist or holds no manifest.json."
    )
    again = unmarked(RuntimeError(f"Traceback ...\nRuntimeError: {marked(err.value)}\n"))
    assert isinstance(again, ListError) and again.exit_code == 4
    assert (again.message, again.hint) == (err.value.message, err.value.hint)
    assert unmarked(RuntimeError("something else")) is None


def test_unknown_snapshot_and_empty_store_fail_on_the_driver(tmp_path: Path) -> None:
    with pytest.raises(ListError, match="No snapshot named 'nope' in the store"):
        ship.prepare(["nope"], tmp_path, None)
    with pytest.raises(ListError, match="holds no snapshot"):
        ship.prepare([], tmp_path / "empty", None)
