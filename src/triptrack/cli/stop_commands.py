"""Commands for the parts of a trip: `stop`, `topic`, `meeting` and `obligation`.

A stop is addressed as TRIP and its number as `show` prints it (1, 2, ...);
obligations by their number in the file. Adding a stop is the top-level add-stop.
"""

# No `from __future__ import annotations` here: the topic/meeting commands are built in
# a function, and Typer must see their annotations as objects, not as strings.
from typing import Annotated, Optional

import typer

from triptrack.cli.application import app, settings
from triptrack.cli.interaction import (
    YES_OPTION,
    clear_option,
    confirm_delete,
    need,
    need_number,
    nothing_given,
    report,
    resolve_place,
    text_option,
    when_option,
)
from triptrack.cli.options import TripArg

stop_app = typer.Typer(help="Change, move and delete stops (add them with add-stop).", no_args_is_help=True)
obligation_app = typer.Typer(help="Add, change and delete what a traveller must be back home for.", no_args_is_help=True)
app.add_typer(stop_app, name="stop")
app.add_typer(obligation_app, name="obligation")

StopArg = Annotated[int, typer.Argument(metavar="STOP", help="The stop's number, as 'show' prints it (1, 2, ...).")]
NumberArg = Annotated[int, typer.Argument(metavar="N", help="The obligation's number (1, 2, ... in file order).")]
ArriveOpt = when_option("--arrive", "Local arrival time at the stop.")
DepartOpt = when_option("--depart", "Local departure time.")
StopNotesOpt = text_option("--notes", "Replace the stop's notes.")
RefOpt = text_option("--ref", "Where the record comes from, e.g. historian:4275.")
StopClearOpt = clear_option("depart, notes, ref, coordinates, travel")
TravelOpt = text_option("--travel", "How the stop is reached: 'air 7h40', 'rail', 'air UA950 2025-03-03 17:40 -> 2025-03-04 07:20'.")
WhenAddOpt = when_option("--when", "When it is (home time unless --tz).")
WhereOpt = text_option("--where", "Where it is.")
WhatOpt = text_option("--what", "A new description.")
WhenEditOpt = when_option("--when", "A new time.")
WhereEditOpt = text_option("--where", "A new place.")
ObligationClearOpt = clear_option("where, tz, at_stop")


@stop_app.command("edit", epilog="Example: triptrack stop edit blinken-final 3 --arrive '2025-01-08 09:30' --depart '2025-01-08 22:00'")
def stop_edit(
    ctx: typer.Context,
    trip_id: TripArg,
    number: StopArg,
    city: Annotated[Optional[str], typer.Option("--city", help="Another place (found in the gazetteer).")] = None,
    country: Annotated[Optional[str], typer.Option("--country", metavar="CC", help="ISO country code.")] = None,
    tz: Annotated[Optional[str], typer.Option("--tz", metavar="ZONE", help="IANA time zone.")] = None,
    lat: Annotated[Optional[float], typer.Option("--lat", help="Latitude, with --lon.")] = None,
    lon: Annotated[Optional[float], typer.Option("--lon", help="Longitude, with --lat.")] = None,
    arrive: ArriveOpt = None,
    depart: DepartOpt = None,
    notes: StopNotesOpt = None,
    ref: RefOpt = None,
    approximate: Annotated[
        Optional[bool], typer.Option("--approximate/--exact", help="Mark the place as approximate, or as exact.")
    ] = None,
    clear: StopClearOpt = None,
    travel: TravelOpt = None,
) -> None:
    """Change a stop. With --city the place is looked up again; times stay local wall times."""
    from triptrack.edits import stops as stop_edits

    data = settings(ctx).source()
    fields = stop_edits.StopFields(None, country, tz, lat, lon, arrive, depart, notes, ref, approximate, list(clear or []), travel)
    if not fields.given() and city is None:
        nothing_given("--city, --country, --tz, --lat/--lon, --arrive, --depart, --notes, --ref, --travel, --approximate/--exact, --clear")
    if city is not None:
        fields.place = resolve_place(city, country, tz, lat, lon)
    report(stop_edits.edit_stop(data, trip_id, number, fields), data.display)


@stop_app.command("move", epilog="Example: triptrack stop move blinken-final 3 --to 1")
def stop_move(
    ctx: typer.Context,
    trip_id: TripArg,
    number: StopArg,
    to: Annotated[Optional[int], typer.Option("--to", metavar="N", help="The stop's new number.")] = None,
) -> None:
    """Move a stop to another place in the trip's order."""
    from triptrack.edits import stops as stop_edits

    data = settings(ctx).source()
    report(stop_edits.move_stop(data, trip_id, number, need_number(to, "New number", "--to")), data.display)


@stop_app.command("delete", epilog="Example: triptrack stop delete blinken-final 2 --yes")
def stop_delete(ctx: typer.Context, trip_id: TripArg, number: StopArg, yes: Annotated[bool, YES_OPTION] = False) -> None:
    """Delete a stop (asks first)."""
    from triptrack.datafile import store as storage
    from triptrack.edits import stops as stop_edits
    from triptrack.edits.common import find_trip, stop_at

    data = settings(ctx).source()
    document = storage.read_document(data)
    stop = stop_at(find_trip(document.catalog, trip_id, data.display), number)
    confirm_delete(f"Delete stop {number} ({stop.city}, arriving {stop.arrive.text()}) from {trip_id}?", yes)
    report(stop_edits.delete_stop(data, trip_id, number, None if yes else document.fingerprint), data.display)


def _text_list_app(kind: str, label: str, example: str) -> typer.Typer:
    """`topic add|remove` and `meeting add|remove`: one-line entries in a stop's list."""
    sub = typer.Typer(help=f"Add and remove a stop's {kind}.", no_args_is_help=True)

    @sub.command("add", epilog=f"Example: triptrack {label} add blinken-final 1 '{example}'")
    def add(
        ctx: typer.Context,
        trip_id: TripArg,
        number: StopArg,
        text: Annotated[Optional[str], typer.Argument(metavar="TEXT", help=f"The {label} (one line).")] = None,
        at: Annotated[Optional[int], typer.Option("--at", metavar="N", help="Its position in the list (default: last).")] = None,
    ) -> None:
        from triptrack.edits import stops as stop_edits

        data = settings(ctx).source()
        value = need(text, label.capitalize(), "TEXT")
        report(stop_edits.add_text(data, trip_id, number, kind, value, at), data.display)

    @sub.command("remove", epilog=f"Example: triptrack {label} remove blinken-final 1 2")
    def remove(
        ctx: typer.Context,
        trip_id: TripArg,
        number: StopArg,
        which: Annotated[Optional[str], typer.Argument(metavar=label.upper(), help=f"The {label}'s exact text, or its number.")] = None,
    ) -> None:
        from triptrack.edits import stops as stop_edits

        data = settings(ctx).source()
        value = need(which, f"{label.capitalize()} (its text or number)", label.upper())
        report(stop_edits.remove_text(data, trip_id, number, kind, value), data.display)

    add.__doc__ = f"Add a {label} to a stop."
    remove.__doc__ = f"Remove a {label} from a stop."
    return sub


app.add_typer(_text_list_app("topics", "topic", "Trade and tariffs"), name="topic")
app.add_typer(_text_list_app("meetings", "meeting", "Foreign Minister Cho Tae-yul"), name="meeting")


@obligation_app.command("add", epilog="Example: triptrack obligation add blinken-final 'Cabinet meeting' --when '2025-01-10 09:00'")
def obligation_add(
    ctx: typer.Context,
    trip_id: TripArg,
    what: Annotated[Optional[str], typer.Argument(metavar="WHAT", help="What the traveller must be back for.")] = None,
    when: WhenAddOpt = None,
    where: WhereOpt = None,
    tz: Annotated[Optional[str], typer.Option("--tz", metavar="ZONE", help="Its IANA zone, if not the official's home zone.")] = None,
    at_stop: Annotated[
        Optional[int],
        typer.Option("--at-stop", metavar="N", help="Due at stop N (its local time), not back home: a signing in Warsaw at 15:00."),
    ] = None,
) -> None:
    """Add something the traveller must be back for, or be at a stop for (--at-stop)."""
    from triptrack.edits import obligations as obligation_edits

    data = settings(ctx).source()
    fields = obligation_edits.ObligationFields(need(what, "What", "WHAT"), need(when, "When", "--when"), where, tz, at_stop=at_stop)
    report(obligation_edits.add_obligation(data, trip_id, fields), data.display)


@obligation_app.command("edit", epilog="Example: triptrack obligation edit blinken-final 1 --when '2025-01-09 11:00'")
def obligation_edit(
    ctx: typer.Context,
    trip_id: TripArg,
    number: NumberArg,
    what: WhatOpt = None,
    when: WhenEditOpt = None,
    where: WhereEditOpt = None,
    tz: Annotated[Optional[str], typer.Option("--tz", metavar="ZONE", help="Its IANA zone.")] = None,
    clear: ObligationClearOpt = None,
    at_stop: Annotated[
        Optional[int], typer.Option("--at-stop", metavar="N", help="Due at stop N (its local time) instead; --clear at_stop: back home.")
    ] = None,
) -> None:
    """Change an obligation."""
    from triptrack.edits import obligations as obligation_edits

    data = settings(ctx).source()
    fields = obligation_edits.ObligationFields(what, when, where, tz, list(clear or []), at_stop)
    if not fields.given():
        nothing_given("--what, --when, --where, --tz, --at-stop, --clear")
    report(obligation_edits.edit_obligation(data, trip_id, number, fields), data.display)


@obligation_app.command("delete", epilog="Example: triptrack obligation delete blinken-final 1 --yes")
def obligation_delete(ctx: typer.Context, trip_id: TripArg, number: NumberArg, yes: Annotated[bool, YES_OPTION] = False) -> None:
    """Delete an obligation (asks first)."""
    from triptrack.datafile import store as storage
    from triptrack.edits import obligations as obligation_edits
    from triptrack.edits.common import find_trip, obligation_at

    data = settings(ctx).source()
    document = storage.read_document(data)
    obligation = obligation_at(find_trip(document.catalog, trip_id, data.display), number)
    confirm_delete(f"Delete obligation {number} of {trip_id} ({obligation.what})?", yes)
    report(obligation_edits.delete_obligation(data, trip_id, number, None if yes else document.fingerprint), data.display)
