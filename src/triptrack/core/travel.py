"""How fast a traveller can get from place to place, and the best case a trip allows.

Each leg has two times, from the great-circle distance `d` and how it is travelled:

- the *fastest* realistic time: anything quicker cannot happen (a problem for `check`);
- the *typical* time: quicker than this is possible only with luck (a warning, "at risk").

                    fastest                     typical
    air             d / 1,050 km/h + 25 min     d / 950 km/h + 30 min
    helicopter      d / 280 km/h + 10 min       d / 220 km/h + 15 min
    rail            d / 300 km/h                d / 150 km/h
    road            d / 90 km/h                 d / 60 km/h
    sea             d / 60 km/h                 d / 30 km/h

The air figures are calibrated on published scheduled block times (tests/test_calibration.py):
a jet-stream eastbound crossing averages close to 1,000 km/h over the ground, so 1,050 km/h
plus 25 min of taxi, climb and descent is below every scheduled nonstop in the table, and
above half of each; 25 min on the ground leaves room for the 30-minute hops of short sea crossings. Without a written `travel`, a leg goes by air or by road, whichever is
quicker (the road wins below about 40 km: Rome -> Vatican City). A leg whose duration, or
departure and arrival, are written takes exactly that.

Date-only times are judged on their best case: the earliest moment the traveller can
leave (start of the departure day, or later if the trip so far cannot get there sooner)
and the latest moment the arrival allows (end of the arrival day). `route()` follows the
trip from home to home this way; `obligation_outcomes()` compares the earliest possible
return home with what the traveller must be back for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from triptrack.core.legs import Travel
from triptrack.core.localtime import When, start_of_day, utc
from triptrack.core.model import Catalog, Obligation, Place, Trip
from triptrack.core.pace import (  # noqa: F401 (the model, also importable from here)
    FASTEST,
    TYPICAL,
    Estimate,
    Pace,
    default_mode,
    estimate,
    minimum_travel,
)

AT_RISK_SLACK = timedelta(hours=2)  # an obligation with less spare time than this, even at best: "at risk"


@dataclass(frozen=True)
class Point:
    """A place on the way: home at the start, each stop, home at the end."""

    label: str  # 'Paris', 'Rome #4' when a city comes twice, 'Washington (home)'
    place: Place | None
    arrive: When | None  # None for home at the start, or home at the end with no return time
    leaves: When | None  # None for home at the end, or home at the start with no departure time
    stop: int | None  # index in trip.stops; None for home


def written_span(travel: Travel | None) -> tuple[datetime, datetime] | None:
    """A leg's written departure and arrival (`air UA950 ... -> ...`) in UTC, when there are some."""
    if travel is None or travel.departs is None:
        return None
    return utc(travel.departs.aware()), utc(travel.arrives.aware())


@dataclass(frozen=True)
class Leg:
    """Getting from one point to the next, judged on the best case (all moments in UTC)."""

    origin: Point
    destination: Point
    km: float | None  # None when a place has no coordinates
    minimum: timedelta  # zero when the distance is unknown
    ready: datetime | None  # earliest the traveller can set off (None: unknown)
    deadline: datetime | None  # latest arrival the destination's times allow (None: open)
    typical: timedelta = timedelta(0)
    how: Estimate | None = None
    travel: Travel | None = None  # as written in the data file

    @property
    def reach(self) -> datetime | None:
        """The earliest possible arrival (a written arrival time when there is one)."""
        if self.travel is not None and self.travel.arrives is not None:
            return utc(self.travel.arrives.aware())
        return self.ready + self.minimum if self.ready is not None else None

    @property
    def typical_slack(self) -> timedelta | None:
        available = self.available
        return available - self.typical if available is not None else None

    @property
    def available(self) -> timedelta | None:
        if self.ready is None or self.deadline is None:
            return None
        return self.deadline - self.ready

    @property
    def slack(self) -> timedelta | None:
        available = self.available
        return available - self.minimum if available is not None else None

    def written(self) -> tuple[datetime, datetime] | None:
        """The written departure and arrival of the flight or train, when there are some."""
        return written_span(self.travel)

    def window(self) -> tuple[datetime, datetime] | None:
        """When the travelling may happen: from the earliest departure to the latest arrival
        (the written times, when the flight or train is known)."""
        written = self.written()
        if written is not None:
            return written
        if self.origin.leaves is None or self.destination.arrive is None:
            return None
        return utc(self.origin.leaves.earliest()), utc(self.destination.arrive.latest())

    def certain(self) -> tuple[datetime, datetime] | None:
        """When the traveller is surely on the way, whatever the unknown hours were.

        Every possible journey departs by min(latest departure, latest arrival - minimum)
        and arrives no sooner than max(earliest arrival, earliest departure + minimum).
        """
        written = self.written()
        if written is not None:
            return written
        if self.origin.leaves is None or self.destination.arrive is None:
            return None
        start = min(utc(self.origin.leaves.latest()), utc(self.destination.arrive.latest()) - self.minimum)
        end = max(utc(self.destination.arrive.earliest()), utc(self.origin.leaves.earliest()) + self.minimum)
        return (start, end) if end > start else None


@dataclass(frozen=True)
class Route:
    """A trip as points in time and the legs between them."""

    points: list[Point]
    legs: list[Leg]
    leaves_last: datetime | None  # earliest the traveller can leave the last stop (UTC)
    back_home: datetime | None  # earliest possible return home (UTC); see `counts_flight_home`
    counts_flight_home: bool  # False when home or its distance is unknown


def stop_labels(trip: Trip) -> list[str]:
    """Each stop's city, with its number when the city comes more than once."""
    cities = [stop.city for stop in trip.stops]
    return [city if cities.count(city) == 1 else f"{city} #{i + 1}" for i, city in enumerate(cities)]


def points(catalog: Catalog, trip: Trip) -> list[Point]:
    home = catalog.home_of(trip)
    out: list[Point] = []
    if home and trip.stops:
        out.append(Point(f"{home.city} (home)", home, None, trip.leaves, None))
    for index, (stop, label) in enumerate(zip(trip.stops, stop_labels(trip))):
        out.append(Point(label, stop.place, stop.arrive, stop.leaves, index))
    if home and trip.stops:
        out.append(Point(f"{home.city} (home)", home, trip.returns, None, None))
    return out


def leg_travel(trip: Trip, destination: Point) -> Travel | None:
    """How the leg reaching `destination` is travelled, as written (None: not written)."""
    if destination.stop is None:
        return trip.travel_home
    return trip.stops[destination.stop].travel


def _latest_of(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None


def _earliest_of(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return min(known) if known else None


def route(catalog: Catalog, trip: Trip) -> Route:
    """Follow the trip in its best case, leg by leg.

    A leg that is impossible does not spoil the ones after it: the traveller is then
    assumed to have arrived at the latest moment the destination allows.
    """
    stops = points(catalog, trip)
    legs: list[Leg] = []
    ready: datetime | None = None
    arrived: datetime | None = None
    for index, point in enumerate(stops):
        arrive_early = utc(point.arrive.earliest()) if point.arrive else None
        if index == 0:
            arrived = arrive_early
        else:
            previous = stops[index - 1]
            km = previous.place.distance_to(point.place) if previous.place and point.place else None
            deadline = _earliest_of(
                utc(point.arrive.latest()) if point.arrive else None,
                utc(point.leaves.latest()) if point.leaves else None,
            )
            travel = leg_travel(trip, point)
            how = estimate(km, travel)
            leg = Leg(previous, point, km, how.fastest, ready, deadline, how.typical, how, travel)
            legs.append(leg)
            arrived = _latest_of(leg.reach, arrive_early)
            if arrived is not None and deadline is not None and arrived > deadline:
                arrived = deadline
        ready = _latest_of(arrived, utc(point.leaves.earliest()) if point.leaves else None)
    if legs and stops[-1].stop is None:
        home_leg = legs[-1]
        back_home = _latest_of(home_leg.reach, utc(trip.returns.earliest()) if trip.returns else None)
        return Route(stops, legs, home_leg.ready, back_home, home_leg.km is not None)
    # No home known: leaving the last stop is the best that can be said.
    return Route(stops, legs, ready, ready, False)


@dataclass(frozen=True)
class Outcome:
    """Whether the traveller can be where an obligation is, when it is, in the best case.

    The one verdict every output shows (check, show, timeline, compare, Markdown, ICS, JSON);
    `core.obligations` words it. For an obligation back home, `back` is the earliest possible
    return; for one at a stop, the earliest possible arrival there, and `left` the latest
    moment the traveller is still there.
    """

    obligation: Obligation
    due: datetime  # UTC; the end of its day (the next day's start) when the obligation has no hour
    back: datetime | None  # earliest possible arrival where it is (UTC)
    last: Point | None  # home: the last stop, where the journey home starts; at a stop: that stop
    before_trip: bool = False
    left: datetime | None = None  # at a stop: the latest the traveller leaves it (UTC)
    due_from: datetime | None = None  # UTC; without an hour, the start of its day (None: `due`)

    @property
    def at_stop(self) -> bool:
        """Due at a stop of the trip (found by its city), not back home."""
        return self.left is not None

    @property
    def left_too_soon(self) -> bool:
        return self.left is not None and self.left < (self.due_from or self.due)

    @property
    def margin(self) -> timedelta | None:
        """Time to spare in the best case. At a stop, for an obligation whose hour is not
        known, it is taken at the moment of its day that leaves most to spare on both sides."""
        if self.back is None:
            return None
        if self.left is None:
            return self.due - self.back
        moment = self.due
        if self.due_from is not None:
            moment = min(max(self.back + (self.left - self.back) / 2, self.due_from), self.due)
        return min(moment - self.back, self.left - moment)

    @property
    def status(self) -> str:
        """'met', 'at risk', 'missed', 'before the trip' or 'unknown'."""
        if self.before_trip:
            return "before the trip"
        margin = self.margin
        if margin is None:
            return "unknown"
        if margin < timedelta(0):
            return "missed"
        return "at risk" if margin < AT_RISK_SLACK else "met"


def _arrivals(plan: Route) -> dict[int, datetime | None]:
    """The earliest possible arrival at each stop (by index), in the best case."""
    out: dict[int, datetime | None] = {}
    for leg in plan.legs:
        point = leg.destination
        if point.stop is None:
            continue
        early = utc(point.arrive.earliest()) if point.arrive else None
        out[point.stop] = _latest_of(leg.reach, early)
    for point in plan.points:
        if point.stop is not None and point.stop not in out:
            out[point.stop] = utc(point.arrive.earliest()) if point.arrive else None
    return out


def day_end(when: When) -> datetime:
    """The end of a date-only time's day, in UTC: the next day's first moment there."""
    return utc(start_of_day(when.day + timedelta(days=1), when.tz))


def obligation_outcomes(catalog: Catalog, trip: Trip, plan: Route | None = None) -> list[Outcome]:
    plan = plan or route(catalog, trip)
    last = next((p for p in reversed(plan.points) if p.stop is not None), None)
    stop_points = {p.stop: p for p in plan.points if p.stop is not None}
    arrivals = _arrivals(plan) if any(o.at_stop is not None for o in trip.obligations) else {}
    out = []
    for obligation in trip.obligations:
        when = obligation.when
        due, due_from = (utc(when.aware()), None) if not when.date_only else (day_end(when), utc(when.earliest()))
        index = trip.stop_for(obligation) if obligation.at_stop is not None else None
        if index is not None and index in stop_points:
            point = stop_points[index]
            out.append(Outcome(obligation, due, arrivals.get(index), point, False, utc(point.leaves.latest()), due_from))
            continue
        before = trip.leaves is not None and utc(when.latest()) <= utc(trip.leaves.latest())  # (its last moment, as the leaving day's)
        out.append(Outcome(obligation, due, plan.back_home, last, before))
    return out
