"""core/stats.py: tests for the mutants mutmut found alive (issue 16; benchmarks/MUTATION.md).

Each test names the mutant(s) it kills: `mutmut show NAME` prints the change.
"""

from __future__ import annotations

import json

import pytest
from extra_trips import PARIS, add_trips, stop, trip

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
            "days_abroad": 5,
            "distance_km": 30352.6,
            "unknown_legs": 0,
            "longest_trip": {
                "id": "blinken-final-record",
                "title": "Final overseas trip as Secretary of State (as recorded)",
                "days": 5,
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


def stats_of(cli, *args: str) -> dict:
    result = cli("stats", "--official", "blinken", "--json", *args)
    assert result.exit_code == 0, result.output
    (blinken,) = json.loads(result.stdout)["officials"]
    return blinken


def add_trip_first(data_file, text: str) -> None:
    """Put a trip before the sample's trips (file order matters to some mutants)."""
    from textwrap import indent

    data_file.write_text(data_file.read_text().replace("trips:\n", "trips:\n" + indent(text, "  "), 1))


def test_the_home_country_decides_what_is_abroad(cli, data_file):
    """Kills x_official_stats__mutmut_7 (the official's country used even when the home is elsewhere)."""
    text = data_file.read_text().replace(
        "officials:\n",
        "officials:\n  envoy:\n    name: A. Envoy\n    country: US\n"
        "    home: {city: Paris, country: FR, tz: Europe/Paris, lat: 48.853, lon: 2.349}\n", 1)
    data_file.write_text(text)
    lyon = ("Lyon", "FR", "Europe/Paris", 45.748, 4.847)
    add_trips(data_file, trip("lyon", stop(lyon, "2025-02-03", "2025-02-04"), status="completed").replace("official: blinken", "official: envoy"))
    (envoy,) = json.loads(cli("stats", "--official", "envoy", "--json").stdout)["officials"]
    assert envoy["trips"] == ["lyon"] and envoy["days_abroad"] == 0


def test_legs_without_coordinates_are_counted_one_each(cli, data_file):
    """Kills x_official_stats__mutmut_33 to _35 (unknown legs set to 1, taken away, or counted twice)."""
    nowhere = "- city: Nowhere\n  country: FR\n  tz: Europe/Paris\n  arrive: 2025-02-03"
    elsewhere = "- city: Elsewhere\n  country: FR\n  tz: Europe/Paris\n  arrive: 2025-02-04"
    add_trips(data_file, trip("unmapped", nowhere, elsewhere, status="completed"))
    assert stats_of(cli)["unknown_legs"] == 3  # home -> Nowhere, Nowhere -> Elsewhere, Elsewhere -> home


def test_a_trip_without_stops_does_not_stop_the_counting(cli, data_file):
    """Kills x_official_stats__mutmut_44 and x_select_trips__mutmut_17 (`break`, or a crash, at a
    trip with no days: it sorts first, so the trips after it would be lost)."""
    add_trips(data_file, trip("someday", status="completed"))
    blinken = stats_of(cli)
    assert blinken["trips"] == ["someday", "blinken-final-record"]
    assert blinken["days_abroad"] == 5 and blinken["longest_trip"]["id"] == "blinken-final-record"


def test_of_two_longest_trips_the_first_is_named(cli, data_file):
    """Kills x_official_stats__mutmut_53 (`>=`: the later of two equally long trips named)."""
    add_trips(data_file, trip("five-days-later", stop(PARIS, "2025-03-03", "2025-03-07"), status="completed"))
    blinken = stats_of(cli)
    assert blinken["longest_trip"]["days"] == 5 and blinken["longest_trip"]["id"] == "blinken-final-record"


def test_overlapping_trips_count_each_day_once(cli, data_file):
    """Kills x_official_stats__mutmut_59 (days counted back from the first day, not forward; now
    in core/trip_days.stop_dates): counted back, 'inside' would add the 5th and 6th of January."""
    add_trips(data_file, trip("inside", stop(PARIS, "2025-01-07", "2025-01-09"), status="completed"))
    assert stats_of(cli)["days_abroad"] == 5  # 6 to 10 January; 'inside' adds no day


@pytest.mark.parametrize(
    ("args", "trips"),
    [
        (["--from", "2025-01-07"], []),  # the record starts on the 6th: out, though it ends on the 10th
        (["--from", "2025-01-06"], ["blinken-final-record"]),  # on its first day: in
        (["--to", "2025-01-06"], ["blinken-final-record"]),
        (["--to", "2025-01-05"], []),
    ],
)
def test_a_trip_is_in_a_range_by_its_first_day(cli, data_file, args, trips):
    """Kills x_select_trips__mutmut_18 (the last day used), _25 and _27 (the range's own days left out)."""
    result = cli("stats", "--official", "blinken", "--json", *args)
    (blinken,) = json.loads(result.stdout)["officials"]
    assert blinken["trips"] == trips


def test_with_only_a_start_date_a_trip_without_days_is_left_out(cli, data_file):
    """Kills x_select_trips__mutmut_20 (`start and end`: a crash comparing no day with a date) and
    _22 (`break`: the trips after it in the file lost)."""
    add_trip_first(data_file, "someday:\n  title: Some day\n  official: blinken\n  status: completed\n")
    assert stats_of(cli, "--from", "2025-01-01")["trips"] == ["blinken-final-record"]


def test_trips_are_listed_by_their_first_day(cli, data_file):
    """Kills x_select_trips__mutmut_35 (file order) and _40 (by last day)."""
    add_trips(data_file, trip("long-january", stop(PARIS, "2025-01-02", "2025-01-20"), status="completed"))
    assert stats_of(cli)["trips"] == ["long-january", "blinken-final-record"]


def test_compute_counts_only_what_happened_unless_asked():
    """Kills x_compute__mutmut_1 (planned trips counted by default) and _9, _11, _12 (the message
    for an unknown official)."""
    from triptrack.core.model import Catalog
    from triptrack.core.stats import compute
    from triptrack.datafile import store as storage
    from triptrack.datafile.paths import sample_path
    from triptrack.errors import NotFoundError

    catalog = storage.load(storage.DataSource(sample_path(), "sample"))
    (blinken,) = compute(catalog)
    assert [t.id for t in blinken.trips] == ["blinken-final-record"]
    catalog.officials["envoy"] = catalog.officials["blinken"]
    with pytest.raises(NotFoundError, match=r"^no official 'kerry' \(known: blinken, envoy\)$"):
        compute(catalog, "kerry")
    with pytest.raises(NotFoundError, match=r"^no official 'kerry' \(known: none\)$"):
        compute(Catalog(), "kerry")


def test_one_officials_planned_trips_on_request(cli, data_file):
    """Kills x_compute__mutmut_24 (--planned lost when one official is asked for)."""
    assert stats_of(cli, "--planned")["trips"] == ["blinken-final", "blinken-final-record"]
