"""Random sequences of edits, through the library, on files with hand-written comments.

Each edit is mirrored on an expected model. After every step the file must load, equal
the model, and still hold every comment that was not inside something deleted.
An edit the model says must be refused (a duplicate id, a departure before the
arrival...) must raise and leave the file byte-for-byte unchanged.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roundtrip import _without_lines, catalogs, ids, line, places, stops, whens

from triptrack.core.model import STATUSES, Obligation, Official, Trip
from triptrack.datafile import store as storage
from triptrack.datafile.schema import catalog_data
from triptrack.datafile.splice import list_item, mapping_key, mapping_value
from triptrack.datafile.syntax import compose, dump_block
from triptrack.edits import common as editing
from triptrack.edits import obligations as obligation_edits
from triptrack.edits import officials as official_edits
from triptrack.edits import stops as stop_edits
from triptrack.edits import trips as trip_edits
from triptrack.errors import TriptrackError


@st.composite
def commented_files(draw):
    """(text, catalog, comments): the catalog written out, with comments a person added.

    `comments` maps each comment's text to its owner: "root", ("trip", id) or
    ("stop", trip id, index); a comment dies only with its owner.
    """
    catalog = draw(catalogs())
    text = dump_block(catalog_data(catalog))
    root = compose(text, "f")
    lines = text.split("\n")
    inserts: list[tuple[int, str, object]] = []  # (0-based line, comment line, owner)
    eol: list[tuple[int, object]] = []
    counter = itertools.count()

    def indent(line_number: int) -> str:
        return " " * (len(lines[line_number]) - len(lines[line_number].lstrip(" -")))

    for key_node, value in root.value:
        if draw(st.booleans()):
            inserts.append((key_node.start_mark.line, "", "root"))
        if draw(st.booleans()):
            eol.append((key_node.start_mark.line, "root"))
    trips = mapping_value(root, "trips")
    for trip_id in catalog.trips:
        key = mapping_key(trips, trip_id)
        if draw(st.booleans()):
            inserts.append((key.start_mark.line, "  ", "root"))
        trip_value = mapping_value(trips, trip_id)
        for index, _stop in enumerate(catalog.trips[trip_id].stops):
            stop = list_item(trip_value, "stops", index)
            dash_line = stop.start_mark.line
            if draw(st.booleans()):
                column = lines[dash_line].index("-")
                inserts.append((dash_line, " " * column, ("trip", trip_id)))
            for inner_key, inner_value in stop.value[1:]:
                if draw(st.integers(0, 4)) == 0:
                    inserts.append((inner_key.start_mark.line, indent(inner_key.start_mark.line), ("stop", trip_id, index)))
                if inner_key.value == "arrive" and draw(st.booleans()):
                    eol.append((inner_key.start_mark.line, ("stop", trip_id, index)))
    comments: dict[str, object] = {}
    for line_number, owner in eol:
        tag = f"# eol {next(counter)}."
        lines[line_number] += f"  {tag}"
        comments[tag] = owner
    for line_number, prefix, owner in sorted(inserts, key=lambda i: -i[0]):
        tag = f"# note {next(counter)}."
        lines.insert(line_number, prefix + tag)
        comments[tag] = owner
    header = "# A file kept by hand.\n\n"
    comments["# A file kept by hand."] = "root"
    return header + "\n".join(lines), catalog, comments


class World:
    """The data file, the model it must match, and whose comments must still be there."""

    def __init__(self, path, catalog, comments):
        self.path = path
        self.source = storage.locate(str(path))
        self.model = copy.deepcopy(catalog)
        self.uids = itertools.count()
        self.trip_uid = {trip_id: next(self.uids) for trip_id in catalog.trips}
        self.stop_uids = {trip_id: [next(self.uids) for _ in trip.stops] for trip_id, trip in catalog.trips.items()}
        self.owner_of = {}
        for tag, owner in comments.items():
            if owner == "root":
                self.owner_of[tag] = "root"
            elif owner[0] == "trip":
                self.owner_of[tag] = self.trip_uid[owner[1]]
            else:
                self.owner_of[tag] = self.stop_uids[owner[1]][owner[2]]
        self.dead: set[int] = set()

    def attempt(self, call, refused: bool) -> bool:
        """Run one edit; True if it went through. A refusal must change nothing."""
        before = self.path.read_bytes()
        try:
            call()
        except TriptrackError:
            assert refused, "the edit was refused but should have gone through"
            assert self.path.read_bytes() == before
            return False
        assert not refused, "the edit went through but should have been refused"
        return True

    def check(self):
        loaded = storage.load(self.source)
        assert _without_lines(loaded) == _without_lines(self.model)
        text = self.path.read_text()
        for tag, owner in self.owner_of.items():
            assert (tag in text) == (owner not in self.dead), tag


def home_tz(world: World, trip: Trip) -> str:
    return world.model.officials[trip.official].home_tz


def pick_trip(world, data, need_stops=0):
    candidates = [t for t in world.model.trips.values() if len(t.stops) >= need_stops]
    return data.draw(st.sampled_from(candidates)) if candidates else None


def op_add_stop(world, data):
    trip = pick_trip(world, data)
    if trip is None:
        return
    stop = data.draw(stops())
    if world.attempt(lambda: editing.add_stop(world.source, trip.id, stop), refused=False):
        index = trip.insertion_index(stop)
        trip.stops.insert(index, stop)
        world.stop_uids[trip.id].insert(index, next(world.uids))


def op_delete_stop(world, data):
    trip = pick_trip(world, data, 1)
    if trip is None:
        return
    number = data.draw(st.integers(1, len(trip.stops)))
    if world.attempt(lambda: stop_edits.delete_stop(world.source, trip.id, number), refused=False):
        trip.stops.pop(number - 1)
        world.dead.add(world.stop_uids[trip.id].pop(number - 1))


def op_move_stop(world, data):
    trip = pick_trip(world, data, 2)
    if trip is None:
        return
    number, to = data.draw(st.lists(st.integers(1, len(trip.stops)), min_size=2, max_size=2, unique=True))
    if world.attempt(lambda: stop_edits.move_stop(world.source, trip.id, number, to), refused=False):
        trip.stops.insert(to - 1, trip.stops.pop(number - 1))
        uids = world.stop_uids[trip.id]
        uids.insert(to - 1, uids.pop(number - 1))


def op_edit_stop(world, data):
    trip = pick_trip(world, data, 1)
    if trip is None:
        return
    number = data.draw(st.integers(1, len(trip.stops)))
    stop = trip.stops[number - 1]
    kinds = ["notes", "ref", "approximate", "arrive", "depart", "place"]
    fields, changed = stop_edits.StopFields(), dataclasses.replace(stop)
    for what in data.draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=4, unique=True)):
        if what == "notes":
            fields.notes = changed.notes = data.draw(line)
        elif what == "ref":
            fields.ref = changed.ref = data.draw(ids)
        elif what == "approximate":
            fields.approximate = changed.approximate = not stop.approximate
        elif what in ("arrive", "depart"):
            when = data.draw(whens(stop.place.tz))
            setattr(fields, what, when.text())
            setattr(changed, what, when)
        else:  # another place in the same zone
            place = data.draw(places())
            place.tz = stop.place.tz
            fields.place = changed.place = place
    try:
        editing.check_order(changed.arrive, changed.depart)
        refused = _without_lines(changed) == _without_lines(stop)  # nothing to change
    except TriptrackError:
        refused = True
    if world.attempt(lambda: stop_edits.edit_stop(world.source, trip.id, number, fields), refused):
        trip.stops[number - 1] = changed


def op_text_list(world, data):
    trip = pick_trip(world, data, 1)
    if trip is None:
        return
    number = data.draw(st.integers(1, len(trip.stops)))
    stop = trip.stops[number - 1]
    kind = data.draw(st.sampled_from(["topics", "meetings"]))
    items = getattr(stop, kind)
    if items and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(items) - 1))
        which = items[index]
        index = items.index(which)  # the first with that text
        if world.attempt(lambda: stop_edits.remove_text(world.source, trip.id, number, kind, which), refused=False):
            items.pop(index)
        return
    value = data.draw(line)
    at = data.draw(st.one_of(st.none(), st.integers(1, len(items) + 1)))
    if world.attempt(lambda: stop_edits.add_text(world.source, trip.id, number, kind, value, at), refused=value in items):
        items.insert(len(items) if at is None else at - 1, value)


def op_obligation(world, data):
    trip = pick_trip(world, data)
    if trip is None:
        return
    tz = home_tz(world, trip)
    action = data.draw(st.sampled_from(["add", "edit", "delete"] if trip.obligations else ["add"]))
    if action == "add":
        obligation = Obligation(data.draw(line), data.draw(whens(tz)), data.draw(st.one_of(st.just(""), line)))
        fields = obligation_edits.ObligationFields(obligation.what, obligation.when.text(), obligation.where or None)
        if world.attempt(lambda: obligation_edits.add_obligation(world.source, trip.id, fields), refused=False):
            trip.obligations.append(obligation)
        return
    number = data.draw(st.integers(1, len(trip.obligations)))
    if action == "delete":
        if world.attempt(lambda: obligation_edits.delete_obligation(world.source, trip.id, number), refused=False):
            trip.obligations.pop(number - 1)
        return
    old = trip.obligations[number - 1]
    new = dataclasses.replace(old, what=data.draw(line), when=data.draw(whens(old.when.tz)))
    fields = obligation_edits.ObligationFields(new.what, new.when.text())
    refused = (new.what, new.when.text()) == (old.what, old.when.text())
    if world.attempt(lambda: obligation_edits.edit_obligation(world.source, trip.id, number, fields), refused):
        trip.obligations[number - 1] = new


def op_trip(world, data):
    action = data.draw(st.sampled_from(["new", "rename", "edit", "delete"] if world.model.trips else ["new"]))
    if action == "new" and not world.model.officials:
        return
    if action == "new":
        trip_id = data.draw(ids)
        trip = Trip(trip_id, data.draw(line), data.draw(st.sampled_from(sorted(world.model.officials))),
                    status=data.draw(st.sampled_from(STATUSES)))
        fields = trip_edits.TripFields(trip.title, trip.official, trip.status)
        if world.attempt(lambda: trip_edits.new_trip(world.source, trip_id, fields), refused=trip_id in world.model.trips):
            world.model.trips[trip_id] = trip
            world.trip_uid[trip_id], world.stop_uids[trip_id] = next(world.uids), []
        return
    trip = pick_trip(world, data)
    if action == "rename":
        new_id = data.draw(ids)
        if world.attempt(lambda: trip_edits.rename_trip(world.source, trip.id, new_id), refused=new_id in world.model.trips):
            world.model.trips[new_id] = world.model.trips.pop(trip.id)
            world.trip_uid[new_id], world.stop_uids[new_id] = world.trip_uid.pop(trip.id), world.stop_uids.pop(trip.id)
            trip.id = new_id
    elif action == "edit":
        fields = trip_edits.TripFields(title=data.draw(line), status=data.draw(st.sampled_from(STATUSES)), notes=data.draw(line))
        same = (fields.title, fields.status, fields.notes) == (trip.title, trip.status, trip.notes)
        if world.attempt(lambda: trip_edits.edit_trip(world.source, trip.id, fields), refused=same):
            trip.title, trip.status, trip.notes = fields.title, fields.status, fields.notes
    else:
        if world.attempt(lambda: trip_edits.delete_trip(world.source, trip.id), refused=False):
            del world.model.trips[trip.id]
            world.dead.add(world.trip_uid.pop(trip.id))
            world.dead.update(world.stop_uids.pop(trip.id))


def op_official(world, data):
    officials = world.model.officials
    action = data.draw(st.sampled_from(["new", "rename", "edit", "delete"] if officials else ["new"]))
    if action == "new":
        official = Official(data.draw(ids), data.draw(line))
        fields = official_edits.OfficialFields(official.name)
        if world.attempt(lambda: official_edits.new_official(world.source, official.id, fields), refused=official.id in officials):
            officials[official.id] = official
        return
    official = officials[data.draw(st.sampled_from(sorted(officials)))]
    trips = [t for t in world.model.trips.values() if t.official == official.id]
    if action == "rename":
        new_id = data.draw(ids)
        if world.attempt(lambda: official_edits.rename_official(world.source, official.id, new_id), refused=new_id in officials):
            officials[new_id] = officials.pop(official.id)
            for trip in trips:
                trip.official = new_id
            official.id = new_id
    elif action == "edit":
        fields = official_edits.OfficialFields(name=data.draw(line), title=data.draw(line))
        same = (fields.name, fields.title) == (official.name, official.title)
        if world.attempt(lambda: official_edits.edit_official(world.source, official.id, fields), refused=same):
            official.name, official.title = fields.name, fields.title
    elif world.attempt(lambda: official_edits.delete_official(world.source, official.id), refused=bool(trips)):
        del officials[official.id]


OPERATIONS = [op_add_stop, op_delete_stop, op_move_stop, op_edit_stop, op_text_list, op_obligation, op_trip, op_official]


@pytest.fixture
def no_fsync(monkeypatch):
    """Durability is tested elsewhere; here only the text matters, so skip the disk flushes."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(commented_files(), st.data())
def test_random_edit_sequences_keep_the_file_valid_and_the_comments(tmp_path, no_fsync, file, data):
    text, catalog, comments = file
    path = tmp_path / f"trips-{next(_files)}.yaml"
    path.write_text(text)
    world = World(path, catalog, comments)
    world.check()
    for operation in data.draw(st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=8), label="operations"):
        operation(world, data)
        world.check()


_files = itertools.count()
