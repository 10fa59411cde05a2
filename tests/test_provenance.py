"""Provenance: the lists' hashes, the header, and the hash of what was written."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from screen.provenance import HashingText, run_meta, snapshot_refs, tool_version
from screen.sources import open_file, resolve_lists
from screen.store import Store

MINI = Path(__file__).parent / "data" / "mini_csl.csv"


def test_a_list_file_is_named_with_the_hash_of_its_bytes() -> None:
    [ref] = snapshot_refs([str(MINI)], [open_file(MINI)], Path("unused"))
    assert ref == {
        "name": "mini_csl.csv",
        "kind": "file",
        "path": str(MINI),
        "content_hash": hashlib.sha256(MINI.read_bytes()).hexdigest(),
        "as_of": None,
    }


def test_a_snapshot_and_the_newest_one_carry_the_store_s_hash(tmp_path: Path) -> None:
    meta = Store(tmp_path).import_file(MINI, name="mini")
    for specs in (["mini"], []):  # named, and the default (newest)
        [ref] = snapshot_refs(specs, resolve_lists(specs, tmp_path), tmp_path)
        assert (ref["name"], ref["kind"], ref["content_hash"], ref["as_of"]) == (
            "mini",
            "snapshot",
            meta.content_hash,
            "2020-05-01",
        )


def test_the_header_names_time_version_lists_threshold() -> None:
    meta = run_meta([{"name": "a"}], 50.0, since=[{"name": "b"}], screened_at="T")
    assert meta == {
        "screened_at": "T",
        "tool_version": tool_version(),
        "snapshots": [{"name": "a"}],
        "threshold": 50.0,
        "since": [{"name": "b"}],
    }
    assert "since" not in run_meta([], 50.0)


def test_hashing_text_forwards_and_hashes_utf8() -> None:
    out = io.StringIO()
    stream = HashingText(out)
    stream.write("Sugon, 曙光\n")
    stream.write("x")
    assert out.getvalue() == "Sugon, 曙光\nx"
    assert stream.hexdigest() == hashlib.sha256("Sugon, 曙光\nx".encode()).hexdigest()


def test_the_tool_version_is_the_installed_distribution_s() -> None:
    from importlib.metadata import version

    assert tool_version() == version("screen")
