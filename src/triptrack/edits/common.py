"""Changes to the data file, as plain functions over a data source (the CLI is a thin layer).

This module holds what every kind of edit shares: finding trips, officials and stops,
checking typed values, resolving places, and `run`, which plans an edit against a
fresh read of the file (under its lock) and writes it only if the result is valid.
The edits themselves live in trip_edits, official_edits, stop_edits, obligation_edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from triptrack.core.localtime import When, parse_user, utc, zone
from triptrack.core.model import (  # noqa: F401
    Catalog,
    Obligation,
    Official,
    Place,
    Stop,
    Trip,
    _missing,
    find_official,
    find_trip,
)
from triptrack.datafile import store as storage
from triptrack.datafile.schema import ID_PATTERN, PLACE_KEYS, stop_data
from triptrack.datafile.splice import (
    MappingNode,
    Node,
    Step,
    comment_lines_above,
    delete_key,
    insert_item,
    run_steps,
    set_scalar,
    trip_node,
)
from triptrack.errors import ConflictError, InputError, NotFoundError

ID_MAX_LENGTH = 64


def stop_at(trip: Trip, number: int) -> Stop:
    """Stop `number` (1-based, as `show` numbers them)."""
    if not 1 <= number <= len(trip.stops):
        count = len(trip.stops)
        has = f"its stops are 1 to {count}" if count else "it has no stops yet"
        raise NotFoundError(f"trip {trip.id} has no stop {number} ({has})")
    return trip.stops[number - 1]


def obligation_at(trip: Trip, number: int) -> Obligation:
    """Obligation `number` (1-based, in file order)."""
    if not 1 <= number <= len(trip.obligations):
        count = len(trip.obligations)
        has = f"its obligations are 1 to {count}" if count else "it has no obligations"
        raise NotFoundError(f"trip {trip.id} has no obligation {number} ({has})")
    return trip.obligations[number - 1]


def check_id(value: str, kind: str) -> str:
    if not ID_PATTERN.match(value) or len(value) > ID_MAX_LENGTH:
        raise InputError(
            f"{kind} id {value!r}: use lowercase letters, digits, '.', '_' and '-', "
            f"starting with a letter or digit (at most {ID_MAX_LENGTH})"
        )
    return value


def one_line(value: str, label: str) -> str:
    """Text for a field that holds one line (titles, names, topics...)."""
    value = value.strip()
    if not value or "\n" in value or "\r" in value:
        raise InputError(f"{label} {value!r}: give one non-empty line")
    _refuse_controls(value, label)
    return value


def _refuse_controls(value: str, label: str) -> None:
    from triptrack.core.control_chars import refusal

    refused = refusal(value)
    if refused:
        raise InputError(f"{label} {value!r}: {refused}")


def some_text(value: str, label: str) -> str:
    """Text for a field that may hold several lines (notes)."""
    value = value.strip()
    if not value:
        raise InputError(f"{label}: give some text (or clear the field instead)")
    _refuse_controls(value, label)
    return value


def check_country(value: str, label: str) -> str:
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InputError(f"{label} {value!r}: give an ISO 3166-1 alpha-2 code, e.g. FR or US")
    return code


def check_zone(value: str, label: str) -> str:
    try:
        zone(value)
    except ValueError as exc:
        raise InputError(f"{label}: {exc}") from None
    return value


@dataclass
class Plan:
    """One edit, worked out against a fresh read of the file."""

    message: str  # what changed, for a person
    steps: list[Step]
    notes: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    message: str
    document: storage.Document
    notes: list[str] = field(default_factory=list)
    before: Catalog | None = None  # the catalog the edit started from
    focus: str | None = None  # the one trip the edit changed, when it says so

    def introduced(self) -> list:
        """The check findings this edit brought into the trips it changed (see edits.impact).
        With a focus only that trip is looked at: comparing every trip of a large file
        would read all of them."""
        from triptrack.edits.impact import introduced

        if self.before is None:
            return []
        after = self.document.catalog
        trip = after.trips.get(self.focus) if self.focus is not None else None
        return introduced(self.before, after, [trip] if trip is not None else None)


def run(
    source: storage.DataSource,
    make_plan: Callable[[storage.Document], Plan],
    expect: str | None = None,
    focus: str | None = None,
) -> Outcome:
    """Plan the edit under the file's lock, apply it as text, and write it if the result is valid.

    `expect` is the fingerprint of the read a person confirmed (a deletion): if the
    file changed since, nothing is written. `focus` names the one trip the edit changes
    (its steps then run on a window of the file: storage.edit).
    """
    plans: list[Plan] = []
    befores: list[Catalog] = []

    def change(document: storage.Document) -> str:
        befores.append(document.catalog)
        if expect is not None and document.fingerprint != expect:
            raise ConflictError(
                f"{source.display} changed after it was read for your confirmation; nothing was written, run the command again"
            )
        plans.append(make_plan(document))
        return run_steps(document.text, plans[-1].steps, source.display)

    document = storage.edit(source, change, focus)
    return Outcome(plans[-1].message, document, plans[-1].notes, befores[-1], focus)


def place_steps(locate: Callable[[Node], MappingNode], place: Place, order: tuple[str, ...]) -> list[Step]:
    """Steps that make the mapping found by `locate` hold `place` (city, country, tz, lat, lon)."""
    values = {"city": place.city, "country": place.country, "tz": place.tz}
    if place.has_coordinates:
        values.update(lat=round(place.lat, 5), lon=round(place.lon, 5))
    steps: list[Step] = []
    for key in PLACE_KEYS:
        if key in values:
            steps.append(lambda text, root, key=key: set_scalar(text, locate(root), key, values[key], order))
        else:
            steps.append(lambda text, root, key=key: delete_key(text, locate(root), key))
    return steps


def kept_comments_note(text: str, node: Node) -> list[str]:
    """A note about the comment lines directly above a deleted entry or item, which are kept."""
    lines = comment_lines_above(text, node)
    if lines is None:
        return []
    first, last = lines
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    return [f"kept the comment above it ({where}); delete it by hand if it was only about what was deleted"]


def wall_text(when: When) -> str:
    """The local wall time as written, without the UTC offset a DST fold adds."""
    if when.at is None:
        return when.day.isoformat()
    return f"{when.day.isoformat()} {when.at.isoformat(timespec='seconds' if when.at.second else 'minutes')}"


def describe(when: When | None) -> str:
    return when.text() if when is not None else "(none)"


@dataclass
class PlaceRequest:
    """A place as a person gives it on the command line."""

    city: str
    country: str | None = None
    tz: str | None = None
    lat: float | None = None
    lon: float | None = None
    options: str = "--"  # how the options were named ("--home-": --home-country, --home-tz...)


@dataclass
class ResolvedPlace:
    place: Place
    notes: list[str] = field(default_factory=list)  # what a person should be told


def resolve_place(request: PlaceRequest) -> ResolvedPlace:
    """Find the place in the gazetteer, or take it as given when the zone is given."""
    from triptrack import gazetteer

    country = request.country.upper() if request.country is not None else None  # ("" is refused, as everywhere)
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise InputError(f"{request.options}country {request.country!r}: give an ISO 3166-1 alpha-2 code, e.g. FR or US")
    if request.tz is not None:
        try:
            zone(request.tz)
        except ValueError as exc:
            raise InputError(f"{request.options}tz: {exc}") from None
    if (request.lat is None) != (request.lon is None):
        raise InputError(f"give both {request.options}lat and {request.options}lon, or neither")
    manual = request.tz and country and request.lat is not None
    if not manual:
        try:
            match = gazetteer.lookup(request.city, country)
        except NotFoundError:
            if not (request.tz and country):
                raise
        else:
            place = match.city.place()
            notes = [match.explanation(request.city)] if match.ambiguous and not country else []
            if request.tz and request.tz != place.tz:
                notes.append(f"time zone {request.tz} as given (the gazetteer has {place.tz})")
                place.tz = request.tz
            if request.lat is not None:
                place.lat, place.lon = request.lat, request.lon
            return ResolvedPlace(place, notes)
    place = Place(request.city, country, request.tz, request.lat, request.lon)
    notes = [] if place.has_coordinates else ["no coordinates given: distances to this stop are unknown"]
    return ResolvedPlace(place, notes)


def parse_time(text: str, tz: str, option: str) -> When:
    try:
        return parse_user(text, tz)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}") from None


def check_order(arrive: When | None, depart: When | None, first: str = "--arrive", then: str = "--depart") -> None:
    if depart is None or arrive is None:
        return
    if depart.at and arrive.at:
        wrong = utc(depart.aware()) < utc(arrive.aware())  # (as instants: a fold repeats wall times)
    else:
        wrong = depart.day < arrive.day
    if wrong:
        raise InputError(f"{then} {depart.text()} is before {first} {arrive.text()}")


def build_stop(
    request: PlaceRequest,
    arrive: str,
    depart: str | None = None,
    topics: list[str] | None = None,
    meetings: list[str] | None = None,
    notes: str = "",
) -> tuple[Stop, list[str]]:
    """A Stop from command-line values (times are local at the place)."""
    resolved = resolve_place(request)
    tz = resolved.place.tz
    arrival = parse_time(arrive, tz, "--arrive")
    departure = parse_time(depart, tz, "--depart") if depart is not None else None
    check_order(arrival, departure)
    for label, items in (("--topic", topics or []), ("--meeting", meetings or [])):
        for item in items:
            if not item.strip() or "\n" in item:
                raise InputError(f"{label} {item!r}: give one non-empty line")
    stop = Stop(
        resolved.place,
        arrival,
        departure,
        topics=[t.strip() for t in topics or []],
        meetings=[m.strip() for m in meetings or []],
        notes=notes,
    )
    return stop, resolved.notes


def add_stop(source: storage.DataSource, trip_id: str, stop: Stop) -> tuple[int, Trip, Catalog]:
    """Insert `stop` into the trip in chronological place; returns (index, the trip as written,
    the catalog written: its officials, and each trip read when it is looked at)."""
    data = stop_data(stop)
    placed: list[int] = []

    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        index = trip.insertion_index(stop)
        placed.append(index)
        return Plan(f"Added stop {index + 1}", [lambda text, root: insert_item(text, trip_node(root, trip_id), "stops", index, data)])

    outcome = run(source, plan, focus=trip_id)
    catalog = outcome.document.catalog
    return placed[-1], catalog.trips[trip_id], catalog


def scalar_setter(steps: list, said: list[str], locate, order: tuple[str, ...]):
    """A `put(key, value, old)` for an edit: when `value` differs from `old`, queue the text
    step that sets `key` in the mapping `locate(root)` finds, and say what changed."""
    from triptrack.datafile import splice as ye

    def put(key: str, value: str, old: str) -> None:
        if value != old:
            steps.append(lambda text, root: ye.set_scalar(text, locate(root), key, value, order))
            said.append(f"{key} {old or '(none)'} -> {value}")

    return put

