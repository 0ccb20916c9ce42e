"""Excursions: a stop whose stay lies inside another stop's stay, travelled out and back.

The record often keeps a base and the day trips from it as separate stops: Rome on
9-10 January and the Vatican on the 10th, Jerusalem on 1-3 March and Ramallah on the
2nd. Read one after the other they overlap; read as a base and an excursion from it,
they are what happened. A stop is an excursion from an earlier stop (its host) when:

- its whole stay (earliest arrival to latest departure) lies within the host's;
- the distances allow it: the traveller can get from the host to it by its latest
  arrival and back to the host by the host's latest departure, at the minimum travel
  time of `core.travel`;
- it must be left and the host returned to: it cannot comfortably be reached after
  leaving the host (otherwise it is simply the next stop: Rome on 9-10 January, then
  the Vatican on the 10th);
- a stop with an exact arrival has an exact departure too (an arrival with no
  departure inside another stay is a mistake, not a day trip).

A second record of the same place, dates only, that begins within a stay is part of that
stay (records repeat a base); two stays in one city with hours that overlap are a mistake.

The trip's route is then judged without its excursions: each leg from where the
traveller was just before, in time (the host, not the day trip).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from triptrack.core.localtime import utc
from triptrack.core.model import Stop, Trip
from triptrack.core.travel import AT_RISK_SLACK, minimum_travel


@dataclass(frozen=True)
class Excursion:
    """A stop visited from another and left again for it (a day trip)."""

    stop: int  # index in trip.stops
    host: int  # index in trip.stops of the stop it was made from


def _same_place(a: Stop, b: Stop) -> bool:
    km = a.place.distance_to(b.place)
    return (a.place.city, a.place.country) == (b.place.city, b.place.country) or (km is not None and km < 1)


def _is_excursion(host: Stop, stop: Stop) -> bool:
    if not stop.arrive.date_only and stop.depart is None:
        return False
    host_from, host_until = utc(host.arrive.earliest()), utc(host.leaves.latest())
    stop_from, stop_until = utc(stop.arrive.earliest()), utc(stop.leaves.latest())
    both_dates_only = host.arrive.date_only and stop.arrive.date_only
    if both_dates_only and _same_place(host, stop) and host_from <= stop_from <= host_until:
        return True  # another record of the same stay
    if not (host_from <= stop_from and stop_until <= host_until):
        return False
    km = host.place.distance_to(stop.place)
    if km is None:
        return False
    need = minimum_travel(km)
    if utc(stop.arrive.latest()) - utc(host.leaves.earliest()) >= need + AT_RISK_SLACK:
        return False  # it can comfortably follow the host: a next stop, not a trip out and back
    there_by = utc(stop.arrive.latest()) - host_from  # room to get there
    back_by = host_until - utc(stop.leaves.earliest())  # room to get back
    return there_by >= need and back_by >= need


def excursions(trip: Trip) -> list[Excursion]:
    """The stops of `trip` that are excursions, each from the latest earlier stop that hosts it."""
    out: list[Excursion] = []
    main: list[int] = []
    for index, stop in enumerate(trip.stops):
        host = next((h for h in reversed(main) if _is_excursion(trip.stops[h], stop)), None)
        if host is None:
            main.append(index)
        else:
            out.append(Excursion(index, host))
    return out


def without_excursions(trip: Trip) -> tuple[Trip, list[Excursion]]:
    """A copy of `trip` with only the stops its route goes through, and the excursions left out."""
    found = excursions(trip)
    if not found:
        return trip, []
    skipped = {e.stop for e in found}
    return replace(trip, stops=[s for i, s in enumerate(trip.stops) if i not in skipped]), found
