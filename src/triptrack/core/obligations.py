"""How a trip's scheduled return compares with what the traveller must be back for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from triptrack.core.localtime import utc
from triptrack.core.model import Obligation, Trip


@dataclass(frozen=True)
class Margin:
    """Time between the scheduled return and an obligation, as a range.

    With a date-only return the margin is a range: `most` if the traveller is back at
    the start of that day, `least` if at its end. Negative means missed.
    """

    obligation: Obligation
    back: str  # what the return is measured from, in words
    least: timedelta
    most: timedelta

    @property
    def certain(self) -> bool:
        return self.least == self.most

    @property
    def met(self) -> bool:
        return self.least >= timedelta(0)

    @property
    def missed(self) -> bool:
        return self.most < timedelta(0)


def return_window(trip: Trip, earliest_back: datetime | None = None) -> tuple[datetime, datetime, str] | None:
    """(earliest, latest) moment the traveller is back home, and how that is known.

    `earliest_back`, when given, is the soonest the journey home can arrive (see
    `travel.route`); it replaces the written times when they are sooner than that.
    """
    if trip.returns is not None:
        window = trip.returns.earliest(), trip.returns.latest(), "the scheduled return"
    elif trip.stops:
        last = trip.stops[-1]
        window = last.leaves.earliest(), last.leaves.latest(), f"leaving {last.city}, before any flight home"
    else:
        return None
    earliest, latest, back = window
    if earliest_back is not None and utc(earliest_back) > utc(earliest):
        last = trip.stops[-1].city if trip.stops else "the last stop"
        earliest, back = earliest_back, f"the earliest possible return (travelling home from {last})"
        latest = max(utc(latest), utc(earliest_back))
    return earliest, latest, back


def margins(trip: Trip, earliest_back: datetime | None = None) -> list[Margin]:
    window = return_window(trip, earliest_back)
    if window is None:
        return []
    earliest, latest, back = window
    out = []
    for obligation in trip.obligations:
        due = utc(obligation.when.earliest())  # in UTC: same-zone subtraction would ignore DST
        out.append(Margin(obligation, back, due - utc(latest), due - utc(earliest)))
    return out


def format_span(delta: timedelta) -> str:
    """'2 d 4 h', '10 h', '45 min' (magnitude only)."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(f"{days} d")
    if hours:
        parts.append(f"{hours} h")
    if minutes and not days:
        parts.append(f"{minutes} min")
    return " ".join(parts) or "0 min"


def describe(margin: Margin) -> str:
    """One sentence a reader understands at a glance."""
    back = margin.back
    if margin.certain:
        if margin.met:
            return f"{format_span(margin.least)} to spare after {back}"
        return f"missed by {format_span(margin.least)}, counting from {back}"
    if margin.met:
        return f"between {format_span(margin.least)} and {format_span(margin.most)} to spare after {back}"
    if margin.missed:
        return f"missed by at least {format_span(margin.most)}, counting from {back}"
    due = margin.obligation.when.aware()
    hour = f" by {due:%H:%M}" if due else ""
    return f"at most {format_span(margin.most)} to spare: {back} has no hour, so it is met only if back{hour}"
