"""One family of errors users can act on.

Every error carries a one-paragraph ``message`` (what went wrong, naming the file
and line where there is one), a ``hint`` (what to do about it) and an ``exit_code``.
The CLI catches :class:`ScreenError` in one place, prints ``Error: message`` and
``Hint: hint`` to stderr, and exits with ``exit_code``.

Exit codes (also in the README):

====  =========================================================
0     success (no hit reached the ``--fail-on-hit`` tier)
1     ``--fail-on-hit``: at least one row reached the given tier
2     usage error (bad option or argument)
3     input/output error (a counterparty or associates file cannot be read,
      or the results cannot be written: permission denied, disk full...)
4     list error (a list file or stored snapshot is missing, unreadable or invalid)
5     download error (``screen lists update`` could not fetch a valid file)
6     ``batch --fail-on-error``: some rows could not be screened (their ``error``
      says why); a hit that reached ``--fail-on-hit`` still exits 1
70    internal error (a bug: please report it, rerun with ``--debug``)
130   interrupted (Ctrl-C), at any moment, quietly
141   stdout was closed early (``screen ... | head``), quietly
143   terminated (SIGTERM); a partial ``--output`` file is removed
====  =========================================================

Environment errors (``OSError``: permission denied, no space left, I/O error) are
reported with the path involved and the exit code of what was being accessed: 3
for input and output files, 4 for list files and the snapshot store.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_HIT = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_LIST = 4
EXIT_DOWNLOAD = 5
EXIT_ROW_ERRORS = 6
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
EXIT_TERMINATED = 143


class ScreenError(Exception):
    """Base of every error ``screen`` reports to a user."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\nHint: {self.hint}"


class UsageError(ScreenError):
    """A bad option, argument or combination of them."""

    exit_code = EXIT_USAGE


class InputError(ScreenError):
    """A counterparty file or query that cannot be read."""

    exit_code = EXIT_INPUT


class OutputError(ScreenError):
    """Results that cannot be written (permission denied, disk full, not a regular file)."""

    exit_code = EXIT_INPUT


def os_error_message(err: OSError, action: str = "access", target: str | None = None) -> str:
    """``"Cannot write out.csv: No space left on device."`` from an OSError."""
    if target is None:
        target = repr(err.filename) if err.filename is not None else "a file"
    return f"Cannot {action} {target}: {err.strerror or err}."


class ListError(ScreenError):
    """A list file or stored snapshot that is missing, unreadable or invalid."""

    exit_code = EXIT_LIST


class DownloadError(ScreenError):
    """``screen lists update`` could not fetch a complete, valid list."""

    exit_code = EXIT_DOWNLOAD
