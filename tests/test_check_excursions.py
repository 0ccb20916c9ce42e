"""`check` on the record: day trips from a base are excursions, and a record is never failed."""

from __future__ import annotations

from conftest import digest
from extra_trips import PARIS, add_trips, stop, trip

from triptrack.core.excursions import excursions
from triptrack.core.localtime import When
from triptrack.core.model import Place, Stop, Trip

JERUSALEM = ("Jerusalem", "IL", "Asia/Jerusalem", 31.769, 35.216)
RAMALLAH = ("Ramallah", "PS", "Asia/Hebron", 31.899, 35.204)
AMMAN = ("Amman", "JO", "Asia/Amman", 31.955, 35.945)
TOKYO = ("Tokyo", "JP", "Asia/Tokyo", 35.69, 139.692)


def _stop(where: tuple, arrive: str, depart: str) -> Stop:
    from datetime import date

    city, country, tz, lat, lon = where
    return Stop(Place(city, country, tz, lat, lon), When(date.fromisoformat(arrive), None, tz), When(date.fromisoformat(depart), None, tz))


def test_a_day_trip_inside_a_stay_is_an_excursion_from_it():
    base = [_stop(JERUSALEM, "2025-03-01", "2025-03-03"), _stop(RAMALLAH, "2025-03-02", "2025-03-02"), _stop(AMMAN, "2025-03-03", "2025-03-04")]
    found = excursions(Trip("t", "t", "o", stops=base))
    assert [(e.stop, e.host) for e in found] == [(1, 0)]


def test_a_next_stop_is_not_an_excursion():
    # Ramallah on the 3rd can follow Jerusalem (1-3): a next stop, not a trip out and back.
    stops = [_stop(JERUSALEM, "2025-03-01", "2025-03-03"), _stop(RAMALLAH, "2025-03-03", "2025-03-03")]
    assert excursions(Trip("t", "t", "o", stops=stops)) == []


def test_too_far_for_a_day_trip_is_not_an_excursion():
    # Tokyo lies 9,000 km from Jerusalem: no getting there and back inside the stay of 1-2 March.
    stops = [_stop(JERUSALEM, "2025-03-01", "2025-03-02"), _stop(TOKYO, "2025-03-01", "2025-03-01")]
    assert excursions(Trip("t", "t", "o", stops=stops)) == []


def test_check_reads_a_day_trip_as_an_excursion_and_a_far_one_as_an_overlap(cli, data_file):
    add_trips(
        data_file,
        trip("day-trip", stop(JERUSALEM, "2025-03-01", "2025-03-03"), stop(RAMALLAH, "2025-03-02", "2025-03-02"),
             stop(AMMAN, "2025-03-03", "2025-03-04"))
        + trip("far", stop(JERUSALEM, "2025-03-01", "2025-03-02"), stop(TOKYO, "2025-03-01", "2025-03-01")),
    )
    assert cli("check", "day-trip").exit_code == 0
    far = cli("check", "far")
    assert far.exit_code == 1
    assert far.stdout.splitlines()[0].startswith("far: problem: Jerusalem → Tokyo: stays overlap")


def test_findings_on_a_record_are_warnings_so_check_passes_unless_strict(cli, data_file):
    jumbled = stop(PARIS, "2025-01-08", "2025-01-08"), stop(JERUSALEM, "2025-01-05", "2025-01-06")
    add_trips(data_file, trip("jumbled-plan", *jumbled) + trip("jumbled-record", *jumbled, status="recorded"))
    before = digest(data_file)
    plan = cli("check", "jumbled-plan")
    assert plan.exit_code == 1 and "jumbled-plan: problem: Paris → Jerusalem: stops out of order" in plan.stdout
    record = cli("check", "jumbled-record")
    assert record.exit_code == 0
    assert "jumbled-record: warning: Paris → Jerusalem: stops out of order" in record.stdout
    assert "checked 1 trip: 0 problems, 1 warning" in record.output
    strict = cli("check", "jumbled-record", "--strict")
    assert strict.exit_code == 1 and "jumbled-record: warning: Paris → Jerusalem: stops out of order" in strict.stdout
    assert digest(data_file) == before
