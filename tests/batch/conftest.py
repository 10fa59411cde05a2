"""Fixtures for batch tests: a tiny hand-made list and a Screener over it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

LIST_CSV = """\
name,aliases,addresses,country
Huawei Technologies Co. Ltd.,Huawei,"Bantian, Longgang District, Shenzhen",CN
Hangzhou Hikvision Digital Technology Co. Ltd.,Hikvision,"No. 555 Qianmo Road, Hangzhou",CN
Nettrix Information Industry Co. Ltd.,Nettrix,"No. 15 Haitai Huake St, Tianjin",CN
"""


@pytest.fixture(scope="session")
def list_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny list in the internal-list CSV format."""
    path = tmp_path_factory.mktemp("lists") / "mini_list.csv"
    path.write_text(LIST_CSV, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def screener(list_file: Path) -> Any:
    """A Screener over the tiny list."""
    from screen.match.engine import Screener
    from screen.sources import open_file

    return Screener([open_file(list_file)])
