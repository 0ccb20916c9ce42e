"""`triptrack check` through the real CLI: what cannot happen is found, named, and fails the run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import digest
from extra_trips import (
    APIA,
    BOSTON,
    KATHMANDU,
    NEW_YORK,
    PARIS,
    SYDNEY,
    add_trips,
    stop,
    trip,
)

FUNERAL = '"State funeral of former President Jimmy Carter" (Thu 9 Jan 2025 10:00 EST)'


def test_the_announced_plan_passes_clean(cli, data_file):
    before = digest(data_file)
    result = cli("check", "blinken-final")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "checked 1 trip: 0 problems, 0 warnings"
    assert digest(data_file) == before


def test_the_record_missed_the_funeral_as_history_a_warning(cli):
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"blinken-final-record: warning: Vatican City → Washington (home): missed {FUNERAL} by 15 h 19 min: "
        "leaving Vatican City Fri 10 Jan 00:01 CET at the earliest, the soonest back in Washington is Fri 10 Jan 01:19 EST "
        "(by air at 1,050 km/h plus 25 min at best)"
    ]
    assert "checked 2 trips: 0 problems, 1 warning" in result.stderr
    assert cli("check", "--strict").exit_code == 1


def test_adding_rome_on_the_ninth_misses_the_funeral(cli, data_file):
    added = cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00")
    assert added.exit_code == 0, added.output
    before = digest(data_file)
    result = cli("check", "blinken-final")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"blinken-final: problem: Rome → Washington (home): misses {FUNERAL} by 9 h 17 min: "
        "leaving Rome Thu 9 Jan 18:00 CET at the earliest, the soonest back in Washington is Thu 9 Jan 19:17 EST "
        "(by air at 1,050 km/h plus 25 min at best)"
    ]
    assert "1 problem, 0 warnings" in result.stderr
    assert digest(data_file) == before
    # show gives the same verdict, in its obligation panel and its check panel.
    shown = cli("show", "blinken-final").stdout
    assert "✗ missed by 9 h 17 min at best" in shown
    assert "Check: 1 problem, 0 warnings" in shown
    assert "misses" in shown and "9 h 17 min" in shown


def test_paris_to_sydney_on_the_same_day_cannot_be_flown(cli, data_file):
    add_trips(data_file, trip("sydney-dash", stop(PARIS, "2025-01-07", "2025-01-08 10:00"), stop(SYDNEY, "2025-01-08 20:00")))
    before = digest(data_file)
    result = cli("check", "sydney-dash")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "sydney-dash: problem: Paris → Sydney: cannot be travelled: 16,961 km takes at least 16 h 34 min "
        "(by air at 1,050 km/h plus 25 min at best), "
        "but even at best (leaving Paris Wed 8 Jan 10:00 CET at the earliest, reaching Sydney by "
        "Wed 8 Jan 20:00 AEDT at the latest) there is no time at all"
    ]
    assert digest(data_file) == before
    assert "cannot be travelled" in cli("show", "sydney-dash").stdout


def test_date_only_legs_are_judged_on_their_best_case(cli, data_file):
    # Leaving Paris on the 7th and reaching Sydney on the 8th works only if he leaves
    # early on the 7th and lands late on the 8th (Sydney is 10 h ahead): possible, no finding.
    add_trips(data_file, trip("sydney-dates", stop(PARIS, "2025-01-07", "2025-01-07"), stop(SYDNEY, "2025-01-08")))
    assert cli("check", "sydney-dates").stdout == ""
    # Leaving on the 8th and landing on the 8th is impossible even at best.
    add_trips(data_file, trip("sydney-same-day", stop(PARIS, "2025-01-08", "2025-01-08"), stop(SYDNEY, "2025-01-08")))
    result = cli("check", "sydney-same-day")
    assert result.exit_code == 1
    assert "leaving Paris Wed 8 Jan 00:00 CET at the earliest, reaching Sydney by Wed 8 Jan 23:59 AEDT" in result.stdout
    assert "there are only 14 h" in result.stdout  # (the whole of the two days: not 13 h 59 min)


def test_a_tight_leg_is_at_risk_a_warning_that_fails_only_with_strict(cli, data_file):
    # Paris -> Sydney with 17 h between: faster than usual (18 h 21 min), not than the fastest (16 h 34 min).
    add_trips(data_file, trip("sydney-tight", stop(PARIS, "2025-01-07", "2025-01-08 10:00"), stop(SYDNEY, "2025-01-09 13:00")))
    result = cli("check", "sydney-tight")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "sydney-tight: warning: Paris → Sydney: at risk: 16,961 km usually takes 18 h 21 min "
        "(by air at 950 km/h plus 30 min as usual);"
    )
    assert "there are only 17 h" in result.stdout
    assert cli("check", "sydney-tight", "--strict").exit_code == 1


def test_order_overlap_and_depart_before_arrive(cli, data_file):
    add_trips(
        data_file,
        trip("jumbled", stop(PARIS, "2025-01-08", "2025-01-08"), stop(SYDNEY, "2025-01-05", "2025-01-06"))
        + trip("overlap", stop(NEW_YORK, "2025-01-08 09:00", "2025-01-08 18:00"), stop(BOSTON, "2025-01-08 12:00"))
        + trip("backwards", stop(PARIS, "2025-01-08 12:00", "2025-01-08 10:00")),
    )
    lines = cli("check", "jumbled", "overlap", "backwards").stdout.splitlines()
    assert lines == [
        "jumbled: problem: Paris → Sydney: stops out of order: Sydney (stop 2) arrives Sun 5 Jan, before Paris (stop 1) arrives Wed 8 Jan",
        "overlap: problem: New York → Boston: stays overlap: arrives in Boston Wed 8 Jan 12:00 EST while still in New York "
        "(departs Wed 8 Jan 18:00 EST)",
        "backwards: problem: Paris: departs Wed 8 Jan 10:00 CET, before it arrives Wed 8 Jan 12:00 CET",
    ]


def test_home_legs_count_too(cli, data_file):
    # Leaving Washington at 20:00 EST on the 5th for Seoul at 12:00 KST on the 6th gives 2 h for 11,165 km;
    # arriving in Paris at 10:00 CET and back in Washington at 10:00 EST gives 6 h for 6,166 km.
    seoul = ("Seoul", "KR", "Asia/Seoul", 37.566, 126.978)
    add_trips(data_file, trip("fast-start", stop(seoul, "2025-01-06 12:00"), leaves="2025-01-05 20:00")
              + trip("early-back", stop(PARIS, "2025-01-08 10:00"), returns="2025-01-08 10:00"))
    lines = cli("check", "fast-start", "early-back").stdout.splitlines()
    assert lines[0].startswith("fast-start: problem: Washington (home) → Seoul: cannot be travelled: 11,165 km takes at least 11 h 3 min")
    assert lines[1].startswith("early-back: problem: Paris → Washington (home): cannot be travelled: 6,166 km")
    assert len(lines) == 2


def test_dst_gap_is_measured_in_real_time(cli, data_file):
    # 01:30 EST to 03:10 EDT on 9 March 2025 looks like 1 h 40 min on the clock but is 40 min:
    # too short for the 306 km from New York to Boston (42 min at best).
    add_trips(data_file, trip("spring", stop(NEW_YORK, "2025-03-08", "2025-03-09 01:30"), stop(BOSTON, "2025-03-09 03:10")))
    result = cli("check", "spring")
    assert result.exit_code == 1
    assert "cannot be travelled: 306 km takes at least 42 min" in result.stdout
    assert "there are only 40 min" in result.stdout


def test_dst_fold_is_measured_in_real_time(cli, data_file):
    # 01:50 EDT to 01:10 EST on 2 November 2025: 40 min backwards on the clock, 20 min forward in fact:
    # not out of order, but too short for 306 km (42 min at best).
    add_trips(data_file, trip("autumn", stop(NEW_YORK, "2025-11-01", "2025-11-02 01:50-04:00"), stop(BOSTON, "2025-11-02 01:10-05:00")))
    result = cli("check", "autumn")
    assert result.exit_code == 1
    assert result.stdout.startswith("autumn: problem: New York → Boston: cannot be travelled:")
    assert "there are only 20 min" in result.stdout


def test_a_day_the_zone_skipped(cli, data_file):
    add_trips(data_file, trip("samoa", stop(APIA, "2011-12-30", "2011-12-31")))
    result = cli("check", "samoa")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "samoa: problem: Apia: arrive 2011-12-30: Pacific/Apia skipped that day (its clocks jumped over it)"
    ]


def test_places_countries_and_zones_that_do_not_add_up(cli, data_file):
    wrong_country = ("Paris", "XX", "Europe/Paris", 48.853, 2.349)
    far = ("Paris", "FR", "Europe/Paris", 35.69, 139.692)
    wrong_zone = ("Kathmandu", "NP", "Asia/Kolkata", 27.702, 85.321)
    unknown_city = ("Nowhereville", "FR", "Europe/Paris", 45.0, 3.0)
    add_trips(data_file, trip("places", stop(wrong_country, "2025-01-06", "2025-01-06"), stop(far, "2025-01-07", "2025-01-07"),
                              stop(wrong_zone, "2025-01-09", "2025-01-09"), stop(unknown_city, "2025-01-10")))
    before = digest(data_file)
    result = cli("check", "places")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "cannot be travelled" not in line]
    assert lines == [
        "places: problem: Paris #1: country 'XX' does not exist (ISO 3166-1 alpha-2 codes, e.g. FR)",
        "places: problem: Paris #2: coordinates 35.690, 139.692 are 9,712 km from Paris (FR) (48.853, 2.349 in the gazetteer)",
        "places: problem: Kathmandu: time zone Asia/Kolkata is at UTC+05:30 on 2025-01-09, "
        "but Kathmandu (NP) is in Asia/Kathmandu (UTC+05:45)",
    ]
    assert digest(data_file) == before


def test_approximate_places_are_not_compared(cli, data_file):
    far = ("Paris", "FR", "Europe/Paris", 35.69, 139.692)
    add_trips(data_file, trip("rough", stop(far, "2025-01-07") + "\n  approximate: true"))
    assert cli("check", "rough").stdout == ""


def test_a_file_that_does_not_load_is_one_problem_line(cli, tmp_path):
    bad = tmp_path / "unknown-official.yaml"
    shutil.copyfile(Path(__file__).parent / "bad_files" / "unknown-official.yaml", bad)
    before = digest(bad)
    result = cli("check", data=bad)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"data file: problem: {bad} line 8: trips.blinken-final.official: no official 'kissinger' under 'officials:' (blinken)"
    ]
    assert result.stderr.splitlines() == ["checked 0 trips: 1 problem, 0 warnings"]
    assert digest(bad) == before


def test_an_unknown_trip_or_zone_is_an_error(cli, data_file):
    before = digest(data_file)
    result = cli("check", "blinken-finl")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"triptrack: error: no trip 'blinken-finl' in {data_file}; did you mean blinken-final, blinken-final-record?"
    )
    zone = cli("check", "--tz", "Mars/Base")
    assert zone.exit_code == 1
    assert zone.stderr.strip() == "triptrack: error: --tz 'Mars/Base': use home, local, UTC or an IANA time zone such as Europe/Paris"
    assert digest(data_file) == before


def test_check_json(cli, data_file):
    cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00")
    result = cli("check", "--json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["checked"] == 2
    first = doc["findings"][0]
    assert first["severity"] == "problem" and first["trip"] == "blinken-final"
    assert first["stops"] == ["Rome", "Washington (home)"]
    assert "9 h 17 min" in first["message"]


def test_kathmandu_and_apia_legs_use_their_real_offsets(cli, data_file):
    # Kathmandu is UTC+05:45: leaving Paris 08:00 CET (07:00 UTC) and landing 19:30 +0545 (13:45 UTC)
    # gives 6 h 45 min for 6,977 km (7 h 8 min needed): impossible.
    add_trips(data_file, trip("himalaya", stop(PARIS, "2025-01-07", "2025-01-08 08:00"), stop(KATHMANDU, "2025-01-08 19:30")))
    result = cli("check", "himalaya")
    assert result.exit_code == 1
    assert "reaching Kathmandu by Wed 8 Jan 19:30 +0545 at the latest) there are only 6 h 45 min" in result.stdout


def test_check_times_in_another_zone(cli, data_file):
    cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00")
    line = cli("check", "blinken-final", "--tz", "UTC").stdout
    assert "(Thu 9 Jan 2025 15:00 UTC) by 9 h 17 min: leaving Rome Thu 9 Jan 17:00 UTC at the earliest" in line
    assert "the soonest back in Washington is Fri 10 Jan 00:17 UTC" in line


def test_planner_commands_have_help(cli):
    for command in ("check", "timeline", "compare", "stats"):
        helped = cli(command, "--help")
        assert helped.exit_code == 0, command
        assert "Usage" in helped.stdout and "Examples:" in helped.stdout, command
    listed = cli("--help").stdout
    assert all(name in listed for name in ("check", "timeline", "compare", "stats"))
    assert "home|local|UTC|ZONE" in cli("show", "--help").stdout
