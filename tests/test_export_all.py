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


def test_ics_zones_are_right_for_every_trip_however_far_apart(cli, data_file):
    """One trip's zone definition covers its own year: --all kept the first trip's, so a Paris
    event a year later was read an hour off by a client that uses the file's definitions."""
    from datetime import datetime, timedelta

    from extra_trips import PARIS, add_trips, stop, trip
    from icalendar import Calendar

    add_trips(data_file, trip("spring-2026", stop(PARIS, "2026-04-10 10:00", "2026-04-11 09:00"), version_of=None))
    add_trips(data_file, trip("winter-2025", stop(PARIS, "2025-01-10 10:00", "2025-01-11 09:00"), version_of=None))
    text = cli("export", "--all", "--search", "Test trip", "-f", "ics").stdout
    calendar = Calendar.from_ical(text)
    (paris,) = [zone for zone in calendar.walk("VTIMEZONE") if str(zone["TZID"]) == "Europe/Paris"]
    defined = paris.to_tz()
    starts = [e["DTSTART"].dt for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Paris")]
    offsets = sorted(start.replace(tzinfo=None).replace(tzinfo=defined).utcoffset() for start in starts)
    assert offsets == [timedelta(hours=1), timedelta(hours=2)]
    assert datetime(2026, 4, 10, 10).replace(tzinfo=defined).utcoffset() == timedelta(hours=2)


def test_csv_of_many_trips_marks_the_cells_it_guards_and_round_trips(cli, data_file, tmp_path):
    from extra_trips import add_trips, trip

    add_trips(data_file, trip("guarded", "- city: \"'s-Hertogenbosch\"\n  country: NL\n  tz: Europe/Amsterdam\n  arrive: 2025-02-01\n"
                                         "  topics: ['=1 more thing']", version_of=None))
    text = cli("export", "--all", "--search", "Test trip", "-f", "csv").stdout
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[-1] == "formula_guard" and rows[0][-1] == "true"
    assert rows[0][2] == "''s-Hertogenbosch" and rows[0][7] == "'=1 more thing"
    single = tmp_path / "one.csv"
    single.write_text(text, encoding="utf-8", newline="")
    empty = tmp_path / "empty.yaml"
    assert cli("init", str(empty), "--empty").exit_code == 0
    assert cli("official", "new", "blinken", "--name", "B", "--home", "Washington", "--home-country", "US", data=empty).exit_code == 0
    assert cli("import", "csv", str(single), data=empty).exit_code == 0
    back = json.loads(cli("show", "guarded", "--json", data=empty).stdout)
    assert back["stops"][0]["city"] == "'s-Hertogenbosch" and back["stops"][0]["topics"] == ["=1 more thing"]
