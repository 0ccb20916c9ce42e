"""Where a traveller is at one instant: at a stop, on the way, not yet left or back home.

Times stay honest: a date-only stop is "there that day, hours not known", never a
guessed hour. A stop is *surely* the traveller's place at instant `t` when the
latest arrival it allows is before `t` and its earliest departure after; it is
*possibly* the place when `t` lies between its earliest arrival and latest
departure. A leg's written flight or train times are when the traveller leaves and
arrives; a written duration is the least the leg takes. Between stops, the leg says
when the traveller left and the earliest and latest arrival the times allow (the
earliest never sooner than the written duration, or the minimum travel time of
`travel.minimum_travel`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from triptrack.core.localtime import When, utc
from triptrack.core.model import Catalog, Obligation, Place, Trip
from triptrack.core.travel import (
    Point,
    minimum_travel,
    obligation_outcomes,
    points,
    written_span,
)
from triptrack.errors import InputError

# A trip is "around" an instant from this long before its first day to this long after its last.
AROUND_BEFORE = timedelta(days=7)
AROUND_AFTER = timedelta(days=2)

BEFORE, AT, THAT_DAY, TRAVELLING, AFTER = "before", "at", "that day", "travelling", "after"


@dataclass(frozen=True)
class Event:
    """Something that happens on the trip: leaving home, arriving at or leaving a stop, coming back."""

    what: str  # 'arrives in Paris', 'leaves Tokyo', 'leaves Washington (home)', 'back in Washington (home)'
    when: When
    place: Place | None

    def after(self, instant: datetime) -> bool:
        return utc(self.when.earliest()) > instant


@dataclass(frozen=True)
class Countdown:
    obligation: Obligation
    left: timedelta  # until its earliest moment; negative once it has begun
    outcome: str  # travel.Outcome.status: 'met', 'at risk', 'missed', 'before the trip', 'unknown'


@dataclass(frozen=True)
class Situation:
    """One trip's traveller at one instant."""

    trip: Trip
    instant: datetime  # UTC
    kind: str  # BEFORE, AT, THAT_DAY, TRAVELLING or AFTER
    place: Place | None  # where the traveller is (AT, THAT_DAY, BEFORE/AFTER: home); None on the way
    stops: tuple[int, ...] = ()  # the stop(s) meant, as indexes of trip.stops
    since: When | None = None  # arrived (AT, THAT_DAY), left (TRAVELLING), came back (AFTER)
    until: When | None = None  # leaves (AT, THAT_DAY, BEFORE)
    origin: Point | None = None  # TRAVELLING: from
    destination: Point | None = None  # TRAVELLING: to
    earliest_arrival: datetime | None = None  # TRAVELLING, UTC
    latest_arrival: datetime | None = None  # TRAVELLING, UTC; None when not recorded
    next: Event | None = None
    countdowns: list[Countdown] = field(default_factory=list)

    @property
    def zone(self) -> str | None:
        """The zone of where the traveller is, or last was when on the way."""
        if self.place is not None:
            return self.place.tz
        if self.origin is not None and self.origin.place is not None:
            return self.origin.place.tz
        return None


def span(trip: Trip) -> tuple[datetime, datetime] | None:
    """(earliest start, latest end) of the trip in UTC, or None when it has no stops."""
    if not trip.stops:
        return None
    start = trip.leaves.earliest() if trip.leaves else trip.stops[0].arrive.earliest()
    end = trip.returns.latest() if trip.returns else trip.stops[-1].leaves.latest()
    return utc(start), utc(end)


def around(first_day: date | None, last_day: date | None, instant: datetime) -> bool:
    """Cheap test on a trip's days (local dates, so a day of slack each side): is it near `instant`?"""
    if first_day is None or last_day is None:
        return False
    day = instant.date()
    return first_day - AROUND_BEFORE - timedelta(days=1) <= day <= last_day + AROUND_AFTER + timedelta(days=1)


def events(catalog: Catalog, trip: Trip) -> list[Event]:
    """Leaving home, each arrival and departure, and coming back, in the trip's order."""
    home = catalog.home_of(trip)
    home_name = f"{home.city} (home)" if home else "home"
    out: list[Event] = []
    travels = [stop.travel for stop in trip.stops] + [trip.travel_home]  # the leg reaching each stop, then home
    departs = [t.departs if t is not None and t.departs is not None else None for t in travels]
    arrives = [t.arrives if t is not None and t.arrives is not None else None for t in travels]
    if trip.leaves or (travels and departs[0]):
        out.append(Event(f"leaves {home_name}", departs[0] or trip.leaves, home))
    for index, stop in enumerate(trip.stops):
        out.append(Event(f"arrives in {stop.city}", arrives[index] or stop.arrive, stop.place))
        if stop.depart is not None or departs[index + 1]:
            out.append(Event(f"leaves {stop.city}", departs[index + 1] or stop.depart, stop.place))
    if trip.returns or arrives[-1]:
        out.append(Event(f"back in {home_name}", arrives[-1] or trip.returns, home))
    return out


def situation(catalog: Catalog, trip: Trip, instant: datetime) -> Situation | None:
    """Where the trip's traveller is at `instant` (aware); None for a trip without stops."""
    window = span(trip)
    if window is None:
        return None
    t = utc(instant)
    home = catalog.home_of(trip)
    upcoming = next((e for e in events(catalog, trip) if e.after(t)), None)
    countdowns = _countdowns(catalog, trip, t)
    common = {"trip": trip, "instant": t, "next": upcoming, "countdowns": countdowns}
    start, end = window
    if t < start:
        until = trip.leaves or trip.stops[0].arrive
        return Situation(kind=BEFORE, place=home, until=until, **common)
    if t > end:
        return Situation(kind=AFTER, place=home if trip.returns else None, since=trip.returns or trip.stops[-1].leaves, **common)
    stays = _stays(trip)
    possible = [i for i, (arrives, _sure_in, _sure_out, leaves) in enumerate(stays) if arrives <= t <= leaves]
    sure = [i for i in possible if stays[i][1] <= t <= stays[i][2]]
    if sure:
        stop = trip.stops[sure[0]]
        return Situation(kind=AT, place=stop.place, stops=(sure[0],), since=stop.arrive, until=stop.depart, **common)
    if possible:
        stop = trip.stops[possible[0]]
        last = trip.stops[possible[-1]]
        return Situation(
            kind=THAT_DAY, place=stop.place, stops=tuple(possible), since=stop.arrive, until=last.depart, **common
        )
    return _on_the_way(catalog, trip, t, common)


def _stays(trip: Trip) -> list[list[datetime]]:
    """Each stop's earliest and latest arrival and earliest and latest departure, in UTC:
    its times, narrowed by the written travel of the legs that reach and leave it."""
    stays = [[utc(s.arrive.earliest()), utc(s.arrive.latest()), utc(s.leaves.earliest()), utc(s.leaves.latest())] for s in trip.stops]
    start = trip.leaves.earliest() if trip.leaves else None
    left = [utc(start) if start else None] + [stay[2] for stay in stays]  # earliest departure from the point before each stop
    for index, stop in enumerate(trip.stops):
        written = written_span(stop.travel)
        if written is not None:
            stays[index][0] = stays[index][1] = written[1]
            if index:
                stays[index - 1][2] = stays[index - 1][3] = written[0]
        elif stop.travel is not None and stop.travel.duration is not None and left[index] is not None:
            stays[index][0] = max(stays[index][0], left[index] + stop.travel.duration)
            stays[index][1] = max(stays[index][1], stays[index][0])
    home = written_span(trip.travel_home)
    if home is not None and stays:
        stays[-1][2] = stays[-1][3] = home[0]
    return stays


def _on_the_way(catalog: Catalog, trip: Trip, t: datetime, common: dict) -> Situation:
    """Between two points: the last one left before `t` and the one after it."""
    route = points(catalog, trip)
    if not route or route[0].stop is not None:  # no home known: the trip starts at its first stop
        route = [Point("home", None, None, trip.leaves, None), *route]
    origin, destination = route[0], route[1]
    for before, after in zip(route, route[1:]):
        if before.leaves is not None and utc(before.leaves.earliest()) <= t:
            origin, destination = before, after
    km = origin.place.distance_to(destination.place) if origin.place and destination.place else None
    travel = trip.stops[destination.stop].travel if destination.stop is not None else trip.travel_home
    takes = travel.takes() if travel is not None else None
    least = takes if takes is not None else minimum_travel(km) if km is not None else timedelta(0)
    earliest = utc(origin.leaves.earliest()) + least if origin.leaves else t
    if destination.arrive is not None:
        earliest = max(earliest, utc(destination.arrive.earliest()))
    latest = utc(destination.arrive.latest()) if destination.arrive is not None else None
    written = written_span(travel)
    if written is not None:
        earliest = latest = written[1]
    return Situation(
        kind=TRAVELLING, place=None, since=travel.departs if written else origin.leaves, origin=origin, destination=destination,
        earliest_arrival=earliest, latest_arrival=latest, **common,
    )


def _countdowns(catalog: Catalog, trip: Trip, t: datetime) -> list[Countdown]:
    outcomes = {id(o.obligation): o.status for o in obligation_outcomes(catalog, trip)}
    return [
        Countdown(obligation, utc(obligation.when.earliest()) - t, outcomes.get(id(obligation), "unknown"))
        for obligation in trip.obligations
    ]


def situations(catalog: Catalog, trips: list[Trip], instant: datetime) -> list[Situation]:
    """The situation on every trip around `instant`, by official then start."""
    t = utc(instant)
    found = []
    for trip in trips:
        window = span(trip)
        if window is None:
            continue
        start, end = window
        if start - AROUND_BEFORE <= t <= end + AROUND_AFTER:
            found.append(situation(catalog, trip, t))
    return sorted(found, key=lambda s: (s.trip.official, span(s.trip)[0], s.trip.id))


def parse_instant(text: str, tz: str) -> datetime:
    """`--at`: a date and time read in zone `tz` unless it carries a UTC offset; a date
    alone means noon. A date without a year, or a month that does not exist, is refused."""
    from datetime import time

    from triptrack.core.localtime import parse_user, spelled_offset, zone

    try:
        zone(tz)
    except ValueError as exc:
        raise InputError(f"--tz: {exc}") from None
    typed, text = text, spelled_offset(text.strip())
    offset = _OFFSET.search(text)
    minutes = 0
    if offset and offset["h"]:
        minutes = (-1 if offset["sign"] == "-" else 1) * (int(offset["h"]) * 60 + int(offset["m"]))
        if int(offset["m"]) > 59 or not -12 * 60 <= minutes <= 14 * 60:
            raise InputError(f"--at {typed!r}: {offset.group().strip()} is not a UTC offset (they run from -12:00 to +14:00)")
    wall = text.strip()[: offset.start()].strip() if offset else text
    try:
        when = parse_user(wall, "UTC" if offset else tz)
    except ValueError as exc:
        raise InputError(f"--at {typed!r}: {exc}") from None
    if when.date_only:
        if offset:
            raise InputError(f"--at {typed!r}: an offset needs a time of day, e.g. 2025-01-07 12:00+09:00")
        when = When(when.day, time(12), tz)
    if offset:
        return utc(datetime.combine(when.day, when.at, tzinfo=timezone(timedelta(minutes=minutes))))
    return utc(when.aware())


_OFFSET = re.compile(r"(?:(?<=\d)Z|\s*(?P<sign>[+-])(?P<h>\d{2}):?(?P<m>\d{2}))$")


def to_json(catalog: Catalog, found: Situation) -> dict:
    """One situation as plain data for `now --json`."""
    from triptrack.core.localtime import zone

    trip = found.trip
    official = catalog.officials.get(trip.official)
    home_tz = official.home_tz if official else "UTC"
    here = found.zone

    def moment(at: datetime | None, tz: str | None) -> str | None:
        return at.astimezone(zone(tz)).isoformat(timespec="seconds") if at is not None and tz else None

    def when(value: When | None) -> dict | None:
        return None if value is None else {"local": value.iso(), "tz": value.tz, "hour_known": not value.date_only}

    doc = {
        "trip": trip.id,
        "official": trip.official,
        "official_name": official.name if official else trip.official,
        "at": found.instant.isoformat(timespec="seconds"),
        "state": found.kind,
        "place": None if found.place is None else {
            "city": found.place.city, "country": found.place.country, "tz": found.place.tz,
        },
        "stops": [i + 1 for i in found.stops],
        "local_time": moment(found.instant, here),
        "home_time": moment(found.instant, home_tz),
        "since": when(found.since),
        "until": when(found.until),
        "leg": None,
        "next": None if found.next is None else {"what": found.next.what, **when(found.next.when)},
        "obligations": [
            {
                "what": c.obligation.what,
                "when": when(c.obligation.when),
                "home_time": moment(c.obligation.when.aware(), home_tz),
                "local_time": moment(c.obligation.when.aware(), here),
                "seconds_left": int(c.left.total_seconds()),
                "outcome": c.outcome,
            }
            for c in found.countdowns
        ],
    }
    if found.kind == TRAVELLING:
        doc["leg"] = {
            "from": found.origin.label,
            "to": found.destination.label,
            "left": when(found.since),
            "earliest_arrival": moment(found.earliest_arrival, found.destination.place.tz if found.destination.place else "UTC"),
            "latest_arrival": moment(found.latest_arrival, found.destination.place.tz if found.destination.place else "UTC"),
        }
    return doc
