"""The ``screen`` command line: parse options, call the library, render.

Errors are handled here, in one place: a :class:`~screen.errors.ScreenError`
prints ``Error: ...`` and ``Hint: ...`` on stderr and exits with its documented
code; anything else is an internal error (exit 70). Tracebacks only with
``--debug``. A closed stdout pipe (``screen ... | head``) ends quietly, and so do
Ctrl-C (exit 130, at any moment, start-up included: see ``screen.__main__``) and
SIGTERM (exit 143; a half-written ``--output`` temp file is removed on the way out).
An ``OSError`` that reaches here (permission denied, disk full) is an environment
error, reported with its path: exit 4 under the snapshot store, else 3.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

import click

from screen.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_LIST,
    EXIT_TERMINATED,
    ScreenError,
    os_error_message,
)

#: ``ctx.meta`` key under which ``--store`` records the snapshot store in use.
STORE_META = "screen.store_dir"


class ScreenGroup(click.Group):
    """A click group that turns ScreenError into a clean message and exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ScreenError as err:
            _report(ctx, err)
            ctx.exit(err.exit_code)
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(EXIT_BROKEN_PIPE)
        except KeyboardInterrupt:
            _say_interrupted()
            ctx.exit(EXIT_INTERRUPTED)
        except OSError as err:  # the environment, not a bug: permission denied, disk full
            _report_os_error(ctx, err)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as err:  # a bug: say so, show the traceback only with --debug
            if _debug(ctx):
                raise
            click.echo(f"Internal error: {type(err).__name__}: {err}", err=True)
            click.echo("Hint: rerun with --debug for a traceback and report it.", err=True)
            ctx.exit(EXIT_INTERNAL)
        return None


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(root.params.get("debug")) or os.environ.get("SCREEN_DEBUG") == "1"


def _report(ctx: click.Context, err: ScreenError) -> None:
    if _debug(ctx):
        click.echo("".join(traceback.format_exception(err)), err=True)
    click.echo(f"Error: {err.message}", err=True)
    if err.hint:
        click.echo(f"Hint: {err.hint}", err=True)


def _report_os_error(ctx: click.Context, err: OSError) -> NoReturn:
    if err.filename is None:  # a write to stdout: `screen ... > /dev/full`
        message = os_error_message(err, "write the results to", "standard output")
    else:
        message = os_error_message(err)
    store = ctx.meta.get(STORE_META)
    in_store = store is not None and err.filename is not None and _under(err.filename, store)
    if _debug(ctx):
        click.echo("".join(traceback.format_exception(err)), err=True)
    click.echo(f"Error: {message}", err=True)
    click.echo("Hint: check the permissions and free space of that location.", err=True)
    _silence_stdout()
    ctx.exit(EXIT_LIST if in_store else EXIT_INPUT)


def _under(filename: Any, store: Path) -> bool:
    try:
        Path(os.fsdecode(filename)).resolve().relative_to(Path(store).resolve())
    except (ValueError, OSError, TypeError):
        return False
    return True


def _say_interrupted() -> None:
    """Ctrl-C: say so in one line."""
    try:
        sys.stderr.write("Interrupted.\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def interrupted() -> NoReturn:
    """Ctrl-C outside a command: one line, exit 130 (a second Ctrl-C is ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _say_interrupted()
    _silence_stdout()
    sys.exit(EXIT_INTERRUPTED)


def _terminated(signum: int, frame: Any) -> None:
    """SIGTERM: unwind (so temp files are removed), then exit 143."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(EXIT_TERMINATED)


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@click.group(cls=ScreenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="screen")
def cli(debug: bool) -> None:
    """Screen counterparties against US export-control and sanctions lists.

    Exit codes: 0 ok, 1 a hit reached --fail-on-hit, 2 usage, 3 input/output
    error, 4 list error, 5 download error, 6 rows with errors (batch
    --fail-on-error), 70 internal error, 130 interrupted, 141 stdout closed
    early, 143 terminated.
    """


def _register() -> None:
    from screen.cli.audit import audit
    from screen.cli.batch import batch
    from screen.cli.cases import cases
    from screen.cli.check import check
    from screen.cli.lists import lists
    from screen.cli.report import report

    cli.add_command(lists)
    cli.add_command(check)
    cli.add_command(batch)
    cli.add_command(cases)
    cli.add_command(audit)
    cli.add_command(report)


_register()


def main() -> None:
    """Console-script entry point (through ``screen.__main__.run``)."""
    signal.signal(signal.SIGTERM, _terminated)
    try:
        code = cli.main(prog_name="screen", standalone_mode=False)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    except KeyboardInterrupt:
        interrupted()
    except click.Abort as err:  # Ctrl-C while click parsed the arguments
        if isinstance(err.__context__, KeyboardInterrupt):
            interrupted()
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
