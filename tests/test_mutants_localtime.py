"""core/localtime.py: tests for the mutants mutmut found alive (issue 16; benchmarks/MUTATION.md).

Each test names the mutant(s) it kills: `mutmut show NAME` prints the change.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from triptrack.core.localtime import When, parse_iso, when_words


def test_a_fold_is_written_with_its_offset_and_its_sign():
    """Kills x__offset_text__mutmut_7, _9, _10 and _11: a negative offset loses its minus sign or
    gets a wrong one, and UTC+00:00 (London's second 01:30) is written as -00:00."""
    new_york = parse_iso("2024-11-03 01:30-05:00", "America/New_York")
    assert new_york.text() == "2024-11-03 01:30-05:00"
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
