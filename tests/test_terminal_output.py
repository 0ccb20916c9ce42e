"""Output that respects the terminal: widths from 60 columns, NO_COLOR, and pipes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import invoke


@pytest.mark.parametrize("width", [60, 80, 160])
@pytest.mark.parametrize("command", [["show", "blinken-final"], ["show", "blinken-final-record"], ["list"]])
def test_fits_the_terminal_width(cli, width, command):
    result = invoke(["--data", str(cli.data), *command], env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "blinken-final" in result.stdout
    if command[0] == "show":
        # Nothing is cut: every stop, every distance and the obligation are there in full.
        for text in ("Seoul", "Tokyo", "Paris", "Washington", "11,165", "9,712", "State funeral of", "10:00 EST"):
            assert text in result.stdout, (width, text)


def _run(args, **env):
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "triptrack", *args], capture_output=True, text=True, env=full, timeout=60)


def test_a_pipe_gets_plain_text(data_file):
    out = _run(["--data", str(data_file), "show", "blinken-final"]).stdout
    assert "Seoul" in out and "\x1b[" not in out


def test_colour_when_forced_and_none_with_no_color(data_file):
    coloured = _run(["--data", str(data_file), "show", "blinken-final"], FORCE_COLOR="1", TERM="xterm-256color").stdout
    assert "\x1b[36m" in coloured or "\x1b[1;36m" in coloured  # cyan trip id / status
    plain = _run(
        ["--data", str(data_file), "show", "blinken-final"], FORCE_COLOR="1", NO_COLOR="1", TERM="xterm-256color"
    ).stdout
    assert "\x1b[36m" not in plain and "\x1b[1;36m" not in plain and "Seoul" in plain


@pytest.mark.parametrize("width", [60, 80, 160])
def test_timed_stops_fit_too(cli, width):
    cli("add-stop", "blinken-final-record", "Kathmandu", "--arrive", "2025-01-11 09:15", "--depart", "2025-01-12 23:45")
    result = invoke(
        ["--data", str(cli.data), "show", "blinken-final-record"], env={"COLUMNS": str(width), "NO_COLOR": "1"}
    )
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    assert "+0545" in result.stdout and "Kathmandu" in result.stdout
    for text in ("11,165", "1,153", "9,712", "6,638", "Sat 11 Jan", "09:15 +0545", "Fri 22:30 EST"):
        assert text in result.stdout, (width, text)
