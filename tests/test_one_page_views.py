"""`show` reads as one page at every width (issue 14, "while you are in the views"): the header,
the itinerary table and the panels below are all as wide as each other, at 60, 80 and 160 columns."""

from __future__ import annotations

import pytest
from conftest import PINNED_ENV, invoke


def show(data_file, width: int, *args: str) -> list[str]:
    env = {**PINNED_ENV, "COLUMNS": str(width)}
    result = invoke(["--data", str(data_file), "show", *args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def widths(lines: list[str]) -> dict[str, int]:
    """The width of each part: the panels' top borders and the itinerary's rule under its heading."""
    found = {}
    for line in lines:
        if line.startswith("╭─ "):
            found[line[3:].split(" ─")[0]] = len(line)
        elif line.strip().startswith("───") and "itinerary" not in found:
            found["itinerary"] = len(line.rstrip()) + 1  # the rule is inset one column on each side
    return found


@pytest.mark.parametrize("width, page", [(60, 60), (80, 80), (160, 100)])
@pytest.mark.parametrize("trip", ["blinken-final", "blinken-final-record"])
def test_every_part_of_show_is_as_wide_as_the_page(data_file, width, page, trip):
    lines = show(data_file, width, trip)
    parts = widths(lines)
    assert {"itinerary", trip}.issubset(parts)
    assert set(parts.values()) == {page}, parts
    assert max(len(line.rstrip()) for line in lines) <= page


def test_the_check_panel_and_obligations_join_the_page(cli, data_file):
    assert cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00", "--country", "IT").exit_code == 0
    parts = widths(show(data_file, 160, "blinken-final"))
    assert {"Obligations", "Check: 1 problem, 0 warnings", "itinerary"}.issubset(parts)
    assert set(parts.values()) == {100}


def test_narrow_pages_fold_stay_and_distance_into_the_place(data_file):
    narrow = "\n".join(show(data_file, 60, "blinken-final"))
    assert "11,165 km · 1 day" in narrow
    wide = "\n".join(show(data_file, 80, "blinken-final"))
    assert "11,165 km" not in wide and "11,165" in wide
