"""Round trips: random valid catalogs survive model -> YAML text -> model unchanged, and
inserting stops as text keeps every other byte of the file."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triptrack.core.localtime import When, resolve
from triptrack.core.model import Catalog, Obligation, Official, Place, Stop, Trip
from triptrack.datafile.schema import catalog_data, stop_data
from triptrack.datafile.splice import insert_list_item, trip_node
from triptrack.datafile.store import parse
from triptrack.datafile.syntax import dump_block

ZONES = ["Europe/Paris", "America/New_York", "Asia/Kathmandu", "Pacific/Apia", "Asia/Seoul", "UTC"]
# Text a person might write, including things YAML 1.1 would misread and Rich markup.
awkward = st.sampled_from(["NO", "yes", "12:30", "1e3", "null", "~", "[draft]", "[/]", "#hash", "- dash", "a: b", "'q'", '"dq"', "Noël", "東京"])
line = st.one_of(
    awkward,
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30).filter(
        lambda s: s.strip() == s and s.strip()
    ),
)
ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,12}", fullmatch=True)


@st.composite
def whens(draw, tz):
    moment = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 1, 1)))
    if draw(st.booleans()):
        return When(moment.date(), None, tz)
    from zoneinfo import ZoneInfo

    local = moment.replace(tzinfo=timezone.utc, second=0, microsecond=0).astimezone(ZoneInfo(tz))
    return resolve(local.replace(tzinfo=None), tz, local.utcoffset())


@st.composite
def places(draw):
    tz = draw(st.sampled_from(ZONES))
    coords = draw(st.booleans())
    lat = round(draw(st.floats(-90, 90)), 5) if coords else None
    lon = round(draw(st.floats(-180, 180)), 5) if coords else None
    return Place(draw(line), draw(st.from_regex(r"[A-Z]{2}", fullmatch=True)), tz, lat, lon)


@st.composite
def stops(draw):
    place = draw(places())
    arrive = draw(whens(place.tz))
    depart = draw(st.one_of(st.none(), whens(place.tz)))
    return Stop(
        place, arrive, depart,
        topics=draw(st.lists(line, max_size=3)),
        meetings=draw(st.lists(line, max_size=3)),
        notes=draw(st.one_of(st.just(""), line)),
        ref=draw(st.one_of(st.just(""), ids)),
        approximate=draw(st.booleans()),
    )


@st.composite
def catalogs(draw):
    home = draw(places())
    official = Official(draw(ids), draw(line), draw(st.one_of(st.just(""), line)), "US", home)
    catalog = Catalog(officials={official.id: official})
    for trip_id in draw(st.lists(ids, max_size=3, unique=True)):
        trip = Trip(
            trip_id, draw(line), official.id,
            status=draw(st.sampled_from(["planned", "announced", "recorded"])),
            leaves=draw(st.one_of(st.none(), whens(home.tz))),
            sources=draw(st.lists(line, max_size=2)),
            notes=draw(st.one_of(st.just(""), line)),
            stops=draw(st.lists(stops(), max_size=4)),
            obligations=[Obligation(draw(line), draw(whens(home.tz)), draw(st.one_of(st.just(""), line)))],
        )
        catalog.trips[trip_id] = trip
    return catalog


def _without_lines(value):
    """Compare models without the source line numbers."""
    if dataclasses.is_dataclass(value):
        return {f.name: _without_lines(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "line"}
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_lines(v) for v in value]
    return value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_random_catalogs_survive_save_and_load(catalog):
    text = dump_block(catalog_data(catalog))
    _root, loaded = parse(text, "generated.yaml")
    assert _without_lines(loaded) == _without_lines(catalog)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.data())
def test_inserting_a_stop_keeps_every_other_line(catalog, data):
    if not catalog.trips:
        return
    header = "# a comment a person wrote\n\n"
    text = header + dump_block(catalog_data(catalog))
    root, loaded = parse(text, "f.yaml")
    trip_id = data.draw(st.sampled_from(sorted(loaded.trips)))
    trip = loaded.trips[trip_id]
    new_stop = data.draw(stops())
    index = data.draw(st.integers(0, len(trip.stops)))
    new_text = insert_list_item(text, trip_node(root, trip_id), "stops", index, stop_data(new_stop))
    # Only lines were added (an empty `stops: []` becomes a block list): removing
    # them gives back the original text.
    old_lines = [line for line in text.splitlines() if line.strip() != "stops: []"]
    new_lines = new_text.splitlines()
    it = iter(new_lines)
    assert all(any(old == new for new in it) for old in old_lines)
    _root, reloaded = parse(new_text, "f.yaml")
    assert _without_lines(reloaded.trips[trip_id].stops[index]) == _without_lines(new_stop)
    expected = trip.stops[:index] + [new_stop] + trip.stops[index:]
    assert _without_lines(reloaded.trips[trip_id].stops) == _without_lines(expected)


def test_insert_into_an_empty_and_a_missing_list():
    text = (
        "officials:\n  o:\n    name: O\n    home: {city: W, country: US, tz: America/New_York}\n"
        "trips:\n  a:\n    title: A\n    official: o\n    stops: []  # none yet\n"
        "  b:\n    title: B\n    official: o\n"
    )
    root, _ = parse(text, "f.yaml")
    stop = Stop(Place("Rome", "IT", "Europe/Rome", 41.9, 12.5), When(date(2025, 1, 9), None, "Europe/Rome"))
    text = insert_list_item(text, trip_node(root, "a"), "stops", 0, stop_data(stop))
    root, loaded = parse(text, "f.yaml")
    text = insert_list_item(text, trip_node(root, "b"), "stops", 0, stop_data(stop))
    _root, loaded = parse(text, "f.yaml")
    assert [s.city for s in loaded.trips["a"].stops] == ["Rome"]
    assert [s.city for s in loaded.trips["b"].stops] == ["Rome"]
