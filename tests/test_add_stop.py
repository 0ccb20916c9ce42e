"""add-stop through the real CLI: gazetteer, local times, chronological order, safe writes."""

from __future__ import annotations

import difflib

import pytest
import yaml
from conftest import digest


def _added_and_removed(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    return added, removed


def test_rome_needs_nothing_else_and_only_adds_lines(cli, data_file):
    before = data_file.read_text()
    result = cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00")
    assert result.exit_code == 0, result.output
    assert "Added Rome (IT, Europe/Rome) to blinken-final as stop 4 of 4" in result.stdout
    assert f"Wrote {data_file}" in result.stdout
    added, removed = _added_and_removed(before, data_file.read_text())
    assert removed == []
    assert added == [
        "      - city: Rome",
        "        country: IT",
        "        tz: Europe/Rome",
        "        lat: 41.89193",
        "        lon: 12.51133",
        "        arrive: 2025-01-09 18:00",
    ]


def test_stop_lands_in_chronological_place(cli, data_file):
    result = cli("add-stop", "blinken-final", "Beijing", "--arrive", "2025-01-06 20:00", "--depart", "2025-01-07")
    assert result.exit_code == 0, result.output
    assert "as stop 2 of 4" in result.stdout
    cities = [s["city"] for s in yaml.safe_load(data_file.read_text())["trips"]["blinken-final"]["stops"]]
    assert cities == ["Seoul", "Beijing", "Tokyo", "Paris"]


def test_comments_survive_an_edit(cli, data_file):
    text = data_file.read_text().replace("      - city: Tokyo", "      # Tokyo was confirmed late.\n      - city: Tokyo")
    data_file.write_text(text)
    assert cli("add-stop", "blinken-final", "London", "--arrive", "2025-01-08 21:00").exit_code == 0
    after = data_file.read_text()
    assert "# Tokyo was confirmed late." in after
    assert after.startswith("# triptrack data file")


def test_ambiguous_city_picks_most_populous_and_says_so(cli):
    result = cli("add-stop", "blinken-final", "Paris", "--arrive", "2025-01-09")
    assert result.exit_code == 0
    assert "note: 'Paris' could mean" in result.stderr
    assert "chose Paris (FR)" in result.stderr and "Paris (TX, US)" in result.stderr


def test_country_chooses_another_city(cli, data_file):
    result = cli("add-stop", "blinken-final", "Paris", "--country", "US", "--arrive", "Jan 9 2025 6pm")
    assert result.exit_code == 0, result.output
    assert "Paris (US, America/Chicago)" in result.stdout
    stop = yaml.safe_load(data_file.read_text())["trips"]["blinken-final"]["stops"][-1]
    assert stop["tz"] == "America/Chicago" and stop["arrive"] == "2025-01-09 18:00"


def test_date_only_arrival_stays_date_only(cli, data_file):
    assert cli("add-stop", "blinken-final", "Vatican City", "--arrive", "2025-01-10").exit_code == 0
    stop = yaml.safe_load(data_file.read_text())["trips"]["blinken-final"]["stops"][-1]
    assert stop["arrive"] == "2025-01-10" or str(stop["arrive"]) == "2025-01-10"
    assert stop["country"] == "VA" and stop["tz"] == "Europe/Vatican"


def test_an_unlisted_place_can_be_given_in_full(cli, data_file):
    result = cli(
        "add-stop", "blinken-final", "Camp Bondsteel", "--country", "XK", "--tz", "Europe/Belgrade",
        "--lat", "42.36", "--lon", "21.25", "--arrive", "2025-01-09 08:00",
    )
    assert result.exit_code == 0, result.output
    assert "Camp Bondsteel (XK, Europe/Belgrade)" in result.stdout


def test_explicit_offset_settles_a_dst_fold(cli, data_file):
    result = cli("add-stop", "blinken-final", "Paris", "--arrive", "2025-10-26 02:30+01:00")
    assert result.exit_code == 0, result.output
    assert "arrive: 2025-10-26 02:30+01:00" in data_file.read_text()


BAD_INPUTS = [
    (
        ["add-stop", "blinken-final", "Xqzzyville", "--arrive", "2025-01-09"],
        "unknown city 'Xqzzyville' (or give the place yourself with --country, --tz, --lat and --lon)",
    ),
    (
        ["add-stop", "blinken-final", "Seooul", "--arrive", "2025-01-09"],
        "unknown city 'Seooul'; did you mean Seoul (KR)",
    ),
    (["add-stop", "blinken-final", "Rome", "--arrive", "2025-02-30"], "--arrive: '2025-02-30' is not a date"),
    (["add-stop", "blinken-final", "Rome", "--arrive", "Jan 9"], "--arrive: 'Jan 9' has no year"),
    (["add-stop", "blinken-final", "Rome", "--arrive", "soon"], "--arrive: 'soon' is not a date or time"),
    (
        ["add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00", "--depart", "2025-01-09 10:00"],
        "--depart 2025-01-09 10:00 is before --arrive 2025-01-09 18:00",
    ),
    (
        ["add-stop", "blinken-final", "Paris", "--arrive", "2025-03-30 02:30"],
        "--arrive: 2025-03-30 02:30 does not exist in Europe/Paris",
    ),
    (
        ["add-stop", "blinken-final", "Paris", "--arrive", "2025-10-26 02:30"],
        "--arrive: 2025-10-26 02:30 happens twice in Europe/Paris (the clocks go back); add the UTC offset",
    ),
    (
        ["add-stop", "blinken-final", "Rome", "--arrive", "Jan 9 2025 6pm EST"],
        "give the UTC offset as a number",
    ),
    (["add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09", "--tz", "Mars/Olympus"], "--tz: 'Mars/Olympus' is not an IANA time zone"),
    (["add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09", "--country", "Italy"], "--country 'Italy': give an ISO 3166-1 alpha-2 code"),
    (["add-stop", "no-such-trip", "Rome", "--arrive", "2025-01-09"], "no trip 'no-such-trip'"),
]


@pytest.mark.parametrize("args, message", BAD_INPUTS, ids=[m[:40] for _a, m in BAD_INPUTS])
def test_bad_input_is_refused_cleanly(cli, data_file, args, message):
    before = digest(data_file)
    result = cli(*args)
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("triptrack: error:")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert result.stderr.splitlines() == errors  # that line and nothing else
    assert digest(data_file) == before
    assert not list(data_file.parent.glob(".trips.yaml.*.tmp"))
