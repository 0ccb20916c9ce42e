"""Where a trip's traveller is on each calendar day: what `calendar` and `list --on` show.

A stop counts on every local date from its arrival to its departure (in its own
zone); leaving and coming home count on their dates in the home zone, and so do
obligations (in their own zone). A *travel day* is a day on which the traveller
leaves a place (home or a stop), comes home, reaches the first stop of a trip that
records no departure from home, or is at no place at all between two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from triptrack.core.model import Catalog, Obligation, Place, Stop, Trip


@dataclass
class TripDay:
    day: date
    trip: Trip
    stops: list[Stop] = field(default_factory=list)  # in the trip's order
    home: Place | None = None  # set on the day the traveller leaves or comes home, with no stop
    travel: bool = False
    obligations: list[Obligation] = field(default_factory=list)
    between: tuple[str, str] | None = None  # (from, to) on a day at no place
    home_at_end: bool = False  # back home by the day's end, after its stops (`home` is set)

    @property
    def code(self) -> str:
        """Where the day ends, as a country code ('' when at no place)."""
        if self.stops and not self.home_at_end:
            return self.stops[-1].place.country
        return self.home.country if self.home else ""

    @property
    def city(self) -> str:
        """Where the day ends, as a city ('' when at no place)."""
        if self.stops and not self.home_at_end:
            return self.stops[-1].city
        return self.home.city if self.home else ""

    def words(self, home_name: str) -> str:
        """'Tokyo (JP)', 'Rome (IT), Vatican City (VA)', 'travelling: Tokyo → Paris', 'Washington (home), leaving'."""
        if self.stops:
            back = f", then {home_name} (home)" if self.home_at_end else ""
            return ", ".join(f"{stop.city} ({stop.place.country})" for stop in self.stops) + back
        if self.between:
            return f"travelling: {self.between[0]} → {self.between[1]}"
        if self.home is not None:
            return f"{home_name} (home), {'leaving' if self.day == _day(self.trip.leaves) else 'coming back'}"
        return ""


def _day(when) -> date | None:
    return when.day if when is not None else None


def trip_days(catalog: Catalog, trip: Trip, first: date, last: date) -> dict[date, TripDay]:
    """Each day from `first` to `last` on which the trip has something, by date."""
    days: dict[date, TripDay] = {}

    def at(day: date) -> TripDay | None:
        if not first <= day <= last:
            return None
        return days.setdefault(day, TripDay(day, trip))

    for stop in trip.stops:
        day = stop.arrive.day
        while day <= stop.leaves.day:
            entry = at(day)
            if entry is not None:
                entry.stops.append(stop)
            day += timedelta(days=1)
    home = catalog.home_of(trip)
    for moment in (trip.leaves, trip.returns):
        entry = at(moment.day) if moment is not None else None
        if entry is not None:
            entry.travel = True
            if not entry.stops:
                entry.home = home
            elif moment is trip.returns and home is not None:  # left the last stop and came home that day
                entry.home, entry.home_at_end = home, True
    if trip.leaves is None and trip.stops:
        entry = at(trip.stops[0].arrive.day)
        if entry is not None:
            entry.travel = True
    for stop in trip.stops:  # leaving it (the arrival day when no departure is written)
        entry = at(stop.leaves.day)
        if entry is not None:
            entry.travel = True
    _fill_gaps(trip, home, at)
    for obligation in trip.obligations:
        entry = at(obligation.when.day)
        if entry is not None:
            entry.obligations.append(obligation)
    return days


def _fill_gaps(trip: Trip, home: Place | None, at) -> None:
    """Days strictly between leaving one place and reaching the next: travelling."""
    names = [home.city if home else "home", *(stop.city for stop in trip.stops), home.city if home else "home"]
    starts = [_day(trip.leaves), *(stop.leaves.day for stop in trip.stops)]
    ends = [*(stop.arrive.day for stop in trip.stops), _day(trip.returns)]
    for index, (start, end) in enumerate(zip(starts, ends)):
        if start is None or end is None:
            continue
        day = start + timedelta(days=1)
        while day < end:
            entry = at(day)
            if entry is not None and not entry.stops:
                entry.travel = True
                entry.between = (names[index], names[index + 1])
            day += timedelta(days=1)


def where_on(catalog: Catalog, trips: list[Trip], day: date) -> list[TripDay]:
    """For `list --on`: each trip's day, for the trips that have that day."""
    found = []
    for trip in trips:
        entry = trip_days(catalog, trip, day, day).get(day)
        if entry is not None and (entry.stops or entry.home or entry.between):
            found.append(entry)
    return found
