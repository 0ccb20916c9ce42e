"""One definition of a trip's days (core.trip_days): local dates at each stop."""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from triptrack.core.localtime import When
from triptrack.core.model import Place, Stop, Trip
from triptrack.core.trip_days import stop_dates, trip_bounds, trip_length

ZONES = ("Asia/Seoul", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Rome")


@st.composite
def stops(draw) -> Stop:
    tz = draw(st.sampled_from(ZONES))
    country = draw(st.sampled_from(("US", "KR", "IT")))
    first = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 60)))
    last = first + timedelta(days=draw(st.integers(0, 5)))
    hour = draw(st.none() | st.integers(0, 23))
    at = None if hour is None else time(hour)
    return Stop(Place("X", country, tz, 0.0, 0.0), When(first, at, tz), When(last, at, tz))


@given(st.lists(stops(), min_size=1, max_size=6))
def test_days_are_the_dates_written_at_the_stops(trip_stops):
    trip = Trip("t", "t", "o", stops=trip_stops)
    first, last = trip_bounds(trip)
    assert first == min(s.arrive.day for s in trip_stops) and last == max(s.leaves.day for s in trip_stops)
    assert trip_length(trip) == (last - first).days + 1
    every = stop_dates(trip)
    assert min(every) == first and max(every) == last  # whatever the zones: a date is its own date
    abroad = stop_dates(trip, outside="US")
    assert abroad <= every and len(abroad) <= trip_length(trip)
    assert all(any(s.arrive.day <= d <= s.leaves.day and s.place.country != "US" for s in trip_stops) for d in abroad)


def test_leaving_and_returning_home_count_as_days_of_the_trip():
    seoul = Stop(Place("Seoul", "KR", "Asia/Seoul"), When(date(2025, 1, 6), None, "Asia/Seoul"))
    trip = Trip("t", "t", "o", stops=[seoul], leaves=When(date(2025, 1, 5), time(20), "America/New_York"),
                returns=When(date(2025, 1, 8), None, "America/New_York"))
    assert trip_bounds(trip) == (date(2025, 1, 5), date(2025, 1, 8)) and trip_length(trip) == 4
    assert stop_dates(trip, outside="US") == {date(2025, 1, 6)}  # a day abroad needs a stop abroad


def test_a_date_the_zone_never_had_is_not_a_day_of_the_stay():
    """Apia went from 29 to 31 December 2011 (it skipped the 30th); Kiritimati skipped 31 Dec 1994."""
    from triptrack.core.trip_days import local_dates, stay_words

    apia = Place("Apia", "WS", "Pacific/Apia", -13.8, -171.8)
    stay = Stop(apia, When(date(2011, 12, 29), None, apia.tz), When(date(2011, 12, 31), None, apia.tz))
    assert stay_words(stay) == "2 days"
    trip = Trip("t", "T", "o", stops=[stay])
    assert stop_dates(trip) == {date(2011, 12, 29), date(2011, 12, 31)}
    assert local_dates(date(1994, 12, 29), date(1995, 1, 2), "Pacific/Kiritimati") == [
        date(1994, 12, 29), date(1994, 12, 30), date(1995, 1, 1), date(1995, 1, 2)]
    assert len(local_dates(date(2011, 12, 1), date(2011, 12, 31), "Europe/Rome")) == 31
