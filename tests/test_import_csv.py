"""import csv: what export --format csv writes comes back as the same trip."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import digest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triptrack.core.localtime import When, zone
from triptrack.core.model import Catalog, Official, Place, Stop, Trip
from triptrack.datafile import store as storage
from triptrack.datafile.schema import catalog_data
from triptrack.datafile.syntax import dump_block
from triptrack.formats import csv_export
from triptrack.importers import csv_import
from triptrack.importers.additions import splice


@pytest.fixture
def exported(cli, tmp_path) -> Path:
    """The sample's announced trip plus a timed stop with a formula-like topic, as CSV."""
    added = cli(
        "add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00", "--depart", "2025-01-10 11:30",
        "--topic", "=HYPERLINK(\"http://x\")", "--topic", "Syria, after Assad", "--meeting", "@the Pope's staff",
    )
    assert added.exit_code == 0, added.output
    path = tmp_path / "blinken.csv"
    assert cli("export", "blinken-final", "-o", str(path)).exit_code == 0
    return path


def test_export_import_export_is_identical(cli, exported, tmp_path):
    empty = tmp_path / "empty.yaml"
    result = cli("import", "csv", str(exported), "--official", "blinken", "--home", "Washington", "--home-country", "US", data=empty)
    assert result.exit_code == 0, result.output
    assert "Added official blinken" in result.stdout and "Added trip blinken-final (4 stops)" in result.stdout
    again = cli("export", "blinken-final", data=empty)
    assert again.stdout_bytes == exported.read_bytes()
    trip = storage.load(storage.locate(str(empty))).trips["blinken-final"]
    assert trip.stops[3].topics == ['=HYPERLINK("http://x")', "Syria, after Assad"]  # the apostrophe is gone
    assert trip.stops[3].arrive.text() == "2025-01-09 18:00" and trip.stops[3].place.tz == "Europe/Rome"


def test_a_spreadsheets_save_imports_the_same(cli, exported, tmp_path):
    text = exported.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", "\r\n")  # CRLF inside cells too
    text = text.replace(",true\r\n", ",TRUE\r\n")
    saved = tmp_path / "saved.csv"
    saved.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    empty = tmp_path / "empty.yaml"
    assert cli("import", "csv", str(saved), "--official", "blinken", "--home", "Washington", "--home-country", "US", data=empty).exit_code == 0
    assert cli("export", "blinken-final", data=empty).stdout_bytes == exported.read_bytes()


def test_into_a_file_with_officials_and_under_a_new_id(cli, exported, data_file):
    result = cli("import", "csv", str(exported), "--trip", "blinken-copy", "--title", "A copy", "--status", "completed")
    assert result.exit_code == 0, result.output
    catalog = storage.load(storage.locate(str(data_file)))
    copy = catalog.trips["blinken-copy"]
    assert (copy.title, copy.official, copy.status) == ("A copy", "blinken", "completed")  # the file's only official
    assert copy.route() == catalog.trips["blinken-final"].route()


def test_home_is_for_a_new_official_and_refused_for_one_the_file_has(cli, exported, data_file):
    before = digest(data_file)
    result = cli("import", "csv", str(exported), "--trip", "x", "--official", "blinken", "--home", "Paris")
    assert result.exit_code == 1
    assert result.stderr == ("triptrack: error: --home is the home of a new official, and blinken is in the data file already "
                             "('triptrack official edit blinken --home CITY' changes theirs); nothing was imported\n")
    assert digest(data_file) == before


def test_a_cell_longer_than_the_csv_modules_default_limit_comes_back(cli, data_file, tmp_path):
    """export writes any topic; import reads what export writes (Python's csv stops at 128 KiB a cell)."""
    long_topic = "word " * 30_000  # 150,000 characters
    assert cli("topic", "add", "blinken-final", "1", long_topic.strip()).exit_code == 0
    path = tmp_path / "big.csv"
    assert cli("export", "blinken-final", "-o", str(path)).exit_code == 0
    result = cli("import", "csv", str(path), "--trip", "big-copy")
    assert result.exit_code == 0, result.output
    copy = storage.load(storage.locate(str(data_file))).trips["big-copy"]
    assert long_topic.strip() in copy.stops[0].topics


def test_raw_csv_keeps_apostrophes(cli, tmp_path):
    raw = cli("export", "blinken-final", "--raw").stdout.replace("Trilateral", "'Trilateral")
    path = tmp_path / "raw.csv"
    path.write_text(raw, encoding="utf-8", newline="")
    empty = tmp_path / "empty.yaml"
    assert cli("import", "csv", str(path), "--official", "x", "--raw", "--home", "Washington", "--home-country", "US", data=empty).exit_code == 0
    topics = storage.load(storage.locate(str(empty))).trips["blinken-final"].stops[0].topics
    assert "'Trilateral cooperation with Japan" in topics


def _write(tmp_path: Path, text: str, name: str = "bad.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


HEADER = ",".join(csv_export.COLUMNS[:14])  # a CSV from before the travel columns still imports
GOOD_ROW = "t1,1,Paris,FR,Europe/Paris,2025-01-08,2025-01-08,,,,48.853,2.349,,"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "bad.csv line 1: no header row"),
        ("trip,city,country\nt1,Paris,FR\n", "bad.csv line 1: missing columns tz, arrive"),
        (HEADER + ",colour\n" + GOOD_ROW + ",red\n", "bad.csv line 1: unknown column 'colour'"),
        (HEADER + "\n", "bad.csv line 2: no rows after the header"),
        (HEADER + "\n" + GOOD_ROW + "\n" + GOOD_ROW.replace("2025-01-08,2025", "2025-13-01,2025"), "bad.csv line 3: arrive: '2025-13-01' is not a date"),
        (HEADER + "\n" + GOOD_ROW.replace("2025-01-08,2025-01-08", "2025-01-08 25:00,"), "bad.csv line 2: arrive: '2025-01-08 25:00' is not a time of day"),
        (HEADER + "\n" + GOOD_ROW.replace("2025-01-08,2025-01-08", "2025-03-30 02:30,"), "bad.csv line 2: arrive: 2025-03-30 02:30 does not exist in Europe/Paris"),
        (HEADER + "\n" + GOOD_ROW.replace("Europe/Paris", "Europe/Parris"), "bad.csv line 2: tz: 'Europe/Parris' is not an IANA time zone"),
        (HEADER + "\n" + GOOD_ROW.replace(",FR,", ",France,"), "bad.csv line 2: country: 'France' is not an ISO 3166-1"),
        (HEADER + "\n" + GOOD_ROW.replace("48.853", "north"), "bad.csv line 2: lat: 'north' is not a number"),
        (HEADER + "\n" + GOOD_ROW.replace(",48.853,", ",,"), "bad.csv line 2: lat: is empty: give both lat and lon"),
        (HEADER + "\n" + GOOD_ROW + ",extra\n", "bad.csv line 2: 15 cells, but the header has 14 columns"),
        (HEADER + "\n" + GOOD_ROW.replace(",1,", ",first,"), "bad.csv line 2: order: 'first' is not a whole number"),
        (HEADER + "\n" + GOOD_ROW + "maybe\n", "bad.csv line 2: approximate: 'maybe'"),
        (HEADER + '\n"t1",1,"Paris\n', "bad.csv line 2: 3 cells, but the header has 14 columns"),
        (HEADER + "\n" + GOOD_ROW.replace(",,,,48", ',"a\n\nb",,,48'), "bad.csv line 2: topics: has an empty line"),
        (b"trip,city\n\xff\xfe\n", "bad.csv line 2: byte 0xff is not UTF-8"),
    ],
)
def test_bad_csv_is_refused_with_file_and_line_and_nothing_written(cli, data_file, tmp_path, content, message):
    before = digest(data_file)
    result = cli("import", "csv", str(_write(tmp_path, content)), "--trip", "new-trip")
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert digest(data_file) == before


def test_refusals_about_the_data_file(cli, data_file, exported, tmp_path):
    before = digest(data_file)
    taken = cli("import", "csv", str(exported))
    assert taken.exit_code == 1 and "trip 'blinken-final' is already in the data file; import under another id with --trip" in taken.stderr
    bad_id = cli("import", "csv", str(exported), "--trip", "Blinken Copy")
    assert bad_id.exit_code == 1 and "--trip 'Blinken Copy': use lowercase letters" in bad_id.stderr
    bad_status = cli("import", "csv", str(exported), "--trip", "x", "--status", "done")
    assert bad_status.exit_code == 1 and "--status 'done': use one of planned" in bad_status.stderr
    missing = cli("import", "csv", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1 and "nope.csv: cannot be read" in missing.stderr
    assert digest(data_file) == before
    empty = tmp_path / "empty.yaml"
    who = cli("import", "csv", str(exported), data=empty)
    assert who.exit_code == 1 and "give --official ID: who made this trip? (officials in the data file: none yet)" in who.stderr
    assert not empty.exists()


# --- the round trip for any trip (hypothesis) ---------------------------------------

ZONES = ["Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC", "Asia/Tokyo"]
TEXT = st.builds(
    lambda start, rest: (start + rest).strip(),
    st.sampled_from(["", "", "=", "+", "-", "@", "'", "''", "\"", ","]),  # what a spreadsheet would run
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N", "P", "S"), whitelist_characters=" '\"=+-@,;|"),
        min_size=1,
        max_size=30,
    ),
).filter(bool)


@st.composite
def whens(draw, tz: str) -> When:
    if draw(st.booleans()):
        return When(draw(st.dates(min_value=datetime(1900, 1, 1).date(), max_value=datetime(2100, 1, 1).date())), None, tz)
    moment = datetime(2000, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=draw(st.integers(0, 60 * 24 * 365 * 40)))
    local = moment.astimezone(zone(tz))
    return When(local.date(), local.time().replace(tzinfo=None), tz, local.fold)


@st.composite
def stops(draw) -> Stop:
    tz = draw(st.sampled_from(ZONES))
    coordinates = draw(st.none() | st.tuples(st.floats(-90, 90), st.floats(-180, 180)))
    lat, lon = (round(coordinates[0], 5), round(coordinates[1], 5)) if coordinates else (None, None)
    return Stop(
        Place(draw(TEXT), draw(st.sampled_from(["FR", "US", "IN", "AU", "JP", "VA"])), tz, lat, lon),
        draw(whens(tz)),
        draw(st.none() | whens(tz)),
        topics=draw(st.lists(TEXT, max_size=3)),
        meetings=draw(st.lists(TEXT, max_size=2)),
        notes=draw(st.none() | st.lists(TEXT, min_size=1, max_size=3).map("\n".join)) or "",
        ref=draw(st.none() | TEXT) or "",
        approximate=draw(st.booleans()),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(stops(), min_size=1, max_size=4), st.booleans())
def test_any_trip_survives_export_import_export(tmp_path_factory, trip_stops, raw):
    folder = tmp_path_factory.mktemp("roundtrip")
    official = Official("o", "O")
    original = Catalog({"o": official}, {"t": Trip("t", "T", "o", stops=trip_stops)})
    text = dump_block(catalog_data(original))
    _root, loaded = storage.parse(text, "original.yaml")  # what the data file really holds
    first = csv_export.export(loaded, loaded.trips["t"], raw=raw)
    csv_path = folder / "t.csv"
    csv_path.write_bytes(first.encode("utf-8"))
    additions = csv_import.plan_import(
        csv_import.read_trips(csv_path, raw=raw), Catalog(), csv_import.CsvOptions(official="o", home=Place("Paris", "FR", "Europe/Paris", 48.853, 2.349)), str(csv_path)
    )
    _root, imported = storage.parse(splice("", None, Catalog(), additions, "new.yaml"), "new.yaml")
    second = csv_export.export(imported, imported.trips["t"], raw=raw)
    assert second == first
    header = list(csv.reader(io.StringIO(second, newline="")))[0]
    assert header in (list(csv_export.COLUMNS), [] if raw else [*csv_export.COLUMNS, csv_export.GUARD_COLUMN])
