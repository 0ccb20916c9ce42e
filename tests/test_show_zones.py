"""show --tz: times in the stop's zone, the home zone, UTC or any zone; DST-proof durations; findings."""

from __future__ import annotations

import pytest
from conftest import digest
from extra_trips import PARIS, SYDNEY, add_trips, stop, trip

from triptrack.core.display_zone import DisplayZone
from triptrack.errors import InputError


@pytest.fixture
def rome(cli):
    assert cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00").exit_code == 0
    return cli


def test_default_is_local_with_home_beside(rome):
    out = rome("show", "blinken-final").stdout
    assert "Itinerary: local times, Washington time beneath" in out
    assert "Thu 9 Jan" in out and "18:00 CET" in out and "12:00 EST" in out


@pytest.mark.parametrize(
    "choice, title, shown, absent",
    [
        ("home", "Itinerary: times in Washington time (America/New_York)", "12:00 EST", "18:00 CET"),
        ("UTC", "Itinerary: times in UTC", "17:00 UTC", "18:00 CET"),
        ("Asia/Kathmandu", "Itinerary: times in Asia/Kathmandu time", "22:45 +0545", "12:00 EST"),
        ("Pacific/Apia", "Itinerary: times in Pacific/Apia time", "06:00 +13", "12:00 EST"),
    ],
)
def test_one_zone_for_every_time(rome, choice, title, shown, absent):
    out = rome("show", "blinken-final", "--tz", choice).stdout
    assert title in out
    assert shown in out
    assert absent not in out
    assert "the date is local at the stop" in out  # date-only stops keep their own date


def test_obligation_time_follows_the_zone(rome):
    assert "Thu 9 Jan 2025 15:00 UTC" in rome("show", "blinken-final", "--tz", "UTC").stdout


def test_bad_zone_is_refused_before_reading(cli, data_file):
    before = digest(data_file)
    result = cli("show", "blinken-final", "--tz", "Europe/Atlantis")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "triptrack: error: --tz 'Europe/Atlantis': use home, local, UTC or an IANA time zone such as Europe/Paris"
    )
    assert digest(data_file) == before


def test_display_zone_parsing():
    assert DisplayZone.parse("HOME").choice == "home"
    assert DisplayZone.parse(" utc ").choice == "UTC"
    assert DisplayZone.parse("Asia/Kathmandu").fixed("America/New_York") == "Asia/Kathmandu"
    assert DisplayZone.parse("home").fixed("America/New_York") == "America/New_York"
    assert DisplayZone.parse("local").fixed("America/New_York") is None
    with pytest.raises(InputError):
        DisplayZone.parse("../etc/passwd")


def test_a_stay_across_the_paris_dst_change_lasts_real_hours(cli, data_file):
    # 01:00 CET to 04:00 CEST on 30 March 2025 is 2 hours, not 3.
    add_trips(data_file, trip("paris-night", stop(PARIS, "2025-03-30 01:00", "2025-03-30 04:00")))
    out = cli("show", "paris-night").stdout
    line = next(line for line in out.splitlines() if line.lstrip().startswith("1 "))
    assert line.split()[-3:] == ["2", "h", "6,166"]  # the Stay cell is "2 h" (not "12 h", not "3 h"), then the km


def test_the_header_gives_the_trips_own_dates(cli):
    assert "Sun 5 Jan 2025 → Thu 9 Jan 2025 · 5 days" in cli("show", "blinken-final").stdout
    # The record's first stop is Seoul on 6 January: that date, not Washington's date when it began.
    assert "Mon 6 Jan 2025 → Fri 10 Jan 2025 · 5 days" in cli("show", "blinken-final-record").stdout


def test_show_lists_check_findings_under_the_trip(cli, data_file):
    add_trips(data_file, trip("sydney-dash", stop(PARIS, "2025-01-07", "2025-01-08 10:00"), stop(SYDNEY, "2025-01-08 20:00")))
    out = cli("show", "sydney-dash").stdout
    assert "Check: 1 problem, 0 warnings" in out
    assert "✗ Paris → Sydney: cannot be travelled" in out
    assert "Check:" not in cli("show", "blinken-final").stdout
    record = cli("show", "blinken-final-record").stdout
    assert "Check: 0 problems, 1 warning" in record and "! Vatican City → Washington (home): missed" in record
