"""A usage error (exit status 2) is said in one line, as every other error is: what is wrong,
the command's usage, where its help is; never Typer's box of several lines."""

from __future__ import annotations

import pytest
from conftest import digest
from test_hostile_files import refused, refused_run, run


@pytest.mark.parametrize(
    "args, message",
    [
        (["show"], "Missing argument 'TRIP'. Usage: triptrack show [OPTIONS] TRIP (see 'triptrack show -h')"),
        (["show", "blinken-final", "--bogus"], "No such option: --bogus. Usage: triptrack show"),
        (["plan"], "No such command 'plan'. Usage: triptrack [OPTIONS] COMMAND [ARGS]..."),
        (["shwo"], "No such command 'shwo'. Did you mean 'show'? Usage: triptrack"),  # (no '.' after the '?')
        (["trip", "nosuch"], "No such command 'nosuch'. Usage: triptrack trip [OPTIONS] COMMAND [ARGS]..."),
        (["list", "--from"], "Option '--from' requires an argument"),
        (["export", "blinken-final", "-f", "xx"], "--format 'xx': use one of csv, json, ics, geojson, md, html. Usage: triptrack export"),
        (["export", "--all", "-f", "html"], "the html briefing is a page for one trip"),
        (["topic", "add", "blinken-final", "1"], "Missing argument 'TEXT' (run in a terminal to be asked for it). Usage: triptrack topic add"),
        (["stop", "edit", "blinken-final", "one"], "Invalid value for 'STOP'"),
    ],
)
def test_a_usage_error_is_one_line_with_status_2_and_the_file_is_unchanged(cli, data_file, args, message):
    before = digest(data_file)
    refused(cli(*args, input=""), message, code=2)
    assert digest(data_file) == before


def test_a_usage_error_of_the_real_program_is_one_line(data_file):
    refused_run(run("--data", str(data_file)), "Missing command. Usage: python -m triptrack [OPTIONS] COMMAND", code=2)
    refused_run(run("--data", str(data_file), "compare"), "Missing argument 'TRIP_A'. Usage: python -m triptrack compare [OPTIONS] TRIP_A", code=2)


def test_no_command_prints_the_help_and_no_error(data_file):
    done = run()
    assert done.returncode == 2
    assert "Usage: python -m triptrack [OPTIONS] COMMAND" in done.stdout and "add-stop" in done.stdout
    assert done.stderr == ""


def test_an_empty_data_path_is_a_usage_error_not_the_default_file(bare_cli, tmp_path):
    """`--data "$FILE"` with FILE unset edited the user's own file."""
    from triptrack.datafile.paths import locate

    default = locate(None).path
    result = bare_cli("--data", "", "topic", "add", "blinken-final", "1", "Trade")
    refused(result, "Invalid value for --data: is empty", code=2)
    assert not default.exists()
