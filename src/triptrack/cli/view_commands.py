"""Commands that read: show, list."""

from __future__ import annotations

from typing import Annotated

import typer

from triptrack.cli.app import app, settings

JSON_OPTION = typer.Option("--json", help="Print JSON for scripts instead of drawing.")


@app.command(epilog="Examples: triptrack show blinken-final · triptrack show blinken-final --json")
def show(
    ctx: typer.Context,
    trip_id: Annotated[str, typer.Argument(metavar="TRIP", help="The trip's id (see 'triptrack list').")],
    as_json: Annotated[bool, JSON_OPTION] = False,
) -> None:
    """Show one trip: itinerary in local and home time, agendas, meetings, obligations."""
    from triptrack import output_cache, parsed_cache

    source = settings(ctx).source()
    snapshot = parsed_cache.Snapshot(source)
    if as_json:
        from triptrack.formats.json_doc import dumps, trip_document

        catalog, trip = parsed_cache.load(source, snapshot).with_trip(trip_id)
        typer.echo(dumps(trip_document(catalog, trip)), nl=False)
        return
    from triptrack.render.console import make_console

    console = make_console()

    def draw() -> None:
        from triptrack.render.trip_view import render_trip

        catalog, trip = parsed_cache.load(source, snapshot).with_trip(trip_id)
        console.print(render_trip(catalog, trip, width=console.width))

    output_cache.print_cached(snapshot, console, ("show", trip_id, source.display), draw)


@app.command("list", epilog="Examples: triptrack list · triptrack list --json")
def list_trips(
    ctx: typer.Context,
    as_json: Annotated[bool, JSON_OPTION] = False,
) -> None:
    """List the trips: id, official, title, first and last day, route."""
    from triptrack import output_cache, parsed_cache

    source = settings(ctx).source()
    snapshot = parsed_cache.Snapshot(source)

    def overview():
        catalog, trips = parsed_cache.load(source, snapshot).overview()  # no stops are read
        return catalog, sorted(trips, key=lambda t: (t.first_day is None, t.first_day, t.id))

    if as_json:
        from triptrack.formats.json_doc import dumps, trip_summary

        catalog, trips = overview()
        typer.echo(dumps([trip_summary(catalog, t) for t in trips]), nl=False)
        return
    from triptrack.render.console import make_console

    console = make_console()

    def draw() -> None:
        catalog, trips = overview()
        if not trips:
            console.print(f"No trips in {source.display} yet. Add one with 'triptrack add-stop'.")
            return
        from triptrack.render.trip_table import trips_table

        output_cache.print_table(snapshot, console, trips_table(catalog, trips, console.width))

    output_cache.print_cached(snapshot, console, ("list", source.display), draw)
