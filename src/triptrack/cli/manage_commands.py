"""Commands that manage trips and officials (`trip ...`, `official ...`) and `validate`.

Stops, topics, meetings and obligations are in stop_commands. Every command works
from flags alone; in a terminal it asks for required values that were left out.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from triptrack.cli import completion
from triptrack.cli.application import app, report_error, settings
from triptrack.cli.interaction import (
    YES_OPTION,
    clear_option,
    confirm_delete,
    need,
    nothing_given,
    report,
    resolve_place,
    text_option,
    usage_error,
    when_option,
)
from triptrack.cli.options import OfficialArg, TripArg

trip_app = typer.Typer(help="Create, rename, change and delete trips.", no_args_is_help=True)
official_app = typer.Typer(help="Create, rename, change and delete officials (the people who travel).", no_args_is_help=True)
app.add_typer(trip_app, name="trip")
app.add_typer(official_app, name="official")

NewIdArg = Annotated[Optional[str], typer.Argument(metavar="NEW", help="The new id (lowercase letters, digits, . _ -).")]

STATUS_HELP = "planned, announced, underway, completed, recorded or cancelled."
TitleOpt = text_option("--title", "What the trip is (one line).")
NewTitleOpt = text_option("--title", "A new title.")
LeavesOpt = when_option("--leaves", "When the official leaves home (home time).")
ReturnsOpt = when_option("--returns", "When the official is back home (home time).")
NotesOpt = text_option("--notes", "Free notes.")
NewNotesOpt = text_option("--notes", "Replace the notes.")
TripClearOpt = clear_option("leaves, returns, notes, sources, travel_home")
NameOpt = text_option("--name", "Full name.")
NewNameOpt = text_option("--name", "A new name.")
OfficeOpt = text_option("--title", "Office held, e.g. U.S. Secretary of State.")
OfficialClearOpt = clear_option("title, country, home")
HomeOpt = Annotated[Optional[str], typer.Option("--home", metavar="CITY", help="Home city, found in the offline gazetteer.")]
HomeCountryOpt = Annotated[Optional[str], typer.Option("--home-country", metavar="CC", help="ISO code of the home city's country.")]
HomeTzOpt = Annotated[Optional[str], typer.Option("--home-tz", metavar="ZONE", help="IANA zone (for a city the gazetteer lacks).")]
HomeLatOpt = Annotated[Optional[float], typer.Option("--home-lat", help="Latitude of home, with --home-lon.")]
HomeLonOpt = Annotated[Optional[float], typer.Option("--home-lon", help="Longitude of home.")]


@trip_app.command("new", epilog="Example: triptrack trip new kerry-2015 --title 'Asia tour' --official kerry --leaves 2015-01-03")
def trip_new(
    ctx: typer.Context,
    trip_id: Annotated[str, typer.Argument(metavar="TRIP", help="The new trip's id (lowercase letters, digits, . _ -).")],
    title: TitleOpt = None,
    official: Annotated[Optional[str], typer.Option("--official", metavar="ID", help="Who travels (an official's id).", autocompletion=completion.official_ids)] = None,
    status: Annotated[Optional[str], typer.Option("--status", help=STATUS_HELP + " Default: planned.")] = None,
    leaves: LeavesOpt = None,
    returns: ReturnsOpt = None,
    notes: NotesOpt = None,
    source: Annotated[Optional[list[str]], typer.Option("--source", metavar="TEXT", help="Where the facts come from (repeat).")] = None,
) -> None:
    """Create a trip (with no stops yet; add them with add-stop)."""
    from triptrack.datafile import store as storage
    from triptrack.edits import trips as trip_edits

    data = settings(ctx).source()
    title = need(title, "Title", "--title")
    if official is None:
        known = list(storage.load(data).officials)
        official = need(None, f"Official ({', '.join(known)})" if known else "Official", "--official", known[0] if len(known) == 1 else None)
    fields = trip_edits.TripFields(title, official, status, leaves, returns, notes, list(source or []))
    report(trip_edits.new_trip(data, trip_id, fields), data.display)


@trip_app.command("rename", epilog="Example: triptrack trip rename blinken-final blinken-last")
def trip_rename(ctx: typer.Context, trip_id: TripArg, new_id: NewIdArg = None) -> None:
    """Give a trip a new id."""
    from triptrack.edits import trips as trip_edits

    data = settings(ctx).source()
    report(trip_edits.rename_trip(data, trip_id, need(new_id, "New id", "NEW")), data.display)


@trip_app.command("edit", epilog="Example: triptrack trip edit blinken-final --status completed --returns '2025-01-09 06:10'")
def trip_edit(
    ctx: typer.Context,
    trip_id: TripArg,
    title: NewTitleOpt = None,
    official: Annotated[Optional[str], typer.Option("--official", metavar="ID", help="Another official.", autocompletion=completion.official_ids)] = None,
    status: Annotated[Optional[str], typer.Option("--status", help=STATUS_HELP)] = None,
    leaves: LeavesOpt = None,
    returns: ReturnsOpt = None,
    notes: NewNotesOpt = None,
    add_source: Annotated[Optional[list[str]], typer.Option("--add-source", metavar="TEXT", help="Add a source (repeat).")] = None,
    clear: TripClearOpt = None,
    travel_home: Annotated[
        Optional[str], typer.Option("--travel-home", metavar="TEXT", help="How the traveller gets home from the last stop: 'air 8h55'.")
    ] = None,
) -> None:
    """Change a trip's title, official, status, dates, notes, sources or the way home."""
    from triptrack.edits import trips as trip_edits

    data = settings(ctx).source()
    fields = trip_edits.TripFields(title, official, status, leaves, returns, notes, list(add_source or []), list(clear or []), travel_home)
    if not fields.given():
        nothing_given("--title, --official, --status, --leaves, --returns, --notes, --add-source, --travel-home, --clear")
    report(trip_edits.edit_trip(data, trip_id, fields), data.display)


@trip_app.command("delete", epilog="Example: triptrack trip delete old-trip --yes")
def trip_delete(ctx: typer.Context, trip_id: TripArg, yes: Annotated[bool, YES_OPTION] = False) -> None:
    """Delete a trip with its stops and obligations (asks first)."""
    from triptrack.datafile import store as storage
    from triptrack.edits import trips as trip_edits
    from triptrack.edits.common import find_trip

    data = settings(ctx).source()
    document = storage.read_document(data)
    trip = find_trip(document.catalog, trip_id, data.display)
    versions = trip_edits.versions_naming(document, trip_id)
    also = f" Its version_of goes from {', '.join(versions)}." if versions else ""
    confirm_delete(f"Delete trip {trip_id} ({trip.title}; {len(trip.stops)} stops) from {data.display}?{also}", yes)
    report(trip_edits.delete_trip(data, trip_id, None if yes else document.fingerprint), data.display)


def _home(home, home_country, home_tz, home_lat, home_lon):
    if home is None:
        if any(v is not None for v in (home_country, home_tz, home_lat, home_lon)):
            usage_error("--home-country, --home-tz, --home-lat and --home-lon go with --home CITY.")
        return None
    return resolve_place(home, home_country, home_tz, home_lat, home_lon, "--home-")


@official_app.command("new", epilog="Example: triptrack official new rubio --name 'Marco Rubio' --country US --home Washington")
def official_new(
    ctx: typer.Context,
    official_id: Annotated[str, typer.Argument(metavar="OFFICIAL", help="The new official's id.")],
    name: NameOpt = None,
    title: OfficeOpt = None,
    country: Annotated[Optional[str], typer.Option("--country", metavar="CC", help="The country they serve (ISO code).")] = None,
    home: HomeOpt = None,
    home_country: HomeCountryOpt = None,
    home_tz: HomeTzOpt = None,
    home_lat: HomeLatOpt = None,
    home_lon: HomeLonOpt = None,
) -> None:
    """Add an official; their home sets the zone of their trips' leaves/returns."""
    from triptrack.edits import officials as official_edits

    data = settings(ctx).source()
    name = need(name, "Full name", "--name")
    if home is None and home_country is None and home_tz is None:
        # Never UTC by default: the home's zone is what leaves, returns and obligations mean.
        home = need(None, "Home city (its time zone is the one of their trips' leaves, returns and obligations)", "--home")
    place = _home(home, home_country, home_tz, home_lat, home_lon)
    fields = official_edits.OfficialFields(name, title, country, place)
    report(official_edits.new_official(data, official_id, fields), data.display)


@official_app.command("rename", epilog="Example: triptrack official rename blinken ablinken")
def official_rename(ctx: typer.Context, official_id: OfficialArg, new_id: NewIdArg = None) -> None:
    """Give an official a new id; every trip that names them is updated too."""
    from triptrack.edits import officials as official_edits

    data = settings(ctx).source()
    report(official_edits.rename_official(data, official_id, need(new_id, "New id", "NEW")), data.display)


@official_app.command("edit", epilog="Example: triptrack official edit blinken --title 'Former Secretary of State'")
def official_edit(
    ctx: typer.Context,
    official_id: OfficialArg,
    name: NewNameOpt = None,
    title: NewTitleOpt = None,
    country: Annotated[Optional[str], typer.Option("--country", metavar="CC", help="ISO country code.")] = None,
    home: HomeOpt = None,
    home_country: HomeCountryOpt = None,
    home_tz: HomeTzOpt = None,
    home_lat: HomeLatOpt = None,
    home_lon: HomeLonOpt = None,
    clear: OfficialClearOpt = None,
) -> None:
    """Change an official's name, title, country or home."""
    from triptrack.edits import officials as official_edits

    data = settings(ctx).source()
    fields = official_edits.OfficialFields(name, title, country, None, list(clear or []))
    if not fields.given() and home is None:
        nothing_given("--name, --title, --country, --home, --clear")
    fields.home = _home(home, home_country, home_tz, home_lat, home_lon)
    report(official_edits.edit_official(data, official_id, fields), data.display)


@official_app.command("delete", epilog="Example: triptrack official delete someone --yes")
def official_delete(ctx: typer.Context, official_id: OfficialArg, yes: Annotated[bool, YES_OPTION] = False) -> None:
    """Delete an official who has no trips (asks first)."""
    from triptrack.datafile import store as storage
    from triptrack.edits import officials as official_edits
    from triptrack.edits.common import find_official

    data = settings(ctx).source()
    document = storage.read_document(data)
    official = find_official(document.catalog, official_id, data.display)
    if not official_edits.trips_of(document.catalog, official_id):
        confirm_delete(f"Delete official {official_id} ({official.name}) from {data.display}?", yes)
    report(official_edits.delete_official(data, official_id, None if yes else document.fingerprint), data.display)


@app.command(epilog="Example: triptrack validate · triptrack --data other.yaml validate")
def validate(ctx: typer.Context) -> None:
    """Check the data file's syntax and schema; print every problem with its line."""
    from triptrack.datafile import validation

    result = validation.check(settings(ctx).source())
    if result.note:
        typer.echo(f"note: {result.note}", err=True)
    for problem in result.problems:
        report_error(str(problem))
    if len(result.problems) > 1:
        typer.echo(f"triptrack: {len(result.problems)} problems in {result.shown}", err=True)
    if result.problems:
        raise typer.Exit(1)
    typer.echo(f"{result.summary()} ({result.shown})")
