"""What a piece of code imports, seen from a fresh interpreter (start-up tests)."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Sequence


def imported_after(code: str, modules: Sequence[str]) -> tuple[list[str], str]:
    """Run ``code`` in a fresh interpreter: which of ``modules`` it imported (sorted), and
    what it printed itself (stripped)."""
    probe = f"{code}\nimport sys\nprint(sorted(m for m in {tuple(modules)!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    printed, _, last = out.rstrip("\n").rpartition("\n")
    return ast.literal_eval(last), printed.strip()
