"""The days a person asks about: `--on 2025-01-07`, a month `2025-01`, `--from`/`--to`."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from triptrack.core.localtime import check_year, numeric_day
from triptrack.errors import InputError

_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$", re.ASCII)
LONGEST = timedelta(days=366)  # a calendar of more than a year is refused: say --from/--to


def parse_day(text: str, option: str) -> date:
    """A full date, '2025-01-07'; anything less is refused, saying what to write."""
    match = _DAY.match(text.strip())
    if not match:
        return typed_numeric_day(text, option, "give a date with its year, like 2025-01-07")
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError:
        raise InputError(f"{option} {text!r} is not a date") from None
    check_typed_year(day.year, option, text)
    return day


def typed_numeric_day(text: str, option: str, hint: str) -> date:
    """A numeric date typed alone (07/01/2025, in the order --date-order sets), or InputError:
    ambiguous without an order, or not such a date at all (`hint` says what to write)."""
    try:
        day = numeric_day(text)
    except ValueError as exc:
        raise InputError(f"{option} {exc}") from None
    if day is None:
        raise InputError(f"{option} {text!r}: {hint}")
    return day


def check_typed_year(year: int, option: str, text: str) -> None:
    """InputError, naming the option and quoting the text, unless `year` is one triptrack takes."""
    try:
        check_year(year, text.strip())
    except ValueError as exc:
        raise InputError(f"{option} {exc}") from None


def parse_month(text: str) -> tuple[date, date]:
    """'2025-01' -> (1 Jan 2025, 31 Jan 2025)."""
    match = _MONTH.match(text.strip())
    if not match:
        raise InputError(f"month {text!r}: give a year and month, like 2025-01")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise InputError(f"month {text!r}: there is no month {month} (1 to 12)")
    check_typed_year(year, "month", text)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def calendar_range(month: str | None, start: str | None, end: str | None, today: date) -> tuple[date, date]:
    """The days of `calendar`: a month, or --from/--to (either alone: its month), or this month."""
    if month is not None:
        if start is not None or end is not None:
            raise InputError("give a MONTH or --from/--to, not both")
        return parse_month(month)
    if start is None and end is None:
        return parse_month(f"{today.year}-{today.month:02d}")
    first = parse_day(start, "--from") if start is not None else None
    last = parse_day(end, "--to") if end is not None else None
    if first is None:
        first = last.replace(day=1)
    if last is None:
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if last < first:
        raise InputError(f"--to {end} is before --from {start}")
    if last - first >= LONGEST:
        raise InputError(f"--from {start} --to {end}: at most a year at a time ({LONGEST.days} days)")
    return first, last
