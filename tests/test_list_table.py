"""What `list` draws, character for character: at four widths, plain and in colour, for the
sample with two more trips (wide characters, a word longer than the column, double spaces).

The table is laid out by triptrack (render.trip_table), not by Rich; these are its drawings
as made when the layout was written, so any change to a line shows here. To accept a change
on purpose, run with TRIPTRACK_WRITE_TABLES=1 and read the diff."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import PINNED_ENV, invoke

TABLES = Path(__file__).parent / "list_tables"


@pytest.fixture
def wide_file(data_file) -> Path:
    more = (TABLES / "more_trips.yaml").read_text(encoding="utf-8")
    data_file.write_text(
        data_file.read_text(encoding="utf-8").rstrip("\n") + "\n" + more,
        encoding="utf-8",
    )
    return data_file


@pytest.mark.parametrize("columns", [40, 60, 79, 100, 140])
@pytest.mark.parametrize("colour", [False, True])
def test_list_draws_the_table_it_drew(cli, wide_file, columns, colour):
    env = {**PINNED_ENV, "COLUMNS": str(columns)}
    if colour:
        env.update(
            NO_COLOR=None, FORCE_COLOR="1", TERM="xterm-256color", COLORTERM=None
        )
    result = invoke(["--data", str(wide_file), "list"], env=env)
    assert result.exit_code == 0, result.output
    expected = TABLES / f"{columns}-{'colour' if colour else 'plain'}.txt"
    if os.environ.get("TRIPTRACK_WRITE_TABLES"):
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("columns", [20, 33, 45, 52, 59])
def test_list_fits_a_narrow_terminal_and_keeps_every_id_whole(cli, wide_file, columns):
    from rich.cells import cell_len

    result = invoke(["--data", str(wide_file), "list"], env={**PINNED_ENV, "COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= columns, result.stdout
    listed = invoke(["--data", str(wide_file), "list", "--json"], env=PINNED_ENV)
    for trip in __import__("json").loads(listed.stdout):
        assert any(line.strip() == trip["id"] or line.lstrip().startswith(trip["id"] + " ") for line in lines), trip["id"]
