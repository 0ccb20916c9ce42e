"""How long a leg takes at best and as usual: the travel model, calibrated on real flights.

See `triptrack.core.travel` for the figures and tests/test_calibration.py for the real
scheduled nonstops they are checked against.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from triptrack.core.legs import Travel


@dataclass(frozen=True)
class Pace:
    """How fast a way of travelling covers ground, and the fixed time it adds."""

    kmh: float
    ground: timedelta = timedelta(0)  # taxi, climb and descent; boarding a helicopter

    def time(self, km: float) -> timedelta:
        return timedelta(hours=km / self.kmh) + self.ground if km > 0 else timedelta(0)

    def words(self) -> str:
        ground = f" plus {int(self.ground.total_seconds() // 60)} min" if self.ground else ""
        return f"{self.kmh:,.0f} km/h{ground}"


FASTEST = {
    "air": Pace(1050.0, timedelta(minutes=25)),
    "helicopter": Pace(280.0, timedelta(minutes=10)),
    "rail": Pace(300.0),
    "road": Pace(90.0),
    "sea": Pace(60.0),
}
TYPICAL = {
    "air": Pace(950.0, timedelta(minutes=30)),
    "helicopter": Pace(220.0, timedelta(minutes=15)),
    "rail": Pace(150.0),
    "road": Pace(60.0),
    "sea": Pace(30.0),
}


@dataclass(frozen=True)
class Estimate:
    """How long a leg takes at best and as usual, and the assumption behind it, in words."""

    fastest: timedelta
    typical: timedelta
    mode: str
    assumption: str  # 'by air at 1,050 km/h plus 25 min at best', 'as written: rail 9h30'


def default_mode(km: float) -> str:
    """Air or road, whichever is quicker at best over `km` (road for short hops)."""
    return "road" if FASTEST["road"].time(km) <= FASTEST["air"].time(km) else "air"


def estimate(km: float | None, travel: Travel | None = None) -> Estimate:
    """The fastest and typical times for a leg of `km` (None: unknown distance) travelled as written."""
    takes = travel.takes() if travel else None
    if takes is not None:
        return Estimate(takes, takes, travel.mode, f"as written: {travel.text()}")
    if km is None:
        mode = travel.mode if travel else "air"
        return Estimate(timedelta(0), timedelta(0), mode, "distance unknown")
    mode = travel.mode if travel else default_mode(km)
    fastest, typical = FASTEST[mode], TYPICAL[mode]
    return Estimate(fastest.time(km), typical.time(km), mode, f"by {mode} at {fastest.words()} at best")


def minimum_travel(km: float) -> timedelta:
    """The least time `km` of great-circle distance can take (air or road, whichever is less)."""
    return estimate(km).fastest
