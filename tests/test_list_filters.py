"""list --official / --country / --from / --to / --search, on the sample plus imported records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import digest

from triptrack.core.filters import parse_bound
from triptrack.errors import InputError

FIXTURES = Path(__file__).resolve().parent / "historian"


@pytest.fixture
def history_cli(cli):
    """The sample file plus the made-up Historian records."""
    names = ("secretary-doe.xml", "secretary-roe.xml", "president-smith.xml")
    assert cli("import", "historian", *(str(FIXTURES / n) for n in names)).exit_code == 0
    return cli


def _ids(cli, *args) -> list[str]:
    result = cli("list", *args, "--json")
    assert result.exit_code == 0, result.output
    return [trip["id"] for trip in json.loads(result.stdout)]


def test_no_filter_lists_everything_oldest_first(history_cli):
    assert _ids(history_cli) == [
        "roe-1990-05-15", "smith-2023-04-11", "doe-2024-03-10", "doe-2024-06-01", "blinken-final", "blinken-final-record",
    ]


def test_by_official_and_country(history_cli):
    assert _ids(history_cli, "--official", "doe-jane-q") == ["doe-2024-03-10", "doe-2024-06-01"]
    assert _ids(history_cli, "--country", "jp") == ["doe-2024-03-10", "blinken-final", "blinken-final-record"]
    assert _ids(history_cli, "--country", "VA", "--official", "blinken") == ["blinken-final-record"]


def test_by_dates_a_trip_overlapping_the_range_counts(history_cli):
    assert _ids(history_cli, "--from", "2024", "--to", "2024") == ["doe-2024-03-10", "doe-2024-06-01"]
    assert _ids(history_cli, "--from", "2024-03-15", "--to", "2024-03") == ["doe-2024-03-10"]  # its last day
    assert _ids(history_cli, "--to", "1999") == ["roe-1990-05-15"]
    assert _ids(history_cli, "--from", "2025-01-10") == ["blinken-final-record"]


def test_search_reads_topics_meetings_and_notes_in_any_case(history_cli):
    assert _ids(history_cli, "--search", "POPE francis") == ["doe-2024-03-10"]  # a meeting
    assert _ids(history_cli, "--search", "arms sale") == ["blinken-final"]  # a topic
    assert _ids(history_cli, "--search", "refuelling") == ["roe-1990-05-15"]  # notes
    assert _ids(history_cli, "--search", "macron", "--official", "blinken") == ["blinken-final-record"]


def test_no_match_says_so(history_cli):
    result = history_cli("list", "--search", "no such words anywhere")
    assert result.exit_code == 0 and "match (6 in all)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--official", "blinkn"), "--official: no official 'blinkn'; did you mean blinken?"),
        (("--country", "Japan"), "--country 'Japan': give an ISO 3166-1 alpha-2 code"),
        (("--from", "last year"), "--from 'last year': give a date like 2024-03-15"),
        (("--to", "2024-02-30"), "--to '2024-02-30' is not a date"),
        (("--from", "2025", "--to", "2024"), "--to 2024 is before --from 2025"),
        (("--search", "  "), "--search: give some text to look for"),
        (("--country", "ZZ"), "--country 'ZZ': no country has that ISO 3166-1 code"),
        (("--from", ""), "--from '': give a date like 2024-03-15"),
        (("--to", ""), "--to '': give a date like 2024-03-15"),
        (("--from", "1700"), "--from '1700': the year 1700 is out of range (triptrack takes 1800 to 2200)"),
    ],
)
def test_bad_filters_are_refused(cli, args, message):
    before = digest(cli.data)
    result = cli("list", *args)
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert digest(cli.data) == before


def test_bounds():
    assert parse_bound("2024", "--from", end=False) == date(2024, 1, 1)
    assert parse_bound("2024", "--to", end=True) == date(2024, 12, 31)
    assert parse_bound("2024-02", "--to", end=True) == date(2024, 2, 29)
    assert parse_bound("2024-2-5", "--to", end=True) == date(2024, 2, 5)
    with pytest.raises(InputError):
        parse_bound("2024-13", "--to", end=True)
