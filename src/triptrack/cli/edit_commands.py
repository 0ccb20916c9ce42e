"""Commands that change the data file: add-stop."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from triptrack.cli import completion
from triptrack.cli.application import app, settings


@app.command(
    "add-stop",
    epilog='Examples: triptrack add-stop blinken-final Rome --arrive "2025-01-09 18:00" · '
    'triptrack add-stop my-trip Paris --country US --arrive "Jan 9 2025 6pm" --topic "Trade"',
)
def add_stop(
    ctx: typer.Context,
    trip_id: Annotated[str, typer.Argument(metavar="TRIP", help="The trip's id.", autocompletion=completion.trip_ids)],
    city: Annotated[str, typer.Argument(help="The city, found in the offline gazetteer (any name it is known by).")],
    arrive: Annotated[
        Optional[str],
        typer.Option(
            "--arrive", metavar="WHEN",
            help="Local time of arrival at the stop: 2025-01-09 18:00, 'Jan 9 2025 6pm', or a date alone "
            "(asked for in a terminal when left out).",
        ),
    ] = None,
    depart: Annotated[Optional[str], typer.Option("--depart", metavar="WHEN", help="Local time of departure.")] = None,
    country: Annotated[
        Optional[str], typer.Option("--country", metavar="CC", help="ISO country code, to choose among same-named cities.")
    ] = None,
    tz: Annotated[Optional[str], typer.Option("--tz", metavar="ZONE", help="IANA time zone (for places the gazetteer lacks).")] = None,
    lat: Annotated[Optional[float], typer.Option("--lat", help="Latitude, with --lon (for places the gazetteer lacks).")] = None,
    lon: Annotated[Optional[float], typer.Option("--lon", help="Longitude, with --lat.")] = None,
    topic: Annotated[Optional[list[str]], typer.Option("--topic", metavar="TEXT", help="An agenda topic (repeat for more).")] = None,
    meeting: Annotated[Optional[list[str]], typer.Option("--meeting", metavar="TEXT", help="A person met (repeat for more).")] = None,
    by: Annotated[Optional[str], typer.Option("--by", metavar="MODE", help="How the stop is reached: air, road, rail, sea or helicopter.")] = None,
    travel: Annotated[
        Optional[str],
        typer.Option("--travel", metavar="TEXT", help="How the stop is reached, in full: 'air 7h40', 'rail IC 1234 9h30', "
                     "'air UA950 2025-03-03 17:40 -> 2025-03-04 07:20' (times local at each end)."),
    ] = None,
) -> None:
    """Add a stop to a trip, in chronological place. Times are local at the stop."""
    from triptrack.cli.interaction import need, note_index_build, quiet, report_findings
    from triptrack.edits import common as editing
    from triptrack.edits.legs import travel_option
    from triptrack.render.console import local_text

    source = settings(ctx).source()
    how = travel_option(travel, by)
    arrive = need(arrive, "Arrival (local time at the stop)", "--arrive")
    if not (tz and country and lat is not None):
        note_index_build()
    request = editing.PlaceRequest(city, country, tz, lat, lon)
    stop, notes = editing.build_stop(request, arrive, depart, topic, meeting)
    stop.travel = how
    index, trip, written = editing.add_stop(source, trip_id, stop)
    for note in notes:
        typer.echo(f"note: {note}", err=True)
    introduced = []
    if not quiet():
        from triptrack.core.model import Catalog
        from triptrack.edits.impact import introduced_by_new_stop

        # the trip's checks need its official, not every trip
        introduced = introduced_by_new_stop(Catalog(officials=dict(written.officials), trips={trip.id: trip}), trip, index)
    total = len(trip.stops)
    place = stop.place
    typer.echo(
        f"Added {place.city} ({place.country}, {place.tz}) to {trip_id} as stop {index + 1} of {total}, "
        f"arriving {local_text(stop.arrive, one_line=True).plain}. Wrote {source.display}."
    )
    report_findings(introduced)
