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

from screen import __version__
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


#: Subcommands: module, attribute and the one-line help ``screen --help`` shows. A
#: command's module is imported only when that command runs, so ``--help`` and
#: ``--version`` import neither numpy nor the matcher (tests check the help lines).
COMMANDS = {
    "lists": (
        "screen.cli.lists",
        "lists",
        "Manage stored, versioned snapshots of screening lists.",
    ),
    "check": (
        "screen.cli.check",
        "check",
        "Screen one counterparty NAME and print a ranked, explained risk report.",
    ),
    "batch": (
        "screen.cli.batch",
        "batch",
        "Screen every counterparty in INPUT (CSV, TSV or JSON Lines; - for stdin).",
    ),
    "cases": (
        "screen.cli.cases",
        "cases",
        "Decisions on hits: cases stay cleared or confirmed until the facts change.",
    ),
    "audit": (
        "screen.cli.audit",
        "audit",
        "The append-only audit log of screening runs and case decisions.",
    ),
    "report": (
        "screen.cli.report",
        "report",
        "Write one self-contained HTML report of RESULTS.jsonl (from `batch`/`check",
    ),
}


class ScreenGroup(click.Group):
    """A click group that turns ScreenError into a clean message and exit code.

    Subcommands are loaded on first use (see ``COMMANDS``).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            import importlib

            module, attr, _ = COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(n, _short_help(COMMANDS[n][2], limit)) for n in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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


def _short_help(text: str, limit: int) -> str:
    """The first sentence of ``text``, cut at ``limit`` as click cuts a command's help."""
    cmd = click.Command(None, help=text)
    return cmd.get_short_help_str(limit)


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


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@click.group(cls=ScreenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(version=__version__, package_name="screen")
def cli(debug: bool) -> None:
    """Screen counterparties against US export-control and sanctions lists.

    Exit codes: 0 ok, 1 a hit reached --fail-on-hit, 2 usage, 3 input/output
    error, 4 list error, 5 download error, 6 rows with errors (batch
    --fail-on-error), 70 internal error, 130 interrupted, 141 stdout closed
    early, 143 terminated.
    """


_MAIN_PID = os.getpid()


def _terminated(signum: int, _frame: object) -> None:
    """SIGTERM: unwind (so temporary files are removed), then exit 143.

    Forked workers (``batch --workers``) inherit the handler; they die as before.
    """
    if os.getpid() != _MAIN_PID:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(EXIT_TERMINATED)


def main() -> None:
    """Console-script entry point (through ``screen.__main__.run``)."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()
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
