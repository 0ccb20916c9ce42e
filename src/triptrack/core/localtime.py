"""Local wall times in IANA zones: parsing, DST gaps and folds, formatting.

Every time triptrack stores is a wall time at a place plus that place's IANA zone;
offsets are computed from the zone when needed. A time is either date-only (the
hour is not known) or a full wall time. Nothing here guesses: a wall time that
does not exist (DST gap) or exists twice (DST fold) is refused unless an explicit
UTC offset settles it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"\s*(?P<off>Z|[+-]\d{2}:?\d{2}(?::?\d{2})?)?)?$",
    re.ASCII,  # digits 0-9 only: a full-width or Arabic-Indic date is no date to other YAML tools
)


FIRST_YEAR, LAST_YEAR = 1800, 2200  # the Historian's record starts in 1866; far ends overflow datetime

# Files in the zone database that load as zones but are not places: the system's own
# setting, tzdata's placeholder, the POSIX rule template, and the leap-second variants.
_NOT_ZONES = {"localtime": "the system's setting, not a zone name", "Factory": "tzdata's placeholder, not a place",
              "posixrules": "a rule template, not a zone name"}
_NOT_ZONE_PREFIXES = ("right/", "posix/")


def check_year(day: date | int, shown: str) -> None:
    """ValueError unless `day` (or a year) is within the years triptrack takes (1800..2200)."""
    year = day if isinstance(day, int) else day.year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{shown!r}: the year {year} is out of range (triptrack takes {FIRST_YEAR} to {LAST_YEAR})")


@lru_cache(maxsize=None)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called `name`; ValueError naming it when there is none."""
    if not isinstance(name, str) or not name or name.startswith(("/", ".")) or ".." in name:
        raise ValueError(f"{name!r} is not an IANA time zone")
    if name in _NOT_ZONES or name.startswith(_NOT_ZONE_PREFIXES):
        why = _NOT_ZONES.get(name) or "a leap-second or POSIX copy of another zone"
        raise ValueError(f"{name!r} is not an IANA time zone name ({why}); give one like Europe/Paris")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"{name!r} is not an IANA time zone (e.g. Europe/Paris)") from None


def format_offset(offset: timedelta) -> str:
    """'+05:45', '-05:00'; with its seconds when it has some (a local mean time before 1900:
    New York was at -04:56:02 until 1883)."""
    total = int(offset.total_seconds())
    sign = "+" if total >= 0 else "-"
    minutes, seconds = divmod(abs(total), 60)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}" + (f":{seconds:02d}" if seconds else "")


@dataclass(frozen=True)
class When:
    """A moment at a stop: a local date, optionally a wall time, in an IANA zone.

    `at` is None for a date-only time. `fold` is 1 for the second of two identical
    wall times in a DST fold (it is only ever 1 when an explicit offset chose it).
    """

    day: date
    at: time | None
    tz: str
    fold: int = 0

    def __post_init__(self) -> None:
        check_year(self.day, self.day.isoformat())  # every way in (file, CLI, CSV, Historian) builds a When

    @property
    def date_only(self) -> bool:
        return self.at is None

    def aware(self) -> datetime | None:
        """The exact moment, or None when only the date is known."""
        if self.at is None:
            return None
        return datetime.combine(self.day, self.at, tzinfo=zone(self.tz)).replace(fold=self.fold)

    def earliest(self) -> datetime:
        """The earliest moment this can mean (start of day for a date-only time)."""
        exact = self.aware()
        return exact if exact is not None else start_of_day(self.day, self.tz)

    def latest(self) -> datetime:
        """The latest moment this can mean (end of day for a date-only time)."""
        exact = self.aware()
        if exact is not None:
            return exact
        # Step back from the next day's start in UTC: wall-clock arithmetic would land in
        # a DST gap when the day ends in one (America/Santiago, Pacific/Apia 2011).
        following = utc(start_of_day(self.day + timedelta(days=1), self.tz))
        return (following - timedelta(microseconds=1)).astimezone(zone(self.tz))

    def utc_key(self) -> datetime:
        """A sort key: the exact moment, or noon local time for a date-only time."""
        exact = self.aware()
        if exact is None:
            exact = datetime.combine(self.day, time(12), tzinfo=zone(self.tz))
        return exact.astimezone(timezone.utc)

    def ambiguous(self) -> bool:
        """True when this wall time occurs twice in its zone (a DST fold)."""
        if self.at is None:
            return False
        naive = datetime.combine(self.day, self.at)
        tz = zone(self.tz)
        return naive.replace(tzinfo=tz, fold=0).utcoffset() != naive.replace(tzinfo=tz, fold=1).utcoffset()

    def iso(self) -> str:
        """ISO 8601: `2025-01-09T18:00:00+01:00`, or `2025-01-09` when date-only."""
        exact = self.aware()
        if exact is None:
            return self.day.isoformat()
        return exact.isoformat(timespec="seconds")

    def text(self) -> str:
        """How the data file writes it: `2025-01-09 18:00`, with the offset only in a fold."""
        if self.at is None:
            return self.day.isoformat()
        spec = "seconds" if self.at.second else "minutes"
        out = f"{self.day.isoformat()} {self.at.isoformat(timespec=spec)}"
        if self.ambiguous():
            out += format_offset(self.aware().utcoffset())
        return out


def utc(moment: datetime) -> datetime:
    """The same moment in UTC. Compare and subtract aware times only this way: Python
    does wall-clock arithmetic (ignoring DST and fold) between two times in one zone."""
    return moment.astimezone(timezone.utc)


def day_skipped(day: date, tz: str) -> bool:
    """True for a calendar day the zone never had (Pacific/Apia skipped 30 Dec 2011)."""
    return start_of_day(day, tz).date() != day


def start_of_day(day: date, tz: str) -> datetime:
    """The first moment of a local calendar day (not always 00:00: a DST gap can skip midnight)."""
    # Midnight can fall in a DST gap (e.g. America/Santiago): go through UTC so the
    # result is a real moment, the first of that local day.
    naive = datetime.combine(day, time(0))
    aware = naive.replace(tzinfo=zone(tz))
    return aware.astimezone(timezone.utc).astimezone(zone(tz))


def resolve(naive: datetime, tz: str, offset: timedelta | None = None) -> When:
    """Turn a wall time at a place into a When, refusing DST gaps and folds.

    With an explicit `offset` the moment is exact: it must be one of the offsets the
    zone can have at that wall time (in a gap, the stored wall time is the real one
    that moment has, e.g. 02:30-05:00 in New York's spring gap is 03:30 EDT).
    """
    tzinfo = zone(tz)
    check_year(naive.date(), f"{naive:%Y-%m-%d %H:%M}")  # before any arithmetic can overflow
    first = naive.replace(tzinfo=tzinfo, fold=0)
    second = naive.replace(tzinfo=tzinfo, fold=1)
    candidates = {first.utcoffset(), second.utcoffset()}
    exists = first.astimezone(timezone.utc).astimezone(tzinfo).replace(tzinfo=None) == naive
    shown = f"{naive:%Y-%m-%d %H:%M}"
    if offset is not None:
        if offset not in candidates:
            allowed = " or ".join(sorted(format_offset(c) for c in candidates))
            raise ValueError(f"{shown}{format_offset(offset)}: {tz} is at {allowed} then, not {format_offset(offset)}")
        moment = (naive - offset).replace(tzinfo=timezone.utc).astimezone(tzinfo)
        return When(moment.date(), moment.time().replace(tzinfo=None), tz, moment.fold)
    if not exists:
        after = first.astimezone(timezone.utc).astimezone(tzinfo)
        if day_skipped(naive.date(), tz):
            raise ValueError(_skipped_day_message(naive.date(), tz))
        raise ValueError(
            f"{shown} does not exist in {tz} ({_gap_cause(naive, tzinfo)}); "
            f"give the real time, e.g. {after:%H:%M}, or an explicit UTC offset"
        )
    if len(candidates) > 1:
        a, b = (format_offset(c) for c in (first.utcoffset(), second.utcoffset()))
        raise ValueError(
            f"{shown} happens twice in {tz} (the clocks go back); "
            f"add the UTC offset to choose: {shown}{a} or {shown}{b}"
        )
    return When(naive.date(), naive.time(), tz, 0)


def _gap_cause(naive: datetime, tzinfo: ZoneInfo) -> str:
    """Why a wall time does not exist: daylight saving time, or the zone changed its offset."""
    before = (naive - timedelta(days=1)).replace(tzinfo=tzinfo)
    after = (naive + timedelta(days=1)).replace(tzinfo=tzinfo)
    if before.dst() != after.dst():
        return "the clocks skip it for daylight saving time"
    return "the zone moved its clocks forward then, changing its UTC offset"


def _skipped_day_message(day: date, tz: str) -> str:
    return (
        f"{day.isoformat()} does not exist in {tz}: the zone skipped that whole day "
        f"(it moved across the date line: {(day - timedelta(days=1)).isoformat()} was followed by "
        f"{start_of_day(day, tz).date().isoformat()}), not daylight saving time"
    )


def _date_only(day: date, tz: str) -> When:
    """A date-only When typed by a person, refusing a calendar day the zone never had (Pacific/Apia 2011-12-30)."""
    zone(tz)
    check_year(day, day.isoformat())
    if day_skipped(day, tz):
        raise ValueError(_skipped_day_message(day, tz))
    return When(day, None, tz)


def parse_offset(text: str) -> timedelta:
    if text == "Z":
        return timedelta(0)
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes, seconds = int(digits[:2]), int(digits[2:4]), int(digits[4:] or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise ValueError(f"{text!r} is not a UTC offset")
    return sign * timedelta(hours=hours, minutes=minutes, seconds=seconds)


def parse_iso(text: str, tz: str) -> When:
    """Parse the data file's form: `YYYY-MM-DD`, or with ` HH:MM[:SS]` and an optional offset.

    Raises ValueError with a message a person can act on.
    """
    match = _ISO.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{text!r} is not a date or time (write 2025-01-09 or 2025-01-09 18:00)")
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise ValueError(f"{text!r} is not a date") from None
    check_year(day, text.strip())  # (quoting the text as written, offset and zeros included)
    zone(tz)
    if match["H"] is None:
        return When(day, None, tz)  # (a day the zone skipped loads: `check` reports it, per trip)
    try:
        at = time(int(match["H"]), int(match["M"]), int(match["S"] or 0))
    except ValueError:
        raise ValueError(f"{text!r} is not a time of day") from None
    offset = parse_offset(match["off"]) if match["off"] else None
    return resolve(datetime.combine(day, at), tz, offset)


DATE_ORDERS = ("dmy", "mdy")
DATE_ORDER_VARIABLE = "TRIPTRACK_DATE_ORDER"
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})\b")
_date_order: str | None = None  # set by --date-order; else $TRIPTRACK_DATE_ORDER


def set_date_order(order: str | None) -> None:
    """How to read 06/03/2025: 'dmy' (6 March), 'mdy' (June 3), or None (refuse when both can be)."""
    global _date_order
    if order is not None and order not in DATE_ORDERS:
        raise ValueError(f"date order {order!r}: use dmy (06/03/2025 is 6 March) or mdy (June 3)")
    _date_order = order


def date_order() -> str | None:
    import os

    if _date_order is not None:
        return _date_order
    order = os.environ.get(DATE_ORDER_VARIABLE, "").strip().lower() or None
    if order is not None and order not in DATE_ORDERS:
        raise ValueError(f"${DATE_ORDER_VARIABLE}={order!r}: use dmy or mdy")
    return order


_WHOLE_NUMERIC_DATE = re.compile(r"\s*\d{1,2}([/.-])\d{1,2}\1\d{4}\s*", re.ASCII)


def numeric_day(text: str) -> date | None:
    """The day a numeric date typed alone means (06/03/2025, read in the order --date-order
    sets, as parse_user reads it); None when `text` is not one. ValueError when it is
    ambiguous without an order, or no day."""
    if not _WHOLE_NUMERIC_DATE.fullmatch(text):
        return None
    return parse_user(text, "UTC").day  # (its When refuses a year out of range)


def _numeric_date_order(text: str) -> bool | None:
    """dateutil's `dayfirst` for a numeric date like 06/03/2025; None when the text is not one.

    ValueError when day and month could be swapped (both 12 or less, and different) and no
    order is set, or when the set order does not fit (13/03/2025 with mdy)."""
    match = _NUMERIC_DATE.match(text)
    if not match:
        return None
    first, second = int(match[1]), int(match[3])
    order = date_order()
    if order is None:
        if first <= 12 and second <= 12 and first != second:
            day_first = date(2000, second, first).strftime("%-d %B")
            month_first = date(2000, first, second).strftime("%B %-d")
            year = match[4] if len(match[4]) == 4 else "YYYY"
            raise ValueError(
                f"{text.strip()!r} is ambiguous: {day_first} (day first) or {month_first} (month first)? "
                f"Write {year}-{second:02d}-{first:02d} or {year}-{first:02d}-{second:02d}, "
                f"or set the order with --date-order dmy|mdy or ${DATE_ORDER_VARIABLE}"
            )
        return first > 12
    day, month = (first, second) if order == "dmy" else (second, first)
    if month > 12:
        raise ValueError(f"{text!r} is not a date in {'day/month/year' if order == 'dmy' else 'month/day/year'} order")
    return order == "dmy"


_SPELLED_OFFSET = re.compile(r"(?<![A-Za-z])\s*(?:UTC|GMT)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$", re.ASCII | re.I)


def spelled_offset(text: str) -> str:
    """`10:00 UTC+1`, `10:00 GMT-05:00` as `10:00+01:00`, `10:00-05:00`: what a person means by
    them (dateutil reads them the POSIX way round, UTC+1 as an hour behind UTC)."""
    found = _SPELLED_OFFSET.search(text)
    if found is None:
        return text
    return f"{text[: found.start()]}{found['sign']}{int(found['h']):02d}:{found['m'] or '00'}"


_PROBE_A = datetime(2001, 2, 3, 4, 5, 6)
_PROBE_B = datetime(2002, 3, 4, 7, 8, 9)


def parse_user(text: str, tz: str) -> When:
    """Parse a time typed by a person: ISO 8601, a date alone, or forms like 'Jan 9 2025 6pm'.

    The text is the local wall time at the place whose zone is `tz`. A date without
    a year, or a time without a date, is refused rather than filled in from today.
    """
    text = spelled_offset(text.strip())
    if _ISO.match(text):
        when = parse_iso(text, tz)
        return _date_only(when.day, tz) if when.date_only else when
    import warnings

    from dateutil import parser as dateutil_parser  # only typed input needs it

    day_first = _numeric_date_order(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an unknown zone name must not pass silently
            first = dateutil_parser.parse(text, default=_PROBE_A, dayfirst=bool(day_first))
            second = dateutil_parser.parse(text, default=_PROBE_B, dayfirst=bool(day_first))
    except Warning:
        raise ValueError(f"{text!r}: give the UTC offset as a number (e.g. -05:00), not a zone name") from None
    except (ValueError, OverflowError):
        raise ValueError(f"{text!r} is not a date or time (try 2025-01-09 18:00 or 'Jan 9 2025 6pm')") from None
    if first.month != second.month or first.day != second.day:
        raise ValueError(f"{text!r} has no full date; write it out, e.g. 'Jan 9 2025'")
    if first.year != second.year:
        raise ValueError(f"{text!r} has no year; write it out, e.g. 'Jan 9 2025'")
    offset = None
    if first.tzinfo is not None:
        offset = first.utcoffset()
        numeric = type(first.tzinfo).__name__ in {"tzutc", "tzoffset"} or first.tzname() in {"UTC", "GMT"}
        if not numeric or offset is None:
            raise ValueError(f"{text!r}: give the UTC offset as a number (e.g. +01:00), not a zone name")
    if first.hour != second.hour:
        return _date_only(first.date(), tz)  # no time of day given: date-only
    # Given an hour ('6pm'), the minutes and seconds not written are zero.
    first = first.replace(
        minute=first.minute if first.minute == second.minute else 0,
        second=first.second if first.second == second.second else 0,
    )
    naive = first.replace(tzinfo=None, microsecond=0)
    return resolve(naive, tz, offset)


def tz_abbrev(moment: datetime) -> str:
    """The zone's abbreviation (EST, CET) or, where it has none, the offset (+0545)."""
    name = moment.tzname() or ""
    if name and not name[0] in "+-":
        return name
    return format_offset(moment.utcoffset()).replace(":", "")


def offset_text(moment: datetime) -> str:
    return format_offset(moment.utcoffset())


def day_words(day, *, year: bool = False) -> str:
    """'Thu 9 Jan' (or 'Thu 9 Jan 2025') for a date or datetime."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day:%Y}" if year else text


def moment_words(moment: datetime, *, year: bool = False) -> str:
    """'Thu 9 Jan 18:00 CET': the wall time in the moment's own zone, with its abbreviation."""
    return f"{day_words(moment, year=year)} {moment:%H:%M} {tz_abbrev(moment)}"


def when_words(when: When, *, year: bool = False) -> str:
    """A time as written at its place: 'Thu 9 Jan 18:00 CET', or 'Mon 6 Jan' when date-only."""
    moment = when.aware()
    return day_words(when.day, year=year) if moment is None else moment_words(moment, year=year)
