"""check's findings about written travel and obligations at a stop (see `triptrack.core.checks`).

- a leg's written departure and arrival must fit between leaving one place and
  reaching the next;
- a written duration or flight times must not be quicker than the way of travelling can
  cover the distance (a 1-hour Washington-Brussels flight);
- an obligation at a stop is missed when the traveller cannot be there by its time,
  or leaves before it.
"""

from __future__ import annotations

from triptrack.core.findings import HISTORY, PROBLEM, WARNING, Finding
from triptrack.core.findings import Clock as _Clock
from triptrack.core.localtime import utc
from triptrack.core.model import Trip
from triptrack.core.obligations import format_span
from triptrack.core.pace import FASTEST, TYPICAL
from triptrack.core.travel import Leg, Outcome


def typical_words(leg: Leg) -> str:
    if leg.travel is not None and leg.travel.takes() is not None:
        return leg.how.assumption
    return f"by {leg.how.mode} at {TYPICAL[leg.how.mode].words()} as usual"


def written_times(trip: Trip, leg: Leg, clock: _Clock) -> list[Finding]:
    """A leg with written departure and arrival times that do not fit the stops' times."""
    travel = leg.travel
    if travel is None or travel.departs is None:
        return []
    stops = (leg.origin.label, leg.destination.label)
    what = f"{travel.mode} {travel.number}".strip()
    out = []
    if leg.origin.leaves is not None and utc(travel.departs.aware()) < utc(leg.origin.leaves.earliest()):
        message = f"{what} departs {clock.when(travel.departs)}, before leaving {leg.origin.label} ({clock.when(leg.origin.leaves)})"
        out.append(Finding(PROBLEM, trip.id, stops, message))
    elif leg.ready is not None and utc(travel.departs.aware()) < leg.ready:
        message = (
            f"{what} departs {clock.when(travel.departs)}, before the traveller can be in {leg.origin.label} "
            f"({clock.moment(leg.ready, leg.origin.place.tz)} at the earliest)"
        )
        out.append(Finding(PROBLEM, trip.id, stops, message))
    if leg.deadline is not None and utc(travel.arrives.aware()) > leg.deadline:
        message = f"{what} arrives {clock.when(travel.arrives)}, after {clock.moment(leg.deadline, leg.destination.place.tz)}, when {leg.destination.label} expects the traveller"
        out.append(Finding(PROBLEM, trip.id, stops, message))
    return out


def written_too_fast(trip: Trip, leg: Leg) -> list[Finding]:
    """A leg whose written time is shorter than the fastest its mode covers the distance in
    (the figures no real scheduled flight beats: tests/test_calibration.py)."""
    travel = leg.travel
    takes = travel.takes() if travel is not None else None
    if takes is None or leg.km is None:
        return []
    fastest = FASTEST[travel.mode]
    if takes >= fastest.time(leg.km):
        return []
    message = (
        f"as written ({travel.text()}) it takes {format_span(takes)}, but {leg.km:,.0f} km takes at least "
        f"{format_span(fastest.time(leg.km))} by {travel.mode} (at {fastest.words()} at best)"
    )
    return [Finding(PROBLEM, trip.id, (leg.origin.label, leg.destination.label), message)]


def at_stop_finding(trip: Trip, outcome: Outcome, clock: _Clock) -> Finding:
    """An obligation at a stop the traveller cannot be at in time, or leaves before it."""
    obligation, stop = outcome.obligation, outcome.last
    due = clock.when(obligation.when, year=True)
    if outcome.left_too_soon:
        there = f"leaves {stop.label} {clock.when(stop.leaves)}, {format_span(-outcome.margin)} before it"
    else:
        there = f"the soonest in {stop.label} is {clock.moment(outcome.back, stop.place.tz)}"
    if outcome.status == "at risk":
        message = f'at risk: only {format_span(outcome.margin)} to spare for "{obligation.what}" at {stop.label} ({due}): {there}'
        return Finding(WARNING, trip.id, (stop.label,), message)
    history = trip.status in HISTORY
    verb = "missed" if history else "misses"
    if outcome.left_too_soon:
        message = f'{verb} "{obligation.what}" at {stop.label} ({due}): {there}'
    else:
        message = f'{verb} "{obligation.what}" at {stop.label} ({due}) by {format_span(-outcome.margin)}: {there}'
    return Finding(WARNING if history else PROBLEM, trip.id, (stop.label,), message)
