"""Creating, renaming, changing and deleting trips.

Each function plans its change against a fresh read of the file (see `editing.run`),
touches only the lines it must, and returns what changed in words. Renaming a trip also
rewrites the `version_of` of the trips that name it (another version of its journey);
deleting it removes their `version_of`, which would name no trip.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from triptrack.core.model import STATUSES, Trip
from triptrack.datafile import splice as ye
from triptrack.datafile import store as storage
from triptrack.datafile.schema import TOP_KEYS, TRIP_KEYS, trip_data
from triptrack.edits.common import (
    Outcome,
    Plan,
    check_id,
    check_order,
    find_official,
    find_trip,
    kept_comments_note,
    one_line,
    parse_time,
    run,
    scalar_setter,
    some_text,
)
from triptrack.errors import InputError

CLEARABLE = ("leaves", "returns", "notes", "sources", "travel_home")


@dataclass
class TripFields:
    """Values typed for a trip; None means "not given". `sources` are added, `clear` removed."""

    title: str | None = None
    official: str | None = None
    status: str | None = None
    leaves: str | None = None
    returns: str | None = None
    notes: str | None = None
    sources: list[str] = field(default_factory=list)
    clear: list[str] = field(default_factory=list)
    travel_home: str | None = None  # how the traveller gets home from the last stop ('air 8h55')

    def given(self) -> bool:
        values = (self.title, self.official, self.status, self.leaves, self.returns, self.notes, self.travel_home)
        return any(v is not None for v in values) or bool(
            self.sources or self.clear
        )


def check_status(value: str) -> str:
    if value not in STATUSES:
        raise InputError(f"--status {value!r}: use one of {', '.join(STATUSES)}")
    return value


def _check_clear(fields: TripFields) -> None:
    for name in fields.clear:
        if name not in CLEARABLE:
            raise InputError(f"--clear {name!r}: trips can clear {', '.join(CLEARABLE)}")
        if getattr(fields, name):
            option = name.replace("_", "-") if name == "travel_home" else name.rstrip("s")
            raise InputError(f"--clear {name} and --{option} together: give one or the other")


def new_trip(source: storage.DataSource, trip_id: str, fields: TripFields) -> Outcome:
    """Add a trip (with no stops yet) at the end of `trips:`."""

    def plan(doc: storage.Document) -> Plan:
        check_id(trip_id, "trip")
        existing = doc.catalog.trips.get(trip_id)
        if existing is not None:
            raise InputError(f"trip {trip_id!r} already exists (line {existing.line}); choose another id or use 'trip edit'")
        if fields.title is None or fields.official is None:
            raise InputError("a new trip needs --title and --official")
        official = find_official(doc.catalog, fields.official, source.display)
        home_tz = official.home_tz
        trip = Trip(trip_id, one_line(fields.title, "--title"), official.id, status=check_status("planned" if fields.status is None else fields.status))
        trip.leaves = parse_time(fields.leaves, home_tz, "--leaves") if fields.leaves is not None else None
        trip.returns = parse_time(fields.returns, home_tz, "--returns") if fields.returns is not None else None
        check_order(trip.leaves, trip.returns, "--leaves", "--returns")
        trip.notes = some_text(fields.notes, "--notes") if fields.notes is not None else ""
        trip.sources = [one_line(s, "--source") for s in fields.sources]
        data = trip_data(trip, home_tz)
        return Plan(
            f"Added trip {trip_id} ({trip.title}; {official.name}, {trip.status})",
            [lambda text, root: ye.add_entry(text, root, "trips", trip_id, data, TOP_KEYS)],
        )

    return run(source, plan)


def rename_trip(source: storage.DataSource, old_id: str, new_id: str) -> Outcome:
    def plan(doc: storage.Document) -> Plan:
        find_trip(doc.catalog, old_id, source.display)
        check_id(new_id, "trip")
        if new_id in doc.catalog.trips:
            line = doc.catalog.trips[new_id].line
            raise InputError(f"trip {new_id!r} already exists (line {line}); choose another id")
        key = lambda root: ye.mapping_key(ye.mapping_value(root, "trips"), old_id)  # noqa: E731
        steps: list[ye.Step] = [lambda text, root: ye.rename_key(text, key(root), new_id)]
        versions = versions_naming(doc, old_id)
        for other in versions:
            steps.append(lambda text, root, other=other: ye.set_scalar(text, ye.trip_node(root, other), "version_of", new_id, ()))
        return Plan(f"Renamed trip {old_id} to {new_id}{_also_in(versions, 'also in the version_of of')}", steps)

    return run(source, plan, focus=old_id)


def versions_naming(doc: storage.Document, trip_id: str) -> list[str]:
    """The trips whose `version_of` names `trip_id` (a rename or deletion of it changes them)."""
    if doc.parsed.raw is not None and b"version_of" not in doc.parsed.raw:
        return []  # (the usual case: no trip of the file is read)
    return [trip.id for trip in doc.catalog.trips.values() if trip.version_of == trip_id]


def _also_in(versions: list[str], what: str) -> str:
    if not versions:
        return ""
    return f" ({what} {len(versions)} trip{'s' * (len(versions) != 1)}: {', '.join(versions)})"


def edit_trip(source: storage.DataSource, trip_id: str, fields: TripFields) -> Outcome:
    """Change a trip's title, official, status, times, notes or sources."""
    _check_clear(fields)

    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        official = find_official(doc.catalog, fields.official or trip.official, source.display)
        home_tz = official.home_tz
        steps: list[ye.Step] = []
        said: list[str] = []
        notes: list[str] = []

        put = scalar_setter(steps, said, lambda root: ye.trip_node(root, trip_id), TRIP_KEYS)

        if fields.title is not None:
            put("title", one_line(fields.title, "--title"), trip.title)
        if fields.official is not None and official.id != trip.official:
            put("official", official.id, trip.official)
            old_tz = doc.catalog.officials[trip.official].home_tz if trip.official in doc.catalog.officials else "UTC"
            if old_tz != home_tz and (trip.leaves or trip.returns or trip.obligations):
                notes.append(f"the trip's leaves/returns and obligations are now read in {official.id}'s home zone {home_tz}")
        if fields.status is not None:
            put("status", check_status(fields.status), trip.status)
        times = {"leaves": trip.leaves, "returns": trip.returns}
        for key in ("leaves", "returns"):
            typed = getattr(fields, key)
            if typed is not None:
                times[key] = parse_time(typed, home_tz, f"--{key}")
                put(key, times[key].text(), getattr(trip, key).text() if getattr(trip, key) else "")
        for key in fields.clear:
            if key in times:
                times[key] = None
        check_order(times["leaves"], times["returns"], "leaves", "returns")
        if fields.notes is not None and some_text(fields.notes, "--notes") != trip.notes:
            put("notes", some_text(fields.notes, "--notes"), "(some text)" if trip.notes else "")
        if fields.travel_home is not None:
            from triptrack.edits.legs import travel_option

            home_travel = travel_option(fields.travel_home)
            put("travel_home", home_travel.text(), trip.travel_home.text() if trip.travel_home else "")
        for source_text in fields.sources:
            value = one_line(source_text, "--add-source")
            steps.append(lambda text, root, value=value: ye.insert_item(text, ye.trip_node(root, trip_id), "sources", 10**9, value, TRIP_KEYS))
            said.append(f"source added: {value}")
        for key in fields.clear:
            if getattr(trip, key):
                steps.append(lambda text, root, key=key: ye.delete_key(text, ye.trip_node(root, trip_id), key))
                said.append(f"{key} cleared")
        if not steps:
            raise InputError(f"nothing to change: trip {trip_id} already has the values given")
        return Plan(f"Changed trip {trip_id}: " + "; ".join(said), steps, notes)

    return run(source, plan, focus=trip_id)


def delete_trip(source: storage.DataSource, trip_id: str, expect: str | None = None) -> Outcome:
    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        trips = ye.mapping_value(doc.root, "trips")
        notes = kept_comments_note(doc.text, ye.mapping_key(trips, trip_id))
        counts = f"{len(trip.stops)} stop{'s' * (len(trip.stops) != 1)}, {len(trip.obligations)} obligation{'s' * (len(trip.obligations) != 1)}"
        steps: list[ye.Step] = [lambda text, root: ye.delete_key(text, ye.mapping_value(root, "trips"), trip_id)]
        versions = versions_naming(doc, trip_id)  # another version of its journey no longer names it
        for other in versions:
            steps.append(lambda text, root, other=other: ye.delete_key(text, ye.trip_node(root, other), "version_of"))
        return Plan(f"Deleted trip {trip_id} ({trip.title}; {counts}){_also_in(versions, 'and the version_of naming it of')}", steps, notes)

    return run(source, plan, expect)

