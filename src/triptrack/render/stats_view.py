"""`triptrack stats`: one panel of figures per official."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from triptrack.core.countries import country_name
from triptrack.core.localtime import day_words
from triptrack.core.stats import OfficialStats
from triptrack.core.trip_days import trip_bounds
from triptrack.core.wording import counted


def _ranked(items: list[tuple[str, int]]) -> Text:
    return Text(f"{len(items)}: " + ", ".join(f"{name} {count}" for name, count in items)) if items else Text("0")


def official_panel(result: OfficialStats) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    ids = ", ".join(t.id for t in result.trips)
    grid.add_row("Trips", Text(f"{len(result.trips)}: {ids}" if ids else "0"))
    grid.add_row("Stops", Text(str(result.stops)))
    grid.add_row("Countries", _ranked([(country_name(code), n) for code, n in result.countries]))
    grid.add_row("Cities", _ranked([(city, n) for city, _country, n in result.cities]))
    grid.add_row("Days abroad", Text(str(result.days_abroad)))
    distance = Text(f"{result.distance_km:,.0f} km")
    distance.append(" great circle, home → stops → home", style="dim")
    if result.unknown_legs:
        distance.append(f" ({result.unknown_legs} legs without coordinates not counted)", style="yellow")
    grid.add_row("Distance", distance)
    if result.longest:
        trip, days = result.longest
        first, last = trip_bounds(trip)
        longest = Text(trip.id, style="bold cyan")
        dates = f"{day_words(first, year=True)} → {day_words(last, year=True)}"
        longest.append(f" · {counted(days, 'day')} ({dates})")
        grid.add_row("Longest trip", longest)
    title = Text(result.official.name, style="bold")
    title.append(f" ({result.official.id})", style="dim")
    return Panel(grid, title=title, title_align="left", box=box.ROUNDED, expand=False)


def render_stats(results: list[OfficialStats], counted: str) -> Group:
    parts = [official_panel(r) for r in results]
    parts.append(Text(counted, style="dim"))
    return Group(*parts)
