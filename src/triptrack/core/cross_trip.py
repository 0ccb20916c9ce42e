"""Checks across trips, for `triptrack check`: what cannot be true of two trips together.

- One official in two trips at once: their spans (leaves, else the first arrival, to
  returns, else the last departure) overlap for certain. A stop of one trip that falls
  inside the other trip is named; otherwise the overlap of the two spans is. A
  problem.
- Two officials meeting the same counterpart (the same meeting text, any case and
  spacing) on the same day in places more than `MEETING_DISTANCE_KM` apart, each stop
  lasting that one day: one of the records is probably wrong. A warning.
- A trip that declares `version_of: OTHER` is another version of OTHER's journey (a plan
  and its record): the versions are compared (`triptrack compare`), not flagged as two
  trips at once. `version_of` must name another trip of the same official.

Date-only times are judged on their best case, as the checks of one trip are: two
trips overlap only if they overlap however the unknown hours fall, so a return and a
departure on the same day are never flagged. Cancelled trips take part in none of this.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from triptrack.core.findings import PROBLEM, WARNING, Finding
from triptrack.core.localtime import When, utc, when_words
from triptrack.core.model import Catalog, Stop, Trip
from triptrack.core.travel import stop_labels
from triptrack.errors import InputError

MEETING_DISTANCE_KM = 50.0
IGNORED_STATUSES = ("cancelled",)


@dataclass(frozen=True)
class _Span:
    """When a trip (or a stop) certainly is and may be: the start and end, each early and late (UTC)."""

    start: When
    end: When

    def surely_overlaps(self, other: _Span) -> bool:
        return utc(self.start.latest()) < utc(other.end.earliest()) and utc(other.start.latest()) < utc(self.end.earliest())

    def words(self) -> str:
        return f"{when_words(self.start, year=True)} → {when_words(self.end, year=True)}"


def trip_span(trip: Trip) -> _Span | None:
    start = trip.leaves or (trip.stops[0].arrive if trip.stops else None)
    end = trip.returns or (trip.stops[-1].leaves if trip.stops else None)
    if start is None or end is None:
        return None
    return _Span(start, end)


def journeys(catalog: Catalog) -> dict[str, str]:
    """Each trip id -> the id of its journey (the root of its `version_of` chain)."""
    roots: dict[str, str] = {}
    for trip_id in catalog.trips:
        seen = [trip_id]
        current = catalog.trips[trip_id]
        while current.version_of and current.version_of in catalog.trips and current.version_of not in seen:
            seen.append(current.version_of)
            current = catalog.trips[current.version_of]
        if current.version_of in seen:  # a loop (two versions naming each other): its least id
            roots[trip_id] = min(seen[seen.index(current.version_of):])
        else:
            roots[trip_id] = current.id
    return roots


def version_findings(catalog: Catalog, trips: list[Trip]) -> list[Finding]:
    out = []
    for trip in trips:
        other = catalog.trips.get(trip.version_of) if trip.version_of else None
        if not trip.version_of:
            continue
        if trip.version_of == trip.id:
            out.append(Finding(PROBLEM, trip.id, (), "version_of names the trip itself; name the other version of its journey"))
        elif other is None:
            out.append(Finding(PROBLEM, trip.id, (), f"version_of names no trip {trip.version_of!r} in the data file"))
        elif other.official != trip.official:
            out.append(Finding(
                PROBLEM, trip.id, (),
                f"version_of {other.id}: that trip is {other.official}'s, this one {trip.official}'s; "
                "versions of one journey have the same official",
            ))
    return out


def other_version(catalog: Catalog, trip: Trip) -> tuple[Trip, Trip]:
    """(the earlier version, the later) for a trip of a journey with exactly two versions, e.g. (plan, record)."""
    if trip.version_of in catalog.trips:
        return catalog.trips[trip.version_of], trip
    later = [t for t in catalog.trips.values() if t.version_of == trip.id]
    if len(later) == 1:
        return trip, later[0]
    if not later:
        raise InputError(f"trip {trip.id} has no other version (no version_of names it); give the trip to compare it with")
    names = ", ".join(t.id for t in later)
    raise InputError(f"trip {trip.id} has {len(later)} other versions ({names}); give the one to compare it with")


def _stop_span(stop: Stop) -> _Span:
    return _Span(stop.arrive, stop.leaves)


def _overlap_findings(first: Trip, second: Trip, spans: dict[str, _Span]) -> list[Finding]:
    """`first` and `second` (same official) surely overlap: name the stops inside the other trip."""
    hint = f" (if one is another version of the other's journey, say so with 'version_of: {first.id}' in {second.id})"
    out: list[Finding] = []
    for trip, other in ((second, first), (first, second)):
        if out:
            break  # the stops of one of the two are enough to say it
        for label, stop in zip(stop_labels(trip), trip.stops):
            if _stop_span(stop).surely_overlaps(spans[other.id]):
                out.append(Finding(
                    PROBLEM, trip.id, (label,),
                    f"{trip.official} is on trip {other.id} then ({spans[other.id].words()}): "
                    f"this stop ({when_words(stop.arrive)}) is during that trip{hint}",
                ))
    if not out:
        out.append(Finding(
            PROBLEM, second.id, (),
            f"{second.official} is on two trips at once: this one ({spans[second.id].words()}) "
            f"overlaps {first.id} ({spans[first.id].words()}){hint}",
        ))
    return out


OVERLAPS_NAMED = 3  # a trip's overlaps with earlier trips, each its own finding; the rest in one


def overlap_findings(catalog: Catalog, selected: set[str]) -> list[Finding]:
    """Trips of one official that surely overlap, unless they are versions of one journey.
    A trip that overlaps more than OVERLAPS_NAMED earlier trips gets one more finding that
    counts the rest: hundreds of trips on the same days make a report to read, not one line
    for every pair of them."""
    roots = journeys(catalog)
    spans: dict[str, _Span] = {}
    bounds: dict[str, tuple] = {}  # (start earliest, start latest, end earliest, end latest), UTC
    by_official: dict[str, list[Trip]] = defaultdict(list)
    for trip in catalog.trips.values():
        span = trip_span(trip) if trip.status not in IGNORED_STATUSES else None
        if span is not None:
            spans[trip.id] = span
            bounds[trip.id] = (utc(span.start.earliest()), utc(span.start.latest()), utc(span.end.earliest()), utc(span.end.latest()))
            by_official[trip.official].append(trip)
    out: list[Finding] = []
    for trips in by_official.values():
        trips.sort(key=lambda t: bounds[t.id][0])
        active: list[Trip] = []  # trips that may still be under way when the next starts
        for trip in trips:
            start_early, start_late, end_early, _end_late = bounds[trip.id]
            active = [t for t in active if bounds[t.id][3] > start_early]
            clashes = [
                earlier for earlier in active
                if roots[earlier.id] != roots[trip.id] and {earlier.id, trip.id} & selected
                and bounds[earlier.id][1] < end_early and start_late < bounds[earlier.id][2]  # (_Span.surely_overlaps)
            ]
            for earlier in clashes[:OVERLAPS_NAMED]:
                out += _overlap_findings(earlier, trip, spans)
            if len(clashes) > OVERLAPS_NAMED:
                rest = [t.id for t in clashes[OVERLAPS_NAMED:]]
                named = ", ".join(rest[:5]) + (f" and {len(rest) - 5} more" if len(rest) > 5 else "")
                out.append(Finding(
                    PROBLEM, trip.id, (),
                    f"{trip.official} is on {len(rest)} more trip{'s' * (len(rest) != 1)} at once with this one ({spans[trip.id].words()}): {named}",
                ))
            active.append(trip)
    return out


def _meeting_key(text: str) -> str:
    return " ".join(text.casefold().split())


def meeting_findings(catalog: Catalog, selected: set[str]) -> list[Finding]:
    """The same counterpart met by two officials on one day in places far apart."""
    seen: dict[tuple[str, date], list[tuple[Trip, str, Stop]]] = defaultdict(list)
    for trip in catalog.trips.values():
        if trip.status in IGNORED_STATUSES:
            continue
        for label, stop in zip(stop_labels(trip), trip.stops):
            if stop.arrive.day != stop.leaves.day:
                continue  # a stay of several days: the meeting's day is not known
            for meeting in stop.meetings:
                seen[(_meeting_key(meeting), stop.arrive.day)].append((trip, label, stop))
    out = []
    for (_key, day), visits in seen.items():
        for index, (trip, label, stop) in enumerate(visits):
            for other_trip, other_label, other_stop in visits[:index]:
                if other_trip.official == trip.official or not ({trip.id, other_trip.id} & selected):
                    continue
                km = stop.place.distance_to(other_stop.place)
                far = km is None and stop.city != other_stop.city or km is not None and km > MEETING_DISTANCE_KM
                if not far:
                    continue
                meeting = next(m for m in stop.meetings if _meeting_key(m) == _key)
                distance = f" ({km:,.0f} km apart)" if km is not None else ""
                out.append(Finding(
                    WARNING, trip.id, (label,),
                    f"{trip.official} meets {meeting!r} here on {when_words(stop.arrive, year=True)}, and {other_trip.official} "
                    f"meets them the same day in {other_stop.city} (trip {other_trip.id}{'' if other_label == other_stop.city else ', ' + other_label})"
                    f"{distance}; "
                    "one of the records is probably wrong",
                ))
    return out


def cross_trip_findings(catalog: Catalog, trip_ids: list[str] | None = None) -> list[Finding]:
    """Findings that involve the given trips (all when none are given) and another trip."""
    selected = set(trip_ids) if trip_ids else set(catalog.trips)
    chosen = [catalog.trips[t] for t in catalog.trips if t in selected]
    return version_findings(catalog, chosen) + overlap_findings(catalog, selected) + meeting_findings(catalog, selected)
