"""import historian, end to end: records placed where they were, and what the summary and notes say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triptrack.datafile import store as storage

POE = str(Path(__file__).resolve().parent / "historian" / "secretary-poe-places.xml")


@pytest.fixture
def imported(cli, tmp_path):
    path = tmp_path / "history.yaml"
    result = cli("import", "historian", POE, data=path)
    assert result.exit_code == 0, result.output
    return path, result


def test_the_summary_says_why_each_approximate_stop_is(imported):
    _path, result = imported
    assert (
        "Approximate places: 2 stops: 1 whose locale names places more than 100 km apart, "
        "1 at the main town of a region, island or country larger than that."
    ) in result.stdout
    assert (
        "Placed where they are today, the record's country in the notes: 0 recorded under states that no longer "
        "exist, 3 in another country than recorded (a colony, a successor state, next door)."
    ) in result.stdout
    assert "Not found, placed at the capital" not in result.stdout


def test_each_stop_is_where_the_record_says_with_the_records_country_kept(imported):
    path, _result = imported
    catalog = storage.load(storage.locate(str(path)))
    stops = {stop.ref: stop for trip in catalog.trips.values() for stop in trip.stops}
    thomas, gander, dhahran, rome, bali = (stops[f"historian:{n}"] for n in range(9301, 9306))
    assert (thomas.place.country, thomas.place.tz, thomas.approximate) == ("VI", "America/St_Thomas", False)
    assert "Country as recorded: Denmark." in thomas.notes
    assert (gander.place.country, gander.place.tz) == ("CA", "America/St_Johns")  # Newfoundland under the UK, 1912
    assert gander.place.city == "Gander (Newfoundland)" and "Country as recorded: United Kingdom." in gander.notes
    assert (dhahran.place.country, dhahran.approximate) == ("SA", False)
    assert dhahran.notes.endswith("Country as recorded: Bahrain. Dhahran is in Saudi Arabia.")
    assert rome.approximate and rome.notes.endswith("Placed at Rome; the locale also names Aviano (465 km away).")
    assert bali.approximate and bali.place.tz == "Asia/Makassar" and "Bali is placed at Denpasar" in bali.notes


def test_every_named_place_is_found_by_search_and_check_passes(cli, imported):
    path, _result = imported
    found = json.loads(cli("list", "--search", "aviano", "--json", data=path).stdout)
    assert [trip["id"] for trip in found] == ["poe-1990-03-01"]
    check = cli("check", data=path)
    assert check.exit_code == 0, check.output
