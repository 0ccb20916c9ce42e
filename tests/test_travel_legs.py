"""Legs a person can describe: `travel` in the data file, `--travel`/`--by` on the command line."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from conftest import digest
from extra_trips import add_trips, stop, trip
from hypothesis import given
from hypothesis import strategies as st

from triptrack.core.legs import MODES, Travel, parse_travel

WARSAW = ("Warsaw", "PL", "Europe/Warsaw", 52.22977, 21.01178)
RZESZOW = ("Rzeszów", "PL", "Europe/Warsaw", 50.04132, 21.99901)
KYIV = ("Kyiv", "UA", "Europe/Kyiv", 50.45466, 30.5238)


def with_travel(stop_text: str, travel: str) -> str:
    return stop_text + f"\n  travel: {travel}"


numbers = st.sampled_from(["", "UA950", "IC 1234", "SN2093"])
durations = st.integers(1, 3 * 24 * 60).map(lambda m: timedelta(minutes=m))
moments = st.datetimes(datetime(2000, 1, 1), datetime(2040, 1, 1)).map(lambda d: d.replace(second=0, microsecond=0))


offsets = st.one_of(st.none(), st.integers(-12 * 4, 14 * 4).map(lambda q: timedelta(minutes=15 * q)))


@given(st.sampled_from(MODES), numbers, st.one_of(st.none(), durations), st.one_of(st.none(), moments), durations, offsets, offsets)
def test_travel_text_round_trips(mode, number, duration, departs, takes, departs_offset, arrives_offset):
    arrives = departs + takes if departs is not None else None
    timed = departs is not None
    travel = Travel(mode, number, None if timed else duration, departs, arrives,
                    departs_offset if timed else None, arrives_offset if timed else None)
    assert parse_travel(travel.text()) == travel


@pytest.mark.parametrize(
    ("text", "number", "minutes"),
    [("air 7h 40min", "", 460), ("air LH 400 7 h 40", "LH 400", 460), ("rail ICE 9553 08:05", "ICE 9553 08:05", None), ("rail IC 1234 1d 2h", "IC 1234", 1560),
     ("air AF 1 7h", "AF 1", 420), ("air BA 117", "BA 117", None), ("air UA950 40", "UA950 40", None)],
)
def test_a_duration_is_read_with_its_parts_apart_and_a_number_is_never_one(text, number, minutes):
    """'air 7h 40min' was flight '7h' taking 40 min: check passed a 7-hour window. A clock time
    stays what it was ('rail ICE 9553 08:05' is no 8-hour train)."""
    travel = parse_travel(text)
    assert travel.number == number
    assert travel.duration == (timedelta(minutes=minutes) if minutes else None)


def test_a_flight_time_in_a_fold_takes_its_offset():
    travel = parse_travel("air AF1 2025-11-02 01:30-05:00 -> 2025-11-02 08:00").bind("America/New_York", "Europe/Paris")
    assert travel.departs.aware().utcoffset() == timedelta(hours=-5) and travel.departs.fold == 1
    assert travel.takes() == timedelta(minutes=30)  # 06:30Z -> 07:00Z
    with pytest.raises(ValueError, match="happens twice"):
        parse_travel("air AF1 2025-11-02 01:30 -> 2025-11-02 08:00").bind("America/New_York", "Europe/Paris")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("plane 3h", "unknown travel mode 'plane' (use air, road, rail, sea, helicopter)"),
        ("rail -3h", "duration '-3h' is negative"),
        ("rail 0h", "duration '0h' is zero"),
        ("sea 367d", "duration '367d' is longer than a leg can be (at most 366 days)"),
        ("air 1000000000d", "duration '1000000000d' is longer than a leg can be"),  # (past what a timedelta holds)
        ("air 2025-01-08 09:00 -> tomorrow", "the arrival after '->' must be a local time"),
        ("air 7h 2025-01-08 09:00 -> 2025-01-08 10:00", "give a duration or departure and arrival times, not both"),
    ],
)
def test_bad_travel_text_says_what_is_wrong(text, message):
    with pytest.raises(ValueError) as caught:
        parse_travel(text)
    assert message in str(caught.value)


def test_a_written_rail_leg_is_judged_on_its_duration(cli, data_file):
    # Rzeszów -> Kyiv is an overnight train: 9 h 30 min written, 8 h given.
    add_trips(data_file, trip("kyiv", stop(RZESZOW, "2025-03-04", "2025-03-04 20:00"),
                              with_travel(stop(KYIV, "2025-03-05 05:00"), "rail 9h30")))
    result = cli("check", "kyiv")
    assert result.exit_code == 1
    assert "Rzeszów → Kyiv: cannot be travelled: 608 km takes at least 9 h 30 min (as written: rail 9h30)" in result.stdout
    # The default model (by air) would have passed it: the written mode is what counts.
    assert cli("stop", "edit", "kyiv", "2", "--clear", "travel").exit_code == 0
    assert cli("check", "kyiv").stdout == ""
    assert cli("stop", "edit", "kyiv", "2", "--by", "rail").exit_code == 2  # --by is add-stop's
    edited = cli("stop", "edit", "kyiv", "2", "--travel", "rail")
    assert edited.exit_code == 0, edited.output
    assert "travel (none) -> rail" in edited.stdout
    assert cli("check", "kyiv").stdout == ""  # by rail, no duration: 4 h 3 min as usual fits in 8 h
    assert cli("stop", "edit", "kyiv", "1", "--depart", "2025-03-05 00:00").exit_code == 0
    by_rail = cli("check", "kyiv")
    assert "at risk: 608 km usually takes 4 h 3 min (by rail at 150 km/h as usual)" in by_rail.stdout


def test_a_known_flight_must_fit_between_the_stops(cli, data_file):
    add_trips(data_file, trip("flight", stop(WARSAW, "2025-03-04", "2025-03-04 10:00"),
                              with_travel(stop(RZESZOW, "2025-03-04 11:30"), "air LO3803 2025-03-04 09:30 -> 2025-03-04 10:25")))
    result = cli("check", "flight")
    assert result.exit_code == 1
    assert "air LO3803 departs Tue 4 Mar 09:30 CET, before leaving Warsaw (Tue 4 Mar 10:00 CET)" in result.stdout
    shown = cli("show", "flight").stdout
    assert "by air LO3803" in shown and "09:30→10:25" in shown
    fixed = cli("stop", "edit", "flight", "2", "--travel", "air LO3803 2025-03-04 10:30 -> 2025-03-04 11:25")
    assert fixed.exit_code == 0, fixed.output
    assert cli("check", "flight").stdout == ""
    late = cli("stop", "edit", "flight", "2", "--travel", "air LO3803 2025-03-04 10:30 -> 2025-03-04 11:45")
    assert late.exit_code == 0
    assert "air LO3803 arrives Tue 4 Mar 11:45 CET, after Tue 4 Mar 11:30 CET, when Rzeszów expects the traveller" in cli("check", "flight").stdout


@pytest.mark.parametrize(
    ("travel", "message"),
    [
        ("plane 3h", "unknown travel mode 'plane'"),
        ("rail -3h", "duration '-3h' is negative"),
        ("road 999999999d", "duration '999999999d' is longer than a leg can be"),  # (a date past what Python holds)
        ("air 2025-03-04 12:00 -> 2025-03-04 11:00", "arrives 2025-03-04 11:00 (Europe/Warsaw) no later than it departs"),
    ],
)
def test_bad_travel_in_the_file_is_refused_with_its_line(cli, data_file, travel, message):
    add_trips(data_file, trip("bad", stop(WARSAW, "2025-03-04"), with_travel(stop(RZESZOW, "2025-03-04 11:30"), travel)))
    line = data_file.read_text().splitlines().index(f"        travel: {travel}") + 1
    before = digest(data_file)
    result = cli("show", "bad")
    assert result.exit_code == 1
    assert result.stdout == ""
    (error,) = result.stderr.splitlines()
    assert f"line {line}" in error and "trips.bad.stops[1].travel" in error and message in error
    assert digest(data_file) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--travel", "plane 3h"], "triptrack: error: --travel 'plane 3h': unknown travel mode 'plane' (use air, road, rail, sea, helicopter)"),
        (["--travel", "rail -2h"], "triptrack: error: --travel 'rail -2h': duration '-2h' is negative: a leg takes some time"),
        (["--travel", "sea 400d"], "triptrack: error: --travel 'sea 400d': duration '400d' is longer than a leg can be (at most 366 days)"),
        (["--by", "rail 3h"], "triptrack: error: --by 'rail 3h': give only the mode (air, road, rail, sea, helicopter); use --travel for more"),
    ],
)
def test_add_stop_refuses_bad_travel_and_writes_nothing(cli, data_file, args, message):
    before = digest(data_file)
    result = cli("add-stop", "blinken-final", "Rome", "--country", "IT", "--arrive", "2025-01-09 18:00", *args)
    assert result.exit_code == 1
    assert result.stderr.strip() == message
    assert digest(data_file) == before


def test_a_leg_arriving_before_it_departs_is_refused_by_stop_edit(cli, data_file):
    before = digest(data_file)
    result = cli("stop", "edit", "blinken-final", "2", "--travel", "air 2025-01-08 09:00 -> 2025-01-07 16:20")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "arrives 2025-01-07 16:20 (Asia/Tokyo) no later than it departs 2025-01-08 09:00 (Asia/Seoul); nothing was written" in result.stderr
    assert digest(data_file) == before


def test_add_stop_by_rail_is_written_shown_and_checked(cli, data_file):
    added = cli("add-stop", "blinken-final", "Vatican City", "--country", "VA", "--arrive", "2025-01-09 20:00", "--by", "road")
    assert added.exit_code == 0, added.output
    assert "        travel: road\n" in data_file.read_text()
    assert "by road" in cli("show", "blinken-final").stdout


def test_travel_goes_out_to_csv_and_ics_and_back_in(cli, data_file, tmp_path):
    add_trips(data_file, trip("flight", stop(WARSAW, "2025-03-04", "2025-03-04 10:00"),
                              with_travel(stop(RZESZOW, "2025-03-04 12:00"), "air LO3803 2025-03-04 10:30 -> 2025-03-04 11:25"))
              + "  travel_home: rail IC 1234 9h30\n")
    exported = cli("export", "flight", "--format", "csv").stdout
    assert exported.splitlines()[0].endswith(",approximate,travel,travel_home")
    assert "air LO3803 2025-03-04 10:30 -> 2025-03-04 11:25,rail IC 1234 9h30" in exported
    ics = cli("export", "flight", "--format", "ics").stdout.replace("\r\n", "\n").replace("\n ", "")
    assert "SUMMARY:Travel: Warsaw → Rzeszów (by air LO3803 10:30→11:25)" in ics
    assert "DTSTART;TZID=Europe/Warsaw:20250304T103000" in ics
    path = tmp_path / "flight.csv"
    path.write_text(exported, encoding="utf-8", newline="")
    imported = cli("--quiet", "import", "csv", str(path), "--trip", "flight-copy")
    assert imported.exit_code == 0, imported.output
    assert cli("export", "flight-copy", "--format", "csv").stdout == exported.replace("flight,", "flight-copy,")
    text = data_file.read_text()
    assert text.count("travel: air LO3803 2025-03-04 10:30 -> 2025-03-04 11:25") == 2
    assert text.count("travel_home: rail IC 1234 9h30") == 2


def test_a_bad_travel_cell_is_refused_with_its_csv_line(cli, data_file, tmp_path):
    add_trips(data_file, trip("flight", stop(WARSAW, "2025-03-04", "2025-03-04 10:00"), stop(RZESZOW, "2025-03-04 12:00")))
    exported = cli("export", "flight", "--format", "csv").stdout.replace("\r\n", "\n")
    lines = exported.splitlines()
    lines[2] = lines[2][: -len(",,")] + ",plane 2h,"
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = digest(data_file)
    result = cli("import", "csv", str(path), "--trip", "copy")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("bad.csv line 3: travel: unknown travel mode 'plane' (use air, road, rail, sea, helicopter)")
    assert digest(data_file) == before


def test_trip_edit_sets_the_way_home_and_check_uses_it(cli, data_file):
    assert cli("--quiet", "add-stop", "blinken-final", "Rome", "--country", "IT", "--arrive", "2025-01-09 18:00").exit_code == 0
    edited = cli("trip", "edit", "blinken-final", "--travel-home", "air AZ604 10h05")
    assert edited.exit_code == 0, edited.output
    assert edited.stdout.startswith("Changed trip blinken-final: travel_home (none) -> air AZ604 10h05.")
    assert "  travel_home: air AZ604 10h05\n" in data_file.read_text()
    line = cli("check", "blinken-final").stdout
    assert "by 12 h 5 min" in line and "(as written: air AZ604 10h05)" in line  # the scheduled 10 h 5 min, not the fastest
    before = digest(data_file)
    both = cli("trip", "edit", "blinken-final", "--travel-home", "air 9h", "--clear", "travel_home")
    assert both.exit_code == 1
    assert both.stderr.strip() == "triptrack: error: --clear travel_home and --travel-home together: give one or the other"
    assert digest(data_file) == before
    assert cli("trip", "edit", "blinken-final", "--clear", "travel_home").exit_code == 0
    assert "by 9 h 17 min" in cli("check", "blinken-final").stdout


BRUSSELS = ("Brussels", "BE", "Europe/Brussels", 50.85045, 4.34878)


@pytest.mark.parametrize(
    ("travel", "problem"),
    [("air 7h45", None), ("air UA950 2025-03-13 18:30 -> 2025-03-14 08:15", None),
     ("air 1h", "as written (air 1h) it takes 1 h, but 6,217 km takes at least 6 h 20 min by air"),
     ("air XX1 2025-03-13 18:30 -> 2025-03-14 01:30", "it takes 2 h, but 6,217 km takes at least 6 h 20 min by air"),  # (EDT to CET)
     ("rail 10h", "it takes 10 h, but 6,217 km takes at least 20 h 43 min by rail")],
)
def test_a_written_travel_quicker_than_its_mode_can_go_is_a_problem(cli, data_file, travel, problem):
    """A normal Washington-Brussels overnight flight checks clean; one written as an hour does not."""
    add_trips(data_file, trip("dc-bru", with_travel(stop(BRUSSELS, "2025-03-14 09:00", "2025-03-15 10:00"), travel),
                              leaves="2025-03-13 17:00", version_of=None))
    result = cli("check", "dc-bru")
    if problem is None:
        assert result.stdout == "" and result.exit_code == 0, result.stdout
    else:
        assert result.exit_code == 1 and "dc-bru: problem: Washington (home) → Brussels: " in result.stdout
        assert problem in result.stdout
