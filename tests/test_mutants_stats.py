"""core/stats.py: tests for the mutants mutmut found alive (issue 16; benchmarks/MUTATION.md).

Each test names the mutant(s) it kills: `mutmut show NAME` prints the change.
"""

from __future__ import annotations

import json

from extra_trips import add_trips, trip

RECORD_COUNTRIES = [("KR", "South Korea"), ("JP", "Japan"), ("FR", "France"), ("IT", "Italy"), ("VA", "Vatican")]
RECORD_CITIES = [("Seoul", "KR"), ("Tokyo", "JP"), ("Paris", "FR"), ("Rome", "IT"), ("Vatican City", "VA")]


def test_stats_json_is_exactly_this_document(cli):
    """Kills x_stats_data__mutmut_12 to _59: every key of `stats --json` as scripts read it,
    the date range given back, and the distance to one decimal."""
    result = cli("stats", "--official", "blinken", "--from", "2025-01-01", "--to", "2025-01-31", "--json")
    assert json.loads(result.stdout) == {
        "statuses": ["underway", "completed", "recorded"],
        "from": "2025-01-01",
        "to": "2025-01-31",
        "officials": [{
            "id": "blinken",
            "name": "Antony J. Blinken",
            "trips": ["blinken-final-record"],
            "stops": 5,
            "countries": [{"code": code, "name": name, "stops": 1} for code, name in RECORD_COUNTRIES],
            "cities": [{"city": city, "country": code, "stops": 1} for city, code in RECORD_CITIES],
            "days_abroad": 6,
            "distance_km": 30352.6,
            "unknown_legs": 0,
            "longest_trip": {
                "id": "blinken-final-record",
                "title": "Final overseas trip as Secretary of State (as recorded)",
                "days": 6,
            },
        }],
    }


def test_an_official_whose_trips_have_no_days_has_no_longest_trip(cli, data_file):
    """Kills x_stats_data__mutmut_2 (no longest trip written as "" instead of null)."""
    data_file.write_text(data_file.read_text().replace(
        "officials:\n", "officials:\n  envoy:\n    name: A. Envoy\n    country: US\n", 1))
    add_trips(data_file, trip("envoy-someday", status="completed").replace("official: blinken", "official: envoy"))
    (envoy,) = json.loads(cli("stats", "--official", "envoy", "--json").stdout)["officials"]
    assert envoy["trips"] == ["envoy-someday"] and envoy["stops"] == 0
    assert envoy["longest_trip"] is None and envoy["days_abroad"] == 0 and envoy["distance_km"] == 0.0
