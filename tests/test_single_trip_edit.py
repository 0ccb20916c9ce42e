"""Editing one trip's text (the fast path) writes exactly what the whole-file path writes.

Random data files (comments, blank lines, block scalars at the ends of trips, empty and
missing stop lists, officials before or after the trips) get a random stop inserted
into a random trip, once through `single_trip_edit` with a warm cache and once through the
whole-file path; the bytes written must be identical, and the cache entry left behind
must equal one built from scratch for the new bytes.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from conftest import digest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_roundtrip import line, stops

from triptrack.datafile import parsed_cache, single_trip_edit, trip_slices
from triptrack.datafile import store as storage
from triptrack.datafile.schema import stop_data
from triptrack.datafile.splice import insert_list_item
from triptrack.datafile.syntax import dump_block
from triptrack.errors import ConflictError, DataFileError, NotFoundError

OFFICIALS = """officials:
  a:
    name: Official A
    home:
      city: Washington
      country: US
      tz: America/New_York
      lat: 38.9
      lon: -77.04
  b:
    name: Official B  # no home: UTC
"""
plain = st.text(st.sampled_from("abcdefghij XYZ.,;:!?'\"#-()[]éü東京"), min_size=1, max_size=25).filter(
    lambda s: s.strip() == s
)


def _quoted(text: str) -> str:
    return dump_block({"k": text})[3:].rstrip("\n")


def _block(key: str, draw) -> list[str]:
    """A multi-line text in one of YAML's styles."""
    style = draw(st.sampled_from([">-", "|", "|+", ">", "plain"]))
    words = draw(st.lists(plain, min_size=1, max_size=3))
    if style == "plain":
        return [f"    {key}: {_quoted(' '.join(words))}"]
    out = [f"    {key}: {style}"] + [f"      {w}" for w in words]
    if style == "|+":
        out += [""] * draw(st.integers(0, 2))
    return out


@st.composite
def trip_texts(draw, number: int) -> list[str]:
    lines = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["", "  # about the next trip", "", "# at the left margin"])))
    lines.append(f"  t{number}:")
    lines.append(f"    title: {_quoted(draw(line))}")
    lines.append(f"    official: {draw(st.sampled_from(['a', 'b']))}")
    if draw(st.booleans()):
        lines.append("    status: recorded")
    notes_last = draw(st.booleans())
    if not notes_last and draw(st.booleans()):
        lines += _block("notes", draw)
    kind = draw(st.sampled_from(["block", "block", "none", "empty"]))
    if kind == "empty":
        lines.append("    stops: []")
    elif kind == "block":
        lines.append("    stops:")
        for stop in draw(st.lists(stops(), min_size=1, max_size=3)):
            if draw(st.booleans()):
                lines.append("      # a comment between stops")
            item = dump_block(stop_data(stop)).rstrip("\n").split("\n")
            lines += ["      - " + item[0]] + ["        " + rest for rest in item[1:]]
    if notes_last:
        lines += _block("notes", draw)
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["", "    # trailing comment", "  # comment at the trip level"])))
    return lines


@st.composite
def data_files(draw) -> tuple[str, list[str]]:
    count = draw(st.integers(1, 4))
    trips = ["trips:"]
    for number in range(count):
        trips += draw(trip_texts(number))
    body = "\n".join(trips) + "\n"
    head = "# a data file\n\n"
    if draw(st.booleans()):
        text = head + OFFICIALS + "\n" + body
    else:
        text = head + body + OFFICIALS
    if draw(st.booleans()):
        text += draw(st.sampled_from(["# the end\n", "\n\n", "...\n"]))
    return text, [f"t{n}" for n in range(count)]


def _full(source, trip_id, change):
    """The whole-file edit (storage.edit), as editing.run makes it."""
    from triptrack.datafile.splice import trip_node
    from triptrack.edits.common import find_trip

    def whole(document):
        trip = find_trip(document.catalog, trip_id, source.display)
        return change(document.text, trip_node(document.root, trip_id), trip)

    return storage.edit(source, whole).catalog.trips[trip_id]


def _edit(source, trip_id, change):
    return single_trip_edit.edit_trip(source, trip_id, change, whole=lambda: _full(source, trip_id, change))


def _adder(stop):
    placed = []

    def change(text, node, trip):
        placed.append(trip.insertion_index(stop))
        return insert_list_item(text, node, "stops", placed[-1], stop_data(stop))

    return change


def _entry_equals_fresh(path) -> None:
    source = storage.DataSource(path, "test")
    snapshot = parsed_cache.Snapshot(source)
    entry = parsed_cache.Entry.open(snapshot)
    assert entry is not None, "the edit left no usable cache entry"
    document = storage.read_document(source)
    assert entry.catalog() == document.catalog
    fresh = trip_slices.layout(snapshot.raw, document.text, document.root)
    assert {tid: (line, span) for tid, (line, _blob, span) in entry.index()["trips"].items()} == fresh
    expected = [parsed_cache.TripSummary.row(t) for t in document.catalog.trips.values()]
    assert [parsed_cache.TripSummary.row(s) for s in entry.summaries()] == expected
    entry.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=data_files(), stop=stops(), data=st.data())
def test_fast_edit_writes_what_the_full_path_writes(tmp_path_factory, file, stop, data):
    text, trip_ids = file
    folder = tmp_path_factory.mktemp("edit")
    fast, full = folder / "fast.yaml", folder / "full.yaml"
    fast.write_text(text, encoding="utf-8")
    try:
        storage.parse(text, "generated")
    except DataFileError:
        assume(False)
    shutil.copyfile(fast, full)
    trip_id = data.draw(st.sampled_from(trip_ids))
    fast_source, full_source = storage.DataSource(fast, "test"), storage.DataSource(full, "test")
    parsed_cache.load(fast_source).catalog()  # fills the cache, as any command would

    fast_trip = single_trip_edit._fast(fast_source, trip_id, _adder(stop))
    assert fast_trip is not None, "the fast path should have applied"
    full_trip = _full(full_source, trip_id, _adder(stop))
    assert fast.read_bytes() == full.read_bytes()
    assert fast_trip == full_trip
    _entry_equals_fresh(fast)
    # And a second edit right after uses the updated entry.
    again = single_trip_edit._fast(fast_source, trip_id, _adder(stop))
    assert again is not None
    _entry_equals_fresh(fast)


def _file_and_stop(tmp_path, text=None):
    from triptrack.core.localtime import When
    from triptrack.core.model import Place, Stop

    path = tmp_path / "trips.yaml"
    if text is None:
        shutil.copyfile(storage.sample_path(), path)
    else:
        path.write_text(text, encoding="utf-8")
    stop = Stop(Place("Rome", "IT", "Europe/Rome", 41.9, 12.5), When(date(2025, 1, 9), None, "Europe/Rome"))
    return storage.DataSource(path, "test"), stop


def _full_result(tmp_path, text, trip_id, stop) -> bytes:
    other = tmp_path / "other"
    other.mkdir(exist_ok=True)
    path = other / "trips.yaml"
    path.write_text(text, encoding="utf-8")
    _full(storage.DataSource(path, "test"), trip_id, _adder(stop))
    return path.read_bytes()


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: "\ufeff" + t, id="byte-order-mark"),
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("trips:\n", "trips:\n  ? x\n  : {title: X, official: blinken}\n", 1), id="complex-key"),
    ],
)
def test_files_the_fast_path_cannot_slice_take_the_full_path(tmp_path, variant):
    source, stop = _file_and_stop(tmp_path)
    text = variant(storage.sample_path().read_text(encoding="utf-8"))
    source.path.write_text(text, encoding="utf-8", newline="")
    parsed_cache.load(source).catalog()
    assert single_trip_edit._fast(source, "blinken-final", _adder(stop)) is None
    before = source.path.read_bytes()
    _edit(source, "blinken-final", _adder(stop))
    assert source.path.read_bytes() == _full_result(tmp_path, before.decode("utf-8"), "blinken-final", stop)


def test_without_a_cache_entry_the_file_is_parsed_into_the_cache_first(tmp_path, monkeypatch):
    source, stop = _file_and_stop(tmp_path)
    expected = _full_result(tmp_path, source.path.read_text(encoding="utf-8"), "blinken-final", stop)
    assert parsed_cache.Entry.open(parsed_cache.Snapshot(source)) is None
    assert single_trip_edit._fast(source, "blinken-final", _adder(stop)) is None
    monkeypatch.setattr(storage, "edit", lambda *a: pytest.fail("the whole-file edit ran"))
    trip = _edit(source, "blinken-final", _adder(stop))
    assert [s.city for s in trip.stops][-1] == "Rome"
    assert source.path.read_bytes() == expected
    _entry_equals_fresh(source.path)


def test_an_unknown_trip_is_named_like_the_full_path_names_it(tmp_path):
    source, stop = _file_and_stop(tmp_path)
    before = digest(source.path)
    with pytest.raises(NotFoundError) as full:
        _full(source, "blinken-fina", _adder(stop))
    parsed_cache.load(source).catalog()
    with pytest.raises(NotFoundError) as fast:
        single_trip_edit._fast(source, "blinken-fina", _adder(stop))
    assert str(fast.value) == str(full.value) and "did you mean blinken-final" in str(fast.value)
    assert digest(source.path) == before


def test_an_edit_that_does_not_validate_is_reported_with_whole_file_line_numbers(tmp_path):
    source, _stop = _file_and_stop(tmp_path)
    parsed_cache.load(source).catalog()
    before = digest(source.path)

    def breaks(text, node, trip):
        return text.replace("official: blinken", "official: nobody", 1)

    with pytest.raises(DataFileError) as raised:
        _edit(source, "blinken-final", breaks)
    with pytest.raises(DataFileError) as expected:
        storage.edit(source, lambda doc: doc.text.replace("official: blinken", "official: nobody", 1))
    line = source.path.read_text(encoding="utf-8").split("\n").index("    official: blinken") + 1
    assert str(raised.value) == str(expected.value)
    assert f" line {line}: trips.blinken-final.official: no official 'nobody'" in str(raised.value)
    assert digest(source.path) == before


def test_a_change_made_meanwhile_is_a_conflict_and_nothing_is_written(tmp_path):
    source, stop = _file_and_stop(tmp_path)
    parsed_cache.load(source).catalog()
    adder = _adder(stop)
    meanwhile = source.path.read_text(encoding="utf-8") + "# edited by someone else\n"

    def change(text, node, trip):
        source.path.write_text(meanwhile, encoding="utf-8")  # another program, ignoring the lock
        return adder(text, node, trip)

    with pytest.raises(ConflictError, match="changed while it was being edited"):
        single_trip_edit._fast(source, "blinken-final", change)
    assert source.path.read_text(encoding="utf-8") == meanwhile
