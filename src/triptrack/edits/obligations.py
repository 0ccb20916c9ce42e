"""Adding, changing and deleting a trip's obligations (what the traveller must be back for).

An obligation's time is in the official's home zone unless it gives its own `tz`.
Obligations are numbered 1, 2... in the order the file lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from triptrack.core.localtime import parse_iso
from triptrack.core.model import Catalog, Obligation, Trip
from triptrack.datafile import splice as ye
from triptrack.datafile import store as storage
from triptrack.datafile.schema import (
    OBLIGATION_KEYS,
    TRIP_KEYS,
    obligation_data,
    obligation_zone,
)
from triptrack.edits.common import (
    Outcome,
    Plan,
    check_zone,
    find_trip,
    kept_comments_note,
    obligation_at,
    one_line,
    parse_time,
    run,
    scalar_setter,
    wall_text,
)
from triptrack.errors import InputError

CLEARABLE = ("where", "tz", "at_stop")


@dataclass
class ObligationFields:
    """Values typed for an obligation; None means "not given"."""

    what: str | None = None
    when: str | None = None
    where: str | None = None
    tz: str | None = None
    clear: list[str] = field(default_factory=list)
    at_stop: int | None = None  # due at stop N (1-based; its city is written), in its local time, not back home

    def given(self) -> bool:
        return any(v is not None for v in (self.what, self.when, self.where, self.tz, self.at_stop)) or bool(self.clear)


def _home_tz(catalog: Catalog, trip: Trip) -> str:
    official = catalog.officials.get(trip.official)
    return official.home_tz if official else "UTC"


def add_obligation(source: storage.DataSource, trip_id: str, fields: ObligationFields) -> Outcome:
    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        if fields.what is None or fields.when is None:
            raise InputError("an obligation needs --what and --when")
        home_tz = _home_tz(doc.catalog, trip)
        default_tz = home_tz
        if fields.at_stop is not None:
            if not 1 <= fields.at_stop <= len(trip.stops):
                raise InputError(f"--at-stop {fields.at_stop}: {trip_id} has stops 1 to {len(trip.stops)}")
            default_tz = trip.stops[fields.at_stop - 1].place.tz
        at_city = trip.stops[fields.at_stop - 1].city if fields.at_stop is not None else None
        tz = check_zone(fields.tz, "--tz") if fields.tz is not None else default_tz
        obligation = Obligation(
            one_line(fields.what, "--what"),
            parse_time(fields.when, tz, "--when"),
            one_line(fields.where, "--where") if fields.where is not None else "",
            at_stop=at_city,
        )
        data = obligation_data(obligation, default_tz)
        if fields.tz:
            data["tz"] = tz  # given explicitly: keep it even when it is the home zone
        number = len(trip.obligations) + 1
        steps = [lambda text, root: ye.insert_item(text, ye.trip_node(root, trip_id), "obligations", number - 1, data, TRIP_KEYS)]
        return Plan(f"Added obligation {number} to {trip_id}: {obligation.what}, {obligation.when.text()} ({tz})", steps)

    return run(source, plan, focus=trip_id)


def edit_obligation(source: storage.DataSource, trip_id: str, number: int, fields: ObligationFields) -> Outcome:
    for name in fields.clear:
        if name not in CLEARABLE:
            raise InputError(f"--clear {name!r}: obligations can clear {', '.join(CLEARABLE)}")
        if getattr(fields, name) is not None:
            raise InputError(f"--clear {name} and --{name.replace('_', '-')} together: give one or the other")

    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        obligation = obligation_at(trip, number)
        locate = lambda root: ye.list_item(ye.trip_node(root, trip_id), "obligations", number - 1)  # noqa: E731
        home_tz = _home_tz(doc.catalog, trip)
        steps: list[ye.Step] = []
        said: list[str] = []

        put = scalar_setter(steps, said, locate, OBLIGATION_KEYS)
        explicit_tz = obligation.when.tz != obligation_zone(trip, obligation, home_tz)  # a `tz:` in the file
        at_city = obligation.at_stop
        if fields.at_stop is not None:
            if not 1 <= fields.at_stop <= len(trip.stops):
                raise InputError(f"--at-stop {fields.at_stop}: {trip_id} has stops 1 to {len(trip.stops)}")
            at_city = trip.stops[fields.at_stop - 1].city
            put("at_stop", at_city, obligation.at_stop or "")
        if "at_stop" in fields.clear and obligation.at_stop:
            at_city = None
            steps.append(lambda text, root: ye.delete_key(text, locate(root), "at_stop"))
            said.append("at_stop cleared (due back home)")
        home_tz = obligation_zone(trip, replace(obligation, at_stop=at_city), home_tz)  # the zone `when` is read in

        if fields.what is not None:
            put("what", one_line(fields.what, "--what"), obligation.what)
        if fields.where is not None:
            put("where", one_line(fields.where, "--where"), obligation.where)
        tz = obligation.when.tz if explicit_tz else home_tz
        if fields.tz is not None:
            tz = check_zone(fields.tz, "--tz")
            put("tz", tz, obligation.when.tz)
        if "tz" in fields.clear and explicit_tz:
            tz = home_tz
            steps.append(lambda text, root: ye.delete_key(text, locate(root), "tz"))
            said.append(f"tz cleared (now {'the stop' if at_city else 'the home'} zone {home_tz})")
        if fields.when is not None:
            put("when", parse_time(fields.when, tz, "--when").text(), obligation.when.text())
        elif tz != obligation.when.tz:
            try:
                put("when", parse_iso(wall_text(obligation.when), tz).text(), obligation.when.text())
            except ValueError as exc:
                raise InputError(f"when in the new zone: {exc}; give --when as well") from None
        if "where" in fields.clear and obligation.where:
            steps.append(lambda text, root: ye.delete_key(text, locate(root), "where"))
            said.append("where cleared")
        if not steps:
            raise InputError("nothing to change: the values given are the ones the obligation already has")
        return Plan(f"Changed obligation {number} of {trip_id} ({obligation.what}): " + "; ".join(said), steps)

    return run(source, plan, focus=trip_id)


def delete_obligation(source: storage.DataSource, trip_id: str, number: int, expect: str | None = None) -> Outcome:
    def plan(doc: storage.Document) -> Plan:
        trip = find_trip(doc.catalog, trip_id, source.display)
        obligation = obligation_at(trip, number)
        seq = lambda root: ye.mapping_value(ye.trip_node(root, trip_id), "obligations")  # noqa: E731
        steps: list[ye.Step] = [lambda text, root: ye.delete_item(text, seq(root), number - 1)]
        if len(trip.obligations) == 1:  # then the empty key goes too, unless comments are under it
            steps.append(lambda text, root: ye.delete_emptied_key(text, ye.trip_node(root, trip_id), "obligations"))
        notes = kept_comments_note(doc.text, ye.list_item(ye.trip_node(doc.root, trip_id), "obligations", number - 1))
        return Plan(f"Deleted obligation {number} of {trip_id}: {obligation.what}", steps, notes)

    return run(source, plan, expect, focus=trip_id)
