"""Where results go: stdout, or a file written atomically (temp file, then rename)."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from screen.errors import OutputError, UsageError, os_error_message

_FORMAT_BY_SUFFIX = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".txt": "table",
    ".xlsx": "xlsx",
}


def default_format(output: Path | None, stdout_is_tty: bool) -> str:
    """The output format when none is given: from the output file's suffix, else
    ``table`` on a terminal and ``csv`` otherwise."""
    if output is not None:
        return _FORMAT_BY_SUFFIX.get(output.suffix.lower(), "csv")
    return "table" if stdout_is_tty else "csv"


#: errno values of a failed write (as opposed to a failed read of the input).
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def output_target(path: Path, say: Callable[[str], None] | None = None) -> Path:
    """The file ``--output`` really writes: ``path``, or a symlink's target (said on
    ``say``); UsageError for anything but a regular file or a new path."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if say:
            say(f"--output {path} is a symbolic link: writing to its target {target}.")
        path = target
    if path.exists() and not path.is_file():
        kind = "a directory" if path.is_dir() else "not a regular file (a FIFO, device or socket)"
        raise UsageError(
            f"Cannot write {path}: it is {kind}.",
            "Pass a regular file or a new path to --output, or omit --output "
            "to write to stdout (and redirect it).",
        )
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"Cannot write {path}: directory {directory} does not exist.")
    return path


@contextlib.contextmanager
def open_output(path: Path | None, say: Callable[[str], None] | None = None) -> Iterator[TextIO]:
    """Stdout, or a temp file beside ``path`` renamed onto it only if all went well.

    The temp file is removed whatever ends the run (error, Ctrl-C, SIGTERM: the CLI
    turns it into SystemExit so this unwinds).
    """
    if path is None:
        yield sys.stdout
        return
    import tempfile  # (with shutil and bz2: not needed for stdout)

    path = output_target(path, say)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(
            os_error_message(err, "create a file in", repr(str(path.parent))),
            "Check the directory's permissions and free space.",
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if err.filename is None and err.errno not in _WRITE_ERRORS:
            raise
        raise OutputError(
            os_error_message(err, "write", repr(str(path))),
            "Check the permissions and free space of that location.",
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
