"""Checks across trips (issue 14, part 3): one official in two trips at once, versions of one journey,
one counterpart met in two places on one day; end to end through `check`."""

from __future__ import annotations

import json

from conftest import digest
from extra_trips import BOSTON, NEW_YORK, PARIS, SYDNEY, add_trips, stop, trip
from hypothesis import given
from hypothesis import strategies as st


def lines(result) -> list[str]:
    return result.stdout.splitlines()


def without_version(data_file):
    text = data_file.read_text()
    data_file.write_text("".join(line for line in text.splitlines(keepends=True) if "version_of: blinken-final" not in line))


def test_the_sample_plan_and_record_are_versions_of_one_journey(cli):
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert not any("blinken is on trip" in line for line in lines(result))


def test_without_version_of_the_plan_and_record_are_one_official_in_two_trips(cli, data_file):
    without_version(data_file)
    result = cli("check")
    assert result.exit_code == 1
    cross = [line for line in lines(result) if "is on trip" in line]
    assert cross == [
        "blinken-final-record: problem: Tokyo: blinken is on trip blinken-final then (Sun 5 Jan 2025 → Thu 9 Jan 2025): "
        "this stop (Tue 7 Jan) is during that trip (if one is another version of the other's journey, say so with "
        "'version_of: blinken-final' in blinken-final-record)",
        "blinken-final-record: problem: Paris: blinken is on trip blinken-final then (Sun 5 Jan 2025 → Thu 9 Jan 2025): "
        "this stop (Wed 8 Jan) is during that trip (if one is another version of the other's journey, say so with "
        "'version_of: blinken-final' in blinken-final-record)",
    ]
    assert result.stderr == "checked 2 trips: 2 problems, 1 warning\n"


def test_a_trip_inside_another_is_flagged_and_a_same_day_handover_is_not(cli, data_file):
    add_trips(data_file, trip("spring", stop(PARIS, "2025-03-03 10:00", "2025-03-06 18:00"), leaves="2025-03-02 20:00", returns="2025-03-07", version_of=None)
              + trip("handover", stop(NEW_YORK, "2025-03-08"), leaves="2025-03-07", version_of=None)  # leaves the day spring returns
              + trip("clash", stop(SYDNEY, "2025-03-05 09:00"), version_of=None))
    result = cli("check", "--json")
    findings = [f for f in json.loads(result.stdout)["findings"] if "is on trip" in f["message"] or "two trips" in f["message"]]
    assert [(f["trip"], f["stops"]) for f in findings] == [("clash", ["Sydney"])]
    assert findings[0]["message"].startswith("blinken is on trip spring then (Sun 2 Mar 2025 20:00 EST → Fri 7 Mar 2025)")
    assert result.exit_code == 1


def test_overlapping_spans_without_a_stop_inside_are_one_finding(cli, data_file):
    add_trips(data_file, trip("a", stop(PARIS, "2025-03-03 10:00", "2025-03-04 10:00"), returns="2025-03-10 12:00", version_of=None)
              + trip("b", stop(BOSTON, "2025-03-12 10:00"), leaves="2025-03-09 08:00", version_of=None))
    result = cli("check", "b")
    assert [line for line in lines(result) if "two trips" in line] == [
        "b: problem: blinken is on two trips at once: this one (Sun 9 Mar 2025 08:00 EDT → Wed 12 Mar 2025 10:00 EDT) "
        "overlaps a (Mon 3 Mar 2025 10:00 CET → Mon 10 Mar 2025 12:00 EDT) (if one is another version of the other's "
        "journey, say so with 'version_of: a' in b)"
    ]


def test_many_trips_at_once_name_three_overlaps_each_and_count_the_rest(cli, data_file):
    """Ten trips on the same days: each names its overlaps with up to three earlier trips, then
    one finding counts the others (a report that grows with the trips, not with their pairs)."""
    add_trips(data_file, "".join(trip(f"same-{n}", stop(PARIS, "2025-03-03", "2025-03-05"), version_of=None) for n in range(10)))
    result = cli("check")
    assert result.exit_code == 1
    found = [line for line in lines(result) if line.startswith("same-")]
    counts = [line for line in found if " at once with this one " in line]
    assert len(found) == sum(min(n, 3) for n in range(10)) + len(counts)
    assert counts[0] == "same-4: problem: blinken is on 1 more trip at once with this one (Mon 3 Mar 2025 → Wed 5 Mar 2025): same-3"
    assert counts[-1] == ("same-9: problem: blinken is on 6 more trips at once with this one (Mon 3 Mar 2025 → Wed 5 Mar 2025): "
                          "same-3, same-4, same-5, same-6, same-7 and 1 more")
    assert len(counts) == 6


def test_cancelled_trips_and_other_officials_are_not_flagged(cli, data_file):
    add_trips(data_file, trip("off", stop(PARIS, "2025-01-07"), status="cancelled", version_of=None))
    result = cli("check")
    assert result.exit_code == 0, result.output


def test_bad_version_of_is_a_problem(cli, data_file):
    add_trips(data_file, "self:\n  title: S\n  official: blinken\n  version_of: self\n  stops: []\n"
              "ghost:\n  title: G\n  official: blinken\n  version_of: nowhere\n  stops: []\n")
    result = cli("check", "self", "ghost")
    assert result.exit_code == 1
    assert "self: problem: version_of names the trip itself" in result.stdout
    assert "ghost: problem: version_of names no trip 'nowhere' in the data file" in result.stdout


def test_a_malformed_version_of_is_a_data_file_error_with_its_line(cli, data_file):
    text = data_file.read_text().replace("version_of: blinken-final", "version_of: Blinken Final")
    data_file.write_text(text)
    before = digest(data_file)
    result = cli("show", "blinken-final")
    line = text.splitlines().index("    version_of: Blinken Final") + 1
    assert result.exit_code == 1
    assert result.stderr.startswith(f"triptrack: error: {data_file} line {line}: trips.blinken-final-record.version_of")
    assert digest(data_file) == before


def test_version_of_another_officials_trip_is_a_problem(cli, data_file):
    assert cli("official", "new", "rubio", "--name", "Marco Rubio", "--home", "Washington", "--home-country", "US").exit_code == 0
    add_trips(data_file, "r1:\n  title: R\n  official: rubio\n  version_of: blinken-final\n  stops: []\n")
    result = cli("check", "r1")
    assert "version_of blinken-final: that trip is blinken's, this one rubio's" in result.stdout


def test_compare_with_one_trip_uses_its_other_version(cli):
    both = cli("compare", "blinken-final", "blinken-final-record")
    for one in ("blinken-final", "blinken-final-record"):
        result = cli("compare", one)
        assert result.exit_code == 0 and result.stdout == both.stdout
    assert cli("trip", "copy", "blinken-final", "lone").exit_code == 0
    lone = cli("compare", "lone")
    assert lone.exit_code == 1 and "trip lone has no other version" in lone.stderr


def test_one_counterpart_met_by_two_officials_on_one_day_far_apart_is_a_warning(cli, data_file):
    assert cli("official", "new", "rubio", "--name", "Marco Rubio", "--home", "Washington", "--home-country", "US").exit_code == 0
    text = data_file.read_text() + (
        "  rubio-trip:\n    title: R\n    official: rubio\n    stops:\n"
        "      - city: Sydney\n        country: AU\n        tz: Australia/Sydney\n        lat: -33.868\n        lon: 151.207\n"
        "        arrive: 2025-01-07\n        depart: 2025-01-07\n        meetings:\n          - prime minister  Ishiba Shigeru\n"
    )
    data_file.write_text(text)
    result = cli("check", "rubio-trip")
    warnings = [line for line in lines(result) if "one of the records" in line]
    assert warnings == [
        "rubio-trip: warning: Sydney: rubio meets 'prime minister  Ishiba Shigeru' here on Tue 7 Jan 2025, and blinken "
        "meets them the same day in Tokyo (trip blinken-final-record) (7,827 km apart); one of the records is probably wrong"
    ]
    assert result.exit_code == 0  # a warning
    assert cli("check", "rubio-trip", "--strict").exit_code == 1


@given(st.integers(-5, 5), st.integers(0, 4))
def test_two_trips_are_flagged_exactly_when_they_surely_overlap(offset, length):
    """Trip A spans 10-14 March (timed); trip B starts `offset` days after A's start and lasts `length` days."""
    from datetime import date, datetime, time, timedelta

    from triptrack.core.cross_trip import overlap_findings
    from triptrack.core.localtime import When
    from triptrack.core.model import Catalog, Official, Place, Stop, Trip

    paris = Place("Paris", "FR", "Europe/Paris", 48.853, 2.349)
    home = Official("o", "O", home=paris)
    a = Trip("a", "A", "o", stops=[Stop(paris, When(date(2025, 3, 10), time(12), "Europe/Paris"),
                                         When(date(2025, 3, 14), time(12), "Europe/Paris"))])
    start = date(2025, 3, 10) + timedelta(days=offset)
    b = Trip("b", "B", "o", stops=[Stop(paris, When(start, time(12), "Europe/Paris"),
                                        When(start + timedelta(days=length), time(13), "Europe/Paris"))])
    catalog = Catalog({"o": home}, {"a": a, "b": b})
    found = bool(overlap_findings(catalog, {"a", "b"}))
    b_start, b_end = datetime.combine(start, time(12)), datetime.combine(start + timedelta(days=length), time(13))
    assert found == (b_start < datetime(2025, 3, 14, 12) and datetime(2025, 3, 10, 12) < b_end)
    b.version_of = "a"
    assert not overlap_findings(catalog, {"a", "b"})
