"""`triptrack timeline`: one row per calendar day, travelling drawn as bars on a 24-hour strip."""

from __future__ import annotations

from datetime import date

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from triptrack.core.display_zone import DisplayZone
from triptrack.core.localtime import When, tz_abbrev, zone
from triptrack.core.obligations import outcome_mark, outcome_style, outcome_words
from triptrack.core.timeline import DUE, MAYBE, TRAVEL, Day, Event, Timeline, strip
from triptrack.core.travel import Outcome
from triptrack.render.console import day_label

MARKS = {TRAVEL: ("━", "bold cyan"), MAYBE: ("·", "cyan"), DUE: ("◆", "bold magenta"), "": (" ", "")}


def slot_count(width: int) -> int:
    """Hours per character: 2 below 72 columns, 1 up to 140, half an hour beyond."""
    if width < 72:
        return 12
    return 24 if width < 140 else 48


def scale(count: int) -> Text:
    """'0     6     12    18    ' fitted to `count` characters."""
    cells = [" "] * count
    for hour in (0, 6, 12, 18):
        position = hour * count // 24
        for offset, char in enumerate(str(hour)):
            if position + offset < count:
                cells[position + offset] = char
    return Text("".join(cells), style="dim")


def _clock(when: When, display_tz: str | None, row_day: date) -> str:
    """'10:00 CET', with the local date when it is not the row's day; '' for a date-only time."""
    moment = when.aware()
    if moment is None:
        return "" if when.day == row_day else f"{when.day.day} {when.day:%b}"
    if display_tz:
        moment = moment.astimezone(zone(display_tz))
    text = f"{moment:%H:%M} {tz_abbrev(moment)}"
    return text if moment.date() == row_day else f"{text} {moment.day} {moment:%b}"


def _event_line(event: Event, display_tz: str | None, row_day: date) -> Text:
    verb = "dep" if event.kind == "leaves" else "arr"
    line = Text(f"{verb} ", style="dim")
    line.append(event.place, style="bold")
    clock = _clock(event.when, display_tz, row_day)
    if clock:
        line.append(f" {clock}")
    return line


def _obligation_line(outcome: Outcome, display_tz: str | None, row_day: date) -> Text:
    obligation = outcome.obligation
    line = Text("◆ ", style="bold magenta")
    clock = _clock(obligation.when, display_tz, row_day)
    if clock:
        line.append(f"{clock} ", style="magenta")
    line.append(obligation.what)
    if outcome.status in ("met", "at risk", "missed"):
        line.append(f" {outcome_mark(outcome)} {outcome_words(outcome)}", style=outcome_style(outcome))
    return line


def _notes(day: Day, display_tz: str | None, tz: str) -> Text:
    lines = [_event_line(e, display_tz, day.day) for e in day.events if not e.when.date_only]
    lines += [_obligation_line(o, display_tz, day.day) for o in day.obligations]
    if day.hours == 0:
        lines.append(Text(f"this day did not happen in {tz}", style="yellow"))
    elif day.hours != 24:
        change = "forward" if day.hours < 24 else "back"
        lines.append(Text(f"clocks go {change}: {day.hours:g} h day", style="yellow"))
    return Text("\n").join(lines)


def _strip(timeline: Timeline, day: Day, count: int) -> Text:
    out = Text()
    for mark in strip(timeline, day, count):
        char, style = MARKS[mark]
        out.append(char, style=style)
    return out


def render_timeline(timeline: Timeline, display: DisplayZone, home_city: str | None, home_tz: str, width: int) -> Group:
    count = slot_count(width)
    display_tz = display.fixed(home_tz)
    trip = timeline.trip
    title = Text(trip.id, style="bold cyan")
    title.append(f" · {trip.title}")
    days_in = display.describe(home_city, home_tz) if display_tz else f"{home_city or 'home'} time ({home_tz})"
    heading = Text(f"Days in {days_in}; ", style="dim")
    heading.append("times local at each place" if display.local else f"times in {days_in}", style="dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), expand=True)
    table.add_column("Day", no_wrap=True)
    table.add_column("Where", ratio=1, min_width=8)
    table.add_column(scale(count), no_wrap=True, width=count)
    table.add_column("Times · obligations", ratio=1, min_width=14)
    for day in timeline.days:
        where = Text(" → ".join(day.places) if day.places else "(travelling)", style="bold" if day.places else "dim")
        table.add_row(Text(day_label(day.day)), where, _strip(timeline, day, count), _notes(day, display_tz, timeline.zone))
    step = 24 // count if count <= 24 else None
    per = f"{step} h" if step else "30 min"
    legend = Text(f"one mark = {per} · ", style="dim")
    for mark, label in ((TRAVEL, "travelling"), (MAYBE, "maybe (hours not known)"), (DUE, "obligation")):
        char, style = MARKS[mark]
        legend.append(char, style=style)
        legend.append(f" {label}  ", style="dim")
    legend.rstrip()
    parts = [title, heading, table, legend]
    for outcome in timeline.outside:
        parts.append(_obligation_line(outcome, display_tz, outcome.obligation.when.day))
    return Group(*parts)
