"""The edit journal's commands: `history` lists what changed the data file, `undo` reverts the last."""

from __future__ import annotations

from typing import Annotated

import typer

from triptrack.cli.application import app, settings


@app.command(epilog="Examples: triptrack history · triptrack history --json")
def history(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of drawing.")] = False,
) -> None:
    """List triptrack's edits of the data file, newest first: when, command, trips (the last 50)."""
    import os
    from pathlib import Path

    from triptrack.datafile import journal

    source = settings(ctx).source()
    entries = journal.entries(Path(os.path.realpath(source.path)))
    if as_json:
        from dataclasses import asdict

        from triptrack.formats.json_doc import dumps

        typer.echo(dumps([asdict(entry) for entry in reversed(entries)]), nl=False)
        return
    if not entries:
        typer.echo(f"No edits of {source.display} in the journal yet.")
        return
    from rich.table import Table
    from rich.text import Text

    from triptrack.render.console import make_console

    console = make_console()
    console.print(Text(f"Edits of {source.display}, newest first", style="bold"))
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("When", no_wrap=True)
    table.add_column("Command")
    table.add_column("Trips", max_width=30)
    for entry in reversed(entries):
        command = entry.command or "(unknown command)"
        if entry.undoes is not None:
            command += f" (of #{entry.undoes})"
        if entry.redoes is not None:
            command += f" (of #{entry.redoes})"
        table.add_row(str(entry.number), entry.when_shown(), Text(command), Text(_trips_words(entry.trips)))
    console.print(table)


@app.command(epilog="Run it again to go one more edit back; 'triptrack redo' undoes an undo. Examples: triptrack undo · triptrack history")
def undo(ctx: typer.Context) -> None:
    """Put back the data file as it was before triptrack's last edit (refused if it changed since)."""
    from triptrack.datafile.undo import undo as undo_last

    source = settings(ctx).source()
    done = undo_last(source)
    seed = "; the file holds the sample it started from again" if done.restored_seed else ""
    typer.echo(f"Undid {_edit_words(done.entry)}{seed}. Wrote {source.display}.")


@app.command(epilog="Examples: triptrack undo; triptrack redo")
def redo(ctx: typer.Context) -> None:
    """Undo the last undo: put back the edit it reverted (refused if the file changed since)."""
    from triptrack.datafile.undo import redo as redo_last

    source = settings(ctx).source()
    done = redo_last(source)
    typer.echo(f"Redid {_edit_words(done.entry)}. Wrote {source.display}.")


def _trips_words(trips: list[str], shown: int = 3) -> str:
    """'a, b, c and 1,095 more' (an import touches many trips)."""
    if not trips:
        return "-"
    more = f" and {len(trips) - shown:,} more" if len(trips) > shown else ""
    return ", ".join(trips[:shown]) + more


def _edit_words(entry) -> str:
    trips = f" ({_trips_words(entry.trips)})" if entry.trips else ""
    return f"#{entry.number} {entry.command or '(unknown command)'}{trips} of {entry.when_shown()}"
