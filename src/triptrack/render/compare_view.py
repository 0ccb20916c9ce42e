"""`triptrack compare`: two trips side by side, stop by stop, and their obligations."""

from __future__ import annotations

from datetime import timedelta

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from triptrack.core.compare import (
    ADDED,
    CHANGED,
    DROPPED,
    SAME,
    Comparison,
    StopPair,
    TimeChange,
)
from triptrack.core.localtime import When, when_words
from triptrack.core.obligations import (
    format_span,
    outcome_mark,
    outcome_style,
    outcome_words,
)
from triptrack.core.travel import Outcome
from triptrack.core.wording import counted
from triptrack.render.console import zoned_text

CHANGE_STYLE = {ADDED: "bold green", DROPPED: "bold red", CHANGED: "yellow", SAME: "dim"}


def _time(when: When, display_tz: str | None) -> str:
    return zoned_text(when, display_tz).plain if display_tz else when_words(when)


def _stay(stop, display_tz: str | None) -> str:
    """'Thu 9 Jan → Fri 10 Jan', 'Tue 7 Jan 09:00 CET → 18:00 CET', or one time."""
    arrive = _time(stop.arrive, display_tz)
    if stop.depart is None:
        return arrive
    depart = _time(stop.depart, display_tz)
    if depart == arrive:
        return arrive
    same_day = arrive.split()[:3] == depart.split()[:3]
    return f"{arrive} → {' '.join(depart.split()[3:]) if same_day and len(depart.split()) > 3 else depart}"


def shift_words(change: TimeChange) -> str:
    """'arrives 1 day later', 'departs 2 h earlier', 'arrive: hour now given'."""
    verb = "arrives" if change.field == "arrive" else "departs"
    if change.a is None or change.b is None:
        return f"{change.field}: {'added' if change.a is None else 'removed'}"
    shift = change.shift
    if shift is None:
        return f"{change.field}: {'hour now given' if change.a.date_only else 'hour dropped'}"
    if change.a.date_only:
        days = abs(shift.days)
        amount = counted(days, "day")
    else:
        amount = format_span(shift)
    return f"{verb} {amount} {'later' if shift > timedelta(0) else 'earlier'}"


def _side(pair: StopPair, which: int, display_tz: str | None) -> RenderableType:
    stop = pair.a if which == 0 else pair.b
    if stop is None:
        return Text("—", style="dim")
    number = pair.a_number if which == 0 else pair.b_number
    head = Text(f"{number}. ", style="dim")
    head.append(stop.city, style="bold")
    head.append(f"\n{_stay(stop, display_tz)}")
    items = [*pair.topics[which], *(f"met {person}" for person in pair.meetings[which])]
    if not items:
        return head
    sign, style = ("−", "red") if which == 0 else ("+", "green")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=style)
    grid.add_column(style=style)
    for item in items:
        grid.add_row(sign, Text(item))
    return Group(head, grid)


def _change(pair: StopPair) -> Text:
    text = Text(pair.change, style=CHANGE_STYLE[pair.change])
    for change in pair.times:
        text.append(f"\n{shift_words(change)}")
    for label, (only_a, only_b) in (("topic", pair.topics), ("meeting", pair.meetings)):
        for sign, items in (("−", only_a), ("+", only_b)):
            if items:
                text.append(f"\n{sign}{counted(len(items), label)}")
    return text


def _outcome(outcome: Outcome | None) -> Text:
    if outcome is None:
        return Text("not an obligation of this trip", style="dim")
    if outcome.status in ("met", "at risk", "missed"):
        return Text(f"{outcome_mark(outcome)} {outcome_words(outcome)}", style=outcome_style(outcome))
    return Text(outcome_words(outcome), style="dim")


def _summary(comparison: Comparison) -> Text:
    parts = [
        f"{comparison.count(ADDED)} added",
        f"{comparison.count(DROPPED)} dropped",
        f"{comparison.moved} moved",
        f"{comparison.count(CHANGED)} changed",
        f"{comparison.count(SAME)} the same",
    ]
    text = Text("Stops: " + ", ".join(parts))
    differing = sum(p.differs for p in comparison.obligations)
    if comparison.obligations:
        text.append(f" · obligations with a different outcome: {differing}")
    return text


def render_comparison(comparison: Comparison, display_tz: str | None) -> Group:
    a, b = comparison.a, comparison.b
    title = Text("Comparing ")
    title.append(a.id, style="bold cyan")
    title.append(f" ({a.status}) with ")
    title.append(b.id, style="bold cyan")
    title.append(f" ({b.status})")
    parts: list[RenderableType] = [title, _summary(comparison)]
    if comparison.fields:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column()
        for name, x, y in comparison.fields:
            grid.add_row(name, Text(f"{x or '(none)'} → {y or '(none)'}"))
        parts.append(grid)
    stops = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    stops.add_column(Text(a.id, style="bold cyan"), ratio=3)
    stops.add_column(Text(b.id, style="bold cyan"), ratio=3)
    stops.add_column("Change", ratio=2, min_width=10)
    for pair in comparison.stops:
        stops.add_row(_side(pair, 0, display_tz), _side(pair, 1, display_tz), _change(pair))
    parts.append(stops)
    if comparison.obligations:
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, title=Text("Obligations"), title_justify="left")
        table.add_column("Obligation", ratio=4)
        table.add_column(Text(a.id, style="bold cyan"), ratio=3, overflow="fold")
        table.add_column(Text(b.id, style="bold cyan"), ratio=3, overflow="fold")
        for pair in comparison.obligations:
            what = Text(pair.what, style="bold")
            what.append(f"\n{_time(pair.when, display_tz)}")
            table.add_row(what, _outcome(pair.a), _outcome(pair.b))
        parts.append(table)
    return Group(*parts)
