"""How a leg is travelled, as a person writes it: `air 7h40`, `rail`, `air UA950 2025-03-03 17:40 -> 2025-03-04 07:20`.

One line of text, the same in the data file (a stop's `travel`, a trip's `travel_home`), on
the command line (`--travel`, `--by`) and in CSV:

    MODE [NUMBER] [DURATION | DEPARTS -> ARRIVES]

- MODE: air, road, rail, sea or helicopter;
- NUMBER: a flight or train number, kept as text (`UA950`, `IC 1234`);
- DURATION: `7h40`, `7h`, `45min`, `1d2h`: how long the leg takes, door to door;
- DEPARTS -> ARRIVES: local wall times, the departure in the zone of the place left and the
  arrival in the zone of the place reached (`2025-03-03 17:40 -> 2025-03-04 07:20`).

`parse_travel` reads the text without knowing the zones; `Travel.bind` attaches them and
refuses an arrival before the departure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

MODES = ("air", "road", "rail", "sea", "helicopter")

_DURATION = re.compile(r"^(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)(?:m|min)?)?$")
_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})")


@dataclass(frozen=True)
class Travel:
    """How a stop is reached: the mode, and the flight or train and its times when known."""

    mode: str
    number: str = ""  # flight or train number, as written
    duration: timedelta | None = None
    departs_wall: datetime | None = None  # naive local times, as written
    arrives_wall: datetime | None = None
    departs: object = None  # localtime.When once bound to the origin's zone
    arrives: object = None  # localtime.When once bound to the destination's zone

    def text(self) -> str:
        """The one-line form, as parsed (parse_travel(t.text()) == t before binding)."""
        parts = [self.mode]
        if self.number:
            parts.append(self.number)
        if self.duration is not None:
            parts.append(duration_text(self.duration))
        if self.departs_wall is not None:
            parts.append(f"{self.departs_wall:%Y-%m-%d %H:%M} -> {self.arrives_wall:%Y-%m-%d %H:%M}")
        return " ".join(parts)

    def summary(self) -> str:
        """Short, for a table cell: 'air UA950 17:40→07:20 +1d', 'rail 9h30', 'road'."""
        parts = [self.mode] + ([self.number] if self.number else [])
        if self.duration is not None:
            parts.append(duration_text(self.duration))
        if self.departs_wall is not None:
            days = (self.arrives_wall.date() - self.departs_wall.date()).days
            later = f" +{days}d" if days > 0 else (f" {days}d" if days < 0 else "")
            parts.append(f"{self.departs_wall:%H:%M}→{self.arrives_wall:%H:%M}{later}")
        return " ".join(parts)

    def bind(self, origin_tz: str, destination_tz: str) -> Travel:
        """With the departure and arrival resolved in their zones (ValueError if they cannot be)."""
        if self.departs_wall is None:
            return self
        from triptrack.core.localtime import resolve, utc

        departs = resolve(self.departs_wall, origin_tz)
        arrives = resolve(self.arrives_wall, destination_tz)
        if utc(arrives.aware()) <= utc(departs.aware()):
            raise ValueError(
                f"{self.text()!r}: arrives {self.arrives_wall:%Y-%m-%d %H:%M} ({destination_tz}) "
                f"no later than it departs {self.departs_wall:%Y-%m-%d %H:%M} ({origin_tz})"
            )
        return replace(self, departs=departs, arrives=arrives)

    def takes(self) -> timedelta | None:
        """How long the leg takes, when known (a duration, or bound departure and arrival)."""
        if self.duration is not None:
            return self.duration
        if self.departs is not None and self.arrives is not None:
            from triptrack.core.localtime import utc

            return utc(self.arrives.aware()) - utc(self.departs.aware())
        return None


def duration_text(delta: timedelta) -> str:
    """'7h40', '45min', '1d2h' (the form parse_duration reads)."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    out = f"{days}d" if days else ""
    if hours:
        out += f"{hours}h"
    if minutes:
        out += f"{minutes:02d}" if hours else f"{minutes}min"
    return out or "0min"


def parse_duration(text: str) -> timedelta | None:
    """'7h40' -> 7 h 40 min; None when `text` is not a duration. Negative or zero: ValueError."""
    token = text.strip().lower()
    if token.startswith("-") and parse_duration(token[1:]) is not None:
        raise ValueError(f"duration {text!r} is negative: a leg takes some time")
    match = _DURATION.match(token)
    if not token or not match or not any(match.groupdict().values()):
        return None
    if match["m"] and not match["h"] and not token.endswith(("m", "min")):
        return None  # a bare number is not a duration
    minutes = (int(match["d"] or 0) * 24 + int(match["h"] or 0)) * 60 + int(match["m"] or 0)
    if minutes <= 0:
        raise ValueError(f"duration {text!r} is zero: a leg takes some time")
    if minutes > LONGEST_LEG_DAYS * 24 * 60:
        raise ValueError(f"duration {text!r} is longer than a leg can be (at most {LONGEST_LEG_DAYS} days)")
    return timedelta(minutes=minutes)


LONGEST_LEG_DAYS = 366  # a voyage of the 1800s took weeks; a longer leg is a typing mistake


def parse_travel(text: str) -> Travel:
    """Read `MODE [NUMBER] [DURATION | DEPARTS -> ARRIVES]`; ValueError saying what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("travel is empty: write e.g. 'air 7h40', 'rail' or 'air UA950 2025-03-03 17:40 -> 2025-03-04 07:20'")
    left, arrow, right = text.strip().partition("->")
    departs_wall = arrives_wall = None
    if arrow:
        departs_wall, left = _moment_at_end(left, text, "departure")
        arrives_wall = _moment(right.strip(), text, "arrival")
        if arrives_wall is None:
            raise ValueError(f"{text!r}: the arrival after '->' must be a local time like 2025-03-04 07:20")
    words = left.split()
    if not words:
        raise ValueError(f"{text!r}: start with the mode ({', '.join(MODES)})")
    mode = words[0].lower()
    if mode not in MODES:
        raise ValueError(f"unknown travel mode {words[0]!r} (use {', '.join(MODES)})")
    rest = words[1:]
    duration = None
    if rest:
        duration = parse_duration(rest[-1])
        if duration is not None:
            rest = rest[:-1]
    if duration is not None and departs_wall is not None:
        raise ValueError(f"{text!r}: give a duration or departure and arrival times, not both")
    return Travel(mode, " ".join(rest), duration, departs_wall, arrives_wall)


def _moment(text: str, whole: str, which: str) -> datetime | None:
    match = _MOMENT.fullmatch(text)
    if not match:
        return None
    try:
        return datetime.fromisoformat(f"{match[1]} {match[2]}")
    except ValueError:
        raise ValueError(f"{whole!r}: the {which} {text!r} is not a real date and time") from None


def _moment_at_end(left: str, whole: str, which: str) -> tuple[datetime, str]:
    match = re.search(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})\s*$", left)
    if not match:
        raise ValueError(f"{whole!r}: the {which} before '->' must be a local time like 2025-03-03 17:40")
    return _moment(f"{match[1]} {match[2]}", whole, which), left[: match.start()]
