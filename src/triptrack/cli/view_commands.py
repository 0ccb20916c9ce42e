"""Commands that read: show, list."""

from __future__ import annotations

from typing import Annotated

import typer

from triptrack.cli.app import app, settings
from triptrack.cli.plan_commands import TZ_OPTION, note_index_build

JSON_OPTION = typer.Option("--json", help="Print JSON for scripts instead of drawing.")


@app.command(epilog="Examples: triptrack show blinken-final · triptrack show blinken-final --tz UTC")
def show(
    ctx: typer.Context,
    trip_id: Annotated[str, typer.Argument(metavar="TRIP", help="The trip's id (see 'triptrack list').")],
    as_json: Annotated[bool, JSON_OPTION] = False,
    tz: Annotated[str, TZ_OPTION] = "local",
) -> None:
    """Show one trip: itinerary in local and home time, agendas, meetings, obligations, check findings."""
    from triptrack import storage
    from triptrack.display_zone import DisplayZone
    from triptrack.editing import find_trip

    display = DisplayZone.parse(tz)
    source = settings(ctx).source()
    catalog = storage.load(source)
    trip = find_trip(catalog, trip_id, source.display)
    if as_json:
        from triptrack.formats.json_doc import dumps, trip_document

        typer.echo(dumps(trip_document(catalog, trip)), nl=False)
        return
    from triptrack.checks import check_trip
    from triptrack.render.check_view import findings_panel
    from triptrack.render.console import make_console
    from triptrack.render.trip_view import render_trip

    note_index_build()
    panel = findings_panel(check_trip(catalog, trip, tz=display.for_trip(catalog, trip)))
    console = make_console()
    console.print(render_trip(catalog, trip, [panel] if panel else None, display, width=console.width))


@app.command("list", epilog="Examples: triptrack list · triptrack list --json")
def list_trips(
    ctx: typer.Context,
    as_json: Annotated[bool, JSON_OPTION] = False,
) -> None:
    """List the trips: id, official, title, first and last day, route."""
    from triptrack import storage

    source = settings(ctx).source()
    catalog = storage.load(source)
    trips = sorted(catalog.trips.values(), key=lambda t: (t.first_day is None, t.first_day, t.id))
    if as_json:
        from triptrack.formats.json_doc import dumps, trip_summary

        typer.echo(dumps([trip_summary(catalog, t) for t in trips]), nl=False)
        return
    from triptrack.render.console import make_console

    console = make_console()
    if not trips:
        console.print(f"No trips in {source.display} yet. Add one with 'triptrack add-stop'.")
        return
    from triptrack.render.trip_table import trips_table

    console.print(trips_table(catalog, trips, console.width))
