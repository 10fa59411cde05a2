"""The HTML report: parsed back, its sections, rows and cells are what the results say."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from screen.errors import InputError
from screen.report_html import load_results, render_report

META = {
    "screened_at": "2026-07-10T02:00:00+00:00",
    "tool_version": "0.1.0",
    "snapshots": [
        {
            "name": "el-2026-07",
            "kind": "snapshot",
            "content_hash": "ab" * 32,
            "as_of": "2025-10-09",
            "path": "x.json",
        }
    ],
    "threshold": 50.0,
}
HIT = {
    "entity_id": "EL-1",
    "name": "Sugon",
    "matched_name": "Shuguang",
    "source": "EL",
    "list": "el-2026-07",
    "score": 74.9,
    "tier": "strong link",
    "reasons": [{"feature": "address_match", "score": 100.0, "detail": "same building"}],
    "case": {"id": 4, "status": "cleared", "by": "ana", "at": "2026-07-01", "reason": "OEM"},
}
ROWS = [
    {"line": 2, "input": {"name": "Nettrix <b>Ltd</b>"}, "hits": [HIT], "error": None},
    {"line": 3, "input": {"name": "Acme"}, "hits": [], "error": None},
    {"line": 4, "input": {"name": ""}, "hits": [], "error": "line 4: no name (column 'name')"},
]


class Cells(HTMLParser):
    """Text of every table cell, by the id of the section (h2) it is under."""

    def __init__(self) -> None:
        super().__init__()
        self.section = ""
        self.cells: dict[str, list[str]] = {}
        self.tags: list[str] = []
        self._cell: list[str] | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "h2":
            self.section = dict(attrs).get("id") or ""
        if tag in ("td", "th"):
            self.depth += 1
            if self.depth == 1:
                self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.depth -= 1
            if self.depth == 0 and self._cell is not None:
                self.cells.setdefault(self.section, []).append(
                    " ".join(" ".join(self._cell).split())
                )
                self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def write(tmp_path: Path, lines: list[dict[str, object]]) -> Path:
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def parse(html: str) -> Cells:
    cells = Cells()
    cells.feed(html)
    return cells


def test_report_sections_counts_and_hits(tmp_path: Path) -> None:
    html = render_report(load_results(write(tmp_path, [{"meta": META}, *ROWS])))
    cells = parse(html)
    assert cells.tags[:1] == ["html"] and "script" not in cells.tags and "link" not in cells.tags
    assert cells.cells["provenance"][:6] == [
        "screened at",
        "2026-07-10T02:00:00+00:00",
        "tool version",
        "0.1.0",
        "threshold",
        "50.0 (0-100)",
    ]
    assert "ab" * 32 in cells.cells["provenance"]
    counts = cells.cells["counts"]
    assert counts[:6] == ["rows", "3", "rows with hits", "1", "rows with errors", "1"]
    assert counts[counts.index("strong link") :][:3] == ["strong link", "1", "1"]
    assert counts[counts.index("cleared") :][:2] == ["cleared", "1"]
    hit = cells.cells["hits"][8:]
    assert hit[0] == "2"
    assert hit[1] == "Nettrix <b>Ltd</b>"  # escaped, shown as text
    assert hit[3:5] == ["74.9", "strong link"]
    assert hit[5] == "address_match 100.0 same building"
    assert hit[6] == "address_match 100.0"  # no breakdown yet: the reasons' scores
    assert hit[7] == "case 4: cleared by ana at 2026-07-01 OEM"
    assert cells.cells["errors"][2:] == ["4", "line 4: no name (column 'name')"]


def test_a_breakdown_dict_is_shown_when_results_carry_one(tmp_path: Path) -> None:
    row = {**ROWS[0], "hits": [{**HIT, "breakdown": {"name": 0.32, "address": 0.7}}]}
    cells = parse(render_report(load_results(write(tmp_path, [row]))))
    assert cells.cells["hits"][8 + 6] == "name 0.32 address 0.7"


def test_without_meta_the_report_says_so(tmp_path: Path) -> None:
    html = render_report(load_results(write(tmp_path, ROWS)))
    assert "carry no provenance line" in html


def test_check_json_lines_make_a_report_too(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from screen.cli import cli

    sample = Path(__file__).parents[1] / "examples" / "entity_list_sample.csv"
    results = tmp_path / "check.jsonl"
    args = ["check", "Hik Vision", "--list", str(sample), "--format", "jsonl", "--meta"]
    code = CliRunner().invoke(cli, [*args, "-o", str(results)]).exit_code
    assert code == 0
    loaded = load_results(results)
    assert loaded.meta is not None and loaded.meta["snapshots"][0]["name"] == sample.name
    assert [(r["input"]["name"], len(r["hits"])) for r in loaded.rows] == [("Hik Vision", 1)]
    assert parse(render_report(loaded)).cells["hits"][8:11] == [
        "1",
        "Hik Vision",
        "Hangzhou Hikvision Digital Technology Co., Ltd. matched: Hikvision "
        f"Entity List (hand-made example) · id EX-HIKVISION · list {sample.name} "
        "· FR 84 FR 54002, 10/9/19",
    ]


def test_not_results_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"a": 1}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1: not a screening result"):
        load_results(path)
