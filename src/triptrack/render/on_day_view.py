"""`triptrack list --on DATE`: who is where that day."""

from __future__ import annotations

from datetime import date

from rich import box
from rich.table import Table
from rich.text import Text

from triptrack.core.localtime import day_words
from triptrack.core.model import Catalog
from triptrack.core.whereabouts import TripDay


def on_day_table(catalog: Catalog, found: list[TripDay], day: date, width: int = 80) -> Table:
    """A row per trip: the official, the trip and where they are (stops in their local dates)."""
    table = Table(
        box=box.SIMPLE_HEAD, title=Text(f"Who is where on {day_words(day, year=True)}"), title_justify="left",
        pad_edge=width >= 80,
    )
    table.add_column("Official", ratio=1, min_width=8)
    table.add_column("Trip", style="cyan", ratio=1, min_width=8, overflow="fold")
    table.add_column("Where", ratio=2, min_width=12)
    for entry in sorted(found, key=lambda e: (e.trip.official, e.trip.id)):
        official = catalog.officials.get(entry.trip.official)
        home = catalog.home_of(entry.trip)
        where = Text(entry.words(home.city if home else "home"))
        if entry.travel and entry.stops:
            where.append(" · travels", style="dim")
        for obligation in entry.obligations:
            where.append(f"\n◆ {obligation.what}", style="bold")
        table.add_row(Text(official.name if official else entry.trip.official), Text(entry.trip.id), where)
    return table
