"""`triptrack list`: a table of trips."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from triptrack.model import Catalog, Trip
from triptrack.render.console import day_label_year


def trips_table(catalog: Catalog, trips: list[Trip]) -> Table:
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("Trip", style="bold cyan", no_wrap=True)
    table.add_column("Official")
    table.add_column("Title", ratio=2)
    table.add_column("From", no_wrap=True)
    table.add_column("To", no_wrap=True)
    table.add_column("Route", ratio=2)
    for trip in trips:
        official = catalog.officials.get(trip.official)
        first, last = trip.first_day, trip.last_day
        table.add_row(
            Text(trip.id),
            Text(official.name if official else trip.official),
            Text(trip.title),
            Text(day_label_year(first) if first else ""),
            Text(day_label_year(last) if last else ""),
            Text(" → ".join(trip.route())),
        )
    return table
