"""The command that puts trips on a shared calendar: publish (CalDAV)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from triptrack.cli import completion
from triptrack.cli.application import app, settings


@app.command(
    epilog="Examples: triptrack publish https://cloud.example.org/remote.php/dav/ --calendar Travel blinken-final · "
    "triptrack publish https://dav.example.org/team/trips/ --official blinken --from 2025 --dry-run. "
    "The login comes from $TRIPTRACK_CALDAV_USER and $TRIPTRACK_CALDAV_PASSWORD, else ~/.netrc, else a prompt.",
)
def publish(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(metavar="URL", help="The calendar's address; or the server's, with --calendar.")],
    trip_ids: Annotated[Optional[list[str]], typer.Argument(metavar="TRIP", help="The trips to publish.", autocompletion=completion.trip_ids)] = None,
    calendar: Annotated[Optional[str], typer.Option("--calendar", metavar="NAME", help="The calendar's name on the server at URL.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Publish every trip.")] = False,
    official: Annotated[Optional[str], typer.Option("--official", metavar="ID", help="The trips of this official.", autocompletion=completion.official_ids)] = None,
    country: Annotated[Optional[str], typer.Option("--country", metavar="CC", help="The trips with a stop in this country.")] = None,
    start: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="The trips on or after this day.")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="The trips on or before this day.")] = None,
    search: Annotated[Optional[str], typer.Option("--search", metavar="TEXT", help="The trips that mention TEXT anywhere (as list --search).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be created, changed and deleted; send nothing.")] = False,
) -> None:
    """Publish trips to a CalDAV calendar (Nextcloud, Fastmail, iCloud, Radicale...).

    An event per stop, timed leg and obligation. Publishing again changes only what changed and deletes the events of deleted stops; events triptrack did not make are never touched.
    """
    from triptrack.cli.interaction import UsageError

    filters = (official, country, start, end, search)
    if bool(trip_ids) + every + any(f is not None for f in filters) != 1:
        raise UsageError("Say which trips: give TRIP ids, --all, or list's filters (--official, --country, --from, --to, --search), one of these.")
    from triptrack.publish.credentials import check_url

    check_url(url)
    from triptrack.datafile import store

    source = settings(ctx).source()
    catalog = store.load(source)
    if trip_ids:
        from triptrack.edits.common import find_trip

        trips = [find_trip(catalog, trip_id, source.display) for trip_id in dict.fromkeys(trip_ids)]
    else:
        from triptrack.cli.planner_commands import filtered_trips

        trips = filtered_trips(catalog, *filters) if not every else list(catalog.trips.values())
        if not trips:
            typer.echo(f"No trips in {source.display} match; nothing to publish.")
            return
    from triptrack.publish.events import outgoing_events

    wanted = [event for trip in trips for event in outgoing_events(catalog, trip)]
    server = _open(url, calendar)
    try:
        _publish(server, url, trips, wanted, dry_run)
    finally:
        server.close()


def _publish(server, url: str, trips: list, wanted: list, dry_run: bool) -> None:
    from triptrack.publish.plan import plan

    todo = plan(wanted, server.existing(), {trip.id for trip in trips})
    where = f"{server.shown} at {_host(url)}"
    if dry_run:
        for kind, events in (("create", todo.create), ("change", [e for e, _ in todo.update]), ("delete", todo.delete)):
            for event in events:
                typer.echo(_line(kind, event, dry_run=True))
        typer.echo(
            f"Dry run, nothing sent to {where}: would create {len(todo.create)}, change {len(todo.update)}, "
            f"delete {len(todo.delete)}; {len(todo.unchanged)} unchanged."
        )
        return
    sent = server.carry_out(todo, lambda kind, event: typer.echo(_line(kind, event)))
    trips_words = trips[0].id if len(trips) == 1 else f"{len(trips)} trips"
    typer.echo(f"Published {trips_words} to {where}: {sent.words()}, {len(todo.unchanged)} unchanged.")


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc


def _line(kind: str, event, *, dry_run: bool = False) -> str:
    verb = {"create": ("would create", "created"), "change": ("would change", "changed"), "delete": ("would delete", "deleted")}[kind]
    when = f" ({event.start})" if hasattr(event, "start") else ""
    return f"  {verb[0] if dry_run else verb[1]}: {event.summary}{when}"


def _open(url: str, calendar: Optional[str]):
    from triptrack.cli.interaction import interactive
    from triptrack.publish.credentials import from_environment_or_netrc, prompted
    from triptrack.publish.server import CalendarServer, LoginNeeded

    server = CalendarServer(url, calendar, from_environment_or_netrc(url))
    try:
        server.open()
    except LoginNeeded:
        server.close()
        if not interactive():
            raise
        login = prompted(url, typer.prompt, lambda question: typer.prompt(question, hide_input=True))
        server = CalendarServer(url, calendar, login)
        try:
            server.open()
        except BaseException:
            server.close()
            raise
    except BaseException:
        server.close()
        raise
    return server
