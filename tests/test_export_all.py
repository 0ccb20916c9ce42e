"""`export --all`: many trips (or those list's filters choose) in one ICS, CSV, GeoJSON, JSON or Markdown file."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import digest


def test_csv_has_one_header_and_every_trips_rows(cli, tmp_path):
    out = tmp_path / "all.csv"
    result = cli("export", "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote 2 trips (8 stops, csv) to {out}\n"
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0][0] == "trip" and sum(1 for row in rows if row[0] == "trip") == 1
    assert [(row[0], row[2]) for row in rows[1:]] == [
        ("blinken-final", "Seoul"), ("blinken-final", "Tokyo"), ("blinken-final", "Paris"),
        ("blinken-final-record", "Seoul"), ("blinken-final-record", "Tokyo"), ("blinken-final-record", "Paris"),
        ("blinken-final-record", "Rome"), ("blinken-final-record", "Vatican City"),
    ]


def test_ics_holds_every_trips_events_with_their_own_uids_and_each_zone_once(cli, tmp_path):
    from icalendar import Calendar

    assert cli("stop", "edit", "blinken-final", "3", "--arrive", "2025-01-08 09:00", "--depart", "2025-01-08 20:00").exit_code == 0
    cli("export", "--all", "-o", str(tmp_path / "all.ics"))
    cli("export", "blinken-final", "-o", str(tmp_path / "one.ics"))
    cli("export", "blinken-final-record", "-o", str(tmp_path / "two.ics"))
    merged = Calendar.from_ical((tmp_path / "all.ics").read_bytes())
    singles = [Calendar.from_ical((tmp_path / f"{n}.ics").read_bytes()) for n in ("one", "two")]
    uids = lambda cal: sorted(str(e["UID"]) for e in cal.walk("VEVENT"))
    assert uids(merged) == sorted(uids(singles[0]) + uids(singles[1]))
    zones = [str(z["TZID"]) for z in merged.walk("VTIMEZONE")]
    assert sorted(zones) == sorted(set(zones)) and "Europe/Paris" in zones and "America/New_York" in zones


def test_geojson_and_json_and_markdown(cli):
    features = json.loads(cli("export", "--all", "-f", "geojson").stdout)["features"]
    assert {f["properties"]["trip"] for f in features} == {"blinken-final", "blinken-final-record"}
    assert sum(1 for f in features if f["geometry"]["type"] in ("LineString", "MultiLineString")) == 2
    docs = json.loads(cli("export", "--all", "-f", "json").stdout)
    assert [d["id"] for d in docs] == ["blinken-final", "blinken-final-record"]
    md = cli("export", "--all", "-f", "md").stdout
    assert md.startswith("# 2 trips\n\n- `blinken-final`: Final overseas trip as Secretary of State (as announced)\n")
    assert md.count("\n---\n") == 2 and "# Final overseas trip as Secretary of State (as recorded)" in md


def test_the_filters_of_list_choose_the_trips(cli):
    rows = list(csv.reader(io.StringIO(cli("export", "--all", "--search", "vatican").stdout)))
    assert {row[0] for row in rows[1:]} == {"blinken-final-record"}
    rows = list(csv.reader(io.StringIO(cli("export", "--all", "--country", "IT", "--from", "2025-01").stdout)))
    assert {row[0] for row in rows[1:]} == {"blinken-final-record"}


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["export"], "give a TRIP to export, or --all", 2),
        (["export", "--official", "blinken"], "give a TRIP to export, or --all", 2),
        (["export", "blinken-final", "--all"], "give a TRIP or --all, not both", 2),
        (["export", "--all", "--official", "nobody"], "triptrack: error: --official: no official 'nobody'", 1),
        (["export", "--all", "--search", "no such words"], "triptrack: error: no trips in", 1),
        (["export", "--all", "--from", "2025-13"], "triptrack: error: --from '2025-13' is not a date", 1),
    ],
)
def test_bad_input_writes_nothing(cli, tmp_path, args, message, code):
    before = digest(cli.data)
    out = tmp_path / "out.ics"
    result = cli(*args, "-o", str(out))
    assert result.exit_code == code
    assert message in " ".join(result.stderr.replace("│", " ").split())
    assert not out.exists() and digest(cli.data) == before


def test_the_html_briefing_is_for_one_trip_and_all_says_so(cli, data_file, tmp_path):
    before = digest(data_file)
    result = cli("export", "--all", "--format", "html", "-o", str(tmp_path / "all.html"))
    assert result.exit_code == 2 and "--all writes csv, json, ics, geojson or md" in " ".join(result.stderr.replace("│", " ").split())
    assert "Traceback" not in result.output and not (tmp_path / "all.html").exists()
    assert digest(data_file) == before
