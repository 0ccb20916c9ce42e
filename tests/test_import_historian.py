"""import historian, on small made-up files in the Historian's schema (tests/historian/)."""

from __future__ import annotations

import difflib
import io
from datetime import date
from pathlib import Path

import pytest
from conftest import digest

from triptrack.datafile import store as storage

FIXTURES = Path(__file__).resolve().parent / "historian"
DOE, ROE, SMITH = (str(FIXTURES / name) for name in ("secretary-doe.xml", "secretary-roe.xml", "president-smith.xml"))


def _catalog(path: Path):
    return storage.load(storage.locate(str(path)))


@pytest.fixture
def empty_file(tmp_path) -> Path:
    return tmp_path / "history.yaml"  # does not exist yet


def test_every_record_becomes_one_stop_grouped_into_journeys(cli, empty_file):
    result = cli("import", "historian", DOE, ROE, SMITH, data=empty_file)
    assert result.exit_code == 0, result.output
    assert "Read 10 records from 3 files." in result.stdout
    assert "Added 4 journeys (10 stops) for 3 travellers (3 new officials)." in result.stdout
    catalog = _catalog(empty_file)
    refs = [stop.ref for trip in catalog.trips.values() for stop in trip.stops]
    assert sorted(refs) == sorted(f"historian:{n}" for n in (9001, 9002, 9003, 9004, 9005, 9101, 9102, 9103, 9201, 9202))
    assert sorted(catalog.trips) == ["doe-2024-03-10", "doe-2024-06-01", "roe-1990-05-15", "smith-2023-04-11"]


def test_a_journey_keeps_its_records_in_date_order_with_date_only_times(cli, empty_file):
    cli("import", "historian", DOE, data=empty_file)
    trip = _catalog(empty_file).trips["doe-2024-03-10"]
    assert trip.route() == ["Tokyo", "Seoul", "Vatican City", "Tel Aviv, Jerusalem"]
    assert trip.status == "recorded"
    assert trip.title == "Jane Q. Doe: Japan, South Korea, Vatican, Israel, March 2024"
    assert trip.sources == ["Office of the Historian, Travels Abroad of the Secretary of State, records 9001-9004"]
    tokyo = trip.stops[0]
    assert (tokyo.arrive.day, tokyo.depart.day) == (date(2024, 3, 10), date(2024, 3, 11))
    assert tokyo.arrive.date_only and tokyo.depart.date_only and tokyo.place.tz == "Asia/Tokyo"
    assert tokyo.notes == "Met with Prime Minister Kishida Fumio and Foreign Minister Kamikawa Yoko. Discussed regional security."
    assert tokyo.meetings == ["Prime Minister Kishida Fumio", "Foreign Minister Kamikawa Yoko"]
    assert not tokyo.approximate


def test_empty_locale_is_the_capital_and_several_places_are_kept(cli, empty_file):
    cli("import", "historian", DOE, data=empty_file)
    catalog = _catalog(empty_file)
    vatican, israel = catalog.trips["doe-2024-03-10"].stops[2:]
    assert (vatican.city, vatican.place.country, vatican.place.tz) == ("Vatican City", "VA", "Europe/Vatican")
    assert not vatican.approximate  # a city-state's capital is the whole country
    assert vatican.meetings == ["Pope Francis"]
    assert israel.city == "Tel Aviv, Jerusalem" and israel.place.country == "IL"
    assert israel.place.lon == pytest.approx(34.78, abs=0.1)  # coordinates of the first place found
    assert israel.meetings == ["Prime Minister Benjamin Netanyahu", "President Isaac Herzog", "families of hostages"]
    rome = catalog.trips["doe-2024-06-01"].stops[0]
    assert rome.city == "Rome, Anagni, Fiuggi" and rome.place.tz == "Europe/Rome"


def test_historic_countries_are_placed_where_they_are_and_unknown_places_flagged_not_dropped(cli, empty_file):
    result = cli("import", "historian", ROE, data=empty_file)
    assert "Approximate places: 1 stop: 1 at places not found (the capital stands in)." in result.stdout
    assert (
        "Placed where they are today, the record's country in the notes: 3 recorded under states that no longer "
        "exist, 1 in another country than recorded (a colony, a successor state, next door)."
    ) in result.stdout
    assert "Not found, placed at the capital: Qqqzzyville (DE)." in result.stdout
    moscow, zagreb, unknown = _catalog(empty_file).trips["roe-1990-05-15"].stops
    # Moscow is where it was: only the state is gone, and the record's name for it is kept.
    assert (moscow.city, moscow.place.country, moscow.approximate) == ("Moscow, Zagorsk", "RU", False)
    assert moscow.notes.endswith("Country as recorded: U.S.S.R.")
    assert (zagreb.place.country, zagreb.place.tz) == ("HR", "Europe/Zagreb")  # a successor state of Yugoslavia
    assert not zagreb.approximate and "Country as recorded: Yugoslavia." in zagreb.notes
    assert (unknown.city, unknown.place.country, unknown.approximate) == ("Qqqzzyville", "DE", True)
    assert unknown.place.lat == pytest.approx(52.52, abs=0.05)  # Berlin stands in
    assert "Place not found in the gazetteer; placed at the capital, Berlin." in unknown.notes


def test_the_same_schema_for_presidents(cli, empty_file):
    cli("import", "historian", SMITH, data=empty_file)
    catalog = _catalog(empty_file)
    official = catalog.officials["smith-john"]
    assert (official.name, official.title, official.country) == ("John Smith", "President", "US")
    assert (official.home.city, official.home.tz) == ("Washington", "America/New_York")
    trip = catalog.trips["smith-2023-04-11"]
    assert trip.title == "John Smith: United Kingdom, Ireland, April 2023"
    assert trip.sources[0].startswith("Office of the Historian, Travels Abroad of the President, records 9201-9202")
    assert trip.stops[1].meetings == ["Prime Minister Leo Varadkar", "President Michael D. Higgins"]


def test_gap_days_decides_where_a_journey_ends(cli, empty_file):
    result = cli("import", "historian", DOE, "--gap-days", "90", data=empty_file)
    assert result.exit_code == 0
    assert list(_catalog(empty_file).trips) == ["doe-2024-03-10"]
    assert len(_catalog(empty_file).trips["doe-2024-03-10"].stops) == 5


def test_reimporting_changes_nothing(cli, empty_file):
    cli("import", "historian", DOE, ROE, data=empty_file)
    before = digest(empty_file)
    again = cli("import", "historian", ROE, DOE, data=empty_file)
    assert again.exit_code == 0
    assert "Skipped 8 records already in" in again.stdout and "Nothing new to add" in again.stdout
    assert digest(empty_file) == before


def test_import_appends_without_rewriting_the_file(cli, data_file):
    before = data_file.read_text(encoding="utf-8")
    result = cli("import", "historian", DOE)
    assert result.exit_code == 0, result.output
    after = data_file.read_text(encoding="utf-8")
    operations = {op for op, *_ in difflib.SequenceMatcher(None, before.splitlines(), after.splitlines()).get_opcodes()}
    assert operations == {"equal", "insert"}  # every line that was there is still there, in order
    catalog = _catalog(data_file)
    assert "blinken-final" in catalog.trips and "doe-2024-03-10" in catalog.trips


def test_records_already_in_the_sample_are_skipped(cli, data_file, tmp_path):
    # The sample's blinken-final-record holds historian:4275-4279; a file with 4279 adds nothing.
    record = (FIXTURES / "secretary-doe.xml").read_text(encoding="utf-8").replace("<id>9003</id>", "<id>4279</id>")
    path = tmp_path / "with-4279.xml"
    path.write_text(record, encoding="utf-8")
    result = cli("import", "historian", str(path))
    assert "Skipped 1 record already in" in result.stdout
    assert "Vatican City" not in _catalog(data_file).trips["doe-2024-03-10"].route()


def test_trip_ids_stay_unique(cli, data_file, tmp_path):
    text = data_file.read_text(encoding="utf-8").replace("  blinken-final:\n", "  doe-2024-03-10:\n", 1)
    text = text.replace("official: blinken\n    status: announced", "official: blinken\n    status: announced", 1)
    data_file.write_text(text.replace("blinken-final-record", "blinken-record"), encoding="utf-8")
    result = cli("import", "historian", DOE)
    assert result.exit_code == 0, result.output
    trips = _catalog(data_file).trips
    assert trips["doe-2024-03-10"].official == "blinken"  # untouched
    assert trips["doe-jane-q-2024-03-10"].official == "doe-jane-q"


def test_dry_run_writes_nothing(cli, data_file):
    before = digest(data_file)
    result = cli("import", "historian", DOE, ROE, "--dry-run")
    assert result.exit_code == 0
    assert "Would add 3 journeys (8 stops)" in result.stdout and "Nothing written (--dry-run)" in result.stdout
    assert digest(data_file) == before


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed.xml", "malformed.xml line 8: not well-formed XML: not well-formed (invalid token)"),
        ("bad-date.xml", "bad-date.xml line 13: <start-date> '2024-02-30' is not a date"),
        ("entities.xml", "entities.xml line 3: entity declarations are not allowed in a travels file"),
        ("README.md", "README.md line 1: not well-formed XML: syntax error"),
    ],
)
def test_a_bad_file_is_refused_with_its_name_and_line_and_nothing_is_written(cli, data_file, name, message):
    before = digest(data_file)
    result = cli("import", "historian", DOE, str(FIXTURES / name))  # a good file first: still nothing written
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert result.stderr.startswith("triptrack: error: ") and len(result.stderr.splitlines()) == 1
    assert digest(data_file) == before


def test_files_that_are_not_travels_files_are_refused(cli, data_file, tmp_path):
    before = digest(data_file)
    codes = tmp_path / "travel-role-codes.xml"
    codes.write_text('<?xml version="1.0"?>\n<code-table><name>travel-role-code</name></code-table>\n', encoding="utf-8")
    result = cli("import", "historian", str(codes))
    assert result.exit_code == 1 and "line 2: the root element is <code-table>, not <trips>" in result.stderr
    missing = cli("import", "historian", str(tmp_path / "nope.xml"))
    assert missing.exit_code == 1 and "nope.xml: cannot be read: No such file or directory" in missing.stderr
    assert cli("import", "historian", DOE, "--gap-days", "-1").exit_code == 2
    assert digest(data_file) == before


def test_progress_bar_draws_on_a_terminal(monkeypatch):
    from triptrack.render.import_progress import import_progress

    captured = io.StringIO()
    monkeypatch.setattr("sys.stderr", captured)
    with import_progress("Reading files", enabled=True) as steps:
        steps["Reading files"](1, 2)
        steps["Reading files"](2, 2)
    assert "Reading files" in captured.getvalue() and "2/2" in captured.getvalue()
    with import_progress("Reading files") as steps:  # not a terminal: nothing drawn
        steps["Reading files"](1, 1)
    assert captured.getvalue().count("Reading files") == 1


def test_an_unknown_country_id_is_refused_with_file_and_line(cli, data_file, tmp_path):
    text = (FIXTURES / "secretary-doe.xml").read_text(encoding="utf-8")
    path = tmp_path / "atlantis.xml"
    path.write_text(text.replace('<country id="israel">Israel</country>', '<country id="atlantis">Atlantis</country>'), encoding="utf-8")
    before = digest(data_file)
    result = cli("import", "historian", str(path))
    assert result.exit_code == 1
    assert "atlantis.xml line 46: record 9004: unknown Historian country id 'atlantis' (Atlantis)" in result.stderr
    assert digest(data_file) == before
