"""`triptrack calendar`: a row per official, a cell per day, in week blocks that wrap to the width.

Each official's lane has two lines: where the day ends (a country code, or the city
when a day has six columns or more; `··` no trip) and what happens (`→` travel, `◆`
an obligation). Weeks start on Monday and are set apart by a space; as many weeks
go side by side as the terminal has room for (a month fits 80 columns; at 60 it
wraps into two bands), each day as wide as one band allows (2 to 12 columns). The cities and dates of each trip are
listed beneath, so a code can always be read as a place.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Group
from rich.text import Text

from triptrack.core.calendar_lanes import Lane
from triptrack.core.localtime import day_words, when_words
from triptrack.core.model import Catalog, Trip
from triptrack.render.trip_table import date_range

NO_TRIP = "··"
WIDEST = 12  # columns a day at most
CITY_CELL = 6  # from this many columns a day, the city is written instead of the country
TRAVEL, OBLIGATION = "→", "◆"


def _weeks(first: date, last: date) -> list[list[date]]:
    weeks: list[list[date]] = []
    day = first
    while day <= last:
        if not weeks or day.weekday() == 0:
            weeks.append([])
        weeks[-1].append(day)
        day += timedelta(days=1)
    return weeks


def _bands(weeks: list[list[date]], room: int, cell: int) -> list[list[list[date]]]:
    bands: list[list[list[date]]] = [[]]
    used = 0
    for week in weeks:
        need = len(week) * cell + 1
        if bands[-1] and used + need > room:
            bands.append([])
            used = 0
        bands[-1].append(week)
        used += need
    return bands


def _label(catalog: Catalog, lane: Lane, lanes: list[Lane]) -> str:
    same = [other for other in lanes if other.official == lane.official]
    name = lane.official
    return name if len(same) == 1 else f"{name} {same.index(lane) + 1}"


def _day_head(day: date, cell: int) -> str:
    """'M' / 'Mo' / 'Mon' / 'Mon 6' as the cell allows (the last column stays blank)."""
    return f"{day:%a} {day.day}" if cell >= 7 else f"{day:%a}"[: cell - 1]


def _fit_label(label: str, width: int) -> str:
    """Cut the official's id, never the lane number after it ('blinken-a… 2')."""
    name, _, number = label.rpartition(" ") if label.rpartition(" ")[2].isdigit() else (label, "", "")
    if not number:
        return _cut(label, width)
    return f"{_cut(name, width - len(number) - 1)} {number}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def calendar_view(catalog: Catalog, lanes: list[Lane], first: date, last: date, width: int = 80) -> Group:
    full = [_label(catalog, lane, lanes) for lane in lanes]
    weeks = _weeks(first, last)
    one_band = sum(len(week) * 2 + 1 for week in weeks)  # two columns a day, a space between weeks
    # Labels give way (down to 8 columns, cut with …) before a month is split into bands.
    room_left = width - 1 - one_band
    cap = min(16, room_left) if room_left >= 8 else (16 if width >= 80 else 10)
    label_width = min(max([len(label) for label in full] + [8]), cap)
    labels = [_fit_label(label, label_width) for label in full]
    room = width - label_width - 1
    cell = next((c for c in range(WIDEST, 2, -1) if len(_bands(weeks, room, c)) == 1), 2)
    lines: list[Text] = [Text(_title(first, last), style="bold")]
    for band in _bands(weeks, room, cell):
        lines.append(Text(""))
        head, initials = Text(" " * (label_width + 1)), Text(" " * (label_width + 1))
        for week in band:
            block = len(week) * cell
            start = week[0]
            mark = f"{start.day} {start:%b}" if block >= 6 else str(start.day)
            head.append(_cut(mark, block).ljust(block) + " ", style="dim")
            initials.append("".join(_day_head(d, cell).ljust(cell) for d in week) + " ", style="dim")
        lines += [head, initials] if cell < 7 else [initials]  # 'Mon 6' under each day says it all
        for lane, label in zip(lanes, labels):
            where, what = Text(label.ljust(label_width) + " "), Text(" " * (label_width + 1))
            for week in band:
                for day in week:
                    entry = lane.days.get(day)
                    if entry is None:
                        code = NO_TRIP
                    elif cell >= CITY_CELL and entry.city:
                        code = _cut(entry.city, cell - 1)
                    else:
                        code = entry.code[:cell] or TRAVEL
                    where.append(code.ljust(cell), style="cyan" if entry else "dim")
                    marks = ""
                    if entry and entry.travel:
                        marks += TRAVEL
                    if entry and entry.obligations:
                        marks += OBLIGATION
                    what.append(marks[:cell].ljust(cell), style="yellow")
                where.append(" ")
                what.append(" ")
            lines += [where.rstrip() or where, what]
    for line in lines:
        line.rstrip()
    lines.append(Text(""))
    lines.append(Text(f"{NO_TRIP} no trip  {TRAVEL} travel day  {OBLIGATION} obligation", style="dim"))
    lines += _key(catalog, lanes, full, first, last)
    return Group(*lines)


def _title(first: date, last: date) -> str:
    if first.day == 1 and last.month == first.month and (last + timedelta(days=1)).day == 1:
        return f"{first:%B %Y}"
    return f"{day_words(first, year=True)} – {day_words(last, year=True)}"


def _key(catalog: Catalog, lanes: list[Lane], labels: list[str], first: date, last: date) -> list[Text]:
    out: list[Text] = []
    for lane, label in zip(lanes, labels):
        official = catalog.officials.get(lane.official)
        who = official.name if official else lane.official
        if not lane.trips:
            out.append(Text(f"{label}: {who}, no trip in these days", style="dim"))
            continue
        for trip in lane.trips:
            out.append(_trip_line(label, who, trip, first, last))
    return out


def _trip_line(label: str, who: str, trip: Trip, first: date, last: date) -> Text:
    line = Text(f"{label}: ", style="bold")
    line.append(f"{trip.id}", style="cyan")
    line.append(f" ({who}, {date_range(trip.first_day, trip.last_day)}): ")
    stops = [
        f"{stop.city} {stop.place.country} {_days(stop.arrive.day, stop.leaves.day)}"
        for stop in trip.stops
        if stop.leaves.day >= first and stop.arrive.day <= last
    ]
    line.append(", ".join(stops) or "no stop in these days")
    for obligation in trip.obligations:
        if first <= obligation.when.day <= last:
            line.append(f"; {OBLIGATION} {when_words(obligation.when)} {obligation.what}")
    return line


def _days(arrive: date, leaves: date) -> str:
    return f"{arrive.day} {arrive:%b}" if arrive == leaves else f"{arrive.day}–{leaves.day} {leaves:%b}" if arrive.month == leaves.month else f"{arrive.day} {arrive:%b}–{leaves.day} {leaves:%b}"
