"""Commands that write other formats: export."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from triptrack.cli import completion
from triptrack.cli.app import app, settings
from triptrack.formats import EXPORTERS

ExportFormat = enum.Enum("ExportFormat", {name: name for name in EXPORTERS}, type=str)


@app.command(
    epilog="Examples: triptrack export blinken-final --format csv -o blinken.csv · "
    "triptrack export blinken-final -o blinken.ics · triptrack export blinken-final -f md · "
    "triptrack export blinken-final -o briefing.html"
)
def export(
    ctx: typer.Context,
    trip_id: Annotated[str, typer.Argument(metavar="TRIP", help="The trip's id.", autocompletion=completion.trip_ids)],
    format: Annotated[
        Optional[ExportFormat],
        typer.Option("--format", "-f", help="The output format (default: from the -o file's extension, else csv).", autocompletion=completion.export_formats),
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write here instead of to stdout.")
    ] = None,
    raw: Annotated[
        bool, typer.Option("--raw", help="CSV: write cells that start with = + - @ as they are (no apostrophe).")
    ] = False,
) -> None:
    """Export a trip: csv (one row per stop), json (as show --json), ics (calendar events),
    geojson (a map), md (a Markdown briefing), html (a briefing page with the map, to read or print)."""
    from triptrack.datafile import store as storage
    from triptrack.edits.common import find_trip
    from triptrack.formats import exporter, format_for_path

    name = format.value if format is not None else (format_for_path(output) if output else None) or "csv"
    source = settings(ctx).source()
    catalog = storage.load(source)
    trip = find_trip(catalog, trip_id, source.display)
    module = exporter(name)
    text = module.export(catalog, trip, raw=raw) if name == "csv" else module.export(catalog, trip)
    if output is None:
        typer.echo(text, nl=False)
        return
    from triptrack.errors import InputError

    try:
        storage.atomic_write(Path(output).resolve(), text)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror}") from None
    typer.echo(f"Wrote {trip.id} ({len(trip.stops)} stops, {name}) to {output}", err=True)
