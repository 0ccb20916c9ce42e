"""The map: great-circle arcs cut at a meridian, the terminal drawing and the SVG (issue 15)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import PINNED_ENV, Cli, digest, invoke
from hostile_trips import SCRIPT_CITY, write_hostile
from hypothesis import example, given
from hypothesis import strategies as st

from triptrack.core.geo import distance_km
from triptrack.maps.geometry import great_circle, split_at, view_around

lons = st.floats(-180, 180, allow_nan=False)
lats = st.floats(-90, 90, allow_nan=False)
positions = st.tuples(lons, lats)


@given(positions, positions)
@example((0.0, 90.0), (0.0, -90.0))  # pole to pole: antipodes, starting where "over the nearer pole" is no way
@example((10.0, -90.0), (170.0, 90.0))
@example((-77.0, 38.9), (103.0, -38.9))  # antipodes elsewhere
def test_a_great_circle_arc_is_the_shortest_way(start, end):
    arc = great_circle(start, end)
    assert arc[0] == start and arc[-1] == end
    along = sum(distance_km(a[1], a[0], b[1], b[0]) for a, b in zip(arc, arc[1:]))
    direct = distance_km(start[1], start[0], end[1], end[0])
    assert along <= direct + 1.0  # every point lies on the shortest path, none off it


@given(positions, positions, st.sampled_from([180.0, 30.0, -100.0]))
@example((180.0, 0.0), (0.0, 1.0), 180.0)  # 179.99999999999994 then 180: a rounding step, not a crossing
def test_split_pieces_never_jump_across_the_map(start, end, cut):
    pieces = split_at(great_circle(start, end), cut)
    for piece in pieces:
        for lon, _ in piece:
            assert cut - 360 <= lon <= cut
        for a, b in zip(piece, piece[1:]):
            assert abs(a[0] - b[0]) <= 180  # more would be a line across the whole map (180: over a pole)
    for before, after in zip(pieces, pieces[1:]):  # consecutive pieces meet on the cut, at one latitude
        assert {before[-1][0], after[0][0]} == {cut, cut - 360}
        assert abs(before[-1][1] - after[0][1]) < 1e-9


def test_washington_to_seoul_crosses_the_date_line_over_the_arctic():
    arc = great_circle((-77.036, 38.895), (126.978, 37.566))
    assert max(lat for _, lat in arc) > 65  # a plane's way, far north of either city
    pieces = split_at(arc, 180.0)
    assert len(pieces) == 2 and pieces[0][-1][0] == -180.0 and pieces[1][0][0] == 180.0


def test_a_view_of_asia_is_centred_on_asia_not_cut_through_it():
    view = view_around([(126.978, 37.566), (139.692, 35.69), (174.0, -41.0), (-157.0, 21.0)])
    assert view.west < 126.978 and view.east > 203.0  # Hawaii at 203 = -157 + 360: one piece
    assert view.east - view.west < 180


def test_geojson_route_is_cut_at_the_180th_meridian(cli):
    doc = json.loads(cli("export", "blinken-final", "--format", "geojson").stdout)
    route = doc["features"][-1]["geometry"]
    assert route["type"] == "MultiLineString" and len(route["coordinates"]) == 2
    assert route["coordinates"][0][-1][0] == -180 and route["coordinates"][1][0][0] == 180


def _map(cli: Cli, *args: str, columns: int, **env: str):
    argv = ["--data", str(cli.data), "map", *args]
    return invoke(argv, env={**PINNED_ENV, "COLUMNS": str(columns), **env}, catch_exceptions=False)


def test_terminal_map_fits_80_and_60_columns_with_every_stop(cli):
    for columns in (80, 60):
        result = _map(cli, "blinken-final-record", columns=columns)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert all(len(line) <= columns for line in lines), columns
        rows = [line for line in lines if re.search("[\u2801-\u28ff]", line)]  # the map: braille dots
        assert 8 <= len(rows) <= 22
        drawing = "\n".join(rows)
        for label in ("H", "1", "2", "3", "4", "5"):
            assert label in drawing
        legend = " ".join(lines[1 + len(rows):])
        for city in ("Washington (home)", "Seoul", "Tokyo", "Paris", "Rome", "Vatican"):
            assert city in legend
        assert "\x1b[" not in result.stdout  # NO_COLOR: no colour codes


def test_terminal_map_has_colour_unless_no_color(cli):
    env = {key: value for key, value in PINNED_ENV.items() if key != "NO_COLOR"}
    coloured = invoke(
        ["--data", str(cli.data), "map", "blinken-final"], env={**env, "NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    )
    assert coloured.exit_code == 0 and "\x1b[" in coloured.stdout


def test_svg_map_is_well_formed_with_a_numbered_disc_per_stop(cli, tmp_path):
    target = tmp_path / "route.svg"
    result = cli("map", "blinken-final", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"to {target}" in result.stderr
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for expected in ("1", "2", "3", "H", "Seoul", "Tokyo", "Paris", "Washington (home)"):
        assert expected in texts
    paths = [p.get("d") for p in root.iter("{http://www.w3.org/2000/svg}path")]
    assert len(paths) == 2 and paths[1].count("M") == 5  # four legs; Washington -> Seoul cut in two


def test_names_that_are_markup_stay_text_in_the_svg_and_the_terminal(tmp_path):
    cli = Cli(write_hostile(tmp_path))
    target = tmp_path / "hostile.svg"
    result = cli("map", "hostile", "-o", str(target))
    assert result.exit_code == 0, result.output
    svg = target.read_text(encoding="utf-8")
    assert "<script" not in svg and "<i>" not in svg
    root = ET.fromstring(svg)  # still well-formed XML
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert SCRIPT_CITY in texts
    assert "Not on the map (no coordinates): 2. Nowhere & Co." in texts
    shown = cli("map", "hostile")
    assert SCRIPT_CITY in shown.stdout and "Tom & Jerry's <i>trip</i>" in shown.stdout


def test_a_trip_without_coordinates_draws_the_world_and_says_why(tmp_path):
    cli = Cli(write_hostile(tmp_path))
    result = cli("map", "unplaced")
    assert result.exit_code == 0
    assert "Nothing of unplaced could be placed on the map: no coordinates for Nowhere (home), 1. Atlantis." in " ".join(
        result.stdout.split()
    )
    target = tmp_path / "unplaced.svg"
    assert cli("map", "unplaced", "-o", str(target)).exit_code == 0
    assert "no coordinates for Nowhere (home), 1. Atlantis" in target.read_text(encoding="utf-8")


def test_bad_map_requests(cli, data_file, tmp_path):
    before = digest(data_file)
    wrong = cli("map", "blinken-final", "-o", str(tmp_path / "route.png"))
    assert wrong.exit_code == 2 and "give a file ending in .svg" in wrong.output
    assert not (tmp_path / "route.png").exists()
    missing = cli("map", "blinken-fnial")
    assert missing.exit_code == 1 and missing.stderr.startswith("triptrack: error: ") and "blinken-final" in missing.stderr
    unwritable = cli("map", "blinken-final", "-o", str(tmp_path / "no-such-folder" / "route.svg"))
    assert unwritable.exit_code == 1 and "cannot be written" in unwritable.stderr and len(unwritable.stderr.splitlines()) == 1
    assert digest(data_file) == before


def test_the_svg_map_never_replaces_the_data_file_a_fifo_or_a_file_without_force(cli, data_file, tmp_path):
    """-o is checked as export checks it: the data file (named, or through a link), anything but
    a regular file, and a file that exists without --force are refused, in one line."""
    import os

    before = digest(data_file)
    link = tmp_path / "link.svg"
    link.symlink_to(data_file)
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    existing = tmp_path / "slide.svg"
    existing.write_text("mine", encoding="utf-8")
    for target, message in ((link, "that is the data file"), (fifo, "is not a regular file"), (existing, "already exists; add --force")):
        refused = cli("map", "blinken-final", "-o", str(target))
        assert refused.exit_code == 1 and message in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert digest(data_file) == before and existing.read_text(encoding="utf-8") == "mine" and fifo.is_fifo()
    replaced = cli("map", "blinken-final", "-o", str(existing), "--force")
    assert replaced.exit_code == 0 and existing.read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.parametrize("place", [("McMurdo Station", "AQ", "Antarctica/McMurdo", -77.85, 166.67), ("North Pole", "NO", "UTC", 90.0, 0.0)])
def test_a_place_beyond_the_maps_latitudes_is_pinned_to_its_edge_not_drawn_off_it(cli, data_file, tmp_path, place):
    from extra_trips import add_trips, stop, trip

    add_trips(data_file, trip("polar", stop(("Christchurch", "NZ", "Pacific/Auckland", -43.53, 172.63), "2025-02-01"),
                              stop(place, "2025-02-03")))
    target = tmp_path / "polar.svg"
    assert cli("map", "polar", "-o", str(target)).exit_code == 0
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    frame = next(r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("fill") == "#eef3f7")
    top, bottom = float(frame.get("y")), float(frame.get("y")) + float(frame.get("height"))
    for disc in root.iter("{http://www.w3.org/2000/svg}circle"):
        assert 0 < float(disc.get("cx")) < width and top < float(disc.get("cy")) < bottom, disc.attrib
