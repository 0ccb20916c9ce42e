"""Every edit reports the problems and warnings it introduced (exit 0 still); --quiet silences it."""

from __future__ import annotations

from conftest import digest
from extra_trips import add_trips, stop, trip

KYIV = ("Kyiv", "UA", "Europe/Kyiv", 50.45466, 30.5238)
WARSAW = ("Warsaw", "PL", "Europe/Warsaw", 52.22977, 21.01178)
ROME_MISSES = (
    '  blinken-final: problem: Rome → Washington (home): misses "State funeral of former President Jimmy Carter" '
    "(Thu 9 Jan 2025 10:00 EST) by 9 h 17 min"
)


def test_add_stop_says_it_now_misses_the_funeral(cli, data_file):
    result = cli("add-stop", "blinken-final", "Rome", "--country", "IT", "--arrive", "2025-01-09 18:00")
    assert result.exit_code == 0
    assert result.stdout.startswith("Added Rome (IT, Europe/Rome) to blinken-final as stop 4 of 4")
    lines = result.stderr.splitlines()
    assert "check: this change brings 1 problem, 0 warnings (triptrack check TRIP for all; --quiet to hide):" in lines
    assert any(line.startswith(ROME_MISSES) for line in lines)


def test_stop_edit_reports_only_what_it_introduced(cli, data_file):
    assert cli("--quiet", "add-stop", "blinken-final", "Rome", "--country", "IT", "--arrive", "2025-01-09 18:00").stderr == ""
    # Arriving in Rome two hours earlier still misses the funeral: nothing new to say.
    earlier = cli("stop", "edit", "blinken-final", "4", "--arrive", "2025-01-09 16:00")
    assert earlier.exit_code == 0
    assert "check:" not in earlier.stderr
    # Leaving Washington after the first stop's arrival is new.
    leaves = cli("trip", "edit", "blinken-final", "--leaves", "2025-01-07")
    assert leaves.exit_code == 0
    assert "check: this change brings 1 problem" in leaves.stderr
    assert "Washington (home) → Seoul: arrives Mon 6 Jan, before the trip leaves Washington" in leaves.stderr


def test_an_overlapping_second_stop_is_reported(cli, data_file):
    add_trips(data_file, trip("kyiv", stop(KYIV, "2025-03-05 08:00", "2025-03-06 18:00"), stop(WARSAW, "2025-03-07 09:00")))
    result = cli("add-stop", "kyiv", "Kyiv", "--country", "UA", "--arrive", "2025-03-06 10:00", "--depart", "2025-03-06 20:00")
    assert result.exit_code == 0
    assert "kyiv: problem: Kyiv #1 → Kyiv #2: stays overlap: arrives in Kyiv #2 Thu 6 Mar 10:00 EET while still in Kyiv #1" in result.stderr


def test_quiet_silences_the_report_but_not_the_edit(cli, data_file):
    before = digest(data_file)
    result = cli("--quiet", "add-stop", "blinken-final", "Rome", "--country", "IT", "--arrive", "2025-01-09 18:00")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert digest(data_file) != before
    assert cli("check", "blinken-final").exit_code == 1  # the problem is there; it was only not reported
