"""`triptrack stats`: figures checked by hand against the sample."""

from __future__ import annotations

import json

from conftest import digest
from extra_trips import PARIS, add_trips, stop, trip

from triptrack.core.geo import distance_km

WASHINGTON = (38.895, -77.036)
SEOUL, TOKYO = (37.566, 126.978), (35.69, 139.692)
PARIS_AT, ROME, VATICAN = (48.853, 2.349), (41.894, 12.484), (41.903, 12.453)


def test_legs_by_hand():
    # The reference figures (haversine, R = 6371 km) that the totals below are made of.
    legs = [(WASHINGTON, SEOUL), (SEOUL, TOKYO), (TOKYO, PARIS_AT), (PARIS_AT, ROME), (ROME, VATICAN), (VATICAN, WASHINGTON)]
    assert [round(distance_km(*a, *b)) for a, b in legs] == [11165, 1153, 9712, 1105, 3, 7214]


def test_the_record_counts_by_default(cli, data_file):
    before = digest(data_file)
    result = cli("stats", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["statuses"] == ["underway", "completed", "recorded"]
    (blinken,) = doc["officials"]
    assert blinken["trips"] == ["blinken-final-record"]
    assert blinken["stops"] == 5
    assert [c["code"] for c in blinken["countries"]] == ["KR", "JP", "FR", "IT", "VA"]
    assert [c["city"] for c in blinken["cities"]] == ["Seoul", "Tokyo", "Paris", "Rome", "Vatican City"]
    # 11,165 + 1,153 + 9,712 + 1,105 + 3 + 7,214 = 30,352 (30,352.6 unrounded)
    assert abs(blinken["distance_km"] - 30352.6) < 0.1
    assert blinken["unknown_legs"] == 0
    # Seoul 6, Tokyo 7, Paris 8, Rome 9, Vatican 10 January: dates as recorded at each stop.
    assert blinken["days_abroad"] == 5
    assert blinken["longest_trip"] == {"id": "blinken-final-record", "title": blinken["longest_trip"]["title"], "days": 5}
    assert digest(data_file) == before


def test_planned_trips_on_request_most_visited_first(cli, data_file):
    doc = json.loads(cli("stats", "--planned", "--json").stdout)
    (blinken,) = doc["officials"]
    assert blinken["trips"] == ["blinken-final", "blinken-final-record"]
    assert blinken["stops"] == 8
    assert [(c["code"], c["stops"]) for c in blinken["countries"]] == [("KR", 2), ("JP", 2), ("FR", 2), ("IT", 1), ("VA", 1)]
    # The plan adds 11,165 + 1,153 + 9,712 + 6,166 = 28,196 km (28,195.8 unrounded).
    assert abs(blinken["distance_km"] - (30352.6 + 28195.8)) < 0.2
    assert blinken["days_abroad"] == 5  # the plan's 6-8 January are among the record's days: counted once


def test_table_and_date_range(cli, data_file):
    add_trips(data_file, trip("paris-later", stop(PARIS, "2025-03-03", "2025-03-04"), status="completed"))
    out = cli("stats").stdout
    assert "Antony J. Blinken (blinken)" in out
    assert "Countries     5: France 2, South Korea 1, Japan 1, Italy 1, Vatican 1" in out
    assert "Cities        5: Paris 2, Seoul 1, Tokyo 1, Rome 1, Vatican City 1" in out
    # 5 days for the record; Paris on 3-4 March is 3 and 4 March, the dates at the stop.
    assert "Days abroad   7" in out
    assert "Distance      42,684 km great circle, home → stops → home" in out
    only_march = json.loads(cli("stats", "--from", "2025-02-01", "--to", "2025-12-31", "--json").stdout)
    (blinken,) = only_march["officials"]
    assert blinken["trips"] == ["paris-later"] and blinken["days_abroad"] == 2
    assert abs(blinken["distance_km"] - 2 * 6165.5) < 0.1
    none = cli("stats", "--to", "2024-12-31")
    assert none.exit_code == 0 and "No trips to count" in none.stdout


def test_bad_options(cli, data_file):
    before = digest(data_file)
    unknown = cli("stats", "--official", "kissinger")
    assert unknown.exit_code == 1
    assert unknown.stderr.strip() == "triptrack: error: no official 'kissinger' (known: blinken)"
    bad_date = cli("stats", "--from", "2025-13-01")
    assert bad_date.exit_code == 1
    assert bad_date.stderr.strip() == "triptrack: error: --from '2025-13-01' is not a date"
    backwards = cli("stats", "--from", "2025-02-01", "--to", "2025-01-01")
    assert backwards.exit_code == 1 and "--from 2025-02-01 is after --to 2025-01-01" in backwards.stderr
    assert digest(data_file) == before
