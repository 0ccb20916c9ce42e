"""What an edit broke: the check findings on the edited trips that were not there before.

An edit is what the person asked for, so it is written either way; they are told at once
when it made the plan impossible or tight (a stop overlapping another, a return that now
misses an obligation) instead of finding out at the next `check`.
"""

from __future__ import annotations

import re

from triptrack.core.checks import Finding, check_trip
from triptrack.core.model import Catalog, Trip


def changed_trips(before: Catalog, after: Catalog) -> list[Trip]:
    """The trips of `after` that are new or differ from `before` (their official's change counts)."""
    out = []
    for trip_id, trip in after.trips.items():
        old = before.trips.get(trip_id)
        if old is None or _snapshot(before, old) != _snapshot(after, trip):
            out.append(trip)
    return out


def _snapshot(catalog: Catalog, trip: Trip):
    from triptrack.datafile.schema import official_data, trip_data

    official = catalog.officials.get(trip.official)
    home_tz = official.home_tz if official else "UTC"
    return trip_data(trip, home_tz), official_data(official) if official else None


def introduced(before: Catalog, after: Catalog, trips: list[Trip] | None = None) -> list[Finding]:
    """Findings on the changed trips (or `trips`) of `after` that `before` did not have."""
    from triptrack.gazetteer import candidates

    out: list[Finding] = []
    for trip in changed_trips(before, after) if trips is None else trips:
        old = before.trips.get(trip.id)
        seen = {_kind(f) for f in check_trip(before, old, places=candidates)} if old is not None else set()
        out += [f for f in check_trip(after, trip, places=candidates) if _kind(f) not in seen]
    return out


def _kind(finding: Finding) -> tuple:
    """What a finding is about, without its figures: a miss that grows from 9 h to 10 h is not new."""
    message = re.split(r"\d", finding.message, maxsplit=1)[0]
    return finding.severity, finding.trip, finding.stops, message


def introduced_by_new_stop(catalog: Catalog, trip: Trip, index: int) -> list[Finding]:
    """Findings the stop at `index` of `trip` (just added) brought in."""
    from dataclasses import replace

    without = replace(trip, stops=trip.stops[:index] + trip.stops[index + 1:])
    before = Catalog(catalog.officials, {**catalog.trips, trip.id: without})
    after = Catalog(catalog.officials, {**catalog.trips, trip.id: trip})
    return introduced(before, after, [trip])
