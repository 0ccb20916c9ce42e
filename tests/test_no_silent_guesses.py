"""No silent guesses: an ambiguous numeric date is refused with both readings; a home is never UTC by default."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import digest
from hypothesis import given
from hypothesis import strategies as st

from triptrack.core import localtime
from triptrack.core.localtime import parse_user, set_date_order
from triptrack.datafile import store as storage

AMBIGUOUS = (
    "triptrack: error: --arrive: '06/03/2025 08:00' is ambiguous: 6 March (day first) or June 3 (month first)? "
    "Write 2025-03-06 or 2025-06-03, or set the order with --date-order dmy|mdy or $TRIPTRACK_DATE_ORDER"
)


@pytest.fixture(autouse=True)
def _no_order(monkeypatch):
    monkeypatch.delenv("TRIPTRACK_DATE_ORDER", raising=False)
    set_date_order(None)
    yield
    set_date_order(None)


def test_an_ambiguous_date_is_refused_with_both_readings(cli, data_file):
    before = digest(data_file)
    result = cli("add-stop", "blinken-final", "Rome", "--country", "IT", "--arrive", "06/03/2025 08:00")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == AMBIGUOUS
    assert digest(data_file) == before


@pytest.mark.parametrize(("order", "day"), [("dmy", date(2025, 3, 6)), ("mdy", date(2025, 6, 3))])
def test_the_order_can_be_set_by_option_or_environment(cli, data_file, monkeypatch, order, day):
    added = cli("--date-order", order, "--quiet", "add-stop", "blinken-final", "Rome", "--country", "IT", "--arrive", "06/03/2025 08:00")
    assert added.exit_code == 0, added.output
    set_date_order(None)
    monkeypatch.setenv("TRIPTRACK_DATE_ORDER", order)
    edited = cli("stop", "edit", "blinken-final", "4", "--depart", "06/03/2025 20:00")
    assert edited.exit_code == 0, edited.output
    rome = storage.load(storage.locate(str(data_file))).trips["blinken-final"].stops[3]
    assert rome.arrive.day == day and rome.depart.day == day


def test_a_bad_order_is_a_usage_error(cli):
    result = cli("--date-order", "ymd", "list")
    assert result.exit_code == 2
    assert "date order 'ymd': use dmy" in result.output


def test_unambiguous_numeric_dates_need_no_order():
    assert parse_user("13/03/2025", "Europe/Paris").day == date(2025, 3, 13)
    assert parse_user("03/13/2025", "Europe/Paris").day == date(2025, 3, 13)
    assert parse_user("05/05/2025", "Europe/Paris").day == date(2025, 5, 5)
    assert parse_user("2025-03-06", "Europe/Paris").day == date(2025, 3, 6)  # ISO 8601 is never ambiguous
    set_date_order("mdy")
    with pytest.raises(ValueError, match="not a date in month/day/year order"):
        parse_user("13/03/2025", "Europe/Paris")


@given(st.integers(1, 12), st.integers(1, 12), st.sampled_from("/.-"))
def test_every_swappable_date_is_refused_without_an_order(first, second, separator):
    text = f"{first:02d}{separator}{second:02d}{separator}2025"
    localtime.set_date_order(None)
    if first == second:
        assert parse_user(text, "UTC").day == date(2025, first, first)
        return
    with pytest.raises(ValueError, match="is ambiguous"):
        parse_user(text, "UTC")
    localtime.set_date_order("dmy")
    assert parse_user(text, "UTC").day == date(2025, second, first)
    localtime.set_date_order("mdy")
    assert parse_user(text, "UTC").day == date(2025, first, second)
    localtime.set_date_order(None)


def test_a_new_official_without_a_home_is_refused_in_a_script(cli, data_file):
    before = digest(data_file)
    result = cli("official", "new", "rubio", "--name", "Marco Rubio")
    assert result.exit_code == 2
    assert "Missing option '--home'" in result.output
    assert digest(data_file) == before


def test_a_csv_import_for_a_new_official_needs_a_home(cli, data_file, tmp_path):
    exported = tmp_path / "trip.csv"
    exported.write_bytes(cli("export", "blinken-final").stdout_bytes)
    before = digest(data_file)
    refused = cli("import", "csv", str(exported), "--trip", "copy", "--official", "rubio")
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        "triptrack: error: --official rubio: a new official needs a home, whose zone is their trips' home time "
        "(never UTC by default): give --home CITY; nothing was imported"
    )
    assert digest(data_file) == before
    done = cli("import", "csv", str(exported), "--trip", "copy", "--official", "rubio", "--home", "Miami", "--home-country", "US")
    assert done.exit_code == 0, done.output
    assert storage.load(storage.locate(str(data_file))).officials["rubio"].home_tz == "America/New_York"


def test_a_trip_whose_official_has_no_home_is_warned_about(cli, data_file):
    text = data_file.read_text()
    data_file.write_text(text.replace("trips:\n", "  nohome:\n    name: No Home\ntrips:\n", 1)
                         + "  homeless:\n    title: T\n    official: nohome\n    returns: 2025-01-09\n    stops: []\n")
    result = cli("check", "homeless")
    assert result.stdout.strip() == (
        "homeless: warning: official nohome has no home, so the trip's leaves, returns and obligations are read in UTC: "
        "give one with 'triptrack official edit nohome --home CITY'"
    )


def test_in_a_terminal_the_home_is_asked_for(cli, data_file, monkeypatch):
    from triptrack.cli import interaction

    monkeypatch.setattr(interaction, "interactive", lambda: True)
    result = cli("official", "new", "barrot", "--name", "Jean-Noël Barrot", input="Paris\n")
    assert result.exit_code == 0, result.output
    assert "Home city" in result.output
    assert storage.load(storage.locate(str(data_file))).officials["barrot"].home_tz == "Europe/Paris"


def test_in_a_terminal_a_csv_import_asks_for_the_new_officials_home(cli, data_file, tmp_path, monkeypatch):
    from triptrack.cli import interaction

    exported = tmp_path / "trip.csv"
    exported.write_bytes(cli("export", "blinken-final").stdout_bytes)
    monkeypatch.setattr(interaction, "interactive", lambda: True)
    result = cli("--quiet", "import", "csv", str(exported), "--trip", "copy", "--official", "barrot", input="Paris\n")
    assert result.exit_code == 0, result.output
    assert "Home city of the new official barrot" in result.output
    assert storage.load(storage.locate(str(data_file))).officials["barrot"].home_tz == "Europe/Paris"
