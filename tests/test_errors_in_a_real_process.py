"""Bad input as a user meets it: a real `python -m triptrack` process, not the test runner.

The CliRunner tests call the app with `catch_exceptions=False` and Typer's pretty exceptions
off, so an unhandled exception raises in the test instead of printing a traceback: there,
`"Traceback" not in result.output` cannot fail. A real process prints what a user sees, and
Python exits 1 on an unhandled exception too, so the exit status alone cannot tell a handled
error from a crash: the whole of stderr is checked to be the one error line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import digest, run_module

HISTORIAN = Path(__file__).resolve().parent / "historian"
INDEX_NOTICE = "Building the offline place index (once; a few seconds)..."

BAD_INPUTS = [
    pytest.param(
        ["add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09", "--tz", "Mars/Olympus"],
        "--tz: 'Mars/Olympus' is not an IANA time zone (e.g. Europe/Paris)",
        id="add-stop-unknown-zone",
    ),
    pytest.param(
        ["add-stop", "blinken-final", "Rome", "--arrive", "Jan 2025"],
        "--arrive: 'Jan 2025' has no full date; write it out, e.g. 'Jan 9 2025'",
        id="add-stop-no-day",
    ),
    pytest.param(
        ["show", "blinken-finl"],
        "no trip 'blinken-finl' in {data}; did you mean blinken-final, blinken-final-record?",
        id="show-unknown-trip",
    ),
    pytest.param(
        ["import", "historian", str(HISTORIAN / "malformed.xml")],
        "malformed.xml line 8: not well-formed XML",
        id="import-malformed-xml",
    ),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUTS)
def test_a_bad_input_is_one_line_on_stderr_and_exit_1(data_file, args, message):
    before = digest(data_file)
    done = run_module("--data", str(data_file), *args)
    assert done.returncode == 1, done.stderr
    # The first run of a session may announce the place index it builds (once): that notice is not an error.
    lines = [line for line in done.stderr.splitlines() if not line.startswith(INDEX_NOTICE)]
    assert len(lines) == 1, done.stderr  # exactly one line: no traceback, no second message
    line = lines[0]
    assert line.startswith("triptrack: error: ") and message.format(data=data_file) in line, done.stderr
    assert done.stdout == ""
    assert digest(data_file) == before
    assert not list(data_file.parent.glob(".trips.yaml.*.tmp"))


def test_a_data_file_that_does_not_load_is_reported_by_check_not_raised(tmp_path):
    bad = tmp_path / "unknown-official.yaml"
    bad.write_bytes((Path(__file__).parent / "bad_files" / "unknown-official.yaml").read_bytes())
    before = digest(bad)
    done = run_module("--data", str(bad), "check")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"data file: problem: {bad} line 8: trips.blinken-final.official: no official 'kissinger' under 'officials:' (blinken)"
    ]
    assert done.stderr.splitlines() == ["checked 0 trips: 1 problem, 0 warnings"]
    assert digest(bad) == before


def test_saving_into_a_missing_folder_is_one_line(data_file, tmp_path):
    target = tmp_path / "missing" / "b.svg"
    done = run_module("--data", str(data_file), "show", "blinken-final", "--save", str(target))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"triptrack: error: cannot write {target}: No such file or directory"]
    assert not target.parent.exists()
