"""iCalendar (RFC 5545), via the icalendar package: a trip as calendar events.

- one event per stop, in the stop's own zone (DTSTART;TZID=Asia/Tokyo:...); a stop
  whose arrival or departure has no hour is an all-day event (VALUE=DATE, DTEND the
  day after the last day, as RFC 5545 wants), its known times in the description;
- one event per leg (home -> first stop -> ... -> home) where both the departure
  and the arrival times are known (a leg's written flight times first, else the
  stops' times), starting and ending in their own zones, with how it is travelled;
- one event per obligation at its exact time (the Carter funeral: 2025-01-09 10:00
  America/New_York), all-day when it has no hour;
- VTIMEZONE components for every zone used, so any calendar reads the times right.

UIDs are stable: a hash of the trip id and what the event is (the stop's record
ref, else its city and how many times the trip has been there before; a leg's two
ends; an obligation's text), so importing the file again updates the events
instead of duplicating them, even after stops are added or times change.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

from triptrack import __version__
from triptrack.core.countries import country_name
from triptrack.core.localtime import When, tz_abbrev, utc
from triptrack.core.model import Catalog, Place, Stop, Trip

NAME = "ics"
EXTENSION = ".ics"
DESCRIPTION = "iCalendar events: stops, timed legs and obligations (for any calendar app)"

EVENT_STATUS = {"cancelled": "CANCELLED", "planned": "TENTATIVE", "announced": "TENTATIVE"}


def uid(trip: Trip, key: str) -> str:
    return hashlib.sha1(f"{trip.id}\x1f{key}".encode()).hexdigest() + "@triptrack"


def stop_keys(trip: Trip) -> list[str]:
    """A key per stop that survives edits elsewhere in the trip: its record's ref, else its
    city and which of the trip's stops there it is; unique (a ref two stops share, or one
    that reads like another stop's key, takes its place in the trip too)."""
    seen: dict[str, int] = {}
    keys = []
    for stop in trip.stops:
        if stop.ref:
            keys.append(f"stop:{stop.ref}")
            continue
        seen[stop.city] = seen.get(stop.city, 0) + 1
        keys.append(f"stop:{stop.city}#{seen[stop.city]}")
    taken: dict[str, int] = {}
    for index, key in enumerate(keys):
        taken[key] = taken.get(key, 0) + 1
        if taken[key] > 1:
            keys[index] = f"{key}@{index + 1}"
    return keys


def _place_text(place: Place) -> str:
    return f"{place.city}, {country_name(place.country)}"


def _time_text(when: When) -> str:
    moment = when.aware()
    if moment is None:
        return f"{when.day:%a %d %b %Y}"
    return f"{moment:%a %d %b %Y %H:%M} {tz_abbrev(moment)}"


def _ics_moment(when: When) -> datetime | None:
    """The moment to write: in its zone (DTSTART;TZID=...), or in UTC for the second of two
    identical wall times in a fold, which RFC 5545 would read as the first (3.3.5)."""
    moment = when.aware()
    if moment is not None and when.fold and when.ambiguous():
        return utc(moment)
    return moment


def _set_times(event, start: When, end: When | None) -> None:
    """Timed when both ends have an hour (or there is no end), else all-day over the days."""
    start_moment = _ics_moment(start)
    end_moment = _ics_moment(end) if end is not None else None
    if start_moment is not None and (end is None or (end_moment is not None and utc(end_moment) >= utc(start_moment))):
        event.add("dtstart", start_moment)
        if end_moment is not None and utc(end_moment) > utc(start_moment):  # (RFC 5545: DTEND after DTSTART;
            event.add("dtend", end_moment)  # without one, an event at a moment)
        return
    last: date = max(start.day, end.day) if end is not None else start.day
    event.add("dtstart", start.day)
    event.add("dtend", last + timedelta(days=1))


def _stop_description(trip: Trip, stop: Stop) -> str:
    lines = [trip.title]
    lines.append(f"Arrives: {_time_text(stop.arrive)}")
    if stop.depart is not None:
        lines.append(f"Departs: {_time_text(stop.depart)}")
    lines.extend(f"Topic: {topic}" for topic in stop.topics)
    lines.extend(f"Meeting: {person}" for person in stop.meetings)
    if stop.notes:
        lines.append(stop.notes)
    if stop.approximate:
        lines.append("(The place is approximate.)")
    return "\n".join(lines)


def _legs(catalog: Catalog, trip: Trip) -> list[tuple[str, str, Place, Place, When | None, When | None]]:
    """(from key, to key, from, to, leaves, arrives) for home -> stops -> home; a leg's written
    departure and arrival (travel: air UA950 ... -> ...) replace the stops' times."""
    home = catalog.home_of(trip)
    keys = stop_keys(trip)
    points: list[tuple[str, Place, When | None, When | None]] = [
        (key, stop.place, stop.arrive, stop.depart) for key, stop in zip(keys, trip.stops)
    ]
    if home is not None and points:
        points = [("home", home, None, trip.leaves), *points, ("home", home, trip.returns, None)]
    travels = [stop.travel for stop in trip.stops]
    if home is not None and points:
        travels.append(trip.travel_home)
    else:
        travels = travels[1:]
    out = []
    for (a, b), travel in zip(zip(points, points[1:]), travels):
        if travel is not None and travel.departs is not None:
            out.append((a[0], b[0], a[1], b[1], travel.departs, travel.arrives))
        else:
            out.append((a[0], b[0], a[1], b[1], a[3], b[2]))
    return out


def _leg_travel(trip: Trip, to_key: str):
    """The written travel of the leg that ends at `to_key` (None when not written)."""
    if to_key == "home":
        return trip.travel_home
    return next((stop.travel for key, stop in zip(stop_keys(trip), trip.stops) if key == to_key), None)


def calendar(catalog: Catalog, trip: Trip, stamp: datetime | None = None):
    """The icalendar.Calendar for a trip."""
    from icalendar import Calendar, Event

    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", f"-//triptrack//triptrack {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", trip.title)
    status = EVENT_STATUS.get(trip.status, "CONFIRMED")
    days: list[date] = []

    def new_event(key: str, summary: str) -> Event:
        event = Event()
        event.add("uid", uid(trip, key))
        event.add("dtstamp", stamp)
        event.add("summary", summary)
        event.add("status", status)
        return event

    for key, stop in zip(stop_keys(trip), trip.stops):
        event = new_event(key, _place_text(stop.place))
        _set_times(event, stop.arrive, stop.depart)
        event.add("location", _place_text(stop.place))
        if stop.place.has_coordinates:
            event.add("geo", (stop.place.lat, stop.place.lon))
        event.add("description", _stop_description(trip, stop))
        cal.add_component(event)
        days.extend(w.day for w in (stop.arrive, stop.depart) if w is not None)
    for from_key, to_key, start, end, leaves, arrives in _legs(catalog, trip):
        if leaves is None or arrives is None or leaves.date_only or arrives.date_only:
            continue
        if utc(arrives.aware()) <= utc(leaves.aware()):
            continue
        travel = _leg_travel(trip, to_key)
        by = f" (by {travel.summary()})" if travel is not None else ""
        event = new_event(f"leg:{from_key}>{to_key}", f"Travel: {start.city} → {end.city}{by}")
        event.add("dtstart", _ics_moment(leaves))
        event.add("dtend", _ics_moment(arrives))
        event.add("description", f"{trip.title}\nFrom {_place_text(start)} to {_place_text(end)}{by}")
        cal.add_component(event)
    from triptrack.core.obligations import outcome_words
    from triptrack.core.travel import obligation_outcomes

    counts: dict[str, int] = {}
    for outcome in obligation_outcomes(catalog, trip):
        obligation = outcome.obligation
        counts[obligation.what] = counts.get(obligation.what, 0) + 1
        event = new_event(f"obligation:{obligation.what}#{counts[obligation.what]}", obligation.what)
        _set_times(event, obligation.when, None)
        if obligation.where:
            event.add("location", obligation.where)
        due = f"Due at {outcome.last.label}" if outcome.at_stop and outcome.last else "Must be back for"
        event.add("description", f"{trip.title}\n{due}: {obligation.what}\n{outcome_words(outcome)}")
        cal.add_component(event)
        days.append(obligation.when.day)
    days.extend(w.day for w in (trip.leaves, trip.returns) if w is not None)
    if days:
        cal.add_missing_timezones(
            first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366)
        )
    return cal


def export(catalog: Catalog, trip: Trip) -> str:
    return calendar(catalog, trip).to_ical().decode("utf-8")
