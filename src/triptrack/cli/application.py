"""The Typer application, its global options, and the one place errors become exit codes.

Commands live in the sibling modules and import the library lazily, so that
`triptrack --help` and every command start fast.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Annotated, Optional

import typer
from typer.core import HAS_RICH, TyperGroup

from triptrack import __version__
from triptrack.errors import TriptrackError


def report_error(message: str) -> None:
    """One line on stderr: what is wrong and where (never wrapped, never a traceback)."""
    from triptrack.core.control_chars import visible_line

    sys.stderr.write(f"triptrack: error: {visible_line(message)}\n")
    sys.stderr.flush()


def usage_error_line(exc) -> str:
    """A usage error's message, with the command's usage and where its help is."""
    message = exc.format_message().strip()
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return message
    usage = " ".join([ctx.command_path, *ctx.command.collect_usage_pieces(ctx)])
    ended = message if message.endswith((".", "?", "!")) else f"{message}."
    return f"{ended} Usage: {usage} (see '{ctx.command_path} -h')"


# How `triptrack --help` lists the commands: reading first, then editing, then the rest.
COMMAND_ORDER = (
    "show", "list", "now", "calendar", "timeline", "map", "check", "compare", "stats",
    "add-stop", "trip", "stop", "topic", "meeting", "obligation", "official", "validate",
    "import", "export", "publish", "history", "undo", "redo", "init", "where",
)


class TriptrackGroup(TyperGroup):
    """Turns a TriptrackError raised anywhere below into its message and exit status 1."""

    def parse_args(self, ctx, args):
        from triptrack.cli import plain_params

        plain_params.install_all(self, ctx)  # text options need no Pydantic (start-up time)
        from triptrack.datafile.running_command import describe_command

        describe_command(args)  # the edit journal names the command that wrote
        return super().parse_args(ctx, args)

    def format_help(self, ctx, formatter):
        if not HAS_RICH or self.rich_markup_mode != "rich":
            return super().format_help(ctx, formatter)
        from triptrack.cli.help_screen import print_group_help

        print_group_help(self, ctx)  # Typer's layout without its slow imports (start-up time)

    def list_commands(self, ctx) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Typer's main, with a usage error (exit status 2) said in one line, as every error is."""
        from triptrack.cli.typer_compat import ClickException

        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except ClickException as exc:
            if type(exc).__name__ != "NoArgsIsHelpError":  # (its help is printed already)
                report_error(usage_error_line(exc))
            sys.exit(exc.exit_code)
        except typer.Abort:
            report_error("aborted")
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TriptrackError as exc:
            report_error(str(exc))
            raise typer.Exit(1) from None
        except OSError as exc:  # past click's main, which would end a closed pipe silently with 1
            from triptrack.cli.output_failure import EscapedOSError

            raise EscapedOSError(exc) from exc


app = typer.Typer(
    cls=TriptrackGroup,
    name="triptrack",
    help="Track diplomatic trips: who travels where, when (in local time), what is on the agenda, "
    "and what the traveller must be back home for. Data lives in one plain YAML file.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


@dataclass
class Settings:
    """The global options of the command being run."""

    data: Optional[str] = None
    quiet: bool = False  # edits do not report the check findings they introduced
    place_notes: list = field(default_factory=list)  # what place lookups chose: said once the command succeeds

    def source(self):
        from triptrack.datafile.paths import locate

        return locate(self.data)


def _version(value: bool) -> None:
    if value:
        print(f"triptrack {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Optional[str],
        typer.Option(
            "--data",
            metavar="PATH",
            help="The data file to use. Default: $TRIPTRACK_DATA, else your own file "
            "(~/.local/share/triptrack/trips.yaml), which starts as a copy of the sample.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="After an edit, do not report the problems and warnings it introduced.")
    ] = False,
    date_order: Annotated[
        Optional[str],
        typer.Option("--date-order", metavar="ORDER", help="How to read 06/03/2025: dmy (6 March) or mdy (June 3). "
                     "Default: $TRIPTRACK_DATE_ORDER, else such dates are refused (ISO 2025-03-06 always works)."),
    ] = None,
) -> None:
    """Track diplomatic trips in a plain YAML file."""
    from triptrack.core.localtime import set_date_order

    if data is not None and not data.strip():  # (a script's unset variable: never the default file instead)
        raise typer.BadParameter("is empty: give the data file's path, or leave --data out for the default", param_hint="--data")
    try:
        set_date_order(date_order.lower() if date_order else None)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--date-order") from None
    global CURRENT
    ctx.obj = CURRENT = Settings(data, quiet)


CURRENT = Settings()  # the options of the command being run (set by `root`)


def settings(ctx: typer.Context) -> Settings:
    return ctx.find_root().obj or Settings()
