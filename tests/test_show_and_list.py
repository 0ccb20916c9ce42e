"""show and list, through the real CLI, on the sample trip."""

from __future__ import annotations

import json

from conftest import invoke, run_module


def test_show_blinken_final_renders_the_reference_trip(cli):
    result = cli("show", "blinken-final")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in (
        "Antony J. Blinken",
        "U.S. Secretary of State",
        "announced",
        "Seoul",
        "South Korea",
        "Tokyo",
        "Paris",
        "Washington",
        "$3.64 billion",
        "11,165",
        "1,153",
        "9,712",
        "6,166",
        "State funeral of former President Jimmy Carter",
        "Washington National Cathedral",
        "Thu 9 Jan 2025 10:00 EST",
        "✓ met, 10 h to spare at best",
        "Sources",
    ):
        assert expected in out, expected
    # The itinerary runs home -> Seoul -> Tokyo -> Paris -> home, in that order.
    order = [out.index(city) for city in ("Seoul", "Tokyo", "Paris")]
    assert order == sorted(order)


def test_show_gives_home_time_beside_a_timed_local_time(cli):
    added = cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00")
    assert added.exit_code == 0, added.output
    out = cli("show", "blinken-final").stdout
    assert "Thu 9 Jan" in out and "18:00 CET" in out
    assert "12:00 EST" in out  # the same moment in Washington


def test_show_json_document(cli):
    result = cli("show", "blinken-final", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["id"] == "blinken-final"
    assert doc["official"]["name"] == "Antony J. Blinken"
    assert [s["city"] for s in doc["stops"]] == ["Seoul", "Tokyo", "Paris"]
    seoul = doc["stops"][0]
    assert seoul["country"] == "KR" and seoul["tz"] == "Asia/Seoul"
    assert round(seoul["distance_km"]) == 11165
    assert round(doc["stops"][1]["distance_km"]) == 1153
    assert seoul["arrive"] == "2025-01-06"
    assert any("3.64 billion" in t for t in doc["stops"][1]["topics"])
    (funeral,) = doc["obligations"]
    assert funeral["when"] == "2025-01-09T10:00:00-05:00"
    assert "Cathedral" in funeral["where"]


TRAVELLED = """officials:
  a:
    name: A
    home: {city: Washington, country: US, tz: America/New_York}
trips:
  t1:
    title: T
    official: a
    version_of: t0
    stops:
      - city: Brussels
        country: BE
        tz: Europe/Brussels
        arrive: 2025-03-10 07:30
        travel: air UA950 2025-03-09 17:40 -> 2025-03-10 07:20
    travel_home: air 8h30
  t0:
    title: T0
    official: a
    stops:
      - {city: Brussels, country: BE, tz: Europe/Brussels, arrive: 2025-03-10}
"""


def test_show_json_gives_how_legs_are_travelled_and_which_trip_this_is_a_version_of(cli, tmp_path):
    data = tmp_path / "travelled.yaml"
    data.write_text(TRAVELLED, encoding="utf-8")
    doc = json.loads(cli("show", "t1", "--json", data=data).stdout)
    assert doc["version_of"] == "t0"
    assert doc["stops"][0]["travel"] == {
        "text": "air UA950 2025-03-09 17:40 -> 2025-03-10 07:20", "mode": "air", "number": "UA950",
        "duration_minutes": None, "departs": "2025-03-09T17:40:00-04:00", "arrives": "2025-03-10T07:20:00+01:00",
    }  # (Washington changed to daylight time that morning)
    assert doc["travel_home"] == {"text": "air 8h30", "mode": "air", "number": None, "duration_minutes": 510, "departs": None, "arrives": None}
    plain = json.loads(cli("show", "t0", "--json", data=data).stdout)
    assert plain["version_of"] is None and plain["travel_home"] is None and plain["stops"][0]["travel"] is None


def test_list_table_and_json(cli):
    table = cli("list")
    assert table.exit_code == 0
    assert "blinken-final" in table.stdout and "blinken-final-record" in table.stdout
    assert "Seoul → Tokyo → Paris" in table.stdout
    listed = json.loads(cli("list", "--json").stdout)
    by_id = {t["id"]: t for t in listed}
    assert by_id["blinken-final"]["cities"] == ["Seoul", "Tokyo", "Paris"]
    assert by_id["blinken-final"]["start"] == "2025-01-05"
    assert by_id["blinken-final"]["end"] == "2025-01-09"
    assert by_id["blinken-final-record"]["cities"][-1] == "Vatican City"


def test_list_keeps_trip_ids_whole_at_60_columns(cli):
    result = invoke(["--data", str(cli.data), "list"], env={"COLUMNS": "60", "NO_COLOR": "1"})
    assert "blinken-final-record" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


def test_unknown_trip_suggests_close_ids(cli, data_file):
    from conftest import digest

    before = digest(data_file)
    result = cli("show", "blinken-finl")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"triptrack: error: no trip 'blinken-finl' in {data_file}; did you mean blinken-final, blinken-final-record?"
    ]
    assert digest(data_file) == before


def test_default_data_file_shows_the_sample_from_any_folder(bare_cli, _isolated_home):
    result = bare_cli("show", "blinken-final")
    assert result.exit_code == 0, result.output
    assert "Seoul" in result.stdout
    # Reading never creates the user's file; the first write does, from the sample.
    user_file = _isolated_home / ".local" / "share" / "triptrack" / "trips.yaml"
    assert not user_file.exists()
    added = bare_cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00")
    assert added.exit_code == 0, added.output
    text = user_file.read_text()
    assert "city: Rome" in text and "blinken-final-record" in text and "# triptrack data file" in text
    assert "Rome" in bare_cli("show", "blinken-final").stdout


def test_environment_variable_chooses_the_file(bare_cli, data_file, monkeypatch, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(data_file.read_text().replace("blinken-final:", "renamed-trip:"))
    monkeypatch.setenv("TRIPTRACK_DATA", str(other))
    listed = json.loads(bare_cli("list", "--json").stdout)
    assert "renamed-trip" in [t["id"] for t in listed]


def test_version_help_and_python_m(cli):
    from triptrack import __version__

    assert cli("--version").stdout.strip() == f"triptrack {__version__}"
    proc = run_module("--help")
    assert proc.returncode == 0 and "show" in proc.stdout and "add-stop" in proc.stdout
    for command in ("show", "list", "add-stop", "export"):
        helped = cli(command, "--help")
        assert helped.exit_code == 0 and "Usage" in helped.stdout, command


def test_bad_usage_exits_2(cli):
    assert cli("show").exit_code == 2
    assert cli("frobnicate").exit_code == 2
    assert cli("export", "blinken-final", "--format", "pdf").exit_code == 2


def test_a_missing_explicit_file_reads_as_empty(cli, tmp_path):
    missing = tmp_path / "none" / "trips.yaml"
    result = cli("list", data=missing)
    assert result.exit_code == 0 and "No trips" in result.stdout
    assert not missing.exists()


def test_unknown_command_suggests_the_closest(cli):
    result = cli("shwo", "blinken-final")
    assert result.exit_code == 2
    assert "No such command 'shwo'. Did you mean 'show'?" in result.output
