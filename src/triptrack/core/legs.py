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
_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})\s*(?P<offset>[+-]\d{2}:?\d{2})?", re.ASCII)
# A duration at the end of the words, its parts apart or together: '7h40', '7h 40min', '7 h 40', '1d 2h'.
_SPACED_DURATION = re.compile(r"(?:^|(?<=\s))(?:\d+\s*d\s*)?(?:\d+\s*h\s*)?(?:\d+\s*(?:min|m)?)?$", re.ASCII | re.I)


@dataclass(frozen=True)
class Travel:
    """How a stop is reached: the mode, and the flight or train and its times when known."""

    mode: str
    number: str = ""  # flight or train number, as written
    duration: timedelta | None = None
    departs_wall: datetime | None = None  # naive local times, as written
    arrives_wall: datetime | None = None
    departs_offset: timedelta | None = None  # a UTC offset written after a time (in a fold)
    arrives_offset: timedelta | None = None
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
            parts.append(f"{_wall_text(self.departs_wall, self.departs_offset)} -> {_wall_text(self.arrives_wall, self.arrives_offset)}")
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

        departs = resolve(self.departs_wall, origin_tz, self.departs_offset)
        arrives = resolve(self.arrives_wall, destination_tz, self.arrives_offset)
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
    departs = arrives = (None, None)
    if arrow:
        found = [m for m in _MOMENT.finditer(left) if not left[m.end():].strip()]
        if not found:
            raise ValueError(f"{text!r}: the departure before '->' must be a local time like 2025-03-03 17:40")
        departs, left = _moment(found[-1], text, "departure"), left[: found[-1].start()]
        match = _MOMENT.fullmatch(right.strip())
        if match is None:
            raise ValueError(f"{text!r}: the arrival after '->' must be a local time like 2025-03-04 07:20")
        arrives = _moment(match, text, "arrival")
    words = left.split()
    if not words:
        raise ValueError(f"{text!r}: start with the mode ({', '.join(MODES)})")
    mode = words[0].lower()
    if mode not in MODES:
        raise ValueError(f"unknown travel mode {words[0]!r} (use {', '.join(MODES)})")
    number, duration = _trailing_duration(" ".join(words[1:]))
    if duration is not None and departs[0] is not None:
        raise ValueError(f"{text!r}: give a duration or departure and arrival times, not both")
    return Travel(mode, number, duration, departs[0], arrives[0], departs[1], arrives[1])


def _trailing_duration(words: str) -> tuple[str, timedelta | None]:
    """(the words before it, the duration) of a duration written last: '7h40', '7h 40min' ('08:05'
    is not one: it reads as a clock time, and stays part of the number as written)."""
    found = _SPACED_DURATION.search(words)
    duration = parse_duration(re.sub(r"\s+", "", found.group())) if found and found.group().strip() else None
    if duration is not None:
        return words[: found.start()].strip(), duration
    rest, _space, last = words.rpartition(" ")
    duration = parse_duration(last) if last else None  # (ValueError for '-7h')
    return (rest.strip(), duration) if duration is not None else (words, None)


def _moment(match: re.Match, whole: str, which: str) -> tuple[datetime, timedelta | None]:
    """(the naive local time, the UTC offset written after it or None)."""
    try:
        wall = datetime.fromisoformat(f"{match[1]} {match[2]}")
    except ValueError:
        raise ValueError(f"{whole!r}: the {which} {match.group().strip()!r} is not a real date and time") from None
    if not match["offset"]:
        return wall, None
    from triptrack.core.localtime import parse_offset

    return wall, parse_offset(match["offset"])


def _wall_text(wall: datetime, offset: timedelta | None) -> str:
    if offset is None:
        return f"{wall:%Y-%m-%d %H:%M}"
    from triptrack.core.localtime import format_offset

    return f"{wall:%Y-%m-%d %H:%M}{format_offset(offset)}"
