"""import historian on all 34 Secretaries' files in ../shared (skipped when shared/ is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import digest

from triptrack.datafile import store as storage

SHARED = Path(os.environ.get("TRIPTRACK_SHARED", Path(__file__).resolve().parents[2] / "shared"))  # set it in a worktree
TRAVELS = SHARED / "data" / "history-state-gov" / "secretary-travels"
FILES = sorted(TRAVELS.glob("*.xml")) if TRAVELS.is_dir() else []

pytestmark = pytest.mark.skipif(len(FILES) != 34, reason="the Office of the Historian data is not in ../shared")


@pytest.fixture(scope="module")
def imported(tmp_path_factory, historian_import):
    """The session's one import of every file (conftest.historian_import), copied for these tests."""
    path = historian_import.copy(tmp_path_factory.mktemp("full"))
    return path, historian_import, historian_import.seconds


def test_all_3439_records_land_as_stops(imported):
    path, result, elapsed = imported
    assert "Read 3,439 records from 34 files." in result.stdout
    assert "for 34 travellers (34 new officials)" in result.stdout
    catalog = storage.load(storage.locate(str(path)))
    refs = [stop.ref for trip in catalog.trips.values() for stop in trip.stops]
    assert len(refs) == len(set(refs)) == 3439
    assert len(catalog.officials) == 34
    assert all(trip.status == "recorded" for trip in catalog.trips.values())
    assert all(stop.place.has_coordinates for trip in catalog.trips.values() for stop in trip.stops)
    assert elapsed < 30, f"import took {elapsed:.1f} s"  # about 5 s on the reference machine


def test_blinkens_last_journey(imported):
    path, _result, _elapsed = imported
    catalog = storage.load(storage.locate(str(path)))
    blinken = [trip for trip in catalog.trips.values() if trip.official == "blinken-antony-j"]
    last = max(blinken, key=lambda trip: trip.first_day)
    assert last.id == "blinken-2025-01-06"
    assert last.route() == ["Seoul", "Tokyo", "Paris", "Rome", "Vatican City"]
    assert [stop.ref for stop in last.stops] == [f"historian:{n}" for n in range(4275, 4280)]
    assert [stop.place.country for stop in last.stops] == ["KR", "JP", "FR", "IT", "VA"]
    assert catalog.officials["blinken-antony-j"].title == "Secretary of State"


def test_reimport_changes_nothing(imported, bare_cli):
    path, _result, _elapsed = imported
    before = digest(path)
    again = bare_cli("--data", str(path), "import", "historian", *map(str, FILES))
    assert again.exit_code == 0 and "Skipped 3,439 records already in" in again.stdout
    assert digest(path) == before


def test_list_finds_every_secretarys_visit_to_japan(imported, bare_cli):
    path, _result, _elapsed = imported
    result = bare_cli("--data", str(path), "list", "--country", "JP", "--json")
    assert result.exit_code == 0
    import json

    trips = json.loads(result.stdout)
    catalog = storage.load(storage.locate(str(path)))
    expected = {t.id for t in catalog.trips.values() if any(s.place.country == "JP" for s in t.stops)}
    assert {t["id"] for t in trips} == expected and len(expected) > 50
    in_2024 = json.loads(
        bare_cli("--data", str(path), "list", "--official", "blinken-antony-j", "--from", "2024", "--to", "2024", "--json").stdout
    )
    assert in_2024 and all(t["start"] <= "2024-12-31" and t["end"] >= "2024-01-01" for t in in_2024)
