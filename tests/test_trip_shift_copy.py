"""`trip shift` and `trip copy` (issue 14, part 5), end to end through the CLI."""

from __future__ import annotations

from datetime import date, time

import pytest
from conftest import digest
from extra_trips import APIA, NEW_YORK, PARIS, SYDNEY, add_trips, stop, trip
from hypothesis import given
from hypothesis import strategies as st
from test_manage_commands import refused_and_unchanged

from triptrack.core.localtime import When
from triptrack.datafile.store import DataSource, load
from triptrack.edits.trip_dates import parse_shift, shift_when
from triptrack.errors import InputError


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def times(trip) -> list[str]:
    out = [t.text() for t in (trip.leaves, trip.returns) if t]
    for s in trip.stops:
        out += [s.arrive.text()] + ([s.depart.text()] if s.depart else [])
    return out + [o.when.text() for o in trip.obligations]


def test_shift_moves_stops_leaves_returns_and_obligations_keeping_wall_times(cli, data_file):
    add_trips(data_file, trip("timed", stop(PARIS, "2025-03-28 09:00", "2025-03-31 18:30"),
                              leaves="2025-03-27 20:00", returns="2025-04-01 12:00",
                              obligations="- what: Cabinet\n  when: 2025-04-02 10:00"))
    result = ok(cli("trip", "shift", "timed", "+2d"))
    assert result.stdout == ("Shifted trip timed by +2 days (1 stop, leaves/returns, 1 obligation): "
                             f"now Sat 29 Mar 2025 to Thu 3 Apr 2025. Wrote {data_file}.\n")
    moved = load(DataSource(data_file, "test")).trips["timed"]
    assert times(moved) == ["2025-03-29 20:00", "2025-04-03 12:00", "2025-03-30 09:00", "2025-04-02 18:30", "2025-04-04 10:00"]
    # Paris changed to summer time on 30 March: the wall time stays 09:00, the offset follows
    assert moved.stops[0].arrive.aware().utcoffset().total_seconds() == 7200


def test_shift_and_copy_move_written_flight_times_with_the_trip(cli, data_file):
    flown = stop(PARIS, "2025-03-04 08:30", "2025-03-06 12:00") + "\n  travel: air AF11 2025-03-03 17:40 -> 2025-03-04 07:20"
    add_trips(data_file, trip("flown", flown, leaves="2025-03-03 17:00", returns="2025-03-06 20:00").replace(
        "  returns: 2025-03-06 20:00", "  returns: 2025-03-06 20:00\n  travel_home: air AF12 2025-03-06 13:30 -> 2025-03-06 15:50"))
    assert cli("check", "flown").stdout == ""
    ok(cli("trip", "shift", "flown", "+7d"))
    text = data_file.read_text()
    assert "travel: air AF11 2025-03-10 17:40 -> 2025-03-11 07:20\n" in text  # wall times kept, across New York's DST change
    assert "travel_home: air AF12 2025-03-13 13:30 -> 2025-03-13 15:50\n" in text
    assert cli("check", "flown").stdout == ""
    ok(cli("trip", "copy", "flown", "later", "--shift", "+14d"))
    later = load(DataSource(data_file, "test")).trips["later"]
    assert later.stops[0].travel.text() == "air AF11 2025-03-24 17:40 -> 2025-03-25 07:20"
    assert later.travel_home.text() == "air AF12 2025-03-27 13:30 -> 2025-03-27 15:50"
    assert cli("check", "later").stdout == ""


def test_a_flight_written_with_a_folds_offset_moves_to_its_wall_time(cli, data_file):
    """The offset chose one of 1 November's two 01:00s; a week later there is one: it was kept,
    and the shift refused ('is at -05:00 then, not -04:00')."""
    flown = stop(NEW_YORK, "2025-11-02 09:00") + "\n  travel: air AC1 2025-11-02 01:00-04:00 -> 2025-11-02 02:30-05:00"
    add_trips(data_file, trip("fold", flown))
    ok(cli("trip", "shift", "fold", "+7d"))
    assert "travel: air AC1 2025-11-09 01:00 -> 2025-11-09 02:30\n" in data_file.read_text()


def test_shift_back_restores_the_file_byte_for_byte(cli, data_file):
    original = data_file.read_bytes()
    ok(cli("trip", "shift", "blinken-final", "+1w"))
    assert data_file.read_bytes() != original
    ok(cli("trip", "shift", "blinken-final", "-7d"))  # a negative shift is the argument, not an option
    assert data_file.read_bytes() == original


def test_shift_into_a_dst_gap_is_refused_naming_the_stop(cli, data_file):
    add_trips(data_file, trip("gap", stop(PARIS, "2025-03-27 10:00"), stop(NEW_YORK, "2025-03-07 02:30")))
    before = digest(data_file)
    result = cli("trip", "shift", "gap", "+2d")
    assert result.exit_code == 1
    assert result.stderr == (
        "triptrack: error: stop 2 (New York)'s arrival cannot move by +2 days: 2025-03-09 02:30 does not exist in "
        "America/New_York (the clocks skip it for daylight saving time); give the real time, e.g. 03:30, or an "
        "explicit UTC offset; nothing was written\n"
    )
    assert digest(data_file) == before


def test_shift_into_a_fold_is_refused(cli, data_file):
    add_trips(data_file, trip("fold", stop(SYDNEY, "2025-04-05 02:30")))
    before = digest(data_file)
    result = cli("trip", "shift", "fold", "+1d")
    assert result.exit_code == 1 and "happens twice in Australia/Sydney" in result.stderr
    assert digest(data_file) == before


def test_a_date_only_stop_cannot_land_on_a_skipped_day(cli, data_file):
    add_trips(data_file, trip("apia", stop(APIA, "2011-12-29")))
    result = cli("trip", "shift", "apia", "+1d")
    assert result.exit_code == 1 and "would fall on 2011-12-30, a day Pacific/Apia skipped" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("trip", "shift", "blinken-final", "+2x"), "shift '+2x': give whole days or weeks with a sign, e.g. +2d, -1d or +1w"),
    (("trip", "shift", "blinken-final", "0d"), "shift '0d' moves nothing"),
    (("trip", "shift", "nowhere", "+1d"), "no trip 'nowhere'"),
    (("trip", "copy", "blinken-final", "x", "--shift", "soon"), "--shift 'soon': give whole days"),
    (("trip", "copy", "blinken-final", "x", "--start", "2026-13-01"), "--start '2026-13-01': give a day as YYYY-MM-DD"),
    (("trip", "copy", "blinken-final", "x", "--start", "2026-01-01", "--shift", "+1d"), "give --shift or --start, not both"),
    (("trip", "copy", "blinken-final", "blinken-final-record"), "trip 'blinken-final-record' already exists"),
    (("trip", "copy", "blinken-final", "Bad Id"), "trip id 'Bad Id': use lowercase letters"),
    # past the years triptrack takes, a date-only time (leaves) or an exact one (a stop of the record)
    (("trip", "shift", "blinken-final", "+73000d"),
     "trip blinken-final's leaves cannot move by +73000 days: '2224-11-18': the year 2224 is out of range"),
    (("trip", "shift", "blinken-final-record", "-90000d"),
     "stop 1 (Seoul)'s arrival cannot move by -90000 days: '1778-08-09': the year 1778 is out of range"),
    (("trip", "copy", "blinken-final", "x", "--start", "2250-01-01"), "the year 2250 is out of range (triptrack takes 1800 to 2200)"),
    (("trip", "shift", "undated", "+2d"), "trip undated has no times to shift (no stops, leaves, returns or obligations)"),
])
def test_bad_shifts_and_copies_are_refused_and_nothing_is_written(cli, data_file, args, message):
    ok(cli("trip", "new", "undated", "--title", "No dates yet", "--official", "blinken"))
    refused_and_unchanged(cli, data_file, args, message)


def test_copy_with_start_makes_a_plan_without_sources_or_refs(cli, data_file):
    result = ok(cli("trip", "copy", "blinken-final-record", "tour-2026", "--start", "2026-01-06"))
    assert result.stdout.startswith("Copied trip blinken-final-record to tour-2026 (5 stops, 1 obligation, moved by +365 days, "
                                    "status planned): Tue 6 Jan 2026 to Sat 10 Jan 2026.")
    catalog = load(DataSource(data_file, "test"))
    copy, original = catalog.trips["tour-2026"], catalog.trips["blinken-final-record"]
    assert copy.status == "planned" and copy.sources == [] and all(s.ref == "" for s in copy.stops)
    assert [s.meetings for s in copy.stops] == [s.meetings for s in original.stops]
    assert [s.arrive.day.isoformat() for s in copy.stops] == ["2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09", "2026-01-10"]
    assert "tour-2026" in ok(cli("list")).stdout
    ok(cli("validate"))


def test_copy_with_shift_and_unmoved(cli, data_file):
    ok(cli("trip", "copy", "blinken-final", "again", "--shift", "-1w"))
    ok(cli("trip", "copy", "blinken-final", "same"))
    catalog = load(DataSource(data_file, "test"))
    assert times(catalog.trips["again"]) == ["2024-12-29", "2025-01-02", "2024-12-30", "2024-12-30", "2024-12-31",
                                             "2024-12-31", "2025-01-01", "2025-01-01", "2025-01-02 10:00"]
    assert times(catalog.trips["same"]) == times(catalog.trips["blinken-final"])


def test_shift_is_undone_by_undo(cli, data_file):
    original = data_file.read_bytes()
    ok(cli("trip", "shift", "blinken-final", "+3d"))
    ok(cli("undo"))
    assert data_file.read_bytes() == original


@given(st.integers(-400, 400))
def test_parse_shift_reads_signed_days_and_weeks(days):
    assert parse_shift(f"{days:+d}d") == days
    assert parse_shift(f"{days:+d}w") == 7 * days


@given(st.dates(date(1990, 1, 1), date(2040, 1, 1)), st.integers(-60, 60),
       st.sampled_from(["Europe/Paris", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]), st.integers(0, 23))
def test_shift_keeps_the_wall_time_or_refuses(day, days, tz, hour):
    when = When(day, time(hour, 30), tz)
    try:
        moved = shift_when(when, days, "x")
    except InputError as exc:
        assert "does not exist" in str(exc) or "happens twice" in str(exc)
        return
    assert (moved.day - day).days == days and moved.at == when.at and moved.tz == tz
    assert not moved.ambiguous()
