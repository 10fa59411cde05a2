"""One local[2] SparkSession for the Spark tests; skipped, with the reason, without Java."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest


def _why_not() -> str | None:
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as err:
        return f"pyspark/pyarrow not installed ({err.name}): pip install -e '.[test,spark]'"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "Java not found (no java on PATH, no JAVA_HOME): Spark needs Java 17"
    return None


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local[2] session bound to 127.0.0.1, its workers on this interpreter."""
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    import warnings

    from pyspark.sql import SparkSession

    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("screen-tests")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.log.level", "ERROR")
        .getOrCreate()
    )
    yield session
    session.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """pyspark warns about pandas 3 (which these tests show it handles); keep the log clean."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(
                pytest.mark.filterwarnings(
                    "ignore:PySpark does not yet fully support pandas:FutureWarning"
                )
            )
            item.add_marker(pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"))
