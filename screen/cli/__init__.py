"""The ``screen`` command line: parse options, call the library, render.

Errors are handled here, in one place: a :class:`~screen.errors.ScreenError`
prints ``Error: ...`` and ``Hint: ...`` on stderr and exits with its documented
code; anything else is an internal error (exit 70). Tracebacks only with
``--debug``. A closed stdout pipe (``screen ... | head``) ends quietly.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Any

import click

from screen.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, ScreenError

EXIT_BROKEN_PIPE = 141


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
            click.echo("Interrupted.", err=True)
            ctx.exit(EXIT_INTERRUPTED)
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

    Exit codes: 0 ok, 1 a hit reached --fail-on-hit, 2 usage, 3 input error,
    4 list error, 5 download error, 70 internal error, 130 interrupted,
    141 stdout closed early.
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
    """Console-script entry point."""
    try:
        cli.main(prog_name="screen")
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
