"""Commands across all trips at once: now, calendar."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from triptrack.cli import completion
from triptrack.cli.application import app, settings

OFFICIALS_OPTION = typer.Option(
    "--official", metavar="ID", help="Only this official (repeat for more).", autocompletion=completion.official_ids
)


@app.command(
    epilog="Examples: triptrack now · triptrack now --at '2025-01-07 12:00+09:00' · "
    "triptrack now --official blinken --json · triptrack now --watch"
)
def now(
    ctx: typer.Context,
    at: Annotated[Optional[str], typer.Option("--at", metavar="WHEN", help="This instant instead of the current time: '2025-01-07 12:00' (read in --tz), with an offset ('2025-01-07 12:00+09:00'), or a date alone (its noon).")] = None,
    tz: Annotated[str, typer.Option("--tz", metavar="ZONE", help="The IANA zone --at is read in when it has no offset (default UTC).")] = "UTC",
    officials: Annotated[Optional[list[str]], OFFICIALS_OPTION] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of drawing.")] = False,
    watch: Annotated[bool, typer.Option("--watch", help="Keep it on screen, redrawn every minute (a terminal only; Ctrl-C ends it).")] = False,
) -> None:
    """Where every official with a trip around now is: at a stop or on the way, local and home time, what comes next, the countdown to each obligation."""
    from datetime import datetime, timezone

    from triptrack.cli.interaction import usage_error
    from triptrack.core.now import parse_instant

    if watch and (as_json or at is not None):
        usage_error("--watch shows the current time live; it cannot be combined with --json or --at")
    instant = parse_instant(at, tz) if at is not None else datetime.now(timezone.utc)
    source = settings(ctx).source()
    wanted = list(officials or [])
    if as_json:
        from triptrack.core.now import to_json
        from triptrack.formats.json_doc import dumps

        catalog, found = _situations(source, instant, wanted)
        typer.echo(dumps([to_json(catalog, s) for s in found]), nl=False)
        return
    from triptrack.render.console import make_console

    console = make_console()
    if watch:
        if not console.is_terminal:
            usage_error("--watch needs a terminal; to print once (e.g. into a pipe), leave --watch out")
        from triptrack.render.now_live import watch_live

        watch_live(console, lambda moment: _drawing(source, moment, wanted))
        return
    console.print(_drawing(source, instant, wanted))


def _situations(source, instant, officials: list[str]):

    from triptrack.core.now import AROUND_AFTER, AROUND_BEFORE, situations
    from triptrack.datafile.trips_on_days import load_trips_on_days

    day = instant.date()
    catalog, trips = load_trips_on_days(source, day - AROUND_AFTER, day + AROUND_BEFORE, officials)
    return catalog, situations(catalog, trips, instant)


def _drawing(source, instant, officials: list[str]):
    from triptrack.core.now import AROUND_AFTER, AROUND_BEFORE
    from triptrack.render.now_view import now_view

    catalog, found = _situations(source, instant, officials)
    window = f"none starts within {AROUND_BEFORE.days} days or ended within {AROUND_AFTER.days}"
    return now_view(catalog, found, instant, window=window)


def search_places():
    """What `list --search` asks the offline place index: the cities a name means."""
    from triptrack import gazetteer
    from triptrack.cli.interaction import note_index_build

    note_index_build()

    def places(name: str, country):
        return [(city.name, city.country) for city in gazetteer.candidates(name, country)]

    return places


def filtered_trips(catalog, official, country, start, end, search) -> list:
    """The trips `list`'s filters choose: the one reading of --official, --country, --from, --to
    and --search (a city under any of its names, through the place index) for every command."""
    from triptrack.core.filters import build_filter, select

    places = search_places() if search else None
    return select(catalog, build_filter(catalog, official, country, start, end, search, places))


def list_on(source, on: str, official, country, start, end, search, as_json: bool) -> None:
    """`list --on DATE`: who is where that day, one row per trip (with list's other filters)."""
    from triptrack.core.day_range import parse_day
    from triptrack.core.whereabouts import where_on
    from triptrack.datafile.trips_on_days import load_trips_on_days

    day = parse_day(on, "--on")
    catalog, trips = load_trips_on_days(source, day, day, [official] if official else None)
    trips = filtered_trips(catalog, official, country, start, end, search)
    found = where_on(catalog, trips, day)
    if as_json:
        from triptrack.formats.json_doc import dumps

        typer.echo(dumps([_on_doc(catalog, entry) for entry in found]), nl=False)
        return
    from triptrack.render.console import make_console
    from triptrack.render.on_day_view import on_day_table

    console = make_console()
    if not found:
        from triptrack.core.localtime import day_words

        console.print(f"No one is on a trip on {day_words(day, year=True)} in {source.display}.")
        return
    console.print(on_day_table(catalog, found, day, console.width))


def _on_doc(catalog, entry) -> dict:
    home = catalog.home_of(entry.trip)
    return {
        "trip": entry.trip.id,
        "official": entry.trip.official,
        "day": entry.day.isoformat(),
        "where": entry.words(home.city if home else "home"),
        "stops": [{"city": s.city, "country": s.place.country} for s in entry.stops],
        "travel": entry.travel,
        "obligations": [o.what for o in entry.obligations],
    }


@app.command(
    epilog="Examples: triptrack calendar 2025-01 · triptrack calendar --from 2025-01-01 --to 2025-03-31 · "
    "triptrack calendar 2024-06 --official blinken-antony-j"
)
def calendar(
    ctx: typer.Context,
    month: Annotated[Optional[str], typer.Argument(metavar="MONTH", help="The month to draw, e.g. 2025-01 (default: this month).")] = None,
    start: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="First day to draw (2025-01-06); alone, to the end of its month.")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Last day to draw (at most a year after --from).")] = None,
    officials: Annotated[Optional[list[str]], OFFICIALS_OPTION] = None,
) -> None:
    """One calendar across trips: a row per official, a cell per day (country, travel, obligations), the cities beneath."""
    from datetime import date

    from triptrack.core.calendar_lanes import lanes
    from triptrack.core.day_range import calendar_range
    from triptrack.datafile.trips_on_days import load_trips_on_days
    from triptrack.render.calendar_view import calendar_view
    from triptrack.render.console import make_console

    first, last = calendar_range(month, start, end, date.today())
    source = settings(ctx).source()
    wanted = list(officials or [])
    catalog, trips = load_trips_on_days(source, first, last, wanted)
    console = make_console()
    found = lanes(catalog, trips, first, last, wanted)
    if not found:
        from triptrack.core.localtime import day_words

        console.print(f"No trips from {day_words(first, year=True)} to {day_words(last, year=True)} in {source.display}.")
        return
    console.print(calendar_view(catalog, found, first, last, console.width))
