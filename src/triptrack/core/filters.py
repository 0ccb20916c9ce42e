"""Choosing trips for `list`: by official, country, dates and words.

"Every Secretary's visit to Japan" is `--country JP`; "everything Blinken did in
2024" is `--official blinken-antony-j --from 2024 --to 2024`. All the criteria
given must hold. A trip is in a date range when any of its days is.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass
from datetime import date

from triptrack.core.day_range import check_typed_year, typed_numeric_day
from triptrack.core.model import Catalog, Trip
from triptrack.core.search import Places, Search, fold
from triptrack.errors import InputError, NotFoundError

_DAY = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$", re.ASCII)


def parse_bound(text: str, option: str, *, end: bool) -> date:
    """'2024' / '2024-03' / '2024-03-15': a year or month means its first day (or last, for `end`)."""
    match = _DAY.match(text.strip())
    if not match:
        return typed_numeric_day(text, option, "give a date like 2024-03-15, a month like 2024-03, or a year like 2024")
    year = int(match["y"])
    check_typed_year(year, option, text)
    month = int(match["m"] or (12 if end else 1))
    try:
        if match["d"]:
            return date(year, month, int(match["d"]))
        day = calendar.monthrange(year, month)[1] if end else 1
        return date(year, month, day)
    except (ValueError, calendar.IllegalMonthError):
        raise InputError(f"{option} {text!r} is not a date") from None


@dataclass
class TripFilter:
    official: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    start: date | None = None
    end: date | None = None
    search: str | None = None
    finder: Search | None = None  # built from `search` (see core.search)

    def matches(self, trip: Trip) -> bool:
        if self.official and trip.official != self.official:
            return False
        if self.country and not any(stop.place.country == self.country for stop in trip.stops):
            return False
        if self.start or self.end:
            first, last = trip.first_day, trip.last_day
            if first is None or last is None:
                return False
            if (self.start and last < self.start) or (self.end and first > self.end):
                return False
        if self.finder:
            return self.finder.matches(trip)
        if self.search:
            return _mentions(trip, self.search.casefold())
        return True


def _mentions(trip: Trip, needle: str) -> bool:
    texts = [trip.notes]
    for stop in trip.stops:
        texts.extend(stop.topics)
        texts.extend(stop.meetings)
        texts.append(stop.notes)
    return any(needle in text.casefold() for text in texts if text)


def build_filter(
    catalog: Catalog,
    official: str | None = None,
    country: str | None = None,
    start: str | None = None,
    end: str | None = None,
    search: str | None = None,
    places: Places | None = None,
) -> TripFilter:
    """Check what a person typed and turn it into a filter (InputError / NotFoundError if unusable)."""
    if official is not None and official not in catalog.officials:
        close = difflib.get_close_matches(official, list(catalog.officials), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else f" (known: {', '.join(sorted(catalog.officials)) or 'none'})"
        raise NotFoundError(f"--official: no official {official!r}{hint}")
    code = None
    if country is not None:
        code = country.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise InputError(f"--country {country!r}: give an ISO 3166-1 alpha-2 code, e.g. JP or FR")
        from triptrack.core.countries import (
            is_country,  # (json: only when a country is asked for)
        )

        if not is_country(code) and not any(stop.place.country == code for trip in catalog.trips.values() for stop in trip.stops):
            raise InputError(f"--country {country!r}: no country has that ISO 3166-1 code (and no stop of the file says it)")
    first = parse_bound(start, "--from", end=False) if start is not None else None
    last = parse_bound(end, "--to", end=True) if end is not None else None
    if first and last and last < first:
        raise InputError(f"--to {end} is before --from {start}")
    finder = None
    if search is not None:
        if not search.strip():
            raise InputError("--search: give some text to look for")
        if not fold(search):
            raise InputError(f"--search {search!r}: give some letters or digits to look for")
        finder = Search.build(catalog, search.strip(), places)
    return TripFilter(official, code, first, last, search.strip() if search else None, finder)


def select(catalog: Catalog, trip_filter: TripFilter) -> list[Trip]:
    """The matching trips, earliest first (trips without dates last)."""
    trips = [trip for trip in catalog.trips.values() if trip_filter.matches(trip)]
    return sorted(trips, key=lambda t: (t.first_day is None, t.first_day or date.min, t.id))
