"""Historian records -> officials and trips: one stop per record, journeys by date.

Records of one traveller are sorted by date (then record id) and cut into journeys
where the next record starts more than `gap_days` after the journey so far ends.
Each journey becomes a trip with status `recorded`, a readable id (surname and first
day: `blinken-2025-01-06`; the traveller's full id, then -2, -3... if that is taken),
and a title naming the traveller, the countries and the months. Records whose ref
(`historian:<id>`) is already anywhere in the data file are skipped, so importing
the same files again adds nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Callable

from triptrack.core.countries import country_name
from triptrack.core.localtime import When
from triptrack.core.model import Catalog, Official, Place, Stop, Trip
from triptrack.errors import DataFileError, InputError
from triptrack.importers.additions import Additions
from triptrack.importers.historian import ROLES, Record
from triptrack.importers.historian_remarks import meetings
from triptrack.importers.historian_resolver import PlaceResolver

WASHINGTON = Place("Washington", "US", "America/New_York", 38.895, -77.036)
SOURCE_TITLES = {"secretary": "Travels Abroad of the Secretary of State", "president": "Travels Abroad of the President"}
TITLE_COUNTRIES = 8  # a title names at most this many countries, then "and N more"


@dataclass
class HistorianPlan(Additions):
    """What an import of Historian records adds, and figures for the summary."""

    records: int = 0  # distinct records read
    skipped: int = 0  # already in the data file
    repeated: int = 0  # the same record id given twice in the input
    stops: int = 0
    approximate: int = 0  # stops flagged approximate
    why: Counter = field(default_factory=Counter)  # approximate stops by reason (historian_resolver.WHY)
    historic: int = 0  # recorded under a state that no longer exists (placed where they are today)
    moved: int = 0  # placed in another country than the record's: colonies, successor states, next door
    unplaced: Counter = field(default_factory=Counter)  # (place, country) not found in the gazetteer
    travellers: int = 0


def group_journeys(records: list[Record], gap_days: int) -> list[list[Record]]:
    """One traveller's records cut into journeys (sorted by date, then id)."""
    journeys: list[list[Record]] = []
    last_day: date | None = None
    for record in sorted(records, key=lambda r: (r.start, r.end, int(r.id))):
        if last_day is None or (record.start - last_day).days > gap_days:
            journeys.append([])
            last_day = record.end
        journeys[-1].append(record)
        last_day = max(last_day, record.end)
    return journeys


def month_span(first: date, last: date) -> str:
    """'January 2025', 'March–April 2021', 'December 2024 – January 2025'."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%B %Y}"
    if first.year == last.year:
        return f"{first:%B}–{last:%B %Y}"
    return f"{first:%B %Y} – {last:%B %Y}"


def journey_title(name: str, stops: list[Stop], first: date, last: date) -> str:
    names: list[str] = []
    for stop in stops:
        shown = country_name(stop.place.country)
        if shown not in names:
            names.append(shown)
    if len(names) > TITLE_COUNTRIES:
        names = [*names[:TITLE_COUNTRIES], f"and {len(names) - TITLE_COUNTRIES} more"]
    return f"{name}: {', '.join(names)}, {month_span(first, last)}"


def record_list(ids: list[int]) -> str:
    """'4275-4279' for a run, '3992, 4019' otherwise."""
    ids = sorted(ids)
    runs: list[str] = []
    start = previous = ids[0]
    for value in [*ids[1:], None]:
        if value is not None and value == previous + 1:
            previous = value
            continue
        runs.append(str(start) if start == previous else f"{start}-{previous}")
        if value is not None:
            start = previous = value
    return ", ".join(runs)


class _Planner:
    def __init__(self, catalog: Catalog, gap_days: int, resolver: PlaceResolver):
        self.catalog = catalog
        self.gap_days = gap_days
        self.resolver = resolver
        self.taken_trips = set(catalog.trips)
        self.assigned: dict[tuple[str, str], str] = {}
        self.plan = HistorianPlan()

    def official_for(self, record: Record) -> str:
        """The official's id: the traveller's `who`; `who-role` if one `who` has two roles here."""
        key = (record.who, record.role)
        if key not in self.assigned:
            used = set(self.assigned.values())
            official_id = record.who if record.who not in used else f"{record.who}-{record.role}"
            if official_id not in self.catalog.officials:
                self.plan.officials.append(Official(official_id, record.name, ROLES[record.role], "US", WASHINGTON))
            self.assigned[key] = official_id
        return self.assigned[key]

    def trip_id(self, record: Record, first: date) -> str:
        surname = record.who.split("-")[0]
        for candidate in (f"{surname}-{first}", f"{record.who}-{first}"):
            if candidate not in self.taken_trips:
                break
        else:
            number = 2
            while f"{record.who}-{first}-{number}" in self.taken_trips:
                number += 1
            candidate = f"{record.who}-{first}-{number}"
        self.taken_trips.add(candidate)
        return candidate

    def stop(self, record: Record) -> Stop:
        try:
            resolution = self.resolver.resolve(record.country_id, record.country_name, record.locale, record.start)
        except InputError as exc:
            raise DataFileError(record.path, record.line, f"record {record.id}: {exc}") from None
        place = resolution.place
        notes = " ".join(part for part in (record.remarks, resolution.note) if part)
        self.plan.historic += resolution.historic
        self.plan.moved += resolution.moved
        if resolution.approximate:
            self.plan.approximate += 1
            self.plan.why[resolution.why] += 1
            if resolution.unplaced:
                self.plan.unplaced[(place.city, place.country)] += 1
        return Stop(
            place,
            When(record.start, None, place.tz),
            When(record.end, None, place.tz),
            meetings=meetings(record.remarks),
            notes=notes,
            ref=record.ref,
            approximate=resolution.approximate,
        )

    def journey(self, records: list[Record]) -> Trip:
        first = records[0]
        stops = [self.stop(record) for record in records]
        start, end = records[0].start, max(r.end for r in records)
        official = self.official_for(first)
        source = (
            f"Office of the Historian, {SOURCE_TITLES[first.role]}, "
            f"record{'s' if len(records) > 1 else ''} {record_list([int(r.id) for r in records])}"
        )
        return Trip(
            self.trip_id(first, start),
            journey_title(first.name, stops, start, end),
            official,
            status="recorded",
            sources=[source],
            stops=stops,
        )


def plan_import(
    records: list[Record],
    catalog: Catalog,
    gap_days: int = 1,
    progress: Callable[[int, int], None] | None = None,
    resolver: PlaceResolver | None = None,
) -> HistorianPlan:
    """The officials and trips to add for `records` that are not in `catalog` yet."""
    planner = _Planner(catalog, gap_days, resolver or PlaceResolver())
    plan = planner.plan
    known_refs = {stop.ref for trip in catalog.trips.values() for stop in trip.stops if stop.ref}
    unique: dict[str, Record] = {}
    for record in records:
        first = unique.get(record.id)
        if first is None:
            unique[record.id] = record
        elif replace(first, path=record.path, line=record.line) == record:  # the same record, read again: once
            plan.repeated += 1
        else:
            raise DataFileError(
                record.path, record.line,
                f"record {record.id} says otherwise than the record with that id at {first.path} line {first.line}: "
                "one of them is wrong; nothing was imported",
            )
    plan.records = len(unique)
    by_traveller: dict[tuple[str, str], list[Record]] = {}
    for record in unique.values():
        if record.ref in known_refs:
            plan.skipped += 1
            continue
        by_traveller.setdefault((record.who, record.role), []).append(record)
    plan.travellers = len({who for who, _role in by_traveller})
    if progress:
        progress(0, plan.records - plan.skipped)  # finding the places comes first
    planner.resolver.prepare(
        sorted({(r.country_id, r.country_name, r.locale) for group in by_traveller.values() for r in group})
    )
    done = 0
    for key in sorted(by_traveller):
        for journey in group_journeys(by_traveller[key], gap_days):
            plan.trips.append(planner.journey(journey))
            done += len(journey)
            plan.stops += len(journey)
            if progress:
                progress(done, plan.records - plan.skipped)
    return plan
