"""`triptrack calendar`: a row per official, a cell per day, at 60, 80 and 160 columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import PINNED_ENV, digest, invoke
from hypothesis import given
from hypothesis import strategies as st

from triptrack.core.day_range import calendar_range, parse_month
from triptrack.errors import InputError

FIXTURES = Path(__file__).resolve().parent / "historian"


def draw(cli, *args, width=80, data=None):
    result = invoke(["--data", str(data or cli.data), "calendar", *args], env={**PINNED_ENV, "COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_january_2025_at_80_columns(cli):
    out = draw(cli, "2025-01")
    lines = out.splitlines()
    assert lines[0] == "January 2025"
    assert "          1 Jan      6 Jan          13 Jan         20 Jan         27 Jan" in lines
    assert "          W T F S S  M T W T F S S  M T W T F S S  M T W T F S S  M T W T F" in lines
    assert "blinken 1 ········US KRJPFRUS······ ·············· ·············· ··········" in lines
    assert "                  →  → → → →◆" in lines  # leaves on the 5th, travels every day, the funeral on the 9th
    assert "blinken 2 ·········· KRJPFRITVA···· ·············· ·············· ··········" in lines
    assert max(len(line) for line in lines) <= 80


def test_the_key_beneath_names_cities_dates_and_obligations(cli):
    flat = " ".join(draw(cli, "2025-01", width=160).split())
    assert "blinken 1: blinken-final (Antony J. Blinken, 5–9 Jan 2025): Seoul KR 6 Jan, Tokyo JP 7 Jan, Paris FR 8 Jan; ◆ Thu 9 Jan 10:00 EST State funeral" in flat
    assert "Rome IT 9–10 Jan, Vatican City VA 10 Jan" in flat
    assert "·· no trip → travel day ◆ obligation" in flat


@pytest.mark.parametrize("width", [60, 80, 160])
def test_fits_every_width(cli, width):
    out = draw(cli, "2025-01", width=width)
    assert max(len(line) for line in out.splitlines()) <= width
    for day in ("1 Jan", "6 Jan", "13 Jan", "20 Jan", "27 Jan"):
        assert day in out  # every week is drawn, in one band or more


def test_at_60_columns_the_month_wraps_into_bands(cli):
    lines = draw(cli, "2025-01", width=60).splitlines()
    assert sum(1 for line in lines if line.startswith("blinken 1 ")) == 2
    assert "          1 Jan      6 Jan          13 Jan" in lines
    assert "          20 Jan         27 Jan" in lines


def test_at_160_columns_each_day_is_as_wide_as_one_band_allows(cli):
    lines = draw(cli, "2025-01", width=160).splitlines()
    assert "          Wed Thu Fri Sat Sun  Mon Tue Wed Thu Fri Sat Sun  Mon Tue Wed Thu Fri Sat Sun  Mon Tue Wed Thu Fri Sat Sun  Mon Tue Wed Thu Fri" in lines
    assert "blinken 1 ··  ··  ··  ··  US   KR  JP  FR  US  ··  ··  ··   ··  ··  ··  ··  ··  ··  ··   ··  ··  ··  ··  ··  ··  ··   ··  ··  ··  ··  ··" in lines


def test_with_room_for_six_columns_a_day_the_city_is_written(cli):
    lines = draw(cli, "--from", "2025-01-04", "--to", "2025-01-12").splitlines()
    assert lines[2] == "          Sat 4  Sun 5   Mon 6  Tue 7  Wed 8  Thu 9  Fri 10 Sat 11 Sun 12"
    assert lines[3] == "blinken 1 ··     Washi…  Seoul  Tokyo  Paris  Washi… ··     ··     ··"
    assert lines[5] == "blinken 2 ··     ··      Seoul  Tokyo  Paris  Rome   Vatic… ··     ··"
    assert max(len(line) for line in lines) <= 80


def test_a_range_and_one_official(cli):
    out = draw(cli, "--from", "2025-01-04", "--to", "2025-01-12", "--official", "blinken", width=60)
    assert out.splitlines()[0] == "Sat 4 Jan 2025 – Sun 12 Jan 2025"
    assert "blinken 1 ··   US    KR   JP   FR   US   ··   ··   ··" in out.splitlines()


def test_a_month_with_no_trip_says_so(cli):
    assert draw(cli, "2030-01").startswith("No trips from Tue 1 Jan 2030 to Thu 31 Jan 2030")


def test_on_a_historian_import(cli, tmp_path):
    history = tmp_path / "history.yaml"
    names = ("secretary-doe.xml", "secretary-roe.xml", "president-smith.xml")
    assert cli("import", "historian", *(str(FIXTURES / n) for n in names), data=history).exit_code == 0
    lines = draw(cli, "2024-03", data=history).splitlines()
    doe = next(line for line in lines if line.startswith("doe-jane-q "))
    assert "JPJPKRVAIL" in doe.replace(" ", "")  # Tokyo 10-11, Seoul 12, the Vatican 13, Israel 14
    assert not any(line.startswith("roe-") for line in lines)  # no trip that month: no row


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["2025-13"], "month '2025-13': there is no month 13 (1 to 12)", 1),
        (["2025"], "month '2025': give a year and month, like 2025-01", 1),
        (["--from", "Jan 5"], "--from 'Jan 5': give a date with its year, like 2025-01-07", 1),
        (["--from", "2025-01-10", "--to", "2025-01-01"], "--to 2025-01-01 is before --from 2025-01-10", 1),
        (["--from", "2024-01-01", "--to", "2025-06-01"], "at most a year at a time", 1),
        (["2025-01", "--from", "2025-01-01"], "give a MONTH or --from/--to, not both", 1),
        (["2025-01", "--official", "blinkn"], "--official: no official 'blinkn'; did you mean blinken?", 1),
        (["0000-01"], "month '0000-01': the year 0 is out of range (triptrack takes 1800 to 2200)", 1),
        (["9999-12", "--official", "blinken"], "month '9999-12': the year 9999 is out of range", 1),
        (["--from", "1799-12-01"], "--from '1799-12-01': the year 1799 is out of range", 1),
        (["--to", ""], "--to '': give a date with its year", 1),
        (["--from", ""], "--from '': give a date with its year", 1),
    ],
)
def test_bad_input(cli, args, message, code):
    before = digest(cli.data)
    result = cli("calendar", *args)
    assert result.exit_code == code
    assert result.stderr.startswith("triptrack: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert digest(cli.data) == before


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_a_month_is_its_first_to_last_day(year, month):
    first, last = parse_month(f"{year}-{month:02d}")
    assert first == date(year, month, 1) and last.month == month and (last.toordinal() + 1 == date(year + (month == 12), month % 12 + 1, 1).toordinal())


def test_no_month_means_this_month():
    assert calendar_range(None, None, None, date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert calendar_range(None, "2025-01-20", None, date.today()) == (date(2025, 1, 20), date(2025, 1, 31))
    with pytest.raises(InputError):
        calendar_range("2025-00", None, None, date.today())


def test_list_on_a_historian_import(cli, tmp_path):
    import json

    history = tmp_path / "history.yaml"
    names = ("secretary-doe.xml", "secretary-roe.xml", "president-smith.xml")
    assert cli("import", "historian", *(str(FIXTURES / n) for n in names), data=history).exit_code == 0
    docs = json.loads(cli("list", "--on", "2024-03-12", "--json", data=history).stdout)
    assert [(d["trip"], d["where"]) for d in docs] == [("doe-2024-03-10", "Seoul (KR)")]


def test_a_day_that_ends_back_home_shows_home(cli, data_file):
    """Leaving London at 10:00 BST and back in Washington at 14:00 EDT the same day: that day
    ends at home (US), as the plan's 9 January does, not in London (GB)."""
    from extra_trips import PARIS, add_trips, stop, trip

    london = ("London", "GB", "Europe/London", 51.507, -0.128)
    add_trips(data_file, trip("june", stop(PARIS, "2025-06-03 10:00", "2025-06-04 09:00"), stop(london, "2025-06-04 11:00", "2025-06-05 10:00"),
                              leaves="2025-06-02 18:00", returns="2025-06-05 14:00", version_of=None))
    row = next(line for line in draw(cli, "2025-06").splitlines() if line.startswith("blinken"))
    assert "USFRGBUS" in row
    on = invoke(["--data", str(data_file), "list", "--on", "2025-06-05"], env=PINNED_ENV).stdout
    assert "London (GB), then Washington (home)" in on
