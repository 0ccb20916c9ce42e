"""`triptrack timeline`: one row per home-zone day, travelling as bars, at 60, 80 and 160 columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import digest, invoke
from extra_trips import APIA, BOSTON, NEW_YORK, PARIS, add_trips, stop, trip

from triptrack.core import timeline
from triptrack.core.trip_days import trip_length
from triptrack.datafile import store as storage

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "trips.yaml"


def run_at(cli, width: int, *args: str):
    return invoke(["--data", str(cli.data), *args], env={"COLUMNS": str(width), "NO_COLOR": "1"})


def row(out: str, day: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(day))


def notes(out: str, day: str) -> str:
    """The day's 'Times · obligations' cell, its wrapped lines joined."""
    lines = out.splitlines()
    column = next(line for line in lines if "Times · obligations" in line).index("Times · obligations")
    start = lines.index(row(out, day))
    cell = [lines[start][column:]]
    for line in lines[start + 1:]:
        if line[:3].strip() or not line.strip():
            break
        cell.append(line[column:])
    return " ".join(" ".join(cell).split())


@pytest.fixture
def rome(cli):
    result = cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00")
    assert result.exit_code == 0, result.output
    return cli


def test_the_plan_day_by_day_in_washington_time(cli):
    out = run_at(cli, 80, "timeline", "blinken-final").stdout
    assert "Days in Washington time (America/New_York); times local at each place" in out
    assert [line[:32].rstrip() for line in out.splitlines() if line[:3] in ("Sun", "Mon", "Tue", "Wed", "Thu")] == [
        "Sun 5 Jan   Washington → Seoul",
        "Mon 6 Jan   Seoul → Tokyo",
        "Tue 7 Jan   Tokyo → Paris",
        "Wed 8 Jan   Paris → Washington",
        "Thu 9 Jan   Washington",
    ]
    # Left Tokyo on the 7th, reached Paris on the 8th: surely in the air 10:00-18:00 EST on the 7th.
    assert "·········━━━━━━━━━······" in row(out, "Tue 7 Jan")
    assert "··········◆·············" in row(out, "Thu 9 Jan")  # the funeral at 10:00


def test_rome_shows_the_funeral_missed_mid_journey(rome):
    out = run_at(rome, 160, "timeline", "blinken-final").stdout
    thursday = row(out, "Thu 9 Jan")
    assert "Rome → Washington" in thursday
    # 160 columns: half an hour a mark. On the way from Paris until Rome at 12:00 EST, then home until 19:17.
    assert "━" * 20 + "◆" + "━" * 18 + "·········" in thursday
    assert notes(out, "Thu 9 Jan") == (
        "arr Rome 18:00 CET ◆ 10:00 EST State funeral of former President Jimmy Carter ✗ missed by 9 h 17 min at best"
    )


@pytest.mark.parametrize("width, marks", [(60, 12), (80, 24), (160, 48)])
def test_fits_the_terminal_and_grows_with_it(rome, width, marks):
    result = run_at(rome, width, "timeline", "blinken-final")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert sum(line[:9] in ("Sun 5 Jan", "Mon 6 Jan", "Tue 7 Jan", "Wed 8 Jan", "Thu 9 Jan") for line in lines) == 5
    thursday = row(result.stdout, "Thu 9 Jan")
    strip = next(part for part in thursday.split() if "◆" in part)
    assert len(strip) == marks
    assert f"one mark = {'2 h' if marks == 12 else '1 h' if marks == 24 else '30 min'}" in result.stdout


def test_a_dst_gap_day_has_23_hours_and_an_empty_hour(cli, data_file):
    add_trips(data_file, trip("spring", stop(NEW_YORK, "2025-03-08", "2025-03-09 01:30"), stop(BOSTON, "2025-03-09 03:45")))
    out = run_at(cli, 120, "timeline", "spring").stdout
    # 01:00-02:00 travelling, 02:00-03:00 does not exist, 03:00-04:00 travelling.
    assert " ━ ━  " in row(out, "Sun 9 Mar")
    assert notes(out, "Sun 9 Mar") == "dep New York 01:30 EST arr Boston 03:45 EDT clocks go forward: 23 h day"


def test_a_dst_fold_day_has_25_hours(cli, data_file):
    add_trips(data_file, trip("autumn", stop(NEW_YORK, "2025-11-01", "2025-11-02 01:10-04:00"), stop(BOSTON, "2025-11-02 01:50-05:00")))
    out = run_at(cli, 120, "timeline", "autumn").stdout
    assert notes(out, "Sun 2 Nov") == "dep New York 01:10 EDT arr Boston 01:50 EST clocks go back: 25 h day"


def test_paris_days_in_paris_time_on_its_dst_change(cli, data_file):
    add_trips(data_file, trip("paris-spring", stop(PARIS, "2025-03-29", "2025-03-31")))
    out = run_at(cli, 120, "timeline", "paris-spring", "--tz", "Europe/Paris").stdout
    assert "Days in Europe/Paris time" in out
    assert notes(out, "Sun 30 Mar") == "clocks go forward: 23 h day"


def test_a_day_samoa_skipped_is_shown_as_missing(cli, data_file):
    add_trips(data_file, trip("samoa", stop(APIA, "2011-12-29", "2011-12-31")))
    out = run_at(cli, 120, "timeline", "samoa", "--tz", "Pacific/Apia").stdout
    assert notes(out, "Fri 30 Dec") == "this day did not happen in Pacific/Apia"
    assert row(out, "Thu 29 Dec") and row(out, "Sat 31 Dec")


def test_kathmandu_time_and_utc(rome):
    out = run_at(rome, 120, "timeline", "blinken-final", "--tz", "Asia/Kathmandu").stdout
    assert "Days in Asia/Kathmandu time; times in Asia/Kathmandu time" in out
    assert "arr Rome 22:45 +0545" in row(out, "Thu 9 Jan")
    assert "◆ 20:45 +0545 State funeral" in out
    utc = run_at(rome, 120, "timeline", "blinken-final", "--tz", "utc").stdout
    assert "arr Rome 17:00 UTC" in utc and "◆ 15:00 UTC State funeral" in utc


def test_bad_zone_and_absurd_span_are_refused(cli, data_file):
    add_trips(data_file, trip("typo", stop(PARIS, "2025-01-07", "2052-01-08")))
    before = digest(data_file)
    bad = cli("timeline", "blinken-final", "--tz", "Mars/Olympus")
    assert bad.exit_code == 1
    assert bad.stderr.strip() == (
        "triptrack: error: --tz 'Mars/Olympus': use home, local, UTC or an IANA time zone such as Europe/Paris"
    )
    long = cli("timeline", "typo")
    assert long.exit_code == 1
    assert long.stderr.strip() == (
        "triptrack: error: trip 'typo' runs from 2025-01-07 to 2052-01-08: too many days for a timeline (at most 400); "
        "is a year mistyped?"
    )
    assert digest(data_file) == before


def test_date_only_stops_keep_their_own_dates_in_any_zone():
    catalog = storage.load(storage.DataSource(SAMPLE, "test"))
    plan, record = catalog.trips["blinken-final"], catalog.trips["blinken-final-record"]
    assert trip_length(plan) == 5  # Sun 5 to Thu 9 January, both counted
    # The record starts in Seoul on the 6th and ends at the Vatican on the 10th, in any view's zone.
    for tz in ("America/New_York", "Asia/Seoul", "Pacific/Kiritimati", "Pacific/Pago_Pago"):
        assert timeline.span(record, tz) == (date(2025, 1, 6), date(2025, 1, 10))
    assert trip_length(record) == 5
    days = timeline.build(catalog, record, "America/New_York").days
    assert [(d.day.day, d.places[0]) for d in days] == [(6, "Seoul"), (7, "Tokyo"), (8, "Paris"), (9, "Rome"), (10, "Rome")]


def test_timeline_data_for_the_plan():
    catalog = storage.load(storage.DataSource(SAMPLE, "test"))
    days = timeline.build(catalog, catalog.trips["blinken-final"], "America/New_York")
    assert [d.day.day for d in days.days] == [5, 6, 7, 8, 9]
    assert days.days[-1].obligations[0].status == "met"
    assert all(d.hours == 24 for d in days.days)
    marks = timeline.strip(days, days.days[2], 24)
    assert marks[9:18] == [timeline.TRAVEL] * 9 and marks[0] == timeline.MAYBE


def test_a_day_of_two_departures_names_each_place_once_in_order(cli, data_file):
    """Paris 09:00 -> Boston 10:30, 14:00 -> New York 15:30, the same day: the places were
    Paris -> Boston -> New York -> Boston -> New York (each departure added its destination again)."""
    add_trips(data_file, trip("busy", stop(PARIS, "2025-05-05 08:00", "2025-05-06 09:00"),
                              stop(BOSTON, "2025-05-06 10:30", "2025-05-06 14:00"), stop(NEW_YORK, "2025-05-06 15:30", "2025-05-07 09:00"),
                              stop(BOSTON, "2025-05-07 11:00")))
    catalog = storage.load(storage.DataSource(data_file, "test"))
    days = {d.day.day: d.places for d in timeline.build(catalog, catalog.trips["busy"], "Europe/Paris").days}
    assert days[6] == ["Paris", "Boston", "New York"]
    assert days[7][:2] == ["New York", "Boston"]  # back to a place seen the day before: named again, once
