"""Fixtures for the CLI tests."""

from __future__ import annotations

import click
import pytest

from screen.cli import cli as screen_cli


@pytest.fixture(scope="session")
def cli() -> click.Group:
    """The ``screen`` command group."""
    return screen_cli
