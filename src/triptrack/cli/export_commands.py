"""Commands that write other formats: export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from triptrack.cli import completion
from triptrack.cli.application import app, settings
from triptrack.cli.options import FORCE_OPTION
from triptrack.formats import EXPORTERS

FORMATS = ", ".join(EXPORTERS)


@app.command(
    epilog="Examples: triptrack export blinken-final --format csv -o blinken.csv · "
    "triptrack export blinken-final -o blinken.ics · triptrack export blinken-final -f md · "
    "triptrack export blinken-final -o briefing.html"
)
def export(
    ctx: typer.Context,
    trip_id: Annotated[Optional[str], typer.Argument(metavar="TRIP", help="The trip's id (or --all).", autocompletion=completion.trip_ids)] = None,
    format: Annotated[
        Optional[str],
        typer.Option("--format", "-f", metavar="FORMAT", help=f"{FORMATS} (default: from the -o file's extension, else csv).", autocompletion=completion.export_formats),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", metavar="FILE", help="Write here instead of to stdout (- is stdout)."),
    ] = None,
    force: Annotated[bool, FORCE_OPTION] = False,
    raw: Annotated[
        bool, typer.Option("--raw", help="CSV: write cells that start with = + - @ as they are (no apostrophe).")
    ] = False,
    every: Annotated[bool, typer.Option("--all", help="Every trip (or those the filters below choose) into one file.")] = False,
    official: Annotated[Optional[str], typer.Option("--official", metavar="ID", help="With --all: only this official's trips.", autocompletion=completion.official_ids)] = None,
    country: Annotated[Optional[str], typer.Option("--country", metavar="CC", help="With --all: only trips with a stop in this country.")] = None,
    start: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="With --all: only trips on or after this day.")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="With --all: only trips on or before this day.")] = None,
    search: Annotated[Optional[str], typer.Option("--search", metavar="TEXT", help="With --all: only trips that mention TEXT (as list --search).")] = None,
) -> None:
    """Export a trip (or several) as csv, json, ics, geojson, md or html.

    csv: one row per stop; json: as show --json; ics: calendar events; geojson: a map; md: a Markdown briefing; html: a briefing page with the map, to read or print.
    """
    from triptrack.datafile import output_file
    from triptrack.datafile import store as storage
    from triptrack.errors import InputError
    from triptrack.formats import exporter, format_for_path

    if output is not None and output_file.means_stdout(output):
        output = None
    if format is not None:
        if format not in EXPORTERS:
            from triptrack.cli.interaction import usage_error

            usage_error(f"--format {format!r}: use one of {FORMATS}")
        name = format
    elif output is not None:
        name = format_for_path(output)
        if name is None:
            known = ", ".join(f"{exporter(n).EXTENSION} ({n})" for n in EXPORTERS)
            raise InputError(f"-o {output}: unknown extension; use one of {known}, or give --format (nothing was written)")
    else:
        name = "csv"
    source = settings(ctx).source()
    filters = (official, country, start, end, search)
    many = every or trip_id is None or any(f is not None for f in filters)
    if many:
        from triptrack.cli.export_many import check_usage

        check_usage(trip_id, every, name)
    target = None
    if output is not None:
        from triptrack.cli.interaction import output_target

        target = output_target(output, source, force)
    if many:
        from triptrack.cli.export_many import export_many

        export_many(source, filters, name, target, output, raw)
        return
    catalog, trip = storage.load_trip(source, trip_id)
    module = exporter(name)
    text = module.export(catalog, trip, raw=raw) if name == "csv" else module.export(catalog, trip)
    if target is None:
        typer.echo(text, nl=False)
        return
    output_file.write(target, text, "-o", output)
    typer.echo(f"Wrote {trip.id} ({len(trip.stops)} stops, {name}) to {output}", err=True)
