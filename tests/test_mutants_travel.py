"""core/travel.py: tests for the mutants mutmut found alive (issue 16; benchmarks/MUTATION.md).

Each test names the mutant(s) it kills: `mutmut show NAME` prints the change.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from extra_trips import BOSTON, NEW_YORK, PARIS, SYDNEY, add_trips, stop, trip

from triptrack.core.travel import minimum_travel, obligation_outcomes, points, route
from triptrack.datafile import store as storage

BERLIN = ("Berlin", "DE", "Europe/Berlin", 52.52, 13.405)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def load(data_file, *trips: str):
    add_trips(data_file, "".join(trips))
    return storage.load(storage.locate(str(data_file)))


def test_surely_travelling_starts_by_the_latest_arrival_less_the_journey(data_file):
    """Kills xǁLegǁcertain__mutmut_10 (latest arrival + minimum instead of - minimum).

    Left Paris some time on the 8th, in Sydney at 18:00 AEDT on the 9th (07:00 UTC): he must
    have set off by 07:00 - 20 h 57 min = 10:03 UTC on the 8th, not by the end of the 8th.
    """
    catalog = load(data_file, trip("late-leg", stop(PARIS, "2025-01-07", "2025-01-08"), stop(SYDNEY, "2025-01-09 18:00")))
    leg = route(catalog, catalog.trips["late-leg"]).legs[1]
    start, end = leg.certain()
    assert start == utc(2025, 1, 9, 7) - leg.minimum
    assert end == utc(2025, 1, 9, 7)


def test_surely_travelling_ends_no_sooner_than_departure_plus_the_journey(data_file):
    """Kills xǁLegǁcertain__mutmut_18 (earliest departure - minimum instead of + minimum).

    Left Paris at 10:00 CET (09:00 UTC) on the 8th for Sydney some time on the 9th (from 13:00
    UTC on the 8th): he cannot be there before 09:00 UTC + 20 h 57 min.
    """
    catalog = load(data_file, trip("early-leg", stop(PARIS, "2025-01-07", "2025-01-08 10:00"), stop(SYDNEY, "2025-01-09")))
    leg = route(catalog, catalog.trips["early-leg"]).legs[1]
    assert leg.certain() == (utc(2025, 1, 8, 9), utc(2025, 1, 8, 9) + leg.minimum)


def test_no_moment_is_certain_for_a_short_hop_on_a_date_only_day(data_file):
    """Kills xǁLegǁcertain__mutmut_21 (the window returned even when it ends before it starts).

    New York to Boston (about 4 h by the rule) some time on the 8th, both in one zone: there
    is no moment of the day when he is surely on the road.
    """
    catalog = load(data_file, trip("hop", stop(NEW_YORK, "2025-01-08", "2025-01-08"), stop(BOSTON, "2025-01-08")))
    leg = route(catalog, catalog.trips["hop"]).legs[1]
    assert leg.minimum < timedelta(hours=12) and leg.certain() is None


def test_no_moment_is_certain_when_leaving_and_arriving_at_the_same_instant(data_file):
    """Kills xǁLegǁcertain__mutmut_22 (`end >= start`: an empty window taken for a moment).

    Two stops at the same place (0 km, no travel time), one left at 12:00 and the next
    reached at 12:00: the window is empty, not the instant 12:00.
    """
    catalog = load(data_file, trip("same-place", stop(PARIS, "2025-01-08 10:00", "2025-01-08 12:00"),
                                   stop(PARIS, "2025-01-08 12:00")))
    leg = route(catalog, catalog.trips["same-place"]).legs[1]
    assert leg.minimum == timedelta(0) and leg.certain() is None


def test_a_trip_without_stops_has_no_points_and_its_obligations_no_last_stop(data_file):
    """Kills x_points__mutmut_4 and _31 (`home or trip.stops`: home points for a trip without
    stops) and x_obligation_outcomes__mutmut_10 (`next()` without its default: StopIteration)."""
    catalog = load(data_file, trip("no-stops-yet", leaves="2025-01-07",
                                   obligations="- what: Budget hearing\n  when: 2025-01-08 10:00\n"))
    planned = catalog.trips["no-stops-yet"]
    assert points(catalog, planned) == []
    (hearing,) = obligation_outcomes(catalog, planned)
    assert hearing.last is None and hearing.status == "unknown"


def test_a_stop_is_left_no_sooner_than_it_is_reached(data_file):
    """Kills x_route__mutmut_10 and _11 (a stop's arrival ignored as the earliest moment there).

    Paris reached at 10:00 and left some time that day (its day starts at 00:00), Berlin
    (878 km, 2 h 1 min) at 11:00: impossible, because he cannot leave Paris before he gets there.
    """
    catalog = load(data_file, trip("date-only-exit", stop(PARIS, "2025-01-08 10:00", "2025-01-08"),
                                   stop(BERLIN, "2025-01-08 11:00")))
    leg = route(catalog, catalog.trips["date-only-exit"]).legs[1]
    assert leg.ready == utc(2025, 1, 8, 9)
    assert leg.slack == timedelta(hours=1) - leg.minimum < timedelta(0)


def test_without_a_home_the_first_stop_is_left_no_sooner_than_it_is_reached(data_file):
    """Kills x_route__mutmut_16 (the first point's arrival dropped when there is no home to start from)."""
    data_file.write_text(data_file.read_text().replace(
        "officials:\n", "officials:\n  envoy:\n    name: A. Envoy\n    country: US\n", 1))
    envoy_trip = trip("homeless", stop(PARIS, "2025-01-08 10:00", "2025-01-08"), stop(BERLIN, "2025-01-08 11:00"))
    catalog = load(data_file, envoy_trip.replace("official: blinken", "official: envoy"))
    plan = route(catalog, catalog.trips["homeless"])
    assert [point.label for point in plan.points] == ["Paris", "Berlin"]
    assert plan.legs[0].ready == utc(2025, 1, 8, 9)
    # Kills x_route__mutmut_101 to _109: without a home, leaving the last stop is all that is known.
    assert len(plan.legs) == 1 and plan.legs[0].destination.label == "Berlin"
    assert plan.leaves_last == plan.back_home == utc(2025, 1, 8, 10)
    assert plan.counts_flight_home is False


def test_a_date_only_arrival_must_come_before_a_timed_departure(data_file):
    """Kills x_route__mutmut_27, _29 and _33 (a stop's departure ignored in the arrival deadline).

    In Sydney some time on the 9th but gone by 08:00 AEDT: he must arrive by 08:00, so
    leaving Paris at 10:00 CET on the 8th leaves 12 h for 20 h 57 min.
    """
    catalog = load(data_file, trip("timed-exit", stop(PARIS, "2025-01-07", "2025-01-08 10:00"),
                                   stop(SYDNEY, "2025-01-09", "2025-01-09 08:00")))
    leg = route(catalog, catalog.trips["timed-exit"]).legs[1]
    assert leg.deadline == utc(2025, 1, 8, 21)
    assert leg.available == timedelta(hours=12)


def test_an_obligation_at_the_moment_the_trip_leaves_is_before_the_trip(data_file):
    """Kills x_obligation_outcomes__mutmut_19 (`due < leaves` instead of `<=`)."""
    catalog = load(data_file, trip("send-off", stop(PARIS, "2025-01-08 10:00", "2025-01-08 12:00"), leaves="2025-01-07 12:00",
                                   obligations="- what: Send-off\n  when: 2025-01-07 12:00\n"))
    (send_off,) = obligation_outcomes(catalog, catalog.trips["send-off"])
    assert send_off.status == "before the trip"


def test_a_leg_without_coordinates_takes_no_time_at_least(data_file):
    """Kills x_route__mutmut_54 (an unknown distance taken as a day's travel, not as none)."""
    somewhere = "- city: Somewhere\n  country: FR\n  tz: Europe/Paris\n  arrive: 2025-01-08 11:00"
    catalog = load(data_file, trip("unmapped", stop(PARIS, "2025-01-08 10:00", "2025-01-08 10:30"), somewhere))
    leg = route(catalog, catalog.trips["unmapped"]).legs[1]
    assert leg.km is None and leg.minimum == timedelta(0) and leg.slack == timedelta(minutes=30)


def test_after_an_impossible_leg_the_traveller_is_there_at_the_deadline(data_file):
    """Kills x_route__mutmut_66 (after an impossible leg, the arrival forgotten instead of capped).

    Paris -> Sydney by 20:00 AEDT on the 8th cannot be flown; he is then taken to be in Sydney
    at 20:00 (09:00 UTC), so he leaves no sooner than that, not at the start of the 8th.
    """
    catalog = load(data_file, trip("capped", stop(PARIS, "2025-01-07", "2025-01-08 10:00"),
                                   stop(SYDNEY, "2025-01-08 20:00", "2025-01-08"), stop(PARIS, "2025-01-10")))
    legs = route(catalog, catalog.trips["capped"]).legs
    assert legs[1].slack < timedelta(0)
    assert legs[2].ready == utc(2025, 1, 8, 9)


def test_a_short_hop_takes_its_road_time():
    """Kills x_minimum_travel__mutmut_2 (`km <= 1` taken as no distance): 800 m at 90 km/h is 32 s."""
    assert minimum_travel(0.8) == timedelta(seconds=32)
    assert minimum_travel(1.0) == timedelta(seconds=40)
