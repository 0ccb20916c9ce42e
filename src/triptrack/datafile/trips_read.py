"""Trips as a read of the data file gives them: each on demand, or only its summary.

`parsed.Parsed` reads a trip from the index when it is first looked at; a catalog of a
large file holds a `TripsOnDemand` in place of its dict of trips. `list` needs no stops:
a `TripSummary` has the attributes it shows.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triptrack.core.model import Trip


class TripSummary:
    """What `list` shows of a trip, without its stops: the same attributes as a Trip."""

    __slots__ = ("cities", "first_day", "id", "last_day", "official", "title")

    def __init__(self, id, title, official, first_day, last_day, cities):
        self.id, self.title, self.official = id, title, official
        self.first_day, self.last_day, self.cities = first_day, last_day, cities

    def route(self) -> list[str]:
        return list(self.cities)


def shift_lines(trip: Trip, delta: int) -> Trip:
    """Add `delta` to every line number the trip carries (in place); returns the trip."""
    if delta:
        trip.line += delta
        for item in (*trip.stops, *trip.obligations):
            item.line += delta
    return trip


class TripsOnDemand(MutableMapping):
    """A catalog's trips, in file order, each read when first asked for."""

    def __init__(self, ids: list[str], read: Callable[[str], Trip]):
        self._ids, self._reader, self._read = ids, read, {}

    def __getitem__(self, trip_id: str) -> Trip:
        if trip_id not in self._read:
            if trip_id not in self._ids:
                raise KeyError(trip_id)
            self._read[trip_id] = self._reader(trip_id)
        return self._read[trip_id]

    def __contains__(self, trip_id) -> bool:
        return trip_id in self._read or trip_id in self._ids

    def __iter__(self):
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __setitem__(self, trip_id: str, trip: Trip) -> None:
        if trip_id not in self._ids:
            self._ids.append(trip_id)
        self._read[trip_id] = trip

    def __delitem__(self, trip_id: str) -> None:
        self._ids.remove(trip_id)
        self._read.pop(trip_id, None)
