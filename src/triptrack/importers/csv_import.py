"""CSV in: what `export --format csv` writes (and a spreadsheet's save of it) back into trips.

The CSV carries stops only (one row per stop; see formats/csv_export.py for the
columns). What it lacks comes from the command line: the trip's id (`--trip`, else
the `trip` column), its title (`--title`, else "Imported from FILE") and its
official (`--official ID`: an official already in the data file, or a new one with
just that id as its name; without it, the file's only official). Each imported trip
is new: an id already in the data file is refused, so an import never changes a
trip that is there.

Accepted as a spreadsheet saves it: UTF-8 with or without a BOM, CRLF or LF line
ends (line breaks inside a cell become LF), columns in any order, `TRUE`/`FALSE`.
On the rows the export marked in its `formula_guard` column, a cell starting with an
apostrophe it added loses exactly one (the export's protection against formulas, OWASP's
CSV-injection advice) unless `raw` is set; everything else is kept as the file has it, a
real leading apostrophe (`'s-Hertogenbosch`) or tab too. Anything
wrong is refused with the file, the line and the column, and nothing is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from triptrack.core.control_chars import refusal
from triptrack.core.legs import Travel, parse_travel
from triptrack.core.localtime import When, parse_iso, zone
from triptrack.core.model import STATUSES, Catalog, Official, Place, Stop, Trip
from triptrack.datafile.schema import COUNTRY_PATTERN, ID_PATTERN
from triptrack.errors import DataFileError, InputError
from triptrack.formats.csv_export import COLUMNS, GUARD_COLUMN, restore
from triptrack.importers.additions import Additions

NAME = "csv"
DESCRIPTION = "the CSV that 'export --format csv' writes, back into a trip"

REQUIRED = ("trip", "city", "country", "tz", "arrive")
KEPT = " \r\n"  # what is stripped from a cell's ends: a leading tab a spreadsheet user typed stays
TEXT_COLUMNS = ("trip", "city", "country", "tz", "arrive", "depart", "topics", "meetings", "notes", "ref", "approximate",
                "travel", "travel_home")


@dataclass
class CsvRow:
    line: int
    cells: dict[str, str]


@dataclass
class CsvTrip:
    id: str
    stops: list[Stop] = field(default_factory=list)
    travel_home: Travel | None = None


def _decode(raw: bytes, shown: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataFileError(shown, line, f"byte 0x{raw[exc.start]:02x} is not UTF-8 (save the CSV as UTF-8)") from None
    if "\x00" in text:
        raise DataFileError(shown, text.count("\n", 0, text.index("\x00")) + 1, "a NUL byte: this is not a CSV file")
    return text[1:] if text.startswith("\ufeff") else text


def read_rows(text: str, shown: str, *, raw: bool = False) -> list[CsvRow]:
    """The rows as {column: cell}, each with the line it starts on; the header is checked."""
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))  # a cell as long as the file: what export writes
    reader = csv.reader(io.StringIO(text, newline=""), dialect="excel")
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise DataFileError(shown, 1, f"not valid CSV: {exc}") from None
    if not header or not any(cell.strip() for cell in header):
        raise DataFileError(shown, 1, f"no header row (expected: {','.join(COLUMNS)})")
    names = [cell.strip() for cell in header]
    unknown = [name for name in names if name not in COLUMNS and name != GUARD_COLUMN]
    if unknown:
        raise DataFileError(shown, 1, f"unknown column {unknown[0]!r} (expected: {', '.join(COLUMNS)})")
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise DataFileError(shown, 1, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise DataFileError(shown, 1, f"column {repeated[0]!r} appears twice")
    rows: list[CsvRow] = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, as spreadsheets sometimes leave at the end
            if len(cells) != len(names):
                raise DataFileError(shown, start, f"{len(cells)} cells, but the header has {len(names)} columns")
            guarded = not raw and dict(zip(names, cells)).get(GUARD_COLUMN, "").strip().lower() == "true"
            values = {}
            for name, cell in zip(names, cells):
                cell = cell.replace("\r\n", "\n")
                values[name] = restore(cell) if guarded and name in TEXT_COLUMNS else cell
                refused = refusal(values[name])
                if refused:
                    raise DataFileError(shown, start, f"{name}: {refused}")
            rows.append(CsvRow(start, values))
    except csv.Error as exc:
        raise DataFileError(shown, reader.line_num, f"not valid CSV: {exc}") from None
    if not rows:
        raise DataFileError(shown, line, "no rows after the header: nothing to import")
    return rows


class _RowReader:
    def __init__(self, shown: str, row: CsvRow):
        self.shown = shown
        self.row = row

    def fail(self, column: str, message: str) -> DataFileError:
        return DataFileError(self.shown, self.row.line, f"{column}: {message}")

    def get(self, column: str) -> str:
        return self.row.cells.get(column, "")

    def required(self, column: str) -> str:
        value = self.get(column).strip()
        if not value:
            raise self.fail(column, "is empty")
        if "\n" in value:
            raise self.fail(column, "must be a single line")
        return value

    def when(self, column: str, tz: str) -> When:
        try:
            return parse_iso(self.get(column), tz)
        except ValueError as exc:
            raise self.fail(column, str(exc)) from None

    def number(self, column: str, low: float, high: float) -> float | None:
        text = self.get(column).strip()
        if not text:
            return None
        try:
            if not text.isascii() or "_" in text:  # (float() takes 4_8.8 and any script's digits: a spreadsheet does not)
                raise ValueError(text)
            value = float(text)
        except ValueError:
            raise self.fail(column, f"{text!r} is not a number") from None
        if not low <= value <= high:
            raise self.fail(column, f"{text} is out of range ({low:g} to {high:g})")
        return value

    def items(self, column: str) -> list[str]:
        text = self.get(column)
        if not text.strip():
            return []
        items = [item.strip(KEPT) for item in text.split("\n")]
        if any(not item for item in items):
            raise self.fail(column, "has an empty line (one item per line, none blank)")
        return items

    def flag(self, column: str) -> bool:
        text = self.get(column).strip().lower()
        if text not in ("", "true", "false"):
            raise self.fail(column, f"{self.get(column)!r}: write true, false or nothing")
        return text == "true"

    def travel(self, column: str) -> Travel | None:
        text = self.get(column).strip()
        if not text:
            return None
        try:
            return parse_travel(text)
        except ValueError as exc:
            raise self.fail(column, str(exc)) from None

    def stop(self) -> Stop:
        city = self.required("city")
        country = self.required("country")
        if not COUNTRY_PATTERN.match(country):
            raise self.fail("country", f"{country!r} is not an ISO 3166-1 alpha-2 country code (e.g. FR)")
        tz = self.required("tz")
        try:
            zone(tz)
        except ValueError as exc:
            raise self.fail("tz", str(exc)) from None
        lat, lon = self.number("lat", -90, 90), self.number("lon", -180, 180)
        if (lat is None) != (lon is None):
            raise self.fail("lat" if lat is None else "lon", "is empty: give both lat and lon, or neither")
        arrive = self.when("arrive", tz)
        depart = self.when("depart", tz) if self.get("depart").strip() else None
        return Stop(
            Place(city, country, tz, lat, lon),
            arrive,
            depart,
            topics=self.items("topics"),
            meetings=self.items("meetings"),
            notes=self.get("notes").strip(KEPT),
            ref=self.get("ref").strip(),
            approximate=self.flag("approximate"),
            travel=self.travel("travel"),
        )


def read_trips(path: str | Path, *, raw: bool = False) -> list[CsvTrip]:
    """The trips in a CSV file (stops in the file's `order`), or DataFileError with file and line."""
    shown = str(path)
    from triptrack.datafile.regular_file import read_regular_file

    data = read_regular_file(Path(path), shown, "a CSV file", "give a CSV file")
    if data is None:
        raise DataFileError(shown, None, "cannot be read: No such file or directory")
    rows = read_rows(_decode(data, shown), shown, raw=raw)
    trips: dict[str, list[tuple[int, int, Stop]]] = {}
    home_travel: dict[str, Travel] = {}
    for index, row in enumerate(rows):
        reader = _RowReader(shown, row)
        trip_id = reader.required("trip")
        order_text = reader.get("order").strip()
        if order_text and not (order_text.isascii() and order_text.isdigit() and len(order_text) <= 9):
            raise reader.fail("order", f"{order_text[:40]!r} is not a whole number (a stop's place in its trip)")
        order = int(order_text) if order_text else index + 1
        trips.setdefault(trip_id, []).append((order, index, reader.stop()))
        travel_home = reader.travel("travel_home")
        if travel_home is not None:
            if trip_id in home_travel:
                raise reader.fail("travel_home", f"trip {trip_id!r} has it on two rows: give it once, on the last stop")
            home_travel[trip_id] = travel_home
    return [
        CsvTrip(trip_id, [stop for _o, _i, stop in sorted(items, key=lambda x: x[:2])], home_travel.get(trip_id))
        for trip_id, items in trips.items()
    ]


@dataclass
class CsvOptions:
    trip: str | None = None  # the new trip's id (only for a CSV of one trip)
    official: str | None = None
    title: str | None = None
    status: str = "planned"
    home: Place | None = None  # a new official's home (their zone is the trip's home time)


def check_options(options: CsvOptions) -> None:
    for value, option in ((options.trip, "--trip"), (options.official, "--official")):
        if value is not None and not ID_PATTERN.match(value):
            raise InputError(f"{option} {value!r}: use lowercase letters, digits, '.', '_' and '-'")
    if options.status not in STATUSES:
        raise InputError(f"--status {options.status!r}: use one of {', '.join(STATUSES)}")
    if options.title is not None and (not options.title.strip() or "\n" in options.title):
        raise InputError("--title: give one non-empty line")


def plan_import(csv_trips: list[CsvTrip], catalog: Catalog, options: CsvOptions, shown: str) -> Additions:
    """The trips (and at most one new official) to add; InputError when they cannot be added."""
    check_options(options)
    if options.trip and len(csv_trips) > 1:
        ids = ", ".join(t.id for t in csv_trips)
        raise InputError(f"--trip: {shown} holds {len(csv_trips)} trips ({ids}); import it without --trip")
    additions = Additions()
    official_id = options.official
    if official_id is None:
        if len(catalog.officials) != 1:
            known = ", ".join(sorted(catalog.officials)) or "none yet"
            raise InputError(f"give --official ID: who made this trip? (officials in the data file: {known})")
        official_id = next(iter(catalog.officials))
    if official_id in catalog.officials and options.home is not None:
        raise InputError(
            f"--home is the home of a new official, and {official_id} is in the data file already "
            f"('triptrack official edit {official_id} --home CITY' changes theirs); nothing was imported"
        )
    if official_id not in catalog.officials:
        if options.home is None:
            raise InputError(
                f"--official {official_id}: a new official needs a home, whose zone is their trips' home time "
                f"(never UTC by default): give --home CITY; nothing was imported"
            )
        additions.officials.append(Official(official_id, official_id, home=options.home))
    for csv_trip in csv_trips:
        trip_id = options.trip or csv_trip.id
        if not ID_PATTERN.match(trip_id):
            raise InputError(f"{shown}: trip id {trip_id!r} is not usable; give another with --trip")
        if trip_id in catalog.trips:
            raise InputError(f"trip {trip_id!r} is already in the data file; import under another id with --trip NEW-ID")
        title = options.title or f"Imported from {Path(shown).name}"
        additions.trips.append(
            Trip(trip_id, title, official_id, status=options.status, stops=csv_trip.stops, travel_home=csv_trip.travel_home)
        )
    return additions
