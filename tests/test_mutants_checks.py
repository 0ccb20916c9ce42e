"""core/checks.py: tests for the mutants mutmut found alive (issue 16; benchmarks/MUTATION.md).

Each test names the mutant(s) it kills: `mutmut show NAME` prints the change.
"""

from __future__ import annotations

from extra_trips import APIA, BOSTON, NEW_YORK, PARIS, add_trips, stop, trip

from triptrack.core.checks import (
    PROBLEM,
    WARNING,
    Finding,
    check_catalog,
    failed,
    load_failure,
)
from triptrack.datafile import store as storage
from triptrack.errors import DataFileError


def test_a_message_over_two_lines_is_printed_on_one():
    """Kills xǁFindingǁline__mutmut_13 and _14 (the line break no longer, or wrongly, replaced)."""
    finding = Finding(PROBLEM, "t", ("Paris", "Rome"), "first part\nsecond part")
    assert finding.line() == "t: problem: Paris → Rome: first part second part"
    assert Finding(WARNING, "", (), "x").line() == "data file: warning: x"


def test_a_file_that_does_not_load_is_a_finding_of_the_whole_file():
    """Kills x_load_failure__mutmut_2 and _3 (None for the trip or the stops: `check --json`
    would print null where scripts expect "" and [])."""
    finding = load_failure(DataFileError("trips.yaml", 8, "no official 'kissinger'"))
    assert finding == Finding(PROBLEM, "", (), "trips.yaml line 8: no official 'kissinger'")
    assert finding.as_dict() == {"severity": "problem", "trip": "", "stops": [], "message": finding.message}


def test_check_writes_times_in_the_zone_asked_for(cli, data_file):
    """Kills xǁ_Clockǁwhen__mutmut_8 (a timed moment shown in the machine's zone, not the one given:
    the existing --tz UTC test cannot tell, the machine's zone being UTC)."""
    assert cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00").exit_code == 0
    result = cli("check", "blinken-final", "--tz", "Asia/Kathmandu")
    assert result.stdout.splitlines() == [
        'blinken-final: problem: Rome → Washington (home): misses "State funeral of former President Jimmy Carter" '
        "(Thu 9 Jan 2025 20:45 +0545) by 9 h 17 min: leaving Rome Thu 9 Jan 22:45 +0545 at the earliest, "
        "the soonest back in Washington is Fri 10 Jan 06:02 +0545 (by air at 1,050 km/h plus 25 min at best)"
    ]


def test_arriving_at_the_same_moment_as_the_stop_before_is_an_overlap_not_a_wrong_order(cli, data_file):
    """Kills x__order__mutmut_17 (`<=`: stops reached at the same minute called out of order)."""
    add_trips(data_file, trip("same-minute", stop(NEW_YORK, "2025-01-08 12:00", "2025-01-08 18:00"), stop(BOSTON, "2025-01-08 12:00")))
    assert cli("check", "same-minute").stdout.splitlines() == [
        "same-minute: problem: New York → Boston: stays overlap: arrives in Boston Wed 8 Jan 12:00 EST "
        "while still in New York (departs Wed 8 Jan 18:00 EST)"
    ]


def test_places_are_compared_only_with_a_lookup(data_file):
    """Kills x_check_catalog__mutmut_19 (`places` not passed on). The rules open no place index
    themselves: the caller hands them gazetteer.candidates, or nothing."""
    from triptrack.gazetteer import candidates

    far_paris = ("Paris", "FR", "Europe/Paris", 40.0, 2.349)  # 985 km south of Paris
    add_trips(data_file, trip("far-paris", stop(far_paris, "2025-01-08", "2025-01-09")))
    catalog = storage.load(storage.locate(str(data_file)))
    with_places = check_catalog(catalog, ["far-paris"], places=candidates)
    assert [f.message.split(" are ")[0] for f in with_places] == ["coordinates 40.000, 2.349"]
    assert check_catalog(catalog, ["far-paris"]) == []


def test_warnings_fail_a_check_only_when_strict():
    """Kills x_failed__mutmut_1 (strict by default)."""
    warnings = [Finding(WARNING, "t", (), "at risk")]
    assert not failed(warnings)
    assert failed(warnings, strict=True)
    assert failed([Finding(PROBLEM, "t", (), "cannot be travelled")])


def test_exactly_the_typical_time_is_enough_and_exactly_the_fastest_is_still_possible(cli, data_file, monkeypatch):
    """Kills x__leg_findings__mutmut_20 (`typical_slack > 0`: a leg with exactly its usual time
    called at risk) and _32 (`slack <= 0`: a leg with exactly its fastest time called impossible).
    Every distance is pinned to 30 km: by road, 20 min at best and 30 min as usual, both exact."""
    from triptrack.core.model import Place

    monkeypatch.setattr(Place, "distance_to", lambda self, other: 30.0)
    add_trips(data_file, trip(
        "road-hops",
        stop(PARIS, "2025-01-08 08:00", "2025-01-08 10:00"),
        stop(PARIS, "2025-01-08 10:30", "2025-01-08 11:00"),
        stop(PARIS, "2025-01-08 11:20"),
    ))
    result = cli("check", "road-hops")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "road-hops: warning: Paris #2 → Paris #3: at risk: 30 km usually takes 30 min (by road at 60 km/h as usual); "
        "even at best (leaving Paris Wed 8 Jan 11:00 CET at the earliest, reaching Paris by Wed 8 Jan 11:20 CET "
        "at the latest) there are only 20 min"
    ]


def test_without_a_home_obligations_are_timed_in_utc(cli, data_file):
    """Kills x__obligation_findings__mutmut_6, _7 and _8 (the UTC fallback for an official
    without a home: a crash or an unknown zone instead)."""
    data_file.write_text(data_file.read_text().replace(
        "officials:\n", "officials:\n  envoy:\n    name: A. Envoy\n    country: US\n", 1))
    envoy_trip = trip("envoy-late", stop(PARIS, "2025-01-08 10:00", "2025-01-08 12:00"), version_of=None,
                      obligations="- what: Briefing\n  when: 2025-01-08 11:00\n")
    add_trips(data_file, envoy_trip.replace("official: blinken", "official: envoy"))
    result = cli("check", "envoy-late")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "envoy-late: warning: official envoy has no home, so the trip's leaves, returns and obligations are read "
        "in UTC: give one with 'triptrack official edit envoy --home CITY'",
        'envoy-late: warning: Paris: at risk: only 0 min to spare for "Briefing" (Wed 8 Jan 2025 11:00 UTC): '
        "leaving Paris Wed 8 Jan 12:00 CET at the earliest, the soonest back in home is Wed 8 Jan 11:00 UTC "
        "(not counting the journey home: no coordinates)"
    ]


def test_a_met_obligation_does_not_hide_a_missed_one_after_it(cli, data_file):
    """Kills x__obligation_findings__mutmut_20 (`break` for `continue`: the obligations after
    the first one that is met are never looked at)."""
    add_trips(data_file, trip(
        "two-duties",
        stop(PARIS, "2025-01-08 10:00", "2025-01-08 12:00"),
        obligations="- what: Next week's summit\n  when: 2025-01-15 10:00\n- what: Cabinet meeting\n  when: 2025-01-08 11:00\n",
    ))
    lines = cli("check", "two-duties").stdout.splitlines()
    assert len(lines) == 1 and 'misses "Cabinet meeting"' in lines[0], lines


def test_an_obligation_at_risk_does_not_hide_a_missed_one_after_it(cli, data_file):
    """Kills x__obligation_findings__mutmut_63 (`break` for the `continue` after an 'at risk')."""
    add_trips(data_file, trip(
        "risk-then-miss",
        stop(PARIS, "2025-01-08 10:00", "2025-01-08 12:00"),
        obligations="- what: Cabinet meeting\n  when: 2025-01-08 13:30\n- what: Press call\n  when: 2025-01-08 11:00\n",
    ))
    lines = cli("check", "risk-then-miss").stdout.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["warning", "problem"]
    assert 'to spare for "Cabinet meeting"' in lines[0] and 'misses "Press call" (Wed 8 Jan 2025 11:00 EST) by 1 h 17 min' in lines[1]


def test_a_departure_on_a_day_the_zone_skipped_is_found_once(cli, data_file):
    """Kills x__time_findings__mutmut_6 to _10: the departure day is checked too (6, 10), under
    its own name (8, 9), and a stop without a departure is not reported twice (7)."""
    add_trips(data_file, trip("apia-exit", stop(APIA, "2011-12-29", "2011-12-30"))
              + trip("apia-skip", stop(APIA, "2011-12-30")))
    assert cli("check", "apia-exit", "apia-skip").stdout.splitlines() == [
        "apia-exit: problem: Apia: depart 2011-12-30: Pacific/Apia skipped that day (its clocks jumped over it)",
        "apia-skip: problem: Apia: arrive 2011-12-30: Pacific/Apia skipped that day (its clocks jumped over it)",
    ]


def test_leaving_at_the_minute_of_arrival_is_allowed(cli, data_file):
    """Kills x__stop_order__mutmut_4 (`>`: a departure at the arrival's own minute called 'before')."""
    add_trips(data_file, trip("touch-and-go", stop(PARIS, "2025-01-08 10:00", "2025-01-08 10:00"), stop(PARIS, "2025-01-09")))
    assert cli("check", "touch-and-go").stdout == ""


def test_coordinates_are_compared_with_the_city_in_the_country_given(cli, data_file):
    """Kills x__place_findings__mutmut_15 and _17 (the country not passed to the gazetteer: Paris
    France's coordinates would then pass for Paris, US)."""
    add_trips(data_file, trip("paris-texas", stop(("Paris", "US", "America/Chicago", 48.853, 2.349), "2025-01-08", "2025-01-09")))
    assert cli("check", "paris-texas").stdout.splitlines() == [
        "paris-texas: problem: Paris: coordinates 48.853, 2.349 are 7,783 km from Paris (TX, US) (33.661, -95.556 in the gazetteer)"
    ]


def test_exactly_the_tolerance_away_is_close_enough(data_file, monkeypatch):
    """Kills x__place_findings__mutmut_26 (`km >= 100`)."""
    from triptrack.core import checks
    from triptrack.core.model import Place
    from triptrack.gazetteer import candidates

    catalog = storage.load(storage.locate(str(data_file)))
    planned = catalog.trips["blinken-final"]
    monkeypatch.setattr(Place, "distance_to", lambda self, other: checks.PLACE_TOLERANCE_KM)
    assert checks.check_trip(catalog, planned, places=candidates) == []
    monkeypatch.setattr(Place, "distance_to", lambda self, other: checks.PLACE_TOLERANCE_KM + 1)
    found = checks.check_trip(catalog, planned, places=candidates)
    assert found and all(" are 101 km from " in f.message for f in found if f.message.startswith("coordinates"))


def test_a_trip_whose_official_is_gone_is_one_problem(data_file):
    """Kills x_check_trip__mutmut_7 to _14 (the finding for a trip without its official)."""
    from triptrack.core.checks import check_trip

    catalog = storage.load(storage.locate(str(data_file)))
    del catalog.officials["blinken"]  # the loader refuses such a file; the library may still be handed one
    assert check_trip(catalog, catalog.trips["blinken-final"]) == [
        Finding(PROBLEM, "blinken-final", (), "no official 'blinken' in the data file")
    ]


def test_an_official_from_a_country_that_does_not_exist_is_a_problem(data_file):
    """Kills x_check_trip__mutmut_19 to _28 (the finding for an official's unknown country)."""
    from triptrack.core.checks import check_trip

    text = data_file.read_text()
    data_file.write_text(text.replace("    country: US\n    home:", "    country: ZZ\n    home:", 1))
    catalog = storage.load(storage.locate(str(data_file)))
    findings = check_trip(catalog, catalog.trips["blinken-final"])
    assert findings == [Finding(PROBLEM, "blinken-final", (), "official blinken: country 'ZZ' does not exist")]


def test_the_home_place_is_checked_too_under_its_own_label(cli, data_file):
    """Kills x_check_trip__mutmut_82, _83, _86 and _92 (the home's finding without its trip, its
    label, or the gazetteer; or under the first stop's label)."""
    data_file.write_text(data_file.read_text().replace("      lat: 38.895\n", "      lat: 28.895\n", 1))
    lines = cli("check", "blinken-final").stdout.splitlines()
    home = [line for line in lines if "coordinates" in line]
    assert len(home) == 1 and home[0].startswith(
        "blinken-final: problem: Washington (home): coordinates 28.895, -77.036 are 1,"), lines


def test_a_trip_without_stops_or_dates_has_nothing_to_check(data_file):
    """Kills x_check_trip__mutmut_76 (`home or stops`: the home checked against the first stop's
    arrival, which a trip without stops does not have)."""
    from triptrack.core.checks import check_trip

    add_trips(data_file, trip("someday"))
    catalog = storage.load(storage.locate(str(data_file)))
    assert check_trip(catalog, catalog.trips["someday"]) == []
