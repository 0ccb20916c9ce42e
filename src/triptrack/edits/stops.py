"""Changing, moving and deleting stops, and their agenda topics and meetings.

A stop is addressed by its number within the trip (1-based, as `show` numbers them).
Times typed for a stop are local wall times at the stop; when its place moves to
another zone, the wall times written in the file stay and are read in the new zone.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace

from triptrack.core.localtime import When, parse_iso
from triptrack.core.model import Place, Stop
from triptrack.datafile import splice as ye
from triptrack.datafile import store as storage
from triptrack.datafile.schema import STOP_KEYS
from triptrack.edits.common import (
    Outcome,
    Plan,
    check_country,
    check_order,
    check_zone,
    find_trip,
    kept_comments_note,
    one_line,
    parse_time,
    place_steps,
    run,
    some_text,
    stop_at,
    wall_text,
)
from triptrack.errors import InputError, NotFoundError

CLEARABLE = ("depart", "notes", "ref", "coordinates", "travel")
LISTS = {"topics": "topic", "meetings": "meeting"}


@dataclass
class StopFields:
    """Values typed for a stop; None means "not given".

    `place` replaces the whole place (resolved by the caller); without it, `country`,
    `tz`, `lat` and `lon` change just those fields.
    """

    place: Place | None = None
    country: str | None = None
    tz: str | None = None
    lat: float | None = None
    lon: float | None = None
    arrive: str | None = None
    depart: str | None = None
    notes: str | None = None
    ref: str | None = None
    approximate: bool | None = None
    clear: list[str] = field(default_factory=list)
    travel: str | None = None  # how the stop is reached, e.g. 'air 7h40' (see core.legs)

    def given(self) -> bool:
        values = (self.place, self.country, self.tz, self.lat, self.lon, self.arrive, self.depart, self.notes, self.ref,
                  self.approximate, self.travel)
        return any(v is not None for v in values) or bool(self.clear)


def _stop_node(trip_id: str, index: int):
    return lambda root: ye.list_item(ye.trip_node(root, trip_id), "stops", index)


def _new_place(stop: Stop, fields: StopFields) -> Place:
    if fields.place is not None:
        return fields.place
    place = replace(stop.place)
    if fields.country is not None:
        place.country = check_country(fields.country, "--country")
    if fields.tz is not None:
        place.tz = check_zone(fields.tz, "--tz")
    if (fields.lat is None) != (fields.lon is None):
        raise InputError("give both --lat and --lon, or neither")
    if fields.lat is not None:
        if not (-90 <= fields.lat <= 90 and -180 <= fields.lon <= 180):
            raise InputError(f"--lat {fields.lat} --lon {fields.lon}: latitude is -90 to 90, longitude -180 to 180")
        place.lat, place.lon = fields.lat, fields.lon
    if "coordinates" in fields.clear:
        place.lat = place.lon = None
    return place


def _reread(when: When | None, tz: str, label: str) -> When | None:
    """The same wall time read in another zone (refused if it does not exist there)."""
    if when is None or when.tz == tz:
        return when
    try:
        return parse_iso(wall_text(when), tz)
    except ValueError as exc:
        raise InputError(f"{label.lstrip('-')} in the new zone: {exc}; give {label} as well") from None


def order_notes(trip_id: str, stops: list[Stop], number: int) -> list[str]:
    """A note when stop `number` is not in chronological order among `stops`."""
    stop = stops[number - 1]
    key = stop.arrive.utc_key()
    earlier = sum(1 for other in stops if other is not stop and other.arrive.utc_key() <= key)
    in_order = all(o.arrive.utc_key() <= key for o in stops[: number - 1]) and all(
        o.arrive.utc_key() >= key for o in stops[number:]
    )
    if in_order:
        return []
    return [
        f"stop {number} ({stop.city}) is now out of chronological order; "
        f"'triptrack stop move {trip_id} {number} --to {earlier + 1}' puts it in place"
    ]


def edit_stop(source: storage.DataSource, trip_id: str, number: int, fields: StopFields) -> Outcome:
    for name in fields.clear:
        if name not in CLEARABLE:
            raise InputError(f"--clear {name!r}: stops can clear {', '.join(CLEARABLE)}")
    from triptrack.edits.legs import travel_option

    travel = travel_option(fields.travel)
    for name in ("depart", "notes", "ref", "travel"):
        if name in fields.clear and getattr(fields, name) is not None:
            raise InputError(f"--clear {name} and --{name} together: give one or the other")

    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        stop = stop_at(trip, number)
        locate = _stop_node(trip_id, number - 1)
        place = _new_place(stop, fields)
        steps: list[ye.Step] = []
        said: list[str] = []
        if place != stop.place:
            steps.extend(place_steps(locate, place, STOP_KEYS))
            said.append(f"place {_place_text(stop.place)} -> {_place_text(place)}")
        arrive = parse_time(fields.arrive, place.tz, "--arrive") if fields.arrive is not None else _reread(stop.arrive, place.tz, "--arrive")
        depart = parse_time(fields.depart, place.tz, "--depart") if fields.depart is not None else _reread(stop.depart, place.tz, "--depart")
        if "depart" in fields.clear:
            depart = None
        check_order(arrive, depart)
        for key, old, new in (("arrive", stop.arrive, arrive), ("depart", stop.depart, depart)):
            if new is not None and (old is None or new.text() != old.text()):
                steps.append(lambda text, root, key=key, value=new.text(): ye.set_scalar(text, locate(root), key, value, STOP_KEYS))
                said.append(f"{key} {old.text() if old else '(none)'} -> {new.text()}")
        notes = some_text(fields.notes, "--notes") if fields.notes is not None else stop.notes
        if notes != stop.notes:
            steps.append(lambda text, root, value=notes: ye.set_scalar(text, locate(root), "notes", value, STOP_KEYS))
            said.append("notes changed" if stop.notes else "notes added")
        ref = one_line(fields.ref, "--ref") if fields.ref is not None else stop.ref
        if ref != stop.ref:
            steps.append(lambda text, root, value=ref: ye.set_scalar(text, locate(root), "ref", value, STOP_KEYS))
            said.append(f"ref {stop.ref or '(none)'} -> {ref}")
        if travel is not None and (stop.travel is None or travel.text() != stop.travel.text()):
            steps.append(lambda text, root, value=travel.text(): ye.set_scalar(text, locate(root), "travel", value, STOP_KEYS))
            said.append(f"travel {stop.travel.text() if stop.travel else '(none)'} -> {travel.text()}")
        if "travel" in fields.clear and stop.travel is not None:
            steps.append(lambda text, root: ye.delete_key(text, locate(root), "travel"))
            said.append("travel cleared")
        if fields.approximate is not None and fields.approximate != stop.approximate:
            if fields.approximate:
                steps.append(lambda text, root: ye.set_scalar(text, locate(root), "approximate", True, STOP_KEYS))
            else:
                steps.append(lambda text, root: ye.delete_key(text, locate(root), "approximate"))
            said.append("marked approximate" if fields.approximate else "marked exact")
        for key in ("depart", "notes", "ref"):
            if key in fields.clear and (stop.depart if key == "depart" else getattr(stop, key)):
                steps.append(lambda text, root, key=key: ye.delete_key(text, locate(root), key))
                said.append(f"{key} cleared")
        if not steps:
            raise InputError("nothing to change: the values given are the ones the stop already has")
        stops = list(trip.stops)
        stops[number - 1] = replace(stop, place=place, arrive=arrive, depart=depart, notes=notes, ref=ref)
        return Plan(f"Changed stop {number} ({stop.city}) of {trip_id}: " + "; ".join(said), steps, order_notes(trip_id, stops, number))

    return run(source, plan, focus=trip_id)


def _place_text(place: Place) -> str:
    return f"{place.city} ({place.country}, {place.tz})"


def move_stop(source: storage.DataSource, trip_id: str, number: int, to: int) -> Outcome:
    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        stop = stop_at(trip, number)
        if not 1 <= to <= len(trip.stops):
            raise InputError(f"--to {to}: trip {trip_id} has stops 1 to {len(trip.stops)}")
        if to == number:
            raise InputError(f"stop {number} ({stop.city}) is already number {to}")
        stops = list(trip.stops)
        stops.insert(to - 1, stops.pop(number - 1))
        steps = [lambda text, root: ye.move_item(text, ye.mapping_value(ye.trip_node(root, trip_id), "stops"), number - 1, to - 1)]
        route = " -> ".join(s.city for s in stops)
        return Plan(f"Moved stop {number} ({stop.city}) of {trip_id} to number {to}: {route}", steps, order_notes(trip_id, stops, to))

    return run(source, plan, focus=trip_id)


def delete_stop(source: storage.DataSource, trip_id: str, number: int, expect: str | None = None) -> Outcome:
    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        stop = stop_at(trip, number)
        seq = lambda root: ye.mapping_value(ye.trip_node(root, trip_id), "stops")  # noqa: E731
        steps: list[ye.Step] = [lambda text, root: ye.delete_item(text, seq(root), number - 1)]
        if len(trip.stops) == 1:
            steps.append(lambda text, root: ye.set_empty_list(text, ye.trip_node(root, trip_id), "stops"))
        left = len(trip.stops) - 1
        notes = kept_comments_note(doc.text, ye.list_item(ye.trip_node(doc.root, trip_id), "stops", number - 1))
        return Plan(
            f"Deleted stop {number} ({stop.city}, arriving {stop.arrive.text()}) from {trip_id}; {left} stop{'s' * (left != 1)} left",
            steps,
            notes,
        )

    return run(source, plan, expect, focus=trip_id)


def add_text(source: storage.DataSource, trip_id: str, number: int, kind: str, value: str, at: int | None = None) -> Outcome:
    """Add a topic or meeting (`kind` is "topics" or "meetings") to a stop, at position `at` (1-based)."""
    label = LISTS[kind]

    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        stop = stop_at(trip, number)
        text_value = one_line(value, label)
        items = getattr(stop, kind)
        if text_value in items:
            raise InputError(f"stop {number} ({stop.city}) already has the {label} {text_value!r}")
        index = len(items) if at is None else at - 1
        if not 0 <= index <= len(items):
            raise InputError(f"--at {at}: give 1 to {len(items) + 1}")
        locate = _stop_node(trip_id, number - 1)
        steps = [lambda text, root: ye.insert_item(text, locate(root), kind, index, text_value, STOP_KEYS)]
        return Plan(f"Added {label} {index + 1} to stop {number} ({stop.city}) of {trip_id}: {text_value}", steps)

    return run(source, plan, focus=trip_id)


def remove_text(source: storage.DataSource, trip_id: str, number: int, kind: str, which: str) -> Outcome:
    """Remove a topic or meeting, given as its exact text or its number in the stop's list."""
    label = LISTS[kind]

    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        stop = stop_at(trip, number)
        items = getattr(stop, kind)
        index = _find_text(items, which.strip(), label, f"stop {number} ({stop.city})")
        locate = _stop_node(trip_id, number - 1)
        steps: list[ye.Step] = [lambda text, root: ye.delete_item(text, ye.mapping_value(locate(root), kind), index)]
        if len(items) == 1:  # then the empty key goes too, unless comments are under it
            steps.append(lambda text, root: ye.delete_emptied_key(text, locate(root), kind))
        return Plan(f"Removed {label} {index + 1} from stop {number} ({stop.city}) of {trip_id}: {items[index]}", steps)

    return run(source, plan, focus=trip_id)


def _find_text(items: list[str], which: str, label: str, owner: str) -> int:
    if which in items:
        return items.index(which)
    if which.isdigit() and 1 <= int(which) <= len(items):
        return int(which) - 1
    if not items:
        raise NotFoundError(f"{owner} has no {label}s")
    close = difflib.get_close_matches(which, items, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f" (give its exact text or its number, 1 to {len(items)})"
    raise NotFoundError(f"{owner} has no {label} {which!r}{hint}")
