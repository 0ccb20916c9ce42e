"""A trip day by day, as plain data (`render/timeline_view.py` draws it).

One `Day` per calendar day in the view's zone (the official's home zone unless `--tz`
chooses another): where the official is or may be that day, the departures and
arrivals (local times at each end), the obligations due, and for any slice of the day
whether the official is surely travelling, may be travelling (the hours are not known),
or neither. Days follow the wall clock: a DST change day has 23 or 25 hours, and a day
a zone skipped (Pacific/Apia, 30 Dec 2011) has none.

A date-only time is a calendar date at its place (see `core.trip_days`): it is drawn
on that date, whatever the view's zone, never on the previous day because the place's
midnight fell then in the view's zone. Exact times are drawn on their day in the view's
zone. `span` is the trip's days (`core.trip_days`) widened to the view-zone days of its
exact times.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from triptrack.core.localtime import When, start_of_day, utc, zone
from triptrack.core.model import Catalog, Trip
from triptrack.core.travel import Leg, Outcome, obligation_outcomes, route
from triptrack.errors import InputError

MAX_DAYS = 400  # more than this is almost surely a mistyped year
TRAVEL = "travel"  # surely on the way
MAYBE = "maybe"  # on the way, or not: the hours are not known
DUE = "due"  # an obligation's time


@dataclass(frozen=True)
class Event:
    kind: str  # "leaves" or "arrives"
    place: str
    when: When


@dataclass
class Day:
    day: date
    start: datetime  # UTC
    end: datetime  # UTC (the next day's start)
    places: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    obligations: list[Outcome] = field(default_factory=list)  # due that day, met or not

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass
class Timeline:
    trip: Trip
    zone: str  # whose calendar days these are
    days: list[Day]
    legs: list[Leg]
    outside: list[Outcome]  # obligations due on none of the days shown


def _times(trip: Trip) -> list[When]:
    times = [t for t in (trip.leaves, trip.returns) if t is not None]
    for stop in trip.stops:
        times += [stop.arrive] + ([stop.depart] if stop.depart else [])
    return times


def _local_date(moment: datetime, tz: str) -> date:
    return moment.astimezone(zone(tz)).date()


def span(trip: Trip, tz: str) -> tuple[date, date] | None:
    """The days a timeline in zone `tz` shows: the trip's own days (local dates), and the
    `tz` days of its exact times when they fall outside them."""
    times = _times(trip)
    if not times:
        return None
    days = [t.day if t.date_only else _local_date(t.aware(), tz) for t in times]
    days += [t.day for t in times]
    return min(days), max(days)


def day_of(when: When, tz: str) -> datetime:
    """The moment that places a time on a day of zone `tz`: the exact moment, or noon
    of its own date in `tz` for a date-only time (a date stays on its date)."""
    if when.date_only:
        return utc(datetime.combine(when.day, time(12), tzinfo=zone(tz)))
    return utc(when.aware())


def _since(when: When, tz: str) -> datetime:
    """From when a time places the traveller somewhere: a date-only time from the start
    of its date in the view's zone."""
    return utc(start_of_day(when.day, tz)) if when.date_only else utc(when.aware())


def _until(when: When, tz: str) -> datetime:
    """Until when: a date-only time to the end of its date in the view's zone."""
    if when.date_only:
        return utc(start_of_day(when.day + timedelta(days=1), tz)) - timedelta(microseconds=1)
    return utc(when.aware())


def _presences(catalog: Catalog, trip: Trip, tz: str) -> list[tuple[str, datetime | None, datetime | None]]:
    """(place, from, until) for home before, each stop and home after; None is open-ended."""
    home = catalog.home_of(trip)
    out = []
    if home and trip.leaves:
        out.append((home.city, None, _until(trip.leaves, tz)))
    for stop in trip.stops:
        out.append((stop.city, _since(stop.arrive, tz), _until(stop.leaves, tz)))
    if home and trip.returns:
        out.append((home.city, _since(trip.returns, tz), None))
    return out


def _events(catalog: Catalog, trip: Trip) -> list[Event]:
    home = catalog.home_of(trip)
    home_city = home.city if home else "home"
    events = [Event("leaves", home_city, trip.leaves)] if trip.leaves else []
    for stop in trip.stops:
        events.append(Event("arrives", stop.city, stop.arrive))
        if stop.depart:
            events.append(Event("leaves", stop.city, stop.depart))
    if trip.returns:
        events.append(Event("arrives", home_city, trip.returns))
    return events


def _on_the_way(leg: Leg, moment: datetime) -> bool:
    certain = leg.certain()
    return certain is not None and certain[0] < moment <= certain[1]


def build(catalog: Catalog, trip: Trip, tz: str) -> Timeline:
    """The trip's days in zone `tz`, from its first possible moment to its last."""
    plan = route(catalog, trip)
    bounds = span(trip, tz)
    days: list[Day] = []
    if bounds and (bounds[1] - bounds[0]).days >= MAX_DAYS:
        raise InputError(
            f"trip {trip.id!r} runs from {bounds[0]} to {bounds[1]}: too many days for a timeline "
            f"(at most {MAX_DAYS}); is a year mistyped?"
        )
    if bounds:
        current = bounds[0]
        while current <= bounds[1]:
            following = current + timedelta(days=1)
            days.append(Day(current, utc(start_of_day(current, tz)), utc(start_of_day(following, tz))))
            current = following
    for place, since, until in _presences(catalog, trip, tz):
        for day in days:
            overlaps = (since is None or since < day.end) and (until is None or until >= day.start)
            if overlaps and day.end > day.start and (not day.places or day.places[-1] != place):
                day.places.append(place)
    for day in days:  # surely on the way at midnight: the day ends heading for the next place
        leg = next((leg for leg in plan.legs if _on_the_way(leg, day.end)), None)
        if leg and day.places[-1:] != [leg.destination.place.city]:
            day.places.append(leg.destination.place.city)
    for leg in plan.legs:  # leaving that day: the day heads for the next place
        if leg.origin.leaves is None or leg.destination.place is None:
            continue
        moment = day_of(leg.origin.leaves, tz)
        day = next((d for d in days if d.holds(moment)), None)
        arrives = leg.destination.arrive
        if arrives is not None and day is not None and day.holds(day_of(arrives, tz)):
            continue  # reached the same day: its stay is among the day's places already
        if day and day.places[-1:] != [leg.destination.place.city]:
            day.places.append(leg.destination.place.city)
    for event in sorted(_events(catalog, trip), key=lambda e: day_of(e.when, tz)):
        for day in days:
            if day.holds(day_of(event.when, tz)):
                day.events.append(event)
    outside = []
    for outcome in obligation_outcomes(catalog, trip, plan):
        target = next((d for d in days if d.holds(day_of(outcome.obligation.when, tz))), None)
        (target.obligations if target else outside).append(outcome)
    return Timeline(trip, tz, days, plan.legs, outside)


def slots(day: Day, tz: str, count: int) -> list[tuple[datetime, datetime]]:
    """`count` equal slices of the day's wall clock, as UTC intervals. A slice the clocks
    skip (DST gap) is empty; one they repeat (DST fold) is longer."""
    minutes = 24 * 60 // count
    bounds = [day.start]
    for index in range(1, count):
        wall = datetime.combine(day.day, time(0)) + timedelta(minutes=index * minutes)
        moment = utc(wall.replace(tzinfo=zone(tz)))
        bounds.append(min(max(moment, day.start), day.end))
    bounds.append(day.end)
    return list(zip(bounds, bounds[1:]))


def strip(timeline: Timeline, day: Day, count: int) -> list[str]:
    """For each slice of the day: DUE, TRAVEL, MAYBE or '' (at a place)."""
    marks = []
    due = [day_of(o.obligation.when, timeline.zone) for o in day.obligations if not o.obligation.when.date_only]
    windows = [(leg.certain(), leg.window()) for leg in timeline.legs]
    for start, end in slots(day, timeline.zone, count):
        mark = ""
        if start == end:
            marks.append(mark)
            continue
        if any(start <= moment < end for moment in due):
            mark = DUE
        elif any(c and c[0] < end and c[1] > start for c, _w in windows):
            mark = TRAVEL
        elif any(w and w[0] < end and w[1] > start for _c, w in windows):
            mark = MAYBE
        marks.append(mark)
    return marks
