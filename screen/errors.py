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
3     input error (a counterparty file or query cannot be read)
4     list error (a list file or stored snapshot is missing or invalid)
5     download error (``screen lists update`` could not fetch a valid file)
70    internal error (a bug: please report it, rerun with ``--debug``)
130   interrupted (Ctrl-C)
====  =========================================================
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_HIT = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_LIST = 4
EXIT_DOWNLOAD = 5
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


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


class ListError(ScreenError):
    """A list file or stored snapshot that is missing, unreadable or invalid."""

    exit_code = EXIT_LIST


class DownloadError(ScreenError):
    """``screen lists update`` could not fetch a complete, valid list."""

    exit_code = EXIT_DOWNLOAD
