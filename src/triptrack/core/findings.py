"""What `check` reports: a finding (a problem or a warning) and how its messages write times.

Shared by the checks of one trip (checks, leg_checks) and across trips (cross_trip).
"""

from __future__ import annotations

from dataclasses import dataclass

from triptrack.core.localtime import When, moment_words, when_words, zone
from triptrack.errors import TriptrackError

PROBLEM = "problem"
WARNING = "warning"
HISTORY = ("completed", "recorded")  # statuses of trips that already happened
RECORDED = "recorded"  # a historical record: every finding on it is a warning


@dataclass(frozen=True)
class Finding:
    """One problem or warning that check found, with the trip and stop it is about."""

    severity: str  # PROBLEM or WARNING
    trip: str  # trip id ('' for the data file as a whole)
    stops: tuple[str, ...]  # the stop(s) concerned, by label; empty for the whole trip
    message: str

    @property
    def where(self) -> str:
        return " → ".join(self.stops)

    def line(self) -> str:
        """'blinken-final: problem: Paris → Sydney: ...' (one line, for terminals and CI logs)."""
        parts = [self.trip or "data file", self.severity]
        if self.stops:
            parts.append(self.where)
        return ": ".join(parts + [self.message.replace("\n", " ")])

    def as_dict(self) -> dict:
        return {"severity": self.severity, "trip": self.trip, "stops": list(self.stops), "message": self.message}


def load_failure(error: TriptrackError) -> Finding:
    """A data file that does not load is a problem for check, reported like any other."""
    return Finding(PROBLEM, "", (), str(error))


@dataclass(frozen=True)
class Clock:
    """How messages write times: each in its place's zone, or all in `tz` (check --tz)."""

    tz: str | None = None

    def when(self, when: When, *, year: bool = False) -> str:
        if self.tz and not when.date_only:
            return moment_words(when.aware().astimezone(zone(self.tz)), year=year)
        return when_words(when, year=year)

    def moment(self, moment, place_tz: str) -> str:
        return moment_words(moment.astimezone(zone(self.tz or place_tz)))
