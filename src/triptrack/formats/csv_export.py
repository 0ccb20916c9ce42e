"""CSV: one row per stop (RFC 4180 quoting, UTF-8, header row).

Columns: trip, order, city, country, tz, arrive, depart, topics, meetings, notes,
lat, lon, ref, approximate, travel, travel_home. `travel` is how the stop is reached
(`air 7h40`, as in the data file); `travel_home`, on the last row only, how the
traveller gets home. `arrive`/`depart` are ISO 8601 local times with their
UTC offset (2025-01-09T18:00:00+01:00), or a bare date for a date-only stop.
Lists (topics, meetings) hold one item per line inside the cell: items are single
lines, so the encoding is reversible, and spreadsheets show one item per line.

A text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab
or a carriage return) is written with a leading apostrophe (OWASP's advice against
CSV injection); a value that itself starts with an apostrophe gets one more. The export
marks what it did: a last column, `formula_guard`, is added when any cell was guarded,
`true` on each row that has one. Importing removes exactly one apostrophe from the cells
of those rows only, so an apostrophe or tab a spreadsheet user typed (`'s-Hertogenbosch`)
is kept. `raw=True` writes cells as they are, unmarked.
"""

from __future__ import annotations

import csv
import io

from triptrack.core.model import Catalog, Trip

NAME = "csv"
EXTENSION = ".csv"
DESCRIPTION = "one row per stop, for spreadsheets (round-trips through 'import csv')"

COLUMNS = (
    "trip", "order", "city", "country", "tz", "arrive", "depart",
    "topics", "meetings", "notes", "lat", "lon", "ref", "approximate", "travel", "travel_home",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD_COLUMN = "formula_guard"  # the export's mark: `true` on a row whose cells it guarded
NUMERIC = {COLUMNS.index("lat"), COLUMNS.index("lon")}  # a plain number is never a formula


def neutralise(cell: str) -> str:
    if cell.startswith(FORMULA_STARTS) or cell.startswith("'"):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """Undo `neutralise`: only an apostrophe it could have added (before a formula start or another apostrophe)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith((*FORMULA_STARTS, "'")) else cell


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}".rstrip("0").rstrip(".")


def rows(catalog: Catalog, trip: Trip) -> list[list[str]]:
    out = []
    for order, stop in enumerate(trip.stops, start=1):
        place = stop.place
        out.append(
            [
                trip.id, str(order), place.city, place.country, place.tz,
                stop.arrive.iso(), stop.depart.iso() if stop.depart else "",
                "\n".join(stop.topics), "\n".join(stop.meetings), stop.notes,
                _number(place.lat), _number(place.lon), stop.ref,
                "true" if stop.approximate else "",
                stop.travel.text() if stop.travel else "",
                trip.travel_home.text() if trip.travel_home and order == len(trip.stops) else "",
            ]
        )
    return out


def export(catalog: Catalog, trip: Trip, *, raw: bool = False) -> str:
    return written_table(rows(catalog, trip), raw=raw)


def written_table(plain: list[list[str]], *, raw: bool = False) -> str:
    """The CSV text of these rows under the header: guarded and marked unless `raw`."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    if raw:
        written, header = plain, list(COLUMNS)
    else:
        guarded = [[c if i in NUMERIC else neutralise(c) for i, c in enumerate(row)] for row in plain]
        changed = [new != old for new, old in zip(guarded, plain)]
        written, header = guarded, list(COLUMNS)
        if any(changed):
            header.append(GUARD_COLUMN)
            written = [row + ["true" if mark else ""] for row, mark in zip(guarded, changed)]
    writer.writerow(header)
    writer.writerows(written)
    return buffer.getvalue()
