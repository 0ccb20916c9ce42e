"""Tests that close the gaps a mutation run found (issue 16): each fails on the mutation it names.

Every test here was seen to fail with its mutation applied by hand, and to pass without it.
The mutation each one guards is in its docstring; benchmarks/MUTATION.md has the full list.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import digest
from extra_trips import NEW_YORK, PARIS, SYDNEY, add_trips, stop, trip

from triptrack.core.localtime import parse_user
from triptrack.core.travel import obligation_outcomes, route
from triptrack.datafile import splice
from triptrack.datafile import store as storage
from triptrack.datafile.syntax import compose
from triptrack.importers import csv_import

# --- core/travel.py ---------------------------------------------------------------------


def test_an_impossible_leg_does_not_make_the_next_one_impossible_too(cli, data_file):
    """Mutation: in `route`, drop the cap `arrived = deadline` after an impossible leg.

    Paris -> Sydney on the same day cannot be flown. The traveller is then taken to be in
    Sydney at the latest moment the stop allows (20:00 on the 8th), so leaving at 22:00 for
    Paris at 12:00 on the 9th (24 h for 20 h 57 min) is possible. Without the cap the second leg
    starts from the impossible arrival (05:57 UTC on the 9th) and is falsely impossible too.
    """
    add_trips(data_file, trip(
        "there-and-back",
        stop(PARIS, "2025-01-07", "2025-01-08 10:00"),
        stop(SYDNEY, "2025-01-08 20:00", "2025-01-08 22:00"),
        stop(PARIS, "2025-01-09 12:00"),
    ))
    result = cli("check", "there-and-back")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("there-and-back: problem: Paris #1 → Sydney: cannot be travelled: 16,961 km")
    assert "checked 1 trip: 1 problem, 0 warnings" in result.stderr

    catalog = storage.load(storage.locate(str(data_file)))
    legs = route(catalog, catalog.trips["there-and-back"]).legs
    sydney_paris = legs[2]
    assert sydney_paris.slack == timedelta(hours=24) - sydney_paris.minimum  # from 22:00 AEDT, as written


def test_an_obligation_due_before_the_trip_leaves_is_not_missed(cli, data_file):
    """Mutation: `before_trip` always False in `obligation_outcomes`.

    A dinner at 19:00 on the 6th, and the trip leaves on the 7th: nothing to be back for.
    With the mutation, check reports it as missed by the whole trip.
    """
    add_trips(data_file, trip(
        "after-the-dinner",
        stop(PARIS, "2025-01-08 10:00", "2025-01-08 12:00"),
        leaves="2025-01-07",
        obligations="- what: Farewell dinner\n  when: 2025-01-06 19:00\n",
    ))
    before = digest(data_file)
    result = cli("check", "after-the-dinner")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "checked 1 trip: 0 problems, 0 warnings" in result.stderr
    assert digest(data_file) == before

    catalog = storage.load(storage.locate(str(data_file)))
    (dinner,) = obligation_outcomes(catalog, catalog.trips["after-the-dinner"])
    assert dinner.before_trip and dinner.status == "before the trip"


# --- core/checks.py ---------------------------------------------------------------------


def test_an_obligation_with_little_time_to_spare_is_at_risk(cli, data_file):
    """Mutation: `_obligation_findings` no longer reports "at risk" obligations.

    Leaving Paris at 12:00 CET, 6,166 km (6 h 17 min by air at best) brings him home at 12:17 EST
    at best: 1 h 12 min before a 13:30 meeting, under the 2 h that counts as safe. A warning, so
    the run passes unless --strict.
    """
    add_trips(data_file, trip(
        "tight-return",
        stop(PARIS, "2025-01-08 10:00", "2025-01-08 12:00"),
        obligations="- what: Cabinet meeting\n  when: 2025-01-08 13:30\n",
    ))
    result = cli("check", "tight-return")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        'tight-return: warning: Paris → Washington (home): at risk: only 1 h 12 min to spare for "Cabinet meeting" '
        "(Wed 8 Jan 2025 13:30 EST): leaving Paris Wed 8 Jan 12:00 CET at the earliest, "
        "the soonest back in Washington is Wed 8 Jan 12:17 EST (by air at 1,050 km/h plus 25 min at best)"
    ]
    assert cli("check", "tight-return", "--strict").exit_code == 1
    # Two hours later there is time to spare: no finding at all.
    add_trips(data_file, trip(
        "easy-return",
        stop(PARIS, "2025-01-08 10:00", "2025-01-08 12:00"),
        obligations="- what: Cabinet meeting\n  when: 2025-01-08 15:30\n",
    ))
    assert cli("check", "easy-return").stdout == ""


# --- core/localtime.py ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Jan 2025", "January 2025", "2025 Jan"])
def test_a_month_without_a_day_is_refused(text):
    """Mutation: `parse_user` no longer compares the day of its two probes ("Jan 2025" became 3 Jan)."""
    with pytest.raises(ValueError, match="has no full date"):
        parse_user(text, "Europe/Paris")


def test_a_month_without_a_day_is_refused_by_add_stop(cli, data_file):
    before = digest(data_file)
    result = cli("add-stop", "blinken-final", "Rome", "--arrive", "Jan 2025")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "triptrack: error: --arrive: 'Jan 2025' has no full date; write it out, e.g. 'Jan 9 2025'"
    ]
    assert digest(data_file) == before


# --- importers/csv_import.py ------------------------------------------------------------

SPREADSHEET_CSV = (
    "trip,city,country,tz,arrive,notes\r\n"
    'paris-visit,Paris,FR,Europe/Paris,2025-01-08,"Line one.\r\nLine two."\r\n'
)


def test_a_line_break_inside_a_cell_becomes_lf():
    """Mutation: the CRLF inside a multi-line cell is no longer normalised to LF."""
    (row,) = csv_import.read_rows(SPREADSHEET_CSV, "saved.csv")
    assert row.cells["notes"] == "Line one.\nLine two."
    assert row.line == 2


def test_a_spreadsheets_multi_line_notes_arrive_with_lf(cli, tmp_path):
    saved = tmp_path / "saved.csv"
    saved.write_bytes(SPREADSHEET_CSV.encode("utf-8"))
    empty = tmp_path / "empty.yaml"
    result = cli("import", "csv", str(saved), "--official", "blinken", "--home", "Washington", "--home-country", "US", data=empty)
    assert result.exit_code == 0, result.output
    assert b"\r" not in empty.read_bytes()
    shown = cli("export", "paris-visit", "--format", "json", data=empty)
    assert json.loads(shown.stdout)["stops"][0]["notes"] == "Line one.\nLine two."


# --- datafile/store.py ------------------------------------------------------------------


def test_a_write_is_fsynced_then_renamed_then_the_folder_fsynced(tmp_path, monkeypatch):
    """Mutation: the temp file's `fsync` removed (or moved after the rename).

    The order that makes a write durable: the new bytes reach the disk (fsync of the temp
    file), then the rename, then the rename itself reaches the disk (fsync of the folder).
    """
    from triptrack.datafile.atomic_file import atomic_write

    target = tmp_path / "trips.yaml"
    target.write_text("old\n")
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        mode = os.fstat(fd).st_mode
        kind = "folder" if stat.S_ISDIR(mode) else "file"
        if kind == "file":
            with open(fd, "rb", closefd=False) as handle:
                handle.seek(0)
                kind = f"file {handle.read()!r}"
        events.append(("fsync", kind))
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", Path(dst).name))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    atomic_write(target, "new\n")
    assert events == [("fsync", "file b'new\\n'"), ("replace", "trips.yaml"), ("fsync", "folder")]
    assert target.read_text() == "new\n"
    events.clear()
    atomic_write(target, "cache\n", durable=False)  # the journal and the index's copy: renamed, not synced
    assert events == [("replace", "trips.yaml")]
    assert target.read_text() == "cache\n"


# --- core/stats.py ----------------------------------------------------------------------


def test_a_domestic_trip_adds_no_days_abroad(cli, data_file):
    """Mutation: stats counts the days of trips with no stop abroad as days abroad."""
    add_trips(data_file, trip(
        "new-york-visit", stop(NEW_YORK, "2025-02-03", "2025-02-05"), status="completed"
    ))
    (blinken,) = json.loads(cli("stats", "--json").stdout)["officials"]
    assert blinken["trips"] == ["blinken-final-record", "new-york-visit"]
    assert blinken["days_abroad"] == 5  # the record's five days only (6 to 10 January)
    assert blinken["longest_trip"]["id"] == "blinken-final-record"


# --- datafile/splice.py -----------------------------------------------------------------

COMMENTED = """\
stops:
  # Paris: the first stop
  - city: Paris
    country: FR
  # Rome: the second stop
  - city: Rome
    country: IT
"""


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, "stops:\n  - city: Oslo\n    country: 'NO'\n  # Paris: the first stop\n  - city: Paris\n"),
        (1, "    country: FR\n  - city: Oslo\n    country: 'NO'\n  # Rome: the second stop\n  - city: Rome\n"),
    ],
)
def test_an_inserted_item_goes_above_the_comment_of_the_item_it_precedes(index, expected):
    """Mutation: `insert_item` inserts at the item's own line instead of above its comments,
    which puts the new item between a comment and the item it describes."""
    root = compose(COMMENTED, "t.yaml")
    text = splice.insert_list_item(COMMENTED, root, "stops", index, {"city": "Oslo", "country": "NO"})
    assert expected in text, text
    assert text.count("\n") == COMMENTED.count("\n") + 2
