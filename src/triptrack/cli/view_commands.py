"""Commands that read: show, list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from triptrack.cli import completion
from triptrack.cli.application import app, settings
from triptrack.cli.options import FORCE_OPTION, SAVE_OPTION, TZ_OPTION

JSON_OPTION = typer.Option("--json", help="Print JSON for scripts instead of drawing.")


@app.command(
    epilog="Examples: triptrack show blinken-final · triptrack show blinken-final --tz UTC · "
    "triptrack show blinken-final --json · triptrack show blinken-final --save briefing.svg"
)
def show(
    ctx: typer.Context,
    trip_id: Annotated[str, typer.Argument(metavar="TRIP", help="The trip's id (see 'triptrack list').", autocompletion=completion.trip_ids)],
    as_json: Annotated[bool, JSON_OPTION] = False,
    tz: Annotated[str, TZ_OPTION] = "local",
    save: Annotated[Optional[Path], SAVE_OPTION] = None,
    force: Annotated[bool, FORCE_OPTION] = False,
) -> None:
    """Show one trip: itinerary in local and home time, agendas, meetings, obligations, check findings."""
    from triptrack.core.display_zone import DisplayZone
    from triptrack.datafile import store

    display = DisplayZone.parse(tz)
    if save is not None:
        from triptrack.render.recording import save_format

        save_format(save)  # refuse a wrong extension before anything is read
    source = settings(ctx).source()
    if save is not None:
        from triptrack.cli.interaction import output_target

        save = output_target(save, source, force, option="--save")  # never the data file, a FIFO, nor a file unasked
    catalog, trip = store.load_trip(source, trip_id)  # reads only this trip
    if as_json:
        from triptrack.formats.json_doc import dumps, trip_document

        typer.echo(dumps(trip_document(catalog, trip)), nl=False)
        return
    from triptrack import gazetteer
    from triptrack.core.checks import check_trip
    from triptrack.render.check_view import findings_panel
    from triptrack.render.console import make_console
    from triptrack.render.trip_view import render_trip

    places = gazetteer.candidates if gazetteer.index_ready() else None  # show never waits for the place index to be built
    if places is None and trip.stops:
        typer.echo("note: places not compared with the gazetteer yet ('triptrack check' builds its index once)", err=True)
    console = make_console()
    panel = findings_panel(check_trip(catalog, trip, places=places, tz=display.for_trip(catalog, trip)))
    drawing = render_trip(catalog, trip, [panel] if panel else None, display, width=console.width)
    if save is not None:
        from triptrack.render.recording import print_and_save

        print_and_save(drawing, save, title=f"triptrack show {trip_id}")
        typer.echo(f"Saved to {save}", err=True)
        return
    console.print(drawing)


@app.command(
    "list",
    epilog="Examples: triptrack list · triptrack list --country JP · "
    "triptrack list --official blinken-antony-j --from 2024 --to 2024 · triptrack list --search Syria --json",
)
def list_trips(
    ctx: typer.Context,
    as_json: Annotated[bool, JSON_OPTION] = False,
    official: Annotated[Optional[str], typer.Option("--official", metavar="ID", help="Only this official's trips.", autocompletion=completion.official_ids)] = None,
    country: Annotated[Optional[str], typer.Option("--country", metavar="CC", help="Only trips with a stop in this country (ISO code, e.g. JP).")] = None,
    start: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="Only trips on or after this day (2024-03-15, 2024-03 or 2024).")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Only trips on or before this day (a month or year means its end).")] = None,
    search: Annotated[Optional[str], typer.Option("--search", metavar="TEXT", help="Only trips that mention TEXT anywhere: title, city (any of its names), country (name or code), official, topics, meetings, notes. Accents and case do not matter.")] = None,
    on: Annotated[Optional[str], typer.Option("--on", metavar="DATE", help="Who is where on this day (2025-01-07): a row per trip that has it.")] = None,
) -> None:
    """List the trips: id, official, title, first and last day, route."""
    from triptrack.datafile import index

    source = settings(ctx).source()
    if on is not None:
        from triptrack.cli.planner_commands import list_on

        list_on(source, on, official, country, start, end, search, as_json)
        return
    parsed = index.load(source)
    # --country and --search look into the stops; the rest needs only each trip's summary
    catalog = parsed.catalog() if (country or search) else parsed.overview()
    from triptrack.cli.planner_commands import filtered_trips

    trips = filtered_trips(catalog, official, country, start, end, search)
    if as_json:
        from triptrack.formats.json_doc import dumps, trip_summary

        typer.echo(dumps([trip_summary(catalog, t) for t in trips]), nl=False)
        return
    from triptrack.render.console import make_console

    console = make_console()
    if not trips:
        if catalog.trips:
            typer.echo(f"No trips in {source.display} match ({len(catalog.trips)} in all).")
        else:
            typer.echo(f"No trips in {source.display} yet. Add one with 'triptrack add-stop'.")
        return
    from triptrack.render.trip_table import print_trips

    print_trips(console, catalog, trips)
