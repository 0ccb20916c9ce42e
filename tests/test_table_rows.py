"""Drawing only the changed rows of the trip list gives exactly what Rich draws whole."""

from __future__ import annotations

import io
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from test_roundtrip import line

from triptrack.core.model import Catalog, Official
from triptrack.datafile.parsed_cache import TripSummary
from triptrack.render.table_rows import draw_table
from triptrack.render.trip_table import trips_table

words = st.one_of(line, st.sampled_from(["Washington", "東京 Tōkyō", "Ünïcode", "a" * 40, "x y z", "🙂 ok"]))


@st.composite
def summaries(draw, number: int):
    first = draw(st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 1, 1))))
    last = None if first is None else draw(st.dates(min_value=first, max_value=date(2031, 1, 1)))
    cities = tuple(draw(st.lists(words, max_size=5)))
    return TripSummary(f"trip-{number}", draw(words), draw(st.sampled_from(["a", "b", "gone"])), first, last, cities)


def _rich(table, width, color) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=color, force_terminal=bool(color), highlight=False).print(table)
    return out.getvalue()


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    count=st.integers(1, 12),
    width=st.integers(30, 160),
    color=st.sampled_from([None, "standard", "truecolor"]),
)
def test_drawing_changed_rows_only_equals_drawing_all(data, count, width, color):
    catalog = Catalog(officials={"a": Official("a", "Antony J. Blinken"), "b": Official("b", "東京 Official")})
    trips = [data.draw(summaries(n)) for n in range(count)]
    console = Console(file=io.StringIO(), width=width, color_system=color, force_terminal=bool(color), highlight=False)
    memory: dict = {}
    assert draw_table(console, trips_table(catalog, trips, width), memory) == _rich(trips_table(catalog, trips, width), width, color)
    # An edit: some trips change, one goes, one comes; the rest are reused from memory.
    for index in data.draw(st.lists(st.integers(0, count - 1), max_size=3)):
        trips[index] = data.draw(summaries(index))
    if data.draw(st.booleans()):
        trips.pop(0)
    trips.append(data.draw(summaries(count)))
    again = trips_table(catalog, trips, width)
    assert draw_table(console, again, memory) == _rich(trips_table(catalog, trips, width), width, color)
