"""Talking to the person at the terminal: asking for missing values, confirming, reporting
(and the option declarations the editing commands share).

A value the command line left out is asked for only when stdin is a terminal; from
a script it is a usage error (exit 2). Deleting asks for confirmation, or needs --yes.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from triptrack.cli.typer_compat import UsageError

YES_OPTION = typer.Option("--yes", "-y", help="Delete without asking (needed when not run in a terminal).")


def text_option(flag: str, help: str):
    return Annotated[Optional[str], typer.Option(flag, metavar="TEXT", help=help)]


def when_option(flag: str, help: str):
    return Annotated[Optional[str], typer.Option(flag, metavar="WHEN", help=help)]


def clear_option(fields: str):
    return Annotated[Optional[list[str]], typer.Option("--clear", metavar="FIELD", help=f"Remove a field: {fields} (repeat for more).")]


def interactive() -> bool:
    return sys.stdin.isatty()


def need(value: Optional[str], question: str, name: str, default: Optional[str] = None) -> str:
    """`value`, or the answer to `question` in a terminal; else a usage error naming `name`."""
    if value is not None:
        return value
    if interactive():
        return typer.prompt(question, default=default)
    kind = "option" if name.startswith("-") else "argument"
    raise UsageError(f"Missing {kind} '{name}' (run in a terminal to be asked for it).")


def need_number(value: Optional[int], question: str, name: str) -> int:
    if value is not None:
        return value
    if interactive():
        return typer.prompt(question, type=int)
    raise UsageError(f"Missing option '{name}' (run in a terminal to be asked for it).")


def usage_error(message: str) -> None:
    raise UsageError(message)


def nothing_given(options: str) -> None:
    raise UsageError(f"Nothing to change: give at least one of {options}.")


def confirm_delete(question: str, yes: bool) -> None:
    """Go on only with --yes or a 'y' typed at the terminal; otherwise exit 1, nothing written."""
    from triptrack.errors import InputError

    if yes:
        return
    if not interactive():
        raise InputError("not deleting without confirmation: add --yes to delete from a script (nothing was changed)")
    if not typer.confirm(question, default=False):
        typer.echo("Nothing was deleted.", err=True)
        raise typer.Exit(1)


def report(outcome, shown: str) -> None:
    """What changed and which file, on stdout; notes on stderr; then what the edit broke."""
    say_place_notes()
    for note in outcome.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(f"{outcome.message}. Wrote {shown}.")
    if not quiet():
        report_findings(outcome.introduced())


def quiet() -> bool:
    """`triptrack --quiet ...`: edits do not report what they broke."""
    return _current().quiet


def report_findings(findings: list) -> None:
    """The problems and warnings an edit introduced, one line each on stderr (the exit stays 0)."""
    if not findings:
        return
    from triptrack.core.checks import tally

    typer.echo(f"check: this change brings {tally(findings)} (triptrack check TRIP for all; --quiet to hide):", err=True)
    for finding in findings:
        typer.echo(f"  {finding.line()}", err=True)


def note_index_build() -> None:
    """Say so before the first gazetteer lookup builds its index (a few seconds, once)."""
    from triptrack import gazetteer

    if not gazetteer.index_ready():
        typer.echo("Building the offline place index (once; a few seconds)...", err=True)


def resolve_place(city: str, country: Optional[str], tz: Optional[str], lat: Optional[float], lon: Optional[float],
                  options: str = "--"):
    """A Place from the gazetteer (or as given in full), telling the person what was chosen.
    `options`: how the options were named, for errors ("--home-": --home-country...)."""
    from triptrack.edits import common as editing

    if not (tz and country and lat is not None):
        note_index_build()
    resolved = editing.resolve_place(editing.PlaceRequest(city, country, tz, lat, lon, options))
    _current().place_notes.extend(resolved.notes)  # said with the result: an error says only what is wrong
    return resolved.place


def say_place_notes() -> None:
    """What the command's place lookups chose (which 'Paris'), on stderr, once it succeeded."""
    notes = _current().place_notes
    for note in notes:
        typer.echo(f"note: {note}", err=True)
    notes.clear()


def _current():
    from triptrack.cli.application import CURRENT  # rebound by each run's root callback

    return CURRENT


def output_target(output, source, force: bool, option: str = "-o"):
    """The real path `-o` (or `--save`) may write (datafile.output_file.check_target): never the
    data file, a device or FIFO, nor a file that exists unless --force (a terminal is asked instead)."""
    from triptrack.datafile import output_file

    ask = (lambda question: typer.confirm(question, default=False)) if interactive() else None
    return output_file.check_target(output, option=option, data_path=source.path, force=force, confirm=ask, seed=source.seed)
