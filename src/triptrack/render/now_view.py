"""`triptrack now`: one panel per trip around the instant, in local and home time."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from triptrack.core.localtime import When, moment_words, utc, when_words, zone
from triptrack.core.model import Catalog
from triptrack.core.now import AT, BEFORE, THAT_DAY, TRAVELLING, Situation
from triptrack.core.obligations import format_span


def _when(value: When | None) -> str:
    if value is None:
        return "not recorded"
    words = when_words(value)
    return f"{words} (hour not known)" if value.date_only else words


def _in(delta: timedelta, *, soonest: bool = False) -> str:
    if delta >= timedelta(0):
        return f"in {format_span(delta)}{' at the soonest' if soonest else ''}"
    return f"{format_span(delta)} ago"


def _at(moment: datetime, tz: str) -> str:
    return moment_words(moment.astimezone(zone(tz)))


def _where(catalog: Catalog, found: Situation) -> str:
    trip = found.trip
    count = len(trip.stops)
    home = catalog.home_of(trip)
    home_name = home.city if home else "home"
    if found.kind == AT:
        stop = trip.stops[found.stops[0]]
        return f"In {stop.city} ({stop.place.country}), stop {found.stops[0] + 1} of {count}"
    if found.kind == THAT_DAY:
        names = " or ".join(f"{trip.stops[i].city} ({trip.stops[i].place.country})" for i in found.stops)
        numbers = [i + 1 for i in found.stops]
        which = f"stop {numbers[0]}" if len(numbers) == 1 else f"stops {numbers[0]}–{numbers[-1]}"
        day = when_words(When(found.instant.astimezone(zone(found.place.tz)).date(), None, found.place.tz))
        return f"In {names}, {which} of {count}: there on {day} as far as is known (hours not known)"
    if found.kind == TRAVELLING:
        return f"On the way from {found.origin.label} to {found.destination.label}"
    if found.kind == BEFORE:
        return f"Not yet left {home_name}: leaves {_when(found.until)}"
    if found.place is not None:
        return f"Back in {home_name} since {_when(found.since)}"
    return f"Trip over: left {trip.stops[-1].city} {_when(found.since)}; no return home recorded"


def situation_panel(catalog: Catalog, found: Situation) -> Panel:
    trip = found.trip
    official = catalog.officials.get(trip.official)
    home_tz = official.home_tz if official else "UTC"
    home = official.home.city if official and official.home else home_tz
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("Where", Text(_where(catalog, found)))
    here = found.zone
    times = Text(f"{_at(found.instant, here)} there · " if here and here != home_tz else "")
    times.append(f"{_at(found.instant, home_tz)} in {home}")
    grid.add_row("Time", times)
    if found.kind in (AT, THAT_DAY):
        grid.add_row("Since", Text(_when(found.since)))
        grid.add_row("Until", Text(_when(found.until) if found.until else "not recorded"))
    elif found.kind == TRAVELLING:
        grid.add_row("Left", Text(_when(found.since)))
        destination = found.destination.place.tz if found.destination.place else "UTC"
        latest = _at(found.latest_arrival, destination) if found.latest_arrival else "not recorded"
        if found.earliest_arrival <= found.instant:
            arrival = Text(f"may be there already; by {latest} at the latest")
        else:
            arrival = Text(f"earliest {_at(found.earliest_arrival, destination)} · latest {latest}")
        grid.add_row("Arrives", arrival)
    elif found.kind == BEFORE:
        left = utc(found.until.earliest()) - found.instant
        grid.add_row("Leaves", Text(f"{_when(found.until)}, {_in(left, soonest=found.until.date_only)}"))
    if found.next is not None and found.kind != BEFORE:
        left = utc(found.next.when.earliest()) - found.instant
        grid.add_row("Next", Text(f"{found.next.what}, {_when(found.next.when)}, {_in(left, soonest=found.next.when.date_only)}"))
    for countdown in found.countdowns:
        due = countdown.obligation.when
        text = Text(countdown.obligation.what, style="bold")
        moment = due.aware()
        at_stop = countdown.obligation.at_stop
        if moment is None:
            text.append(f" · {_when(due)}")
        elif at_stop:  # due at a stop: its time there first, then at home
            text.append(f" · {_at(moment, due.tz)} in {at_stop} ({_at(moment, home_tz)} in {home})")
        else:
            text.append(f" · {_at(moment, home_tz)} in {home}")
            if here and here != home_tz:
                text.append(f" · {_at(moment, here)} there")
        text.append(f" · {_in(countdown.left, soonest=due.date_only)}")
        style = {"missed": "red", "at risk": "yellow", "met": "green"}.get(countdown.outcome)
        text.append(f" · {_outcome(countdown.outcome, past=countdown.left < timedelta(0))}", style=style)
        grid.add_row(f"Due in {at_stop}" if at_stop else "Must be back", text)
    who = official.name if official else trip.official
    title = Text(f"{who} · {trip.id}")
    return Panel(grid, title=title, title_align="left", box=box.ROUNDED, expand=False)


def _outcome(status: str, *, past: bool) -> str:
    """How the trip stands against the obligation, in the best case its times allow."""
    if past:
        words = {"met": "could be met", "at risk": "could be met, only just", "missed": "was missed"}
    else:
        words = {"met": "can be met", "at risk": "at risk", "missed": "cannot be met"}
    words["before the trip"] = "before the trip"
    return words.get(status, "outcome not known")


def now_view(catalog: Catalog, found: list[Situation], instant: datetime, *, window: str) -> Group:
    """The panels, or one line saying nobody is travelling around `instant`."""
    stamp = Text(f"At {moment_words(instant.astimezone(zone('UTC')), year=True)}", style="dim")
    if not found:
        return Group(Text(f"No trip around {moment_words(instant.astimezone(zone('UTC')), year=True)} ({window})."))
    return Group(stamp, *(situation_panel(catalog, s) for s in found))
