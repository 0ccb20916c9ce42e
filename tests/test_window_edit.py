"""An edit run on a window of the file (datafile.window) writes exactly what the whole-file edit writes.

Random data files (comments, blank lines, block scalars at the ends of trips, empty and
missing stop lists, officials before or after the trips) get a random edit of a random
trip — a stop inserted, the title set, a stop deleted — once through `storage.edit` with
the trip as focus and once on the whole file; the bytes written must be identical, and
what the index gives for them must equal a whole-file parse.
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_roundtrip import line, stops

from triptrack.datafile import index, splice
from triptrack.datafile import store as storage
from triptrack.datafile.index_rows import summary_row
from triptrack.datafile.paths import sample_path
from triptrack.datafile.pieces import cut
from triptrack.datafile.schema import TRIP_KEYS, stop_data
from triptrack.datafile.syntax import dump_block
from triptrack.datafile.window import Window
from triptrack.errors import DataFileError, InputError

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


def _steps(kind: str, trip_id: str, stop, title: str):
    trip = lambda root: splice.trip_node(root, trip_id)  # noqa: E731
    if kind == "insert":
        return [lambda text, root: splice.insert_item(text, trip(root), "stops", 0, stop_data(stop))]
    if kind == "title":
        return [lambda text, root: splice.set_scalar(text, trip(root), "title", title, TRIP_KEYS)]
    return [lambda text, root: splice.delete_key(text, trip(root), "notes")]


def _edit(path, focus, steps) -> None:
    source = storage.DataSource(path, "test")
    storage.edit(source, lambda document: splice.run_steps(document.text, steps, "test"), focus)


def _index_equals_whole_parse(path) -> None:
    raw = path.read_bytes()
    _root, whole = storage.parse(raw.decode("utf-8"), str(path))
    parsed = index.load(storage.DataSource(path, "test"))
    assert parsed.catalog() == whole
    assert [summary_row(s) for s in parsed.summaries()] == [summary_row(t) for t in whole.trips.values()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=data_files(), stop=stops(), title=plain, kind=st.sampled_from(["insert", "title", "notes"]), data=st.data())
def test_an_edit_on_a_window_writes_what_the_whole_file_edit_writes(tmp_path_factory, file, stop, title, kind, data):
    text, trip_ids = file
    folder = tmp_path_factory.mktemp("edit")
    windowed, whole = folder / "windowed.yaml", folder / "whole.yaml"
    windowed.write_text(text, encoding="utf-8")
    try:
        storage.parse(text, "generated")
    except DataFileError:
        assume(False)
    shutil.copyfile(windowed, whole)
    trip_id = data.draw(st.sampled_from(trip_ids))
    raw = text.encode("utf-8")
    if text.endswith("...\n"):  # a document end marker: the file is not cut, the whole-file edit runs
        assert Window.around(raw, trip_id, cut(raw)) is None
    else:
        assert Window.around(raw, trip_id, cut(raw)) is not None
    steps = _steps(kind, trip_id, stop, title)
    try:
        _edit(whole, None, steps)
    except (InputError, KeyError, ValueError, AttributeError):
        assume(False)  # (a step that does not apply to this trip, e.g. no notes to delete)
    _edit(windowed, trip_id, steps)
    assert windowed.read_bytes() == whole.read_bytes()
    _index_equals_whole_parse(windowed)


def test_a_window_keeps_every_line_where_it_is():
    raw = sample_path().read_bytes()
    window = Window.around(raw, "blinken-final-record", cut(raw))
    assert window.text.count("\n") == raw.count(b"\n")
    lines, window_lines = raw.decode("utf-8").split("\n"), window.text.split("\n")
    kept = [number for number, line in enumerate(window_lines) if line]
    assert kept and all(window_lines[n] == lines[n] for n in kept)
    assert "blinken-final-record:" in window.text and "  blinken-final:" not in window.text


def test_a_change_outside_the_window_is_not_applied_to_the_file():
    raw = sample_path().read_bytes()
    window = Window.around(raw, "blinken-final-record", cut(raw))
    assert window.apply(window.text) == raw  # no change
    assert window.apply(window.text.replace("\n\n\n", "\n\nx: 1\n", 1)) is None  # into the blank lines


def test_an_edit_reaching_another_trip_is_made_on_the_whole_file(tmp_path):
    path = tmp_path / "trips.yaml"
    shutil.copyfile(sample_path(), path)
    steps = _steps("title", "blinken-final", None, "Other title")  # focus names the other trip
    _edit(path, "blinken-final-record", steps)
    assert "title: Other title" in path.read_text(encoding="utf-8")
    _index_equals_whole_parse(path)


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: "\ufeff" + t, id="byte-order-mark"),
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("trips:\n", "trips:\n  ? x\n  : {title: X, official: blinken}\n", 1), id="complex-key"),
    ],
)
def test_files_that_cannot_be_cut_are_edited_whole_with_the_same_result(tmp_path, variant):
    text = variant(sample_path().read_text(encoding="utf-8"))
    windowed, whole = tmp_path / "windowed.yaml", tmp_path / "whole.yaml"
    for path in (windowed, whole):
        path.write_text(text, encoding="utf-8", newline="")
    steps = _steps("title", "blinken-final", None, "Other title")
    _edit(windowed, "blinken-final", steps)
    _edit(whole, None, steps)
    assert windowed.read_bytes() == whole.read_bytes()
    assert windowed.read_bytes().startswith(b"\xef\xbb\xbf") == text.startswith("\ufeff")


def test_an_invalid_result_is_refused_with_the_files_line(tmp_path):
    path = tmp_path / "trips.yaml"
    shutil.copyfile(sample_path(), path)
    before = path.read_bytes()
    trip = lambda root: splice.trip_node(root, "blinken-final")  # noqa: E731
    steps = [lambda text, root: splice.set_scalar(text, trip(root), "official", "nobody", TRIP_KEYS)]
    with pytest.raises(InputError) as refused:
        _edit(path, "blinken-final", steps)
    line = before.decode("utf-8").split("\n").index("    official: blinken") + 1
    assert str(refused.value).startswith(f"refused: after this change line {line}: ")
    assert "no official 'nobody'" in str(refused.value)
    assert path.read_bytes() == before
