"""Which time zone a view shows times in: `--tz home|local|UTC|ZONE`.

`local` (the default) shows each time in its stop's own zone, with the official's home
time beside it; `home` shows every time in the home zone; `UTC` or any IANA zone name
shows every time in that zone. Offsets always come from the IANA rules at that date.
"""

from __future__ import annotations

from dataclasses import dataclass

from triptrack.core.localtime import zone
from triptrack.core.model import Catalog, Trip
from triptrack.errors import InputError

LOCAL = "local"
HOME = "home"


@dataclass(frozen=True)
class DisplayZone:
    """Which zone a view shows times in besides each stop's own: local, home or a named zone."""

    choice: str = LOCAL  # "local", "home", or an IANA zone name such as "UTC"

    @classmethod
    def parse(cls, text: str) -> DisplayZone:
        """'home', 'local', 'UTC' (any case) or an IANA zone; InputError otherwise."""
        cleaned = (text or "").strip()
        if cleaned.lower() in (LOCAL, HOME):
            return cls(cleaned.lower())
        if cleaned.upper() in ("UTC", "Z"):
            return cls("UTC")
        try:
            zone(cleaned)
        except ValueError:
            raise InputError(
                f"--tz {text!r}: use home, local, UTC or an IANA time zone such as Europe/Paris"
            ) from None
        return cls(cleaned)

    @property
    def local(self) -> bool:
        return self.choice == LOCAL

    def fixed(self, home_tz: str) -> str | None:
        """The one zone every time is shown in, or None when each stop uses its own."""
        if self.choice == LOCAL:
            return None
        return home_tz if self.choice == HOME else self.choice

    def for_trip(self, catalog: Catalog, trip: Trip) -> str | None:
        """`fixed` for a trip, whose home zone is its official's."""
        official = catalog.officials.get(trip.official)
        return self.fixed(official.home_tz if official else "UTC")

    def day_zone(self, home_tz: str) -> str:
        """The zone whose calendar days a day-by-day view uses (home unless one is chosen)."""
        return self.fixed(home_tz) or home_tz

    def describe(self, home_city: str | None, home_tz: str) -> str:
        """'local time at each stop', 'Washington time (America/New_York)', 'UTC'."""
        if self.choice == LOCAL:
            return "local time at each stop"
        if self.choice == HOME:
            return f"{home_city} time ({home_tz})" if home_city else f"home time ({home_tz})"
        return self.choice if self.choice == "UTC" else f"{self.choice} time"
