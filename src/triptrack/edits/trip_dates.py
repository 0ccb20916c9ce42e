"""Moving a trip in time: `trip shift` (a trip that slips) and `trip copy` (last year's trip as a template).

Every time of the trip moves by whole days and keeps its local wall time: a stop
that arrived at 09:00 in Tokyo arrives at 09:00 Tokyo time on the new day, whatever
the offsets did in between. A moved time that lands in a DST gap or fold (or on a day
the zone skipped) is refused with the stop or obligation named; nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from triptrack.core.legs import Travel
from triptrack.core.localtime import When, day_skipped, resolve
from triptrack.core.model import Trip
from triptrack.datafile import splice as ye
from triptrack.datafile import store as storage
from triptrack.datafile.schema import (
    OBLIGATION_KEYS,
    STOP_KEYS,
    TOP_KEYS,
    TRIP_KEYS,
    trip_data,
)
from triptrack.edits.common import Outcome, Plan, check_id, find_trip, run
from triptrack.errors import InputError

_SHIFT = re.compile(r"^([+-]?)(\d{1,5})([dw])$")


def parse_shift(text: str, label: str = "shift") -> int:
    """'+2d', '-1d', '3d', '+1w' -> days; InputError otherwise."""
    found = _SHIFT.match(text.strip().lower())
    if not found:
        raise InputError(f"{label} {text!r}: give whole days or weeks with a sign, e.g. +2d, -1d or +1w")
    sign, number, unit = found.groups()
    days = int(number) * (7 if unit == "w" else 1)
    return -days if sign == "-" else days


def parse_start(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--start {text!r}: give a day as YYYY-MM-DD, e.g. 2026-01-05") from None


def days_words(days: int) -> str:
    sign = "+" if days >= 0 else "-"
    return f"{sign}{abs(days)} day{'s' * (abs(days) != 1)}"


def shift_when(when: When, days: int, what: str) -> When:
    """`when` moved by `days`, same wall time, same zone; InputError naming `what` if it cannot be."""
    try:
        new_day = when.day + timedelta(days=days)
        if when.at is None:
            if day_skipped(new_day, when.tz):
                raise InputError(f"{what} would fall on {new_day}, a day {when.tz} skipped; nothing was written")
            return When(new_day, None, when.tz)
        return resolve(datetime.combine(new_day, when.at), when.tz)
    except ValueError as exc:  # a DST gap, or a year triptrack does not take
        raise InputError(f"{what} cannot move by {days_words(days)}: {exc}; nothing was written") from None
    except OverflowError:
        raise InputError(f"{what} cannot move by {days_words(days)}: the date is out of range") from None


def shifted_trip(trip: Trip, days: int) -> Trip:
    """A copy of `trip` with every time moved by `days` (see shift_when)."""
    try:
        return _shifted(trip, days)
    except OverflowError:
        raise InputError(f"trip {trip.id} cannot move by {days_words(days)}: the dates are out of range") from None


def shift_travel(travel: Travel | None, days: int, what: str) -> Travel | None:
    """A leg's travel with its written flight or train times moved by `days` (wall times
    kept, as for the stops); a duration or a mode alone moves nothing."""
    if travel is None or travel.departs_wall is None:
        return travel
    step = timedelta(days=days)
    walls = replace(travel, departs_wall=travel.departs_wall + step, arrives_wall=travel.arrives_wall + step, departs=None,
                    arrives=None, departs_offset=None, arrives_offset=None)  # (an offset chose a fold's time: not the new day's)
    try:
        return walls.bind(travel.departs.tz, travel.arrives.tz)
    except ValueError as exc:  # a DST gap or fold, or a year triptrack does not take
        raise InputError(f"{what} cannot move by {days_words(days)}: {exc}; nothing was written") from None


def _shifted(trip: Trip, days: int) -> Trip:
    moved = replace(trip, stops=[], obligations=[])
    if trip.leaves:
        moved.leaves = shift_when(trip.leaves, days, f"trip {trip.id}'s leaves")
    if trip.returns:
        moved.returns = shift_when(trip.returns, days, f"trip {trip.id}'s returns")
    moved.travel_home = shift_travel(trip.travel_home, days, f"trip {trip.id}'s travel_home")
    for number, stop in enumerate(trip.stops, 1):
        name = f"stop {number} ({stop.city})"
        arrive = shift_when(stop.arrive, days, f"{name}'s arrival")
        depart = shift_when(stop.depart, days, f"{name}'s departure") if stop.depart else None
        travel = shift_travel(stop.travel, days, f"{name}'s travel")
        moved.stops.append(replace(stop, arrive=arrive, depart=depart, travel=travel))
    for number, obligation in enumerate(trip.obligations, 1):
        when = shift_when(obligation.when, days, f"obligation {number} ({obligation.what})")
        moved.obligations.append(replace(obligation, when=when))
    return moved


def _counts(trip: Trip) -> str:
    parts = [f"{len(trip.stops)} stop{'s' * (len(trip.stops) != 1)}"]
    if trip.leaves or trip.returns:
        parts.append("leaves/returns")
    if trip.obligations:
        parts.append(f"{len(trip.obligations)} obligation{'s' * (len(trip.obligations) != 1)}")
    return ", ".join(parts)


def _span(trip: Trip) -> str:
    first, last = trip.first_day, trip.last_day
    if first is None:
        return "no dates"
    return f"{first:%a %-d %b %Y}" if first == last else f"{first:%a %-d %b %Y} to {last:%a %-d %b %Y}"


def shift_trip(source: storage.DataSource, trip_id: str, shift: str) -> Outcome:
    """Move every time of a trip by whole days (stops, leaves/returns, obligations)."""
    days = parse_shift(shift)
    if days == 0:
        raise InputError(f"shift {shift!r} moves nothing; give a number of days other than 0")

    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        moved = shifted_trip(trip, days)
        steps: list[ye.Step] = []
        locate_trip = lambda root: ye.trip_node(root, trip_id)  # noqa: E731
        trip_times = {key: getattr(moved, key).text() for key in ("leaves", "returns") if getattr(moved, key)}
        if moved.travel_home is not trip.travel_home:  # (moved only when it has times)
            trip_times["travel_home"] = moved.travel_home.text()
        for key, value in trip_times.items():
            steps.append(lambda text, root, key=key, value=value: ye.set_scalar(text, locate_trip(root), key, value, TRIP_KEYS))
        for index, (stop, before) in enumerate(zip(moved.stops, trip.stops)):
            locate = lambda root, index=index: ye.list_item(locate_trip(root), "stops", index)  # noqa: E731
            times = {"arrive": stop.arrive.text()} | ({"depart": stop.depart.text()} if stop.depart else {})
            if stop.travel is not before.travel:
                times["travel"] = stop.travel.text()
            for key, value in times.items():
                steps.append(lambda text, root, locate=locate, key=key, value=value: ye.set_scalar(text, locate(root), key, value, STOP_KEYS))
        for index, obligation in enumerate(moved.obligations):
            value = obligation.when.text()
            steps.append(
                lambda text, root, index=index, value=value: ye.set_scalar(
                    text, ye.list_item(locate_trip(root), "obligations", index), "when", value, OBLIGATION_KEYS
                )
            )
        if not steps:
            raise InputError(f"trip {trip_id} has no times to shift (no stops, leaves, returns or obligations); nothing was written")
        return Plan(f"Shifted trip {trip_id} by {days_words(days)} ({_counts(trip)}): now {_span(moved)}", steps)

    return run(source, plan)


def copy_trip(source: storage.DataSource, source_id: str, new_id: str, shift: str | None = None, start: str | None = None) -> Outcome:
    """A new trip `new_id` like `source_id`: same official, title, stops, agendas, obligations,
    moved by `shift` or to begin on `start`; a plan (status planned), without the original's
    sources and record references, which describe the original journey only."""
    if shift is not None and start is not None:
        raise InputError("give --shift or --start, not both")
    days = parse_shift(shift, "--shift") if shift is not None else 0
    first_day = parse_start(start) if start is not None else None

    def plan(doc: storage.Document) -> Plan:
        original = find_trip(doc.catalog, source_id, source.display)
        check_id(new_id, "trip")
        existing = doc.catalog.trips.get(new_id)
        if existing is not None:
            raise InputError(f"trip {new_id!r} already exists (line {existing.line}); choose another id")
        offset = days
        if first_day is not None:
            if original.first_day is None:
                raise InputError(f"trip {source_id} has no dates to move to --start {start}; use --shift or none")
            offset = (first_day - original.first_day).days
        moved = shifted_trip(original, offset) if offset else replace(original)
        moved = replace(moved, id=new_id, status="planned", sources=[], version_of="", stops=[replace(s, ref="") for s in moved.stops])
        official = doc.catalog.officials.get(moved.official)
        data = trip_data(moved, official.home_tz if official else "UTC")
        moved_words = f", moved by {days_words(offset)}" if offset else ""
        return Plan(
            f"Copied trip {source_id} to {new_id} ({_counts(moved)}{moved_words}, status planned): {_span(moved)}",
            [lambda text, root: ye.add_entry(text, root, "trips", new_id, data, TOP_KEYS)],
        )

    return run(source, plan)
