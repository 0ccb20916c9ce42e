"""Figures per official: trips, stops, countries and cities visited, days abroad, distance.

Which trips count: by default those that happened or are happening (status underway,
completed or recorded), so a plan and the record of the same journey are not counted
twice; `include_planned` adds planned and announced trips. Cancelled trips never count.
A trip is in a date range when its first day (see `core.trip_days`) is.

Days abroad: the distinct calendar dates on which the official had a stop outside the
home country, local at the stop, each counted once (see `core.trip_days`).
Distance: great circle, home -> each stop -> home, for the legs whose places have
coordinates (the others are counted in `unknown_legs`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from triptrack.core.countries import country_name
from triptrack.core.model import Catalog, Official, Trip
from triptrack.core.trip_days import stop_dates, trip_bounds, trip_length
from triptrack.errors import NotFoundError

TRAVELLED = ("underway", "completed", "recorded")
PLANNED = ("planned", "announced")


@dataclass
class OfficialStats:
    official: Official
    trips: list[Trip] = field(default_factory=list)
    stops: int = 0
    countries: list[tuple[str, int]] = field(default_factory=list)  # (code, stops there), most first
    cities: list[tuple[str, str, int]] = field(default_factory=list)  # (city, country, stops there)
    days_abroad: int = 0
    distance_km: float = 0.0
    unknown_legs: int = 0
    longest: tuple[Trip, int] | None = None  # (trip, days away)


def _ranked(counts: Counter, order: list) -> list:
    """Most visited first; ties in the order first visited."""
    return sorted(counts, key=lambda key: (-counts[key], order.index(key)))


def official_stats(catalog: Catalog, official: Official, trips: list[Trip]) -> OfficialStats:
    result = OfficialStats(official, trips)
    home_country = official.home.country if official.home else official.country
    countries, cities = Counter(), Counter()
    country_order, city_order = [], []
    abroad: set[date] = set()
    for trip in trips:
        for stop in trip.stops:
            country, city = stop.place.country, (stop.city, stop.place.country)
            countries[country] += 1
            cities[city] += 1
            country_order += [country] if country not in country_order else []
            city_order += [city] if city not in city_order else []
        result.stops += len(trip.stops)
        for _a, _b, km in catalog.legs(trip):
            if km is None:
                result.unknown_legs += 1
            else:
                result.distance_km += km
        abroad.update(stop_dates(trip, outside=home_country))
        days = trip_length(trip)
        if days is not None and (result.longest is None or days > result.longest[1]):
            result.longest = (trip, days)
    result.countries = [(code, countries[code]) for code in _ranked(countries, country_order)]
    result.cities = [(city, country, cities[(city, country)]) for city, country in _ranked(cities, city_order)]
    result.days_abroad = len(abroad)
    return result


def select_trips(
    catalog: Catalog, official: Official, start: date | None, end: date | None, include_planned: bool
) -> list[Trip]:
    statuses = TRAVELLED + (PLANNED if include_planned else ())
    chosen = []
    for trip in catalog.trips.values():
        if trip.official != official.id or trip.status not in statuses:
            continue
        first = trip.first_day
        if (start or end) and first is None:
            continue
        if (start and first < start) or (end and first > end):
            continue
        chosen.append(trip)
    return sorted(chosen, key=lambda t: (trip_bounds(t) or (date.min,))[0])


def compute(
    catalog: Catalog,
    official_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
    include_planned: bool = False,
) -> list[OfficialStats]:
    """Stats for one official (NotFoundError if unknown), or for every official with trips counted."""
    if official_id is not None:
        official = catalog.officials.get(official_id)
        if official is None:
            known = ", ".join(sorted(catalog.officials)) or "none"
            raise NotFoundError(f"no official {official_id!r} (known: {known})")
        return [official_stats(catalog, official, select_trips(catalog, official, start, end, include_planned))]
    out = []
    for official in catalog.officials.values():
        trips = select_trips(catalog, official, start, end, include_planned)
        if trips:
            out.append(official_stats(catalog, official, trips))
    return out


def stats_data(results: list[OfficialStats], statuses: tuple[str, ...], start: date | None, end: date | None) -> dict:
    """Plain data for `stats --json`."""
    officials = []
    for r in results:
        longest = None
        if r.longest:
            trip, days = r.longest
            longest = {"id": trip.id, "title": trip.title, "days": days}
        officials.append({
            "id": r.official.id,
            "name": r.official.name,
            "trips": [t.id for t in r.trips],
            "stops": r.stops,
            "countries": [{"code": c, "name": country_name(c), "stops": n} for c, n in r.countries],
            "cities": [{"city": city, "country": c, "stops": n} for city, c, n in r.cities],
            "days_abroad": r.days_abroad,
            "distance_km": round(r.distance_km, 1),
            "unknown_legs": r.unknown_legs,
            "longest_trip": longest,
        })
    return {
        "statuses": list(statuses),
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "officials": officials,
    }
