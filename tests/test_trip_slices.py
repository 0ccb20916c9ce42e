"""Parsing one trip at a time gives exactly the whole-file parse, or declines.

For random files, `trip_slices.parse` must return the same catalog (line numbers
included) and the same byte ranges as composing the whole file, or None; on layouts
it cannot cut safely it must decline rather than guess.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from test_single_trip_edit import OFFICIALS, data_files

from triptrack.datafile import store as storage
from triptrack.datafile import trip_slices
from triptrack.errors import DataFileError


def _whole(text: str):
    root, catalog = storage.parse(text, "t")
    return catalog, trip_slices.layout(text.encode("utf-8"), text, root)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=data_files())
def test_parsing_by_trip_equals_parsing_whole(file):
    text, _ids = file
    try:
        expected = _whole(text)
    except DataFileError:
        assume(False)
    found = trip_slices.parse(text, "t")
    if "\n...\n" not in text:  # a document end marker is declined; all else here is the usual layout
        assert found is not None, "this layout is the usual one: it should be parsed by trip"
    assert found is None or found == expected


def test_the_sample_is_parsed_by_trip():
    text = storage.sample_path().read_text(encoding="utf-8")
    assert trip_slices.parse(text, "t") == _whole(text)


TRIP = "  t1:\n    title: One\n    official: a\n"


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        pytest.param(OFFICIALS + "trips:\n" + TRIP + '  t2:\n    title: "two\n  t3: still two"\n    official: a\n', "declined", id="quoted-text-over-a-key-line"),
        pytest.param(OFFICIALS + "trips:\n  t1: {title: One, official: a}\n", "declined", id="trip-on-its-key-line"),
        pytest.param(OFFICIALS + "trips: {t1: {title: One, official: a}}\n", "declined", id="flow-trips"),
        pytest.param(OFFICIALS + "trips:\n" + TRIP + " stray: line\n", "declined", id="less-indented-line"),
        pytest.param(OFFICIALS + "trips:\n" + TRIP + TRIP, "declined", id="duplicate-trip"),
        pytest.param(OFFICIALS + "trips:\n" + TRIP + "extra: top-level key\n", "declined", id="unknown-top-level-key"),
        pytest.param("---\n" + OFFICIALS + "trips:\n" + TRIP, "declined", id="document-marker"),
        pytest.param(OFFICIALS + "trips:\n" + TRIP + "    official: b\n", "declined", id="duplicate-field"),
        pytest.param(OFFICIALS + 'trips:\n  "t1":\n    title: One\n    official: a\n', "declined", id="quoted-key"),
        pytest.param(OFFICIALS + "trips:\n" + TRIP.replace("official: a", "official: nobody"), "declined", id="invalid-trip"),
        pytest.param(OFFICIALS.replace("  a:", "  &x a:") + "trips:\n" + TRIP, "parsed", id="anchor-on-an-official"),
    ],
)
def test_unusual_or_invalid_layouts_are_declined_or_parsed_right(text, outcome):
    try:
        expected = _whole(text)
    except DataFileError:
        expected = None
    found = trip_slices.parse(text, "t")
    if outcome == "declined":
        assert found is None  # an invalid file is never accepted piece by piece; an odd layout is not cut
    else:
        assert expected is not None and found == expected  # parsed, and exactly as the whole file is


def test_a_file_without_trips_or_with_only_comments_under_trips():
    assert trip_slices.parse(OFFICIALS, "t") is None  # no trips section: parsed whole
    text = OFFICIALS + "trips:\n  # none yet\n\n"
    assert trip_slices.parse(text, "t") == _whole(text)
