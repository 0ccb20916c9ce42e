"""`triptrack now`: where each official is at an instant, against the reference trip."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from conftest import PINNED_ENV, SHARED, digest, invoke
from hypothesis import given
from hypothesis import strategies as st

from triptrack.core.localtime import When
from triptrack.core.model import Catalog, Official, Place, Stop, Trip
from triptrack.core.now import (
    AT,
    BEFORE,
    THAT_DAY,
    TRAVELLING,
    parse_instant,
    situation,
)
from triptrack.core.travel import minimum_travel
from triptrack.errors import InputError

FIXTURES = Path(__file__).resolve().parent / "historian"


def now(cli, *args, width=80):
    result = cli.runner.invoke(
        __import__("triptrack.cli", fromlist=["app"]).app,
        ["--data", str(cli.data), "now", *args],
        env={**PINNED_ENV, "COLUMNS": str(width)},
        catch_exceptions=False,
    )
    return result


def plan_only(cli, *args, **kw):
    return now(cli, "--official", "blinken", *args, **kw)


def panel_of(output: str, trip_id: str) -> str:
    """The lines of one trip's panel, joined with the box drawing removed."""
    lines, inside = [], False
    for line in output.splitlines():
        if line.startswith("╭") and f"· {trip_id} " in line:
            inside = True
            continue
        if inside and line.startswith("╰"):
            break
        if inside:
            lines.append(line.strip("│ "))
    return " ".join(" ".join(lines).split())


def test_before_departure_says_when_he_leaves(cli):
    result = plan_only(cli, "--at", "2025-01-03 12:00")
    assert result.exit_code == 0, result.output
    plan = panel_of(result.stdout, "blinken-final")
    assert "Not yet left Washington: leaves Sun 5 Jan (hour not known)" in plan
    assert "Fri 3 Jan 07:00 EST in Washington" in plan
    assert "in 1 d 17 h at the soonest" in plan  # to the start of Sun 5 Jan in Washington


def test_tokyo_on_7_january_is_there_that_day_with_no_hour_invented(cli):
    result = plan_only(cli, "--at", "2025-01-07 12:00+09:00")
    assert result.exit_code == 0, result.output
    plan = panel_of(result.stdout, "blinken-final")
    assert "In Tokyo (JP), stop 2 of 3: there on Tue 7 Jan as far as is known (hours not known)" in plan
    assert "Tue 7 Jan 12:00 JST there · Mon 6 Jan 22:00 EST in Washington" in plan
    assert "Since Tue 7 Jan (hour not known) Until Tue 7 Jan (hour not known)" in plan
    assert "Next arrives in Paris, Wed 8 Jan (hour not known), in 20 h at the soonest" in plan


def test_the_funeral_countdown_in_home_and_local_time(cli):
    result = plan_only(cli, "--at", "2025-01-07 12:00+09:00")
    plan = panel_of(result.stdout, "blinken-final")
    record = panel_of(result.stdout, "blinken-final-record")
    funeral = "State funeral of former President Jimmy Carter · Thu 9 Jan 10:00 EST in Washington · Fri 10 Jan 00:00 JST there · in 2 d 12 h"
    assert f"{funeral} · can be met" in plan
    assert f"{funeral} · cannot be met" in record  # the record went on to Rome


def test_between_two_stops_names_the_leg(cli):
    result = plan_only(cli, "--at", "2025-01-08 01:00+09:00")
    plan = panel_of(result.stdout, "blinken-final")
    assert "On the way from Tokyo to Paris" in plan
    assert "Left Tue 7 Jan (hour not known)" in plan
    assert "Arrives earliest Wed 8 Jan 00:00 CET · latest Wed 8 Jan 23:59 CET" in plan


def test_between_stops_with_hours_the_earliest_arrival_counts_the_flight(cli):
    assert cli("stop", "edit", "blinken-final", "2", "--arrive", "2025-01-07 09:00", "--depart", "2025-01-07 23:00").exit_code == 0
    at_stop = panel_of(plan_only(cli, "--at", "2025-01-07 12:00+09:00").stdout, "blinken-final")
    assert "In Tokyo (JP), stop 2 of 3" in at_stop and "there on" not in at_stop
    assert "Since Tue 7 Jan 09:00 JST Until Tue 7 Jan 23:00 JST" in at_stop
    assert "Next leaves Tokyo, Tue 7 Jan 23:00 JST, in 11 h" in at_stop
    flying = panel_of(plan_only(cli, "--at", "2025-01-08 01:00+09:00").stdout, "blinken-final")
    # Paris has a date only; leaving Tokyo 23:00 JST (15:00 CET), the flight decides the earliest arrival
    flight = minimum_travel(TOKYO.distance_to(PARIS))
    earliest = datetime(2025, 1, 7, 15, tzinfo=timezone.utc) - timedelta(hours=1) + flight + timedelta(hours=1)
    assert earliest > datetime(2025, 1, 7, 23, tzinfo=timezone.utc)  # after midnight in Paris: the flight decides
    assert "On the way from Tokyo to Paris" in flying
    assert "Left Tue 7 Jan 23:00 JST" in flying
    assert f"Arrives earliest Wed 8 Jan {earliest:%H:%M} CET · latest Wed 8 Jan 23:59 CET" in flying


def test_after_the_return(cli):
    result = plan_only(cli, "--at", "2025-01-10 12:00Z")
    plan = panel_of(result.stdout, "blinken-final")
    assert "Back in Washington since Thu 9 Jan (hour not known)" in plan
    assert "21 h ago · could be met" in plan
    record = panel_of(result.stdout, "blinken-final-record")
    assert "In Rome (IT) or Vatican City (VA), stops 4–5 of 5: there on Fri 10 Jan" in record


def test_nobody_travelling_says_so(cli):
    result = now(cli, "--at", "2030-06-01")
    assert result.exit_code == 0
    assert result.stdout.startswith("No trip around Sat 1 Jun 2030 12:00 UTC")


@pytest.mark.parametrize("width", [60, 80, 160])
def test_fits_the_terminal(cli, width):
    result = now(cli, "--at", "2025-01-07 12:00+09:00", width=width)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert "Tokyo" in flat and "in 2 d 12 h" in flat


def test_json(cli):
    result = now(cli, "--at", "2025-01-08 01:00+09:00", "--json")
    docs = json.loads(result.stdout)
    assert [d["trip"] for d in docs] == ["blinken-final", "blinken-final-record"]
    plan = docs[0]
    assert plan["state"] == "travelling" and plan["place"] is None
    assert plan["leg"]["from"] == "Tokyo" and plan["leg"]["to"] == "Paris"
    assert plan["leg"]["latest_arrival"] == "2025-01-08T23:59:59+01:00"
    assert plan["home_time"] == "2025-01-07T11:00:00-05:00"
    assert plan["obligations"][0]["seconds_left"] == (47 * 3600)


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--at", "Jan 7 12:00"], "--at 'Jan 7 12:00': 'Jan 7 12:00' has no year", 1),
        (["--at", "2025-13-01 10:00"], "--at '2025-13-01 10:00': '2025-13-01 10:00' is not a date", 1),
        (["--at", "soon"], "--at 'soon': 'soon' is not a date or time", 1),
        (["--at", "2025-01-07", "--tz", "Mars/Olympus"], "--tz: 'Mars/Olympus' is not an IANA time zone", 1),
        (["--official", "blinkin"], "--official: no official 'blinkin'; did you mean blinken?", 1),
        (["--at", "2025-01-07 12:00+25:00"], "--at '2025-01-07 12:00+25:00': +25:00 is not a UTC offset (they run from -12:00 to +14:00)", 1),
        (["--at", "2025-01-07 12:00-99:99"], "-99:99 is not a UTC offset", 1),
        (["--at", "2025-01-07 12:00+05:60"], "+05:60 is not a UTC offset", 1),
        (["--watch"], "--watch needs a terminal", 2),
        (["--watch", "--json"], "cannot be combined with --json or --at", 2),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(cli, args, message, code):
    before = digest(cli.data)
    result = now(cli, *args)
    assert result.exit_code == code, result.output
    assert message in " ".join(result.stderr.replace("│", " ").split())
    assert "Traceback" not in result.output
    assert digest(cli.data) == before


def test_the_json_local_time_is_the_zone_of_the_place_last_left(cli):
    docs = json.loads(now(cli, "--at", "2025-01-08 01:00+09:00", "--json").stdout)
    assert docs[0]["local_time"] == "2025-01-08T01:00:00+09:00"


# --- the library -----------------------------------------------------------------------


def test_parse_instant_forms():
    assert parse_instant("2025-01-08 12:00 UTC+1", "Asia/Tokyo") == datetime(2025, 1, 8, 11, tzinfo=timezone.utc)
    assert parse_instant("2025-01-08 12:00 GMT-05:00", "UTC") == datetime(2025, 1, 8, 17, tzinfo=timezone.utc)
    assert parse_instant("2025-01-07 12:00", "UTC") == datetime(2025, 1, 7, 12, tzinfo=timezone.utc)
    assert parse_instant("2025-01-07 12:00+09:00", "UTC") == datetime(2025, 1, 7, 3, tzinfo=timezone.utc)
    assert parse_instant("2025-01-07T12:00Z", "Asia/Tokyo") == datetime(2025, 1, 7, 12, tzinfo=timezone.utc)
    assert parse_instant("2025-01-07 12:00", "Asia/Tokyo") == datetime(2025, 1, 7, 3, tzinfo=timezone.utc)
    assert parse_instant("2025-01-07", "UTC") == datetime(2025, 1, 7, 12, tzinfo=timezone.utc)
    with pytest.raises(InputError, match="does not exist"):
        parse_instant("2025-03-09 02:30", "America/New_York")  # the spring gap


HOME = Place("Washington", "US", "America/New_York", 38.895, -77.036)
TOKYO = Place("Tokyo", "JP", "Asia/Tokyo", 35.69, 139.692)
PARIS = Place("Paris", "FR", "Europe/Paris", 48.853, 2.349)


def _exact_trip(tokyo_hours: tuple[int, int]) -> tuple[Catalog, Trip]:
    stops = [
        Stop(TOKYO, When(date(2025, 1, 7), time(tokyo_hours[0]), TOKYO.tz), When(date(2025, 1, 7), time(tokyo_hours[1]), TOKYO.tz)),
        Stop(PARIS, When(date(2025, 1, 9), time(9), PARIS.tz), When(date(2025, 1, 9), time(20), PARIS.tz)),
    ]
    trip = Trip("t", "T", "o", stops=stops)
    return Catalog({"o": Official("o", "O", home=HOME)}, {"t": trip}), trip


@given(
    hours=st.tuples(st.integers(0, 11), st.integers(12, 23)),
    minutes=st.integers(-36 * 60, 4 * 24 * 60),
)
def test_at_a_stop_exactly_between_its_hours_and_travelling_between_stops(hours, minutes):
    catalog, trip = _exact_trip(hours)
    tokyo_arrives = datetime(2025, 1, 7, hours[0], tzinfo=timezone(timedelta(hours=9)))
    tokyo_leaves = datetime(2025, 1, 7, hours[1], tzinfo=timezone(timedelta(hours=9)))
    paris_arrives = datetime(2025, 1, 9, 9, tzinfo=timezone(timedelta(hours=1)))
    instant = tokyo_arrives + timedelta(minutes=minutes)
    found = situation(catalog, trip, instant)
    if tokyo_arrives <= instant <= tokyo_leaves:
        assert found.kind == AT and found.stops == (0,)
    elif tokyo_leaves < instant < paris_arrives:
        assert found.kind == TRAVELLING and found.destination.label == "Paris"
        assert found.earliest_arrival == found.latest_arrival == paris_arrives  # an exact arrival is known
    elif instant < tokyo_arrives:
        assert found.kind == BEFORE
    else:
        assert found.kind in (AT, "after")
    assert found.kind != THAT_DAY  # every time has an hour: nothing is "that day"


def test_on_a_historian_import(cli, tmp_path):
    history = tmp_path / "history.yaml"
    assert cli("import", "historian", str(FIXTURES / "secretary-doe.xml"), data=history).exit_code == 0
    result = cli("now", "--at", "2024-03-12 15:00+09:00", data=history)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert "Jane Q. Doe · doe-2024-03-10" in flat
    assert "In Seoul (KR), stop 2 of 4: there on Tue 12 Mar as far as is known (hours not known)" in flat


SHARED_BLINKEN = Path(os.environ.get("TRIPTRACK_SHARED", SHARED)) / "data" / "history-state-gov" / "secretary-travels" / "blinken-antony-j.xml"


@pytest.mark.skipif(not SHARED_BLINKEN.exists(), reason="the shared Historian data is not here")
def test_on_the_shared_historian_record_of_blinken(cli, tmp_path):
    history = tmp_path / "history.yaml"
    assert cli("import", "historian", str(SHARED_BLINKEN), data=history).exit_code == 0
    result = cli("now", "--at", "2025-01-07 12:00+09:00", "--json", data=history)
    docs = json.loads(result.stdout)
    tokyo = [d for d in docs if d["place"] and d["place"]["city"] == "Tokyo"]
    assert tokyo and tokyo[0]["state"] == "that day" and tokyo[0]["since"]["hour_known"] is False


def test_watch_redraws_each_minute_and_ends_quietly_on_ctrl_c():
    import io

    from rich.console import Console

    from triptrack.render.now_live import seconds_to_next_minute, watch_live

    moments = iter(datetime(2025, 1, 7, 3, m, 30, tzinfo=timezone.utc) for m in range(100))
    slept, drawn = [], []

    def sleep(seconds):
        slept.append(seconds)
        if len(slept) == 3:
            raise KeyboardInterrupt

    console = Console(file=io.StringIO(), force_terminal=True, width=60)
    count = watch_live(console, lambda t: drawn.append(t) or f"at {t:%H:%M}", clock=lambda: next(moments), sleep=sleep)
    assert count == 3 and len(drawn) == 3
    assert slept == [30.0, 30.0, 30.0]  # from :30 to the next minute each time
    assert seconds_to_next_minute(datetime(2025, 1, 1, 0, 0, 0)) == 60.0


def test_a_stop_with_a_date_only_arrival_is_not_sure_on_its_first_day():
    catalog, trip = _exact_trip((9, 23))
    tokyo = trip.stops[0]
    trip.stops[0] = Stop(tokyo.place, When(date(2025, 1, 7), None, TOKYO.tz), tokyo.depart)
    noon = datetime(2025, 1, 7, 3, tzinfo=timezone.utc)
    assert situation(catalog, trip, noon).kind == THAT_DAY
    trip.stops[0] = Stop(tokyo.place, When(date(2025, 1, 6), None, TOKYO.tz), tokyo.depart)
    assert situation(catalog, trip, noon).kind == AT  # arrived by the end of the 6th at the latest


def test_the_readme_shows_what_now_prints(cli):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    command = '$ triptrack now --at "2025-01-07 12:00+09:00" --official blinken\n'
    shown = readme.split(command, 1)[1].split("\n…\n", 1)[0]
    printed = now(cli, "--at", "2025-01-07 12:00+09:00", "--official", "blinken").stdout
    assert printed.startswith(shown + "\n")


def test_the_readme_shows_what_calendar_and_list_on_print(cli):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for args in (("calendar", "2025-01"), ("list", "--on", "2025-01-09")):
        shown = readme.split(f"$ triptrack {' '.join(args)}\n", 1)[1].split("\n$ ", 1)[0].split("\n```", 1)[0]
        result = invoke(["--data", str(cli.data), *args], env={**PINNED_ENV, "COLUMNS": "80"})
        printed = "\n".join(line.rstrip() for line in result.stdout.splitlines())
        assert printed.strip("\n") == shown.strip("\n")


def test_without_at_it_is_the_current_time(cli):
    result = now(cli)
    assert result.exit_code == 0
    current = datetime.now(timezone.utc)
    first = " ".join(result.stdout.split())
    assert first.startswith("No trip around ") and f" {current:%Y} " in first and first.endswith("UTC (none starts within 7 days or ended within 2).")


ZONES = ["Asia/Tokyo", "Europe/Paris", "America/New_York", "America/Santiago", "Asia/Kathmandu", "Pacific/Apia"]


@st.composite
def trips(draw):
    """A trip of 1-4 stops in order, each a date alone or with hours, in zones with and without DST."""
    day = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    stops = []
    for _ in range(draw(st.integers(1, 4))):
        tz = draw(st.sampled_from(ZONES))
        place = Place("X", "XX", tz, 0.0, float(draw(st.integers(-170, 170))))
        length = draw(st.integers(0, 2))
        if draw(st.booleans()):
            arrive, depart = When(day, None, tz), When(day + timedelta(days=length), None, tz)
        else:
            arrive = When(day, time(draw(st.integers(6, 10))), tz)
            depart = When(day + timedelta(days=length), time(draw(st.integers(14, 20))), tz)
        if arrive.aware() is not None and (arrive.ambiguous() or depart.ambiguous()):
            continue
        stops.append(Stop(place, arrive, depart))
        day = day + timedelta(days=length + draw(st.integers(1, 3)))
    leaves = When(stops[0].arrive.day - timedelta(days=1), None, HOME.tz) if stops and draw(st.booleans()) else None
    return Trip("t", "T", "o", leaves=leaves, stops=stops)


@given(trip=trips(), hours=st.integers(-72, 24 * 20))
def test_a_situation_never_claims_more_than_the_times_allow(trip, hours):
    from triptrack.core.localtime import utc

    if not trip.stops:
        return
    catalog = Catalog({"o": Official("o", "O", home=HOME)}, {"t": trip})
    instant = utc(trip.stops[0].arrive.earliest()) + timedelta(hours=hours)
    found = situation(catalog, trip, instant)
    if found.kind == AT:
        stop = trip.stops[found.stops[0]]
        assert utc(stop.arrive.latest()) <= instant <= utc(stop.leaves.earliest())
    elif found.kind == THAT_DAY:
        for index in found.stops:
            stop = trip.stops[index]
            assert utc(stop.arrive.earliest()) <= instant <= utc(stop.leaves.latest())
            assert stop.arrive.date_only or stop.leaves.date_only
    elif found.kind == TRAVELLING:
        assert not any(utc(s.arrive.earliest()) <= instant <= utc(s.leaves.latest()) for s in trip.stops)
        assert found.origin.leaves is None or utc(found.origin.leaves.earliest()) <= instant


WRITTEN_FLIGHT = """officials:
  a:
    name: A
    home: {city: Washington, country: US, tz: America/New_York, lat: 38.895, lon: -77.036}
trips:
  u:
    title: Written flight
    official: a
    stops:
      - {city: Paris, country: FR, tz: Europe/Paris, lat: 48.85, lon: 2.35, arrive: 2025-04-03, depart: 2025-04-04}
      - city: Tokyo
        country: JP
        tz: Asia/Tokyo
        lat: 35.69
        lon: 139.69
        arrive: 2025-04-05
        depart: 2025-04-06
        travel: air AF276 2025-04-04 23:00 -> 2025-04-05 18:00
      - city: Osaka
        country: JP
        tz: Asia/Tokyo
        lat: 34.69
        lon: 135.50
        arrive: 2025-04-06
        travel: rail 3h
"""


def test_now_follows_the_written_flight_and_duration(cli, tmp_path):
    """Date-only stops, the flight between them written: in Paris until 23:00 CEST on the 4th,
    in the air until 18:00 JST on the 5th; Tokyo -> Osaka by a 3 h train."""
    data = tmp_path / "flight.yaml"
    data.write_text(WRITTEN_FLIGHT, encoding="utf-8")

    def state(at: str) -> dict:
        result = cli("now", "--at", at, "--json", data=data)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)[0]

    noon = state("2025-04-04 12:00Z")
    assert (noon["state"], noon["place"]["city"]) == ("at", "Paris")
    assert noon["next"] == {"what": "leaves Paris", "local": "2025-04-04T23:00:00+02:00", "tz": "Europe/Paris", "hour_known": True}
    flying = state("2025-04-05 00:00Z")
    assert flying["state"] == "travelling" and flying["leg"]["to"] == "Tokyo"
    assert flying["leg"]["left"]["local"] == "2025-04-04T23:00:00+02:00"
    assert flying["leg"]["earliest_arrival"] == flying["leg"]["latest_arrival"] == "2025-04-05T18:00:00+09:00"
    assert state("2025-04-05 10:00Z")["place"]["city"] == "Tokyo"  # landed 09:00Z
    timeline = cli("timeline", "u", "--tz", "UTC", data=data).stdout
    assert "maybe" not in next(line for line in timeline.splitlines() if line.startswith("Fri 4 Apr"))
    assert "━━━" in next(line for line in timeline.splitlines() if line.startswith("Fri 4 Apr"))


def test_an_obligation_at_a_stop_is_due_there_in_its_own_time(cli, data_file):
    from extra_trips import add_trips, stop, trip

    warsaw = ("Warsaw", "PL", "Europe/Warsaw", 52.23, 21.012)
    add_trips(data_file, trip("signing", stop(warsaw, "2025-03-05 09:00", "2025-03-05 18:00"), leaves="2025-03-04 18:00",
                              obligations="- what: Signing\n  at_stop: Warsaw\n  when: 2025-03-05 15:00"))
    out = now(cli, "--at", "2025-03-04 23:30Z", width=160).stdout
    line = next(line for line in out.splitlines() if "Signing" in line)
    assert "Due in Warsaw" in line and "Must be back" not in line
    assert "Wed 5 Mar 15:00 CET in Warsaw (Wed 5 Mar 09:00 EST in Washington) · in 14 h 30 min" in line
