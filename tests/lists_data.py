"""Small list files for the store tests, written on the fly (no real data)."""

from __future__ import annotations

from pathlib import Path

MINI = Path(__file__).parent / "data" / "mini_csl.csv"
SOURCES = [
    "Entity List (EL) - Bureau of Industry and Security",
    "Specially Designated Nationals (SDN) - Treasury Department",
    "Denied Persons List (DPL) - Bureau of Industry and Security",
    "Unverified List (UVL) - Bureau of Industry and Security",
    "Military End User (MEU) List - Bureau of Industry and Security",
]


def full_csl(path: Path, start_date: str = "2022-04-01") -> Path:
    """A CSL CSV with one row from each of five source lists (a "full" export)."""
    header, first = MINI.read_text(encoding="utf-8").splitlines()[:2]
    rows = [header]
    names = [
        "Huawei Technologies Co., Ltd.",
        "Blue Ship LLC",
        "Red Trading",
        "Gamma Labs",
        "Delta Aero",
    ]
    for i, (source, name) in enumerate(zip(SOURCES, names, strict=True)):
        cells = first.split('","')
        cells[0], cells[1], cells[5], cells[9] = f'"x{i}', source, name, start_date
        rows.append('","'.join(cells))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def internal_list(path: Path, n: int = 1) -> Path:
    """An internal list CSV with ``n`` made-up names."""
    lines = ["name,country"] + [f"Internal Block {i} Co,CN" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
