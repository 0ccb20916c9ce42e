"""A trip's days: one definition for show, list, --json, Markdown, ICS, stats and timeline.

A date-only time is a calendar date at its place, not an instant at local midnight:
the Historian's "6 January 2025, Seoul" is 6 January, whatever the date was in
Washington then. So a trip's days are the local dates of its stops (arrival to
departure), plus the dates of `leaves` and `returns` when they are known, each date
read in the zone it was written in:

- first day: the earliest of those dates; last day: the latest;
- length: last day - first day + 1 (both included).

Days abroad (for `stats`): the distinct calendar dates on which the official had a
stop outside the home country, every date from a stop's arrival to its departure,
local at the stop. A day spent only in the air or at home is not counted: a record
that names no stop that day does not support it. A date the stop's zone never had
(Apia skipped 30 Dec 2011) is not one of its days.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from triptrack.core.model import Stop, Trip
from triptrack.core.wording import counted


def trip_bounds(trip: Trip) -> tuple[date, date] | None:
    """The trip's first and last day (local dates), or None when it has no times."""
    first, last = trip.first_day, trip.last_day
    return (first, last) if first is not None else None


def trip_length(trip: Trip) -> int | None:
    """Days from the first to the last, both included."""
    bounds = trip_bounds(trip)
    return (bounds[1] - bounds[0]).days + 1 if bounds else None


def stop_dates(trip: Trip, outside: str | None = None) -> set[date]:
    """Every local date of the trip's stops (only those outside country `outside`, if given)."""
    dates: set[date] = set()
    for stop in trip.stops:
        if outside is not None and stop.place.country == outside:
            continue
        dates.update(local_dates(stop.arrive.day, max(stop.arrive.day, stop.leaves.day), stop.place.tz))
    return dates


def local_dates(first: date, last: date, tz: str) -> list[date]:
    """The dates from `first` to `last` (both included) that zone `tz` had."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    if len(days) < 3:
        return days
    from triptrack.core.localtime import day_skipped, zone

    noon, there = time(12), zone(tz)
    jump = datetime.combine(last, noon, there).utcoffset() - datetime.combine(first, noon, there).utcoffset()
    if abs(jump) < timedelta(hours=20):  # (only a jump of a whole day's offset skips a date)
        return days
    return [day for day in days if not day_skipped(day, tz)]


def stay_words(stop: Stop) -> str:
    """How long a stop lasts: '2 h 30 min' when both ends have an hour, else its local dates
    counted ('1 day' for a day trip); '' without a departure."""
    if stop.depart is None:
        return ""
    if stop.arrive.at is not None and stop.depart.at is not None:
        from triptrack.core.localtime import utc
        from triptrack.core.obligations import format_span

        return format_span(utc(stop.depart.aware()) - utc(stop.arrive.aware()))
    return counted(len(local_dates(stop.arrive.day, stop.depart.day, stop.place.tz)) or 1, "day")
