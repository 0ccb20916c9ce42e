"""`triptrack list`: a table of trips."""

from __future__ import annotations

from datetime import date

from rich import box
from rich.table import Table
from rich.text import Text

from triptrack.core.model import Catalog, Trip


def date_range(first: date | None, last: date | None) -> str:
    """'5–9 Jan 2025', '30 Dec 2024 – 2 Jan 2025'; empty without dates."""
    if not first or not last:
        return ""
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if first.year != last.year:
        return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day}–{last.day} {last:%b %Y}"


def trips_table(catalog: Catalog, trips: list[Trip], width: int = 80) -> Table:
    """The table. Under 120 columns the official goes under the title, so titles keep
    room to read; under 80 the table also drops its edge padding. Ids are never cut."""
    narrow = width < 120
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=width >= 80)
    table.add_column("Trip", style="bold cyan", no_wrap=True)
    table.add_column("Dates", no_wrap=True)
    if not narrow:
        table.add_column("Official", ratio=1, min_width=8)
    table.add_column("About" if narrow else "Title · route", ratio=3, min_width=12)
    for trip in trips:
        official = catalog.officials.get(trip.official)
        who = official.name if official else trip.official
        about = Text(trip.title)
        route = trip.route()  # (a trip's summary has a route but no stops)
        if narrow:
            about.append(f"\n{who}", style="dim italic")
        if route:
            about.append("\n" + " → ".join(route), style="dim")
        cells = [Text(trip.id), Text(date_range(trip.first_day, trip.last_day))]
        if not narrow:
            cells.append(Text(who))
        table.add_row(*cells, about)
    return table
