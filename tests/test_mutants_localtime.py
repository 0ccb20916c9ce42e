"""core/localtime.py: tests for the mutants mutmut found alive (issue 16; benchmarks/MUTATION.md).

Each test names the mutant(s) it kills: `mutmut show NAME` prints the change.
"""

from __future__ import annotations

import datetime as real_datetime
import types
from datetime import date, time, timezone

import pytest

from triptrack.core.localtime import (
    When,
    parse_iso,
    parse_user,
    tz_abbrev,
    utc,
    when_words,
    zone,
)


def test_a_fold_is_written_with_its_offset_and_its_sign():
    """Kills x__offset_text__mutmut_7, _9, _10 and _11: a negative offset loses its minus sign or
    gets a wrong one, and UTC+00:00 (London's second 01:30) is written as -00:00."""
    new_york = parse_iso("2024-11-03 01:30-05:00", "America/New_York")
    assert new_york.text() == "2024-11-03 01:30-05:00"
    # The first 01:30 (EDT) is in the fold too: kills xǁWhenǁambiguous__mutmut_19 (fold=1 not
    # asked for, so only the second 01:30, which carries fold=1 already, was seen as ambiguous).
    assert parse_iso("2024-11-03 01:30-04:00", "America/New_York").text() == "2024-11-03 01:30-04:00"
    london = parse_iso("2024-10-27 01:30+00:00", "Europe/London")
    assert london.text() == "2024-10-27 01:30+00:00"
    st_johns = parse_iso("2024-11-03 01:30-03:30", "America/St_Johns")
    assert st_johns.text() == "2024-11-03 01:30-03:30"


def test_z_means_utc():
    """Kills x__parse_offset__mutmut_2 to _5 ('Z' no longer read as +00:00)."""
    assert parse_iso("2025-01-09 18:00Z", "Europe/London") == When(date(2025, 1, 9), time(18, 0), "Europe/London")
    with pytest.raises(ValueError, match="Europe/Paris is at \\+01:00 then, not \\+00:00"):
        parse_iso("2025-01-09 18:00Z", "Europe/Paris")  # an offset must be the zone's own


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Offsets of a possible form reach the zone's own check, which names the real offset.
        ("2025-01-09 18:00+23:00", "2025-01-09 18:00+23:00: Europe/Paris is at +01:00 then, not +23:00"),
        ("2025-01-09 18:00+01:59", "2025-01-09 18:00+01:59: Europe/Paris is at +01:00 then, not +01:59"),
        # Impossible ones are refused as they are written.
        ("2025-01-09 18:00+24:00", "'+24:00' is not a UTC offset"),
        ("2025-01-09 18:00+24:30", "'+24:30' is not a UTC offset"),
        ("2025-01-09 18:00+01:60", "'+01:60' is not a UTC offset"),
    ],
)
def test_an_offset_out_of_range_is_refused_as_written(text, message):
    """Kills x__parse_offset__mutmut_28 to _33 (the bounds of hours and minutes, and the message)."""
    with pytest.raises(ValueError) as raised:
        parse_iso(text, "Europe/Paris")
    assert str(raised.value) == message


def test_a_date_only_time_has_its_year_only_when_asked():
    """Kills x_when_words__mutmut_1 (the year by default), _6 and _8 (the year never given)."""
    day = When(date(2025, 1, 9), None, "Europe/Paris")
    assert when_words(day) == "Thu 9 Jan"
    assert when_words(day, year=True) == "Thu 9 Jan 2025"


# parse_user parses each text twice, over two different default moments, and refuses what
# differs (a part the text did not give). Had either parse used dateutil's own default (today
# at midnight), a text missing its day would pass on the day of the month that matches the
# other default: these tests type on those days.


def typed_on(monkeypatch, today: real_datetime.datetime) -> None:
    """Make dateutil's parser believe it is `today` (its default when none is given)."""
    from dateutil.parser import _parser

    class Today(real_datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return today

    clock = types.ModuleType("datetime")
    clock.__dict__.update(real_datetime.__dict__)
    clock.datetime = Today
    monkeypatch.setattr(_parser, "datetime", clock)


@pytest.mark.parametrize(
    "today",
    [
        real_datetime.datetime(2026, 2, 3, 4, 5, 6),  # the first default's month and day
        real_datetime.datetime(2026, 3, 4, 7, 8, 9),  # the second default's
    ],
    ids=["3-feb", "4-mar"],
)
def test_a_month_without_a_day_is_refused_whatever_the_day(monkeypatch, today):
    """Kills x_parse_user__mutmut_12, _14, _17 and _19 (a probe's default left to dateutil)."""
    typed_on(monkeypatch, today)
    with pytest.raises(ValueError, match="has no full date"):
        parse_user("Jan 2025", "Europe/Paris")
    assert parse_user("Jan 9 2025 6pm", "Europe/Paris").text() == "2025-01-09 18:00"


def test_a_typed_offset_is_checked_and_kept():
    """Kills x_parse_user__mutmut_30 (a typed offset dropped unchecked) and _31 to _33 (a numeric
    offset taken for a zone name)."""
    assert parse_user("Jan 9 2025 6pm +01:00", "Europe/Paris").text() == "2025-01-09 18:00"
    with pytest.raises(ValueError, match=r"Europe/Paris is at \+01:00 then, not -05:00"):
        parse_user("Jan 9 2025 6pm -05:00", "Europe/Paris")


def test_the_end_of_a_date_only_day_is_written_in_its_own_zone():
    """Kills xǁWhenǁlatest__mutmut_12 (the last moment of the day given in the machine's zone)."""
    last = When(date(2025, 1, 9), None, "Asia/Tokyo").latest()
    assert (last.tzinfo, last.hour, last.minute, last.day) == (zone("Asia/Tokyo"), 23, 59, 9)


def test_the_sort_key_is_the_moment_in_utc_or_local_noon():
    """Kills xǁWhenǁutc_key__mutmut_1 (the exact time ignored), _6 and _9 (noon in the machine's
    zone, not the place's), _11 (13:00) and _13 (not in UTC)."""
    timed = When(date(2025, 1, 9), time(18, 0), "Europe/Paris").utc_key()
    assert timed == real_datetime.datetime(2025, 1, 9, 17, tzinfo=timezone.utc) and timed.tzinfo is timezone.utc
    assert When(date(2025, 1, 9), None, "Europe/Paris").utc_key() == real_datetime.datetime(2025, 1, 9, 11, tzinfo=timezone.utc)


def test_utc_gives_the_utc_zone_itself():
    """Kills x_utc__mutmut_1 (the machine's zone, which only happens to be UTC on some machines)."""
    moment = When(date(2025, 1, 9), time(18, 0), "Europe/Paris").aware()
    assert utc(moment).tzinfo is timezone.utc


def test_a_numeric_abbreviation_is_written_as_the_offset():
    """Kills x_tz_abbrev__mutmut_4 and _6: São Paulo's abbreviation is '-03', written '-0300'."""
    moment = When(date(2025, 1, 9), time(18, 0), "America/Sao_Paulo").aware()
    assert moment.tzname() == "-03" and tz_abbrev(moment) == "-0300"
    assert tz_abbrev(When(date(2025, 1, 9), time(18, 0), "Europe/Paris").aware()) == "CET"


@pytest.fixture
def machine_zone():
    """Set the machine's own zone (TZ) for one test: dateutil reads a zone name typed after a
    time as the machine's zone when the names match."""
    import os
    import time as clock

    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        clock.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    clock.tzset()


@pytest.mark.parametrize(("machine", "typed"), [("UTC", "UTC"), ("Europe/London", "GMT")])
def test_utc_or_gmt_typed_on_a_machine_in_that_zone_counts_as_plus_zero(machine_zone, machine, typed):
    """Kills x_parse_user__mutmut_40 to _43 (the names UTC and GMT, which dateutil gives as
    the machine's own zone when the machine is in it)."""
    machine_zone(machine)
    assert parse_user(f"Jan 9 2025 6pm {typed}", "Europe/London").text() == "2025-01-09 18:00"


def test_the_machines_own_zone_name_is_still_a_name(machine_zone):
    """Kills x_parse_user__mutmut_39 and _44: 'EST' typed on a machine in New York is the
    machine's zone to dateutil, and still a zone name, not a number."""
    machine_zone("America/New_York")
    with pytest.raises(ValueError, match="give the UTC offset as a number"):
        parse_user("Jan 9 2025 6pm EST", "America/New_York")


def test_a_typed_date_keeps_its_zone_and_a_typed_second_its_value():
    """Kills x_parse_user__mutmut_51 (a date-only time without its zone) and _64 (seconds typed
    out dropped)."""
    assert parse_user("Jan 9 2025", "Europe/Paris") == When(date(2025, 1, 9), None, "Europe/Paris")
    assert parse_user("Jan 9 2025 6:30:15pm", "Europe/Paris") == When(date(2025, 1, 9), time(18, 30, 15), "Europe/Paris")


def test_typed_fractions_of_a_second_are_dropped():
    """Kills x_parse_user__mutmut_71 and _72 (the microseconds kept, or set to 1)."""
    assert parse_user("Jan 9 2025 18:30:15.250", "Europe/Paris") == When(date(2025, 1, 9), time(18, 30, 15), "Europe/Paris")


def test_seconds_are_written_when_there_are_some():
    """Kills xǁWhenǁtext__mutmut_3, _5 and _6 (seconds dropped, or a bad timespec)."""
    assert When(date(2025, 1, 9), time(18, 30, 15), "Europe/Paris").text() == "2025-01-09 18:30:15"
    assert When(date(2025, 1, 9), time(18, 30), "Europe/Paris").text() == "2025-01-09 18:30"


def test_resolve_refuses_a_fold_whatever_fold_the_wall_time_carries():
    """Kills x_resolve__mutmut_7 (the wall time's own fold=1 kept, so only one offset seen)."""
    from datetime import datetime

    from triptrack.core.localtime import resolve

    with pytest.raises(ValueError, match="happens twice in America/New_York"):
        resolve(datetime(2024, 11, 3, 1, 30, fold=1), "America/New_York")


def test_a_wrong_offset_in_a_fold_names_both_real_ones():
    """Kills x_resolve__mutmut_25 and _26 (the joining words of the two offsets)."""
    with pytest.raises(ValueError) as raised:
        parse_iso("2024-11-03 01:30+01:00", "America/New_York")
    assert str(raised.value) == "2024-11-03 01:30+01:00: America/New_York is at -04:00 or -05:00 then, not +01:00"


def test_offsets_and_gaps_do_not_depend_on_the_machines_zone(machine_zone):
    """Kills x_resolve__mutmut_34 (a typed offset's moment taken as the machine's local time) and
    _46 (the real time suggested for a gap given in the machine's zone)."""
    machine_zone("Asia/Tokyo")
    assert parse_iso("2025-01-09 18:00+01:00", "Europe/Paris") == When(date(2025, 1, 9), time(18, 0), "Europe/Paris")
    with pytest.raises(ValueError, match=r"give the real time, e\.g\. 03:30, or"):
        parse_iso("2025-03-30 02:30", "Europe/Paris")


def test_the_data_files_form_refuses_what_is_not_text_or_not_its_form():
    """Kills x_parse_iso__mutmut_3 (a number crashes instead of being refused) and _6 (the message)."""
    for value in (20250109, "9 Jan 2025"):
        with pytest.raises(ValueError) as raised:
            parse_iso(value, "Europe/Paris")
        assert str(raised.value) == f"{value!r} is not a date or time (write 2025-01-09 or 2025-01-09 18:00)"


def test_the_data_files_form_keeps_seconds():
    """Kills x_parse_iso__mutmut_39 (the seconds of 18:30:15 dropped)."""
    assert parse_iso("2025-01-09 18:30:15", "Europe/Paris").at == time(18, 30, 15)
