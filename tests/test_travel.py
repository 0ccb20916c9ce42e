"""Minimum travel times, the best-case route, and properties that hold for any valid trip."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from triptrack.core import checks, compare, stats, timeline
from triptrack.core.localtime import When, day_skipped, resolve, utc
from triptrack.core.model import Place, Stop, Trip
from triptrack.core.travel import (
    FASTEST,
    minimum_travel,
    obligation_outcomes,
    route,
)
from triptrack.datafile import store as storage

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "trips.yaml"


@pytest.fixture(scope="module")
def catalog():
    return storage.load(storage.DataSource(SAMPLE, "test"))


def test_the_constants_and_what_they_give():
    assert (FASTEST["air"].kmh, FASTEST["air"].ground, FASTEST["road"].kmh) == (1050.0, timedelta(minutes=25), 90.0)
    assert minimum_travel(1050) == timedelta(hours=1, minutes=25)  # 1 h in the air + 25 min on the ground
    assert minimum_travel(30) == timedelta(minutes=20)  # a short hop goes by road
    assert minimum_travel(0) == timedelta(0)
    assert minimum_travel(6165.52) == timedelta(hours=6165.52 / 1050, minutes=25)  # Paris -> Washington, 6 h 17 min


@given(st.floats(0, 25_000), st.floats(0, 25_000))
def test_minimum_travel_grows_with_distance(a, b):
    low, high = sorted((a, b))
    assert minimum_travel(low) <= minimum_travel(high)


def test_the_plan_can_be_back_ten_hours_before_the_funeral(catalog):
    plan = route(catalog, catalog.trips["blinken-final"])
    assert [p.label for p in plan.points] == ["Washington (home)", "Seoul", "Tokyo", "Paris", "Washington (home)"]
    assert [round(leg.km) for leg in plan.legs] == [11165, 1153, 9712, 6166]
    # Best case: back at the start of the return day (the plan says "early on Thursday").
    assert plan.back_home == datetime(2025, 1, 9, 5, 0, tzinfo=timezone.utc)
    (funeral,) = obligation_outcomes(catalog, catalog.trips["blinken-final"], plan)
    assert funeral.status == "met" and funeral.margin == timedelta(hours=10)


def test_the_record_could_not_be_back_for_the_funeral(catalog):
    trip = catalog.trips["blinken-final-record"]
    (funeral,) = obligation_outcomes(catalog, trip)
    assert funeral.status == "missed"
    # Leaves the Vatican at 00:01 CET on the 10th at best, then 7,214 km: 7 h 17 min at best.
    assert funeral.back.astimezone(timezone.utc).strftime("%d %H:%M") == "10 06:19"


def test_when_surely_travelling_between_date_only_stops(catalog):
    legs = route(catalog, catalog.trips["blinken-final"]).legs
    tokyo_paris = legs[2]
    # Left Tokyo on the 7th (ends 15:00 UTC), reached Paris on the 8th (starts 23:00 UTC on the 7th).
    last_moment_of_the_7th_in_tokyo = datetime(2025, 1, 7, 15, tzinfo=timezone.utc) - timedelta(microseconds=1)
    assert tokyo_paris.certain() == (last_moment_of_the_7th_in_tokyo, datetime(2025, 1, 7, 23, tzinfo=timezone.utc))
    # Seoul and Tokyo share an offset: left on the 6th, arrived on the 7th, so on the way at midnight only.
    start, end = legs[1].certain()
    assert end == datetime(2025, 1, 6, 15, tzinfo=timezone.utc) and end - start == timedelta(microseconds=1)


def test_day_bounds_follow_the_zone_not_the_wall_clock():
    # Santiago skips from 00:00 to 01:00 on 11 Sep 2022: the 10th ends at 04:00 UTC.
    assert utc(When(date(2022, 9, 10), None, "America/Santiago").latest()) == datetime(2022, 9, 11, 4, tzinfo=timezone.utc) - timedelta(microseconds=1)
    assert day_skipped(date(2011, 12, 30), "Pacific/Apia")
    assert not day_skipped(date(2011, 12, 29), "Pacific/Apia")
    assert not day_skipped(date(2025, 3, 30), "Europe/Paris")


PLACES = [
    Place("Paris", "FR", "Europe/Paris", 48.853, 2.349),
    Place("Kathmandu", "NP", "Asia/Kathmandu", 27.702, 85.321),
    Place("Apia", "WS", "Pacific/Apia", -13.833, -171.767),
    Place("New York", "US", "America/New_York", 40.714, -74.006),
    Place("Sydney", "AU", "Australia/Sydney", -33.868, 151.207),
    Place("Nowhere", "US", "UTC"),  # no coordinates
]
DAYS = st.sampled_from([date(2011, 12, 28), date(2025, 3, 9), date(2025, 3, 30), date(2025, 10, 26), date(2025, 11, 2)])


@st.composite
def whens(draw, tz: str, base: date):
    day = base + timedelta(days=draw(st.integers(0, 3)))
    if draw(st.booleans()):
        return When(day, None, tz)
    wall = datetime.combine(day, time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 30, 45]))))
    try:
        return resolve(wall, tz)
    except ValueError:  # a DST gap or fold: the file would refuse it too
        assume(False)


@st.composite
def trips(draw):
    stops = []
    base = draw(DAYS)  # around a DST change or the day Samoa skipped
    for place in draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=4)):
        arrive = draw(whens(place.tz, base))
        depart = draw(st.one_of(st.none(), whens(place.tz, base)))
        stops.append(Stop(place, arrive, depart))
    home = "America/New_York"
    return Trip(
        "random", "Random", "blinken", status=draw(st.sampled_from(["planned", "recorded"])),
        leaves=draw(st.one_of(st.none(), whens(home, base - timedelta(days=1)))),
        returns=draw(st.one_of(st.none(), whens(home, base + timedelta(days=1)))),
        stops=stops,
        obligations=[],
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(trips())
def test_any_valid_trip_can_be_checked_drawn_compared_and_counted(catalog, trip):
    trip.obligations = list(catalog.trips["blinken-final"].obligations)
    catalog.trips["random"] = trip
    try:
        findings = checks.check_trip(catalog, trip)
        for finding in findings:
            assert finding.severity in (checks.PROBLEM, checks.WARNING)
            assert "\n" not in finding.line()
        days = timeline.build(catalog, trip, "America/New_York")
        for day in days.days:
            assert len(timeline.strip(days, day, 24)) == 24
        compare.compare(catalog, catalog.trips["blinken-final"], trip)
        stats.compute(catalog, "blinken", include_planned=True)
    finally:
        del catalog.trips["random"]
