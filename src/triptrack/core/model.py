"""The data model: officials, trips, stops and obligations.

Plain dataclasses, built by `schema` from the data file and by the commands that
edit it. Times are `localtime.When` values: local wall time plus IANA zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from triptrack.core.geo import distance_km
from triptrack.core.legs import Travel
from triptrack.core.localtime import When
from triptrack.errors import NotFoundError

STATUSES = ("planned", "announced", "underway", "completed", "recorded", "cancelled")


@dataclass
class Place:
    """A city: its country, IANA zone and (when known) coordinates."""

    city: str
    country: str  # ISO 3166-1 alpha-2
    tz: str  # IANA zone
    lat: float | None = None
    lon: float | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None

    def distance_to(self, other: Place) -> float | None:
        if not (self.has_coordinates and other.has_coordinates):
            return None
        return distance_km(self.lat, self.lon, other.lat, other.lon)


@dataclass
class Official:
    """A traveller: who they are, their title and country, and their home."""

    id: str
    name: str
    title: str = ""
    country: str = ""
    home: Place | None = None
    line: int = 0

    @property
    def home_tz(self) -> str:
        return self.home.tz if self.home else "UTC"


@dataclass
class Stop:
    """One stop of a trip: where, when (local wall time), and what happens there."""

    place: Place
    arrive: When
    depart: When | None = None
    topics: list[str] = field(default_factory=list)
    meetings: list[str] = field(default_factory=list)
    notes: str = ""
    ref: str = ""  # where the record came from, e.g. "historian:4275"
    approximate: bool = False  # the place could not be resolved exactly
    line: int = 0
    travel: Travel | None = None  # how the traveller gets here from the previous place

    @property
    def city(self) -> str:
        return self.place.city

    @property
    def leaves(self) -> When:
        """When the traveller leaves this stop (the arrival when no departure is known)."""
        return self.depart or self.arrive


@dataclass
class Obligation:
    """Something the traveller must be back home for, and when."""

    what: str
    when: When
    where: str = ""
    line: int = 0
    at_stop: str | None = None  # the city of the trip's stop it is due at (not back home)


@dataclass
class Trip:
    """One journey of one official: its stops in order and its obligations."""

    id: str
    title: str
    official: str  # an Official id
    status: str = "planned"
    leaves: When | None = None  # leaves home
    returns: When | None = None  # back home
    sources: list[str] = field(default_factory=list)
    notes: str = ""
    stops: list[Stop] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    line: int = 0
    version_of: str = ""  # another trip this is a version of (a plan and its record): one journey
    travel_home: Travel | None = None  # how the traveller gets home from the last stop

    @property
    def first_day(self):
        days = [w.day for w in self._all_times()]
        return min(days) if days else None

    @property
    def last_day(self):
        days = [w.day for w in self._all_times()]
        return max(days) if days else None

    def _all_times(self) -> list[When]:
        times = [t for t in (self.leaves, self.returns) if t]
        for stop in self.stops:
            times.append(stop.arrive)
            if stop.depart:
                times.append(stop.depart)
        return times

    def stop_for(self, obligation: Obligation) -> int | None:
        """The index of the stop an obligation is due at: of the stops in its city, the one whose
        stay covers its time, else the last one reached before it, else the first (None: no such stop)."""
        matches = [i for i, stop in enumerate(self.stops) if stop.city == obligation.at_stop]
        if not matches:
            return None
        due = obligation.when.utc_key()
        covering = [i for i in matches if self.stops[i].arrive.utc_key() <= due <= self.stops[i].leaves.utc_key()]
        before = [i for i in matches if self.stops[i].arrive.utc_key() <= due]
        return (covering or before[-1:] or matches)[0]

    def route(self) -> list[str]:
        return [stop.city for stop in self.stops]

    def insertion_index(self, stop: Stop) -> int:
        """Where `stop` goes so the stops stay in chronological order (after equals)."""
        key = stop.arrive.utc_key()
        for index, existing in enumerate(self.stops):
            if existing.arrive.utc_key() > key:
                return index
        return len(self.stops)


@dataclass
class Catalog:
    """Everything one data file holds."""

    officials: dict[str, Official] = field(default_factory=dict)
    trips: dict[str, Trip] = field(default_factory=dict)

    def home_of(self, trip: Trip) -> Place | None:
        official = self.officials.get(trip.official)
        return official.home if official else None

    def legs(self, trip: Trip) -> list[tuple[Place, Place, float | None]]:
        """(from, to, km) for home -> each stop -> home; km is None without coordinates."""
        home = self.home_of(trip)
        places = [s.place for s in trip.stops]
        if home and places:
            places = [home, *places, home]
        return [(a, b, a.distance_to(b)) for a, b in zip(places, places[1:])]

    def distances_to_stops(self, trip: Trip) -> list[float | None]:
        """For each stop, km from the previous place (home before the first stop)."""
        previous = self.home_of(trip)
        out = []
        for stop in trip.stops:
            out.append(previous.distance_to(stop.place) if previous else None)
            previous = stop.place
        return out


def _missing(kind: str, key: str, known: list[str], shown_path: str, listing: str) -> NotFoundError:
    import difflib

    where = f" in {shown_path}" if shown_path else ""
    close = difflib.get_close_matches(key, known, n=3, cutoff=0.5)
    if close:
        hint = f"; did you mean {', '.join(close)}?"
    elif known:
        hint = f" ({listing})"
    else:
        hint = f" (the file has no {kind}s yet)"
    return NotFoundError(f"no {kind} {key!r}{where}{hint}")


def find_trip(catalog: Catalog, trip_id: str, shown_path: str = "") -> Trip:
    """The trip called `trip_id`, or NotFoundError naming the closest ids."""
    trip = catalog.trips.get(trip_id)
    if trip is not None:
        return trip
    raise _missing("trip", trip_id, list(catalog.trips), shown_path, "'triptrack list' shows the trips")


def find_official(catalog: Catalog, official_id: str, shown_path: str = "") -> Official:
    official = catalog.officials.get(official_id)
    if official is not None:
        return official
    raise _missing("official", official_id, list(catalog.officials), shown_path, "known: " + ", ".join(catalog.officials))
