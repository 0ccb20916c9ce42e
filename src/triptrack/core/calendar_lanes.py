"""One calendar across trips: a lane per official, each day's place on it.

An official whose trips overlap (a plan and the record of the same journey, or a
mistake `check` would flag) gets a lane per overlapping trip, so no day hides another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from triptrack.core.model import Catalog, Trip
from triptrack.core.whereabouts import TripDay, trip_days


@dataclass
class Lane:
    official: str
    trips: list[Trip] = field(default_factory=list)
    days: dict[date, TripDay] = field(default_factory=dict)

    def free(self, days: dict[date, TripDay]) -> bool:
        return not (self.days.keys() & days.keys())


def lanes(catalog: Catalog, trips: list[Trip], first: date, last: date, officials: list[str] | None = None) -> list[Lane]:
    """The lanes, official by official (those asked for, with no trip too), each trip in the first lane it fits."""
    by_official: dict[str, list[Lane]] = {official: [] for official in officials or []}
    ordered = sorted(trips, key=lambda t: (t.official, t.first_day or date.min, t.id))
    for trip in ordered:
        days = trip_days(catalog, trip, first, last)
        if not days:
            continue
        official_lanes = by_official.setdefault(trip.official, [])
        lane = next((lane for lane in official_lanes if lane.free(days)), None)
        if lane is None:
            lane = Lane(trip.official)
            official_lanes.append(lane)
        lane.trips.append(trip)
        lane.days.update(days)
    out: list[Lane] = []
    for official in sorted(by_official):
        out.extend(by_official[official] or [Lane(official)])
    return out
