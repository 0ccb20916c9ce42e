"""One outcome per obligation, computed once and shown with the same words and figures everywhere."""

from __future__ import annotations

import json

from conftest import digest
from extra_trips import add_trips, stop, trip

WARSAW = ("Warsaw", "PL", "Europe/Warsaw", 52.22977, 21.01178)
BRUSSELS = ("Brussels", "BE", "Europe/Brussels", 50.85045, 4.34878)
VERDICT = "✗ missed by 9 h 17 min at best"


def test_rome_case_has_one_verdict_in_every_output(cli, data_file):
    assert cli("add-stop", "blinken-final", "Rome", "--country", "IT", "--arrive", "2025-01-09 18:00").exit_code == 0
    assert "by 9 h 17 min" in cli("check", "blinken-final").stdout
    assert VERDICT in cli("show", "blinken-final").stdout
    # timeline gives the same words: tests/test_timeline.py reads them at 160 columns.
    assert VERDICT in cli("export", "blinken-final", "--format", "md").stdout
    ics = cli("export", "blinken-final", "--format", "ics").stdout.replace("\r\n", "\n").replace("\n ", "")
    assert "missed by 9 h 17 min at best" in ics
    (funeral,) = json.loads(cli("show", "blinken-final", "--json").stdout)["obligations"]
    assert funeral["outcome"] == "missed"
    assert funeral["margin_minutes"] == -(9 * 60 + 17) - 1  # floored, like compare's
    assert funeral["verdict"] == "missed by 9 h 17 min at best"
    compared = json.loads(cli("compare", "blinken-final", "blinken-final-record", "--json").stdout)
    assert compared["obligations"][0]["a"] == {"status": "missed", "margin_minutes": funeral["margin_minutes"]}


def test_an_obligation_at_a_stop_is_checked_like_one_at_home(cli, data_file):
    add_trips(data_file, trip("nato", stop(BRUSSELS, "2025-03-04 08:00", "2025-03-05 09:00"),
                              stop(WARSAW, "2025-03-05 16:00", "2025-03-06 10:00"), leaves="2025-03-03 18:00"))
    added = cli("obligation", "add", "nato", "Signing in Warsaw", "--when", "2025-03-05 15:00", "--at-stop", "2")
    assert added.exit_code == 0, added.output
    text = data_file.read_text()
    assert "        at_stop: Warsaw\n        when: 2025-03-05 15:00\n" in text  # local time at Warsaw: no tz written
    result = cli("check", "nato")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        (
            'nato: problem: Warsaw: misses "Signing in Warsaw" at Warsaw (Wed 5 Mar 2025 15:00 CET) by 1 h: '
            "the soonest in Warsaw is Wed 5 Mar 16:00 CET"
        )
    ]
    shown = cli("show", "nato").stdout
    assert "at Warsaw (stop 2)" in shown and "✗ missed by 1 h at best" in shown
    (signing,) = json.loads(cli("show", "nato", "--json").stdout)["obligations"]
    assert (signing["at_stop"], signing["stop"], signing["outcome"], signing["margin_minutes"]) == ("Warsaw", 2, "missed", -60)
    # Arriving at 12:00 gives 3 h to spare; leaving at 14:00 misses it the other way.
    assert cli("stop", "edit", "nato", "2", "--arrive", "2025-03-05 12:00").exit_code == 0
    assert cli("check", "nato").stdout == ""
    assert "✓ met, 3 h to spare at best" in cli("show", "nato").stdout
    assert cli("stop", "edit", "nato", "2", "--depart", "2025-03-05 14:00").exit_code == 0
    left = cli("check", "nato").stdout
    assert 'misses "Signing in Warsaw" at Warsaw (Wed 5 Mar 2025 15:00 CET): leaves Warsaw Wed 5 Mar 14:00 CET, 1 h before it' in left


def test_an_obligation_without_an_hour_is_judged_on_its_whole_day(cli, data_file):
    # In Warsaw 09:00-18:00 on the 5th: a signing there that day, hour unknown, can be met (at
    # best at 13:30, 4 h 30 min from both ends); back home 20:00 on the 6th leaves 4 h of the
    # 6th for a briefing at home, not 3 h 59 min.
    add_trips(data_file, trip("days", stop(WARSAW, "2025-03-05 09:00", "2025-03-05 18:00"),
                              stop(BRUSSELS, "2025-03-05 20:00", "2025-03-06 12:00"), leaves="2025-03-04 18:00"))
    assert cli("obligation", "add", "days", "Signing", "--when", "2025-03-05", "--at-stop", "1").exit_code == 0
    assert cli("check", "days").stdout == ""
    (signing,) = json.loads(cli("show", "days", "--json").stdout)["obligations"]
    assert (signing["outcome"], signing["margin_minutes"], signing["verdict"]) == ("met", 270, "met, 4 h 30 min to spare at best")
    assert cli("obligation", "edit", "days", "1", "--when", "2025-03-06").exit_code == 0
    left = cli("check", "days")
    assert left.exit_code == 1 and "leaves Warsaw Wed 5 Mar 18:00 CET, 6 h before it" in left.stdout
    assert cli("obligation", "edit", "days", "1", "--clear", "at_stop").exit_code == 0
    assert cli("trip", "edit", "days", "--returns", "2025-03-06 20:00").exit_code == 0
    (briefing,) = json.loads(cli("show", "days", "--json").stdout)["obligations"]
    assert (briefing["margin_minutes"], briefing["verdict"]) == (240, "met, 4 h to spare at best")


def test_at_stop_out_of_range_is_refused(cli, data_file):
    before = digest(data_file)
    result = cli("obligation", "add", "blinken-final", "Signing", "--when", "2025-01-08 15:00", "--at-stop", "9")
    assert result.exit_code == 1
    assert result.stderr.strip() == "triptrack: error: --at-stop 9: blinken-final has stops 1 to 3"
    assert digest(data_file) == before
    add_trips(data_file, trip("bad", stop(WARSAW, "2025-03-04")) + "  obligations:\n    - what: x\n      at_stop: Kyiv\n      when: 2025-03-04\n")
    line = data_file.read_text().splitlines().index("        at_stop: Kyiv") + 1
    shown = cli("show", "bad")
    assert shown.exit_code == 1
    assert f"line {line}" in shown.stderr
    assert "trips.bad.obligations[0].at_stop: 'Kyiv' is not a stop of this trip (its stops: Warsaw)" in shown.stderr


def test_an_obligation_at_a_stop_follows_its_city_when_stops_are_added_or_moved(cli, data_file):
    add_trips(data_file, trip("nato", stop(BRUSSELS, "2025-03-04 08:00", "2025-03-05 09:00"),
                              stop(WARSAW, "2025-03-05 12:00", "2025-03-06 10:00"), leaves="2025-03-03 18:00"))
    assert cli("obligation", "add", "nato", "Signing", "--when", "2025-03-05 15:00", "--at-stop", "2").exit_code == 0
    # A stop added before Warsaw makes it stop 3; the obligation stays Warsaw's.
    added = cli("add-stop", "nato", "Paris", "--country", "FR", "--arrive", "2025-03-04 20:00", "--depart", "2025-03-05 07:00")
    assert added.exit_code == 0, added.output
    assert "at Warsaw (stop 3)" in cli("show", "nato").stdout
    # Deleting the stop an obligation is due at is refused: the obligation would be left without a place.
    before = digest(data_file)
    deleted = cli("stop", "delete", "nato", "3", "--yes")
    assert deleted.exit_code == 1
    assert "'Warsaw' is not a stop of this trip" in deleted.stderr and "nothing was written" in deleted.stderr
    assert digest(data_file) == before


def test_of_two_stops_in_its_city_the_one_whose_stay_covers_it_counts():
    from triptrack.core.localtime import parse_iso
    from triptrack.core.model import Obligation, Place, Stop, Trip

    warsaw = Place("Warsaw", "PL", "Europe/Warsaw", 52.23, 21.01)
    kyiv = Place("Kyiv", "UA", "Europe/Kyiv", 50.45, 30.52)

    def at(text, place):
        return parse_iso(text, place.tz)

    trip = Trip("t", "T", "o", stops=[
        Stop(warsaw, at("2025-03-04 08:00", warsaw), at("2025-03-04 20:00", warsaw)),
        Stop(kyiv, at("2025-03-05 08:00", kyiv), at("2025-03-06 20:00", kyiv)),
        Stop(warsaw, at("2025-03-07 08:00", warsaw), at("2025-03-08 20:00", warsaw)),
    ])
    due = [Obligation("x", at(text, warsaw), at_stop="Warsaw") for text in ("2025-03-04 12:00", "2025-03-08 12:00", "2025-03-06 12:00", "2025-03-01")]
    assert [trip.stop_for(o) for o in due] == [0, 2, 0, 0]  # covering, covering, last before, else the first
    assert trip.stop_for(Obligation("y", at("2025-03-04", warsaw), at_stop="Rome")) is None


def test_obligation_edit_moves_it_to_a_stop_and_back_home(cli, data_file):
    add_trips(data_file, trip("nato", stop(BRUSSELS, "2025-03-04 08:00", "2025-03-05 09:00"),
                              stop(WARSAW, "2025-03-05 12:00", "2025-03-06 10:00"), leaves="2025-03-03 18:00",
                              returns="2025-03-06 16:00"))
    assert cli("obligation", "add", "nato", "Signing", "--when", "2025-03-05 15:00").exit_code == 0  # home time first
    moved = cli("obligation", "edit", "nato", "1", "--at-stop", "2")
    assert moved.exit_code == 0, moved.output
    assert "at_stop (none) -> Warsaw" in moved.stdout
    text = data_file.read_text()
    assert "        at_stop: Warsaw\n        when: 2025-03-05 15:00\n" in text  # the wall time, now read at Warsaw
    assert "at Warsaw (stop 2)" in cli("show", "nato").stdout
    back = cli("obligation", "edit", "nato", "1", "--clear", "at_stop")
    assert back.exit_code == 0, back.output
    assert "at_stop" not in data_file.read_text().split("obligations:")[-1]
    both = cli("obligation", "edit", "nato", "1", "--at-stop", "1", "--clear", "at_stop")
    assert both.exit_code == 1
    assert both.stderr.strip() == "triptrack: error: --clear at_stop and --at-stop together: give one or the other"


def test_a_span_is_worded_in_whole_minutes_to_the_nearest_second():
    from datetime import timedelta

    from triptrack.core.obligations import format_span

    assert format_span(timedelta(hours=10) - timedelta(microseconds=1)) == "10 h"  # a date-only day's last moment
    assert format_span(timedelta(seconds=-30)) == "under a minute"  # back at 10:00:30 for 10:00: not "0 min"
    assert format_span(timedelta(0)) == "0 min"
    assert format_span(timedelta(days=2, hours=4, minutes=5)) == "2 d 4 h"
    assert format_span(timedelta(minutes=45, seconds=59)) == "45 min"


def test_an_obligation_without_an_hour_on_the_leaving_day_is_before_the_trip(cli, data_file):
    """Its day ends as the leaving day does: it was 'missed by 3 d' once margins ran to the day's end."""
    assert cli("obligation", "add", "blinken-final", "Cabinet meeting", "--when", "2025-01-05").exit_code == 0
    assert cli("check", "blinken-final").exit_code == 0
    documents = json.loads(cli("show", "blinken-final", "--json").stdout)["obligations"]
    assert next(o for o in documents if o["what"] == "Cabinet meeting")["outcome"] == "before the trip"
