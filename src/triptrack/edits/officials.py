"""Creating, renaming, changing and deleting officials (the people who travel).

Renaming an official also rewrites the `official:` of every trip that names them;
an official that trips still name cannot be deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from triptrack.core.model import Catalog, Official, Place
from triptrack.datafile import splice as ye
from triptrack.datafile import store as storage
from triptrack.datafile.schema import (
    OFFICIAL_KEYS,
    PLACE_KEYS,
    TOP_KEYS,
    official_data,
    place_data,
)
from triptrack.edits.common import (
    Outcome,
    Plan,
    check_country,
    check_id,
    find_official,
    kept_comments_note,
    one_line,
    place_steps,
    run,
    scalar_setter,
)
from triptrack.errors import InputError

CLEARABLE = ("title", "country", "home")


@dataclass
class OfficialFields:
    """Values typed for an official; None means "not given"."""

    name: str | None = None
    title: str | None = None
    country: str | None = None
    home: Place | None = None  # resolved by the caller (gazetteer or given in full)
    clear: list[str] = field(default_factory=list)

    def given(self) -> bool:
        return any(v is not None for v in (self.name, self.title, self.country, self.home)) or bool(self.clear)


def trips_of(catalog: Catalog, official_id: str) -> list[str]:
    return [trip.id for trip in catalog.trips.values() if trip.official == official_id]


def new_official(source: storage.DataSource, official_id: str, fields: OfficialFields) -> Outcome:
    def plan(doc: storage.Document) -> Plan:
        check_id(official_id, "official")
        existing = doc.catalog.officials.get(official_id)
        if existing is not None:
            raise InputError(f"official {official_id!r} already exists (line {existing.line}); use 'official edit'")
        if fields.name is None:
            raise InputError("a new official needs --name")
        official = Official(
            official_id,
            one_line(fields.name, "--name"),
            title=one_line(fields.title, "--title") if fields.title is not None else "",
            country=check_country(fields.country, "--country") if fields.country is not None else "",
            home=fields.home,
        )
        data = official_data(official)
        home = f", home {official.home.city} ({official.home.tz})" if official.home else ", no home (times in UTC)"
        return Plan(
            f"Added official {official_id} ({official.name}{home})",
            [lambda text, root: ye.add_entry(text, root, "officials", official_id, data, TOP_KEYS)],
        )

    return run(source, plan, focus="")


def rename_official(source: storage.DataSource, old_id: str, new_id: str) -> Outcome:
    def plan(doc: storage.Document) -> Plan:
        find_official(doc.catalog, old_id, source.display)
        check_id(new_id, "official")
        if new_id in doc.catalog.officials:
            raise InputError(f"official {new_id!r} already exists (line {doc.catalog.officials[new_id].line})")
        key = lambda root: ye.mapping_key(ye.mapping_value(root, "officials"), old_id)  # noqa: E731
        steps: list[ye.Step] = [lambda text, root: ye.rename_key(text, key(root), new_id)]
        trips = trips_of(doc.catalog, old_id)
        for trip_id in trips:
            steps.append(
                lambda text, root, trip_id=trip_id: ye.set_scalar(text, ye.trip_node(root, trip_id), "official", new_id, ())
            )
        also = f" (and in {len(trips)} trip{'s' * (len(trips) != 1)}: {', '.join(trips)})" if trips else ""
        return Plan(f"Renamed official {old_id} to {new_id}{also}", steps)

    return run(source, plan)


def edit_official(source: storage.DataSource, official_id: str, fields: OfficialFields) -> Outcome:
    for name in fields.clear:
        if name not in CLEARABLE:
            raise InputError(f"--clear {name!r}: officials can clear {', '.join(CLEARABLE)}")
        if getattr(fields, name) is not None:
            raise InputError(f"--clear {name} and --{name} together: give one or the other")

    def plan(doc: storage.Document) -> Plan:
        official = find_official(doc.catalog, official_id, source.display)
        locate = lambda root: ye.official_node(root, official_id)  # noqa: E731
        steps: list[ye.Step] = []
        said: list[str] = []
        notes: list[str] = []

        put = scalar_setter(steps, said, locate, OFFICIAL_KEYS)

        if fields.name is not None:
            put("name", one_line(fields.name, "--name"), official.name)
        if fields.title is not None:
            put("title", one_line(fields.title, "--title"), official.title)
        if fields.country is not None:
            put("country", check_country(fields.country, "--country"), official.country)
        new_tz = official.home_tz
        if fields.home is not None and fields.home != official.home:
            home = fields.home
            if official.home is None or not isinstance(ye.mapping_value(locate(doc.root), "home"), ye.MappingNode):
                steps.append(lambda text, root: ye.insert_key(text, locate(root), "home", place_data(home), OFFICIAL_KEYS))
            else:
                steps.extend(place_steps(lambda root: ye.mapping_value(locate(root), "home"), home, PLACE_KEYS))
            old = f"{official.home.city} ({official.home.tz})" if official.home else ""
            said.append(f"home {old or '(none)'} -> {home.city} ({home.tz})")
            new_tz = home.tz
        for key in fields.clear:
            if getattr(official, key):
                steps.append(lambda text, root, key=key: ye.delete_key(text, locate(root), key))
                said.append(f"{key} cleared")
                if key == "home":
                    new_tz = "UTC"
        if not steps:
            raise InputError(f"nothing to change: official {official_id} already has the values given")
        trips = trips_of(doc.catalog, official_id)
        if new_tz != official.home_tz and trips:
            notes.append(f"the leaves/returns and obligations of {', '.join(trips)} are now read in {new_tz}")
        return Plan(f"Changed official {official_id}: " + "; ".join(said), steps, notes)

    return run(source, plan, focus="")


def delete_official(source: storage.DataSource, official_id: str, expect: str | None = None) -> Outcome:
    def plan(doc: storage.Document) -> Plan:
        official = find_official(doc.catalog, official_id, source.display)
        trips = trips_of(doc.catalog, official_id)
        if trips:
            raise InputError(
                f"official {official_id!r} is still the official of {', '.join(trips)}; "
                "delete those trips or give them another official first ('trip edit TRIP --official ID')"
            )
        notes = kept_comments_note(doc.text, ye.mapping_key(ye.mapping_value(doc.root, "officials"), official_id))
        return Plan(
            f"Deleted official {official_id} ({official.name})",
            [lambda text, root: ye.delete_key(text, ye.mapping_value(root, "officials"), official_id)],
            notes,
        )

    return run(source, plan, expect, focus="")
