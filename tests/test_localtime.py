"""Parsing and resolving local wall times, including DST gaps, folds and odd zones."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triptrack.core.localtime import When, parse_iso, parse_user, resolve

VALID = [
    ("2025-01-09 18:00", "Europe/Rome", "2025-01-09T18:00:00+01:00"),
    ("2025-01-09T18:00", "Europe/Rome", "2025-01-09T18:00:00+01:00"),
    ("2025-01-09T18:00:00+01:00", "Europe/Rome", "2025-01-09T18:00:00+01:00"),
    ("2025-01-09", "Europe/Rome", "2025-01-09"),
    ("Jan 9 2025 6pm", "Europe/Rome", "2025-01-09T18:00:00+01:00"),
    ("9 January 2025 18:30", "Asia/Tokyo", "2025-01-09T18:30:00+09:00"),
    ("January 9, 2025", "Asia/Tokyo", "2025-01-09"),
    ("2025-01-09 12:00", "Asia/Kathmandu", "2025-01-09T12:00:00+05:45"),
    ("2025-01-09 12:00", "Pacific/Apia", "2025-01-09T12:00:00+13:00"),
    ("2025-10-26 02:30+01:00", "Europe/Paris", "2025-10-26T02:30:00+01:00"),
    ("2025-10-26 02:30+02:00", "Europe/Paris", "2025-10-26T02:30:00+02:00"),
    ("2025-11-02 01:30-05:00", "America/New_York", "2025-11-02T01:30:00-05:00"),
    # An offset settles a gap: 02:30 at -05:00 is the moment New York calls 03:30 EDT.
    ("2025-03-09 02:30-05:00", "America/New_York", "2025-03-09T03:30:00-04:00"),
]

INVALID = [
    ("2025-02-30", "Europe/Paris", "'2025-02-30' is not a date"),
    ("2025-01-09 25:00", "Europe/Paris", "is not a time of day"),
    ("Jan 9", "Europe/Paris", "has no year"),
    ("18:00", "Europe/Paris", "has no full date"),
    ("next week", "Europe/Paris", "is not a date or time"),
    ("Jan 9 2025 6pm EST", "Europe/Paris", "give the UTC offset as a number"),
    ("2025-03-30 02:30", "Europe/Paris", "does not exist in Europe/Paris"),
    ("2025-03-09 02:30", "America/New_York", "does not exist in America/New_York"),
    ("2025-10-26 02:30", "Europe/Paris", "happens twice in Europe/Paris"),
    ("2025-11-02 01:30", "America/New_York", "happens twice in America/New_York"),
    ("2025-01-09 18:00+05:00", "Europe/Rome", "Europe/Rome is at +01:00 then, not +05:00"),
    # Samoa skipped 2011-12-30 entirely (it crossed the date line): neither the day nor an hour of it exists
    ("2011-12-30", "Pacific/Apia", "skipped that whole day"),
    ("2011-12-30 12:00", "Pacific/Apia", "skipped that whole day"),
    ("2025-01-09", "Mars/Olympus", "is not an IANA time zone"),
]


@pytest.mark.parametrize("text, tz, iso", VALID)
def test_valid_times(text, tz, iso):
    assert parse_user(text, tz).iso() == iso


@pytest.mark.parametrize("text, tz, message", INVALID)
def test_invalid_times(text, tz, message):
    if message is None:
        assert parse_user(text, tz).date_only
        return
    with pytest.raises(ValueError, match=None) as caught:
        parse_user(text, tz)
    assert message in str(caught.value)


def test_kathmandu_offset_and_abbreviation():
    from triptrack.core.localtime import tz_abbrev

    moment = parse_iso("2025-01-09 12:00", "Asia/Kathmandu").aware()
    assert moment.utcoffset() == timedelta(hours=5, minutes=45)
    assert tz_abbrev(moment) == "+0545"


def test_date_only_bounds_cover_the_whole_local_day():
    when = parse_iso("2025-01-09", "America/New_York")
    assert when.earliest().astimezone(timezone.utc) == datetime(2025, 1, 9, 5, tzinfo=timezone.utc)
    assert when.latest() - when.earliest() == timedelta(days=1, microseconds=-1)


def test_start_of_a_day_that_begins_in_a_gap():
    # Santiago springs forward at midnight: 2024-09-08 starts at 01:00.
    start = parse_iso("2024-09-08", "America/Santiago").earliest()
    assert (start.hour, start.utcoffset()) == (1, timedelta(hours=-3))


ZONES = ["Europe/Paris", "America/New_York", "Asia/Kathmandu", "Pacific/Apia", "Australia/Sydney", "UTC"]


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2037, 12, 31)),
    tz=st.sampled_from(ZONES),
)
def test_every_real_moment_round_trips_through_the_file_form(moment, tz):
    """Any instant, written as the file writes it, reads back as the same instant."""
    from zoneinfo import ZoneInfo

    local = moment.replace(tzinfo=timezone.utc, second=0, microsecond=0).astimezone(ZoneInfo(tz))
    offset = local.utcoffset()
    when = resolve(local.replace(tzinfo=None), tz, offset)
    again = parse_iso(when.text(), tz)
    assert again.aware() == local
    assert again.aware().utcoffset() == offset


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), tz=st.sampled_from(ZONES))
def test_dates_round_trip(day, tz):
    when = When(day, None, tz)
    assert parse_iso(when.text(), tz) == when
    assert when.earliest() <= when.latest()


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    tz=st.sampled_from(ZONES),
)
def test_resolve_never_guesses(day, at, tz):
    """Either the wall time resolves to itself, or it is refused with a reason."""
    naive = datetime.combine(day, at)
    try:
        when = resolve(naive, tz)
    except ValueError as exc:
        assert "does not exist" in str(exc) or "happens twice" in str(exc)
        return
    assert when.aware().replace(tzinfo=None) == naive
    assert not when.ambiguous()
    assert isinstance(when.at, time)


@pytest.mark.parametrize(
    "typed, offset",
    [("2025-01-07 10:00 UTC-05:00", -5 * 60), ("2025-01-07 10:00 GMT-5", -5 * 60), ("Jan 7 2025 10am utc-0500", -5 * 60),
     ("2025-01-07 16:00 UTC+1", 60), ("2025-01-07 16:00 GMT +01:00", 60), ("2025-01-07 20:45 UTC+5:45", 5 * 60 + 45)],
)
def test_an_offset_spelled_utc_or_gmt_means_what_a_person_means(typed, offset):
    """dateutil reads UTC+1 the POSIX way, an hour behind UTC; a person means an hour ahead."""
    zones = {-300: "America/New_York", 60: "Europe/Paris", 345: "Asia/Kathmandu"}
    when = parse_user(typed, zones[offset])
    assert when.aware().utcoffset() == timedelta(minutes=offset)
    with pytest.raises(ValueError, match="then, not"):
        parse_user(typed, "Atlantic/Azores")  # at -01:00: neither offset is its own


def test_an_offset_with_seconds_is_written_and_read_back():
    """New York kept local mean time (-04:56:02) until noon on 18 Nov 1883: the fold's offsets
    were suggested rounded to -04:57, which was then refused, and CSV wrote what import refused."""
    with pytest.raises(ValueError, match="1883-11-18 12:01-04:56:02 or 1883-11-18 12:01-05:00"):
        parse_user("1883-11-18 12:01", "America/New_York")
    early = parse_user("1883-11-18 12:01-04:56:02", "America/New_York")
    assert early.aware().utcoffset() == -timedelta(hours=4, minutes=56, seconds=2)
    assert parse_iso(early.text(), "America/New_York") == early
    assert parse_iso(early.iso(), "America/New_York") == early
