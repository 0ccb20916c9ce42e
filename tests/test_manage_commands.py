"""trip / official sub-commands and validate, through the real CLI.

Every write is checked for what it prints, which lines of the file it touched (and
only those), and that the file still validates.
"""

from __future__ import annotations

import difflib

import pytest
import yaml
from conftest import digest


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    return added, removed


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def refused_and_unchanged(cli, data_file, args, message: str):
    """The command fails, exit 1, with one line that says `message`; the file is as it was."""
    before = digest(data_file)
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith("triptrack: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert digest(data_file) == before
    return result


def test_new_trip_adds_lines_at_the_end_and_removes_none(cli, data_file):
    before = data_file.read_text()
    result = ok(cli("trip", "new", "kerry-asia", "--title", "Asia tour", "--official", "blinken",
                    "--leaves", "2015-01-03", "--returns", "2015-01-10", "--source", "NO: a source that looks like a boolean"))
    assert result.stdout == f"Added trip kerry-asia (Asia tour; Antony J. Blinken, planned). Wrote {data_file}.\n"
    added, removed = changed_lines(before, data_file.read_text())
    assert removed == []
    assert added == [
        "",
        "  kerry-asia:",
        "    title: Asia tour",
        "    official: blinken",
        "    status: planned",
        "    leaves: 2015-01-03",
        "    returns: 2015-01-10",
        "    sources:",
        "      - 'NO: a source that looks like a boolean'",
        "    stops: []",
    ]
    ok(cli("validate"))


def test_a_new_trip_then_add_stop_makes_a_block_list(cli, data_file):
    ok(cli("trip", "new", "t2", "--title", "T", "--official", "blinken"))
    ok(cli("add-stop", "t2", "Rome", "--arrive", "2025-03-01"))
    trip = yaml.safe_load(data_file.read_text())["trips"]["t2"]
    assert [s["city"] for s in trip["stops"]] == ["Rome"]
    assert "    stops:\n      - city: Rome\n" in data_file.read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["trip", "new", "blinken-final", "--title", "x", "--official", "blinken"], "trip 'blinken-final' already exists (line 24)"),
        (["trip", "new", "Bad Id", "--title", "x", "--official", "blinken"], "trip id 'Bad Id': use lowercase letters"),
        (["trip", "new", "t", "--title", "x", "--official", "kerry"], "no official 'kerry'"),
        (["trip", "new", "t", "--title", "x", "--official", "blinken", "--status", "maybe"], "--status 'maybe': use one of"),
        (["trip", "new", "t", "--title", "x", "--official", "blinken", "--leaves", "2025-02-30"], "--leaves: '2025-02-30' is not a date"),
        (["trip", "new", "t", "--title", "x", "--official", "blinken", "--leaves", "2025-03-09", "--returns", "2025-03-01"],
         "--returns 2025-03-01 is before --leaves 2025-03-09"),
        (["trip", "new", "t", "--title", "x", "--official", "blinken", "--leaves", "2025-03-09 02:30"],
         "--leaves: 2025-03-09 02:30 does not exist in America/New_York"),
        (["trip", "new", "t", "--title", "  ", "--official", "blinken"], "--title '': give one non-empty line"),
        (["trip", "rename", "blinken-final", "blinken-final-record"], "trip 'blinken-final-record' already exists"),
        (["trip", "rename", "nope", "x"], "no trip 'nope'"),
        (["trip", "edit", "blinken-final", "--status", "done"], "--status 'done': use one of"),
        (["trip", "edit", "blinken-final", "--returns", "2025-01-01"], "returns 2025-01-01 is before leaves 2025-01-05"),
        (["trip", "edit", "blinken-final", "--clear", "title"], "--clear 'title': trips can clear leaves, returns, notes, sources"),
        (["trip", "edit", "blinken-final", "--official", "nobody"], "no official 'nobody'"),
        (["official", "new", "blinken", "--name", "x", "--home", "Paris", "--home-country", "FR"], "official 'blinken' already exists (line 11)"),
        (["official", "new", "x", "--name", "X", "--country", "USA", "--home", "Paris", "--home-country", "FR"],
         "--country 'USA': give an ISO 3166-1 alpha-2 code"),
        (["official", "new", "x", "--name", "X", "--home", "Xqzzyville"], "unknown city 'Xqzzyville'"),
        (["official", "delete", "blinken", "--yes"],
         "official 'blinken' is still the official of blinken-final, blinken-final-record; delete those trips"),
        (["official", "edit", "blinken", "--clear", "name"], "--clear 'name': officials can clear title, country, home"),
        (["official", "rename", "blinken", "Blinken!"], "official id 'Blinken!': use lowercase letters"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 40 else None,
)
def test_bad_edits_are_refused_and_nothing_is_written(cli, data_file, args, message):
    before = digest(data_file)
    result = cli(*args)
    assert result.exit_code == 1, result.output
    (error,) = result.stderr.splitlines()
    assert error.startswith("triptrack: error: ") and message in error, error
    assert result.stdout == ""
    assert digest(data_file) == before
    assert not list(data_file.parent.glob(".trips.yaml.*.tmp"))


@pytest.mark.parametrize(
    "args, text",
    [
        (["trip", "new", "t"], "Missing option '--title'"),
        (["trip", "new", "t", "--title", "T"], "Missing option '--official'"),
        (["trip", "rename", "blinken-final"], "Missing argument 'NEW'"),
        (["trip", "edit", "blinken-final"], "Nothing to change"),
        (["official", "new", "x"], "Missing option '--name'"),
        (["official", "edit", "blinken"], "Nothing to change"),
        (["official", "new", "x", "--name", "X", "--home-tz", "UTC"], "go with --home CITY"),
        (["official", "new", "x", "--name", "X"], "Missing option '--home'"),  # never UTC by default
    ],
)
def test_missing_values_outside_a_terminal_are_usage_errors(cli, data_file, args, text):
    before = digest(data_file)
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert text in result.output
    assert digest(data_file) == before


def test_missing_values_are_asked_for_in_a_terminal(cli, data_file, monkeypatch):
    from triptrack.cli import interaction

    monkeypatch.setattr(interaction, "interactive", lambda: True)
    result = cli("trip", "new", "asked", input="A trip typed in\n\n")  # the only official is the default
    assert result.exit_code == 0, result.output
    assert "Title:" in result.output and "Official (blinken) [blinken]:" in result.output
    trip = yaml.safe_load(data_file.read_text())["trips"]["asked"]
    assert trip["title"] == "A trip typed in" and trip["official"] == "blinken"


def test_rename_trip_changes_its_key_and_the_version_of_naming_it(cli, data_file):
    before = data_file.read_text()
    result = ok(cli("trip", "rename", "blinken-final", "blinken-last"))
    assert result.stdout == (
        "Renamed trip blinken-final to blinken-last (also in the version_of of 1 trip: blinken-final-record). "
        f"Wrote {data_file}.\n"
    )
    assert changed_lines(before, data_file.read_text()) == (
        ["  blinken-last:", "    version_of: blinken-last"], ["  blinken-final:", "    version_of: blinken-final"]
    )
    assert "blinken-last" in ok(cli("list")).stdout
    assert "version_of" not in ok(cli("check")).stdout  # the record still names its plan
    assert ok(cli("compare", "blinken-final-record")).stdout.count("blinken-last") >= 1


def test_rename_trip_no_version_names_changes_one_line(cli, data_file):
    before = data_file.read_text()
    result = ok(cli("trip", "rename", "blinken-final-record", "blinken-record"))
    assert result.stdout == f"Renamed trip blinken-final-record to blinken-record. Wrote {data_file}.\n"
    assert changed_lines(before, data_file.read_text()) == (["  blinken-record:"], ["  blinken-final-record:"])


def test_delete_trip_removes_the_version_of_naming_it(cli, data_file):
    result = ok(cli("trip", "delete", "blinken-final", "--yes"))
    assert result.stdout.startswith("Deleted trip blinken-final (")
    assert "(and the version_of naming it of 1 trip: blinken-final-record). Wrote" in result.stdout
    text = data_file.read_text()
    assert "version_of" not in text and "  blinken-final-record:" in text
    assert "names no trip" not in ok(cli("check")).stdout


def test_rename_official_updates_every_trip(cli, data_file):
    before = data_file.read_text()
    result = ok(cli("official", "rename", "blinken", "ablinken"))
    assert "Renamed official blinken to ablinken (and in 2 trips: blinken-final, blinken-final-record)" in result.stdout
    added, removed = changed_lines(before, data_file.read_text())
    assert added == ["  ablinken:", "    official: ablinken", "    official: ablinken"]
    assert removed == ["  blinken:", "    official: blinken", "    official: blinken"]
    ok(cli("validate"))


def test_edit_trip_keeps_quoting_and_block_styles(cli, data_file):
    text = data_file.read_text().replace(
        "title: Final overseas trip as Secretary of State (as announced)", "title: 'Final overseas trip (as announced)'  # quoted by hand"
    )
    data_file.write_text(text)
    result = ok(cli("trip", "edit", "blinken-final", "--title", "Last trip", "--status", "completed",
                    "--notes", "He went on to Rome.", "--add-source", "A second source"))
    assert "title Final overseas trip (as announced) -> Last trip; status announced -> completed" in result.stdout
    added, removed = changed_lines(text, data_file.read_text())
    assert "    title: 'Last trip'  # quoted by hand" in added
    assert "    status: completed" in added
    assert "      He went on to Rome." in added  # still a folded block under `notes: >-`
    assert "      - A second source" in added
    assert all(line.strip().startswith(("title", "status", "Expected", "administration", "dates", "each")) for line in removed), removed


def test_clear_removes_fields(cli, data_file):
    before = data_file.read_text()
    ok(cli("trip", "edit", "blinken-final", "--clear", "notes", "--clear", "sources"))
    added, removed = changed_lines(before, data_file.read_text())
    assert added == [] and len(removed) == 9
    trip = yaml.safe_load(data_file.read_text())["trips"]["blinken-final"]
    assert "notes" not in trip and "sources" not in trip


def test_changing_the_official_rereads_times_in_their_home_zone(cli, data_file):
    ok(cli("official", "new", "barrot", "--name", "Jean-Noël Barrot", "--country", "FR", "--home", "Paris", "--home-country", "FR"))
    result = ok(cli("trip", "edit", "blinken-final", "--official", "barrot"))
    assert "now read in barrot's home zone Europe/Paris" in result.stderr


def test_new_official_edit_home_and_delete(cli, data_file):
    before = data_file.read_text()
    result = ok(cli("official", "new", "rubio", "--name", "Marco Rubio", "--title", "U.S. Secretary of State", "--country", "us",
                    "--home", "Miami", "--home-country", "US"))
    assert "Added official rubio (Marco Rubio, home Miami (America/New_York))" in result.stdout
    added, removed = changed_lines(before, data_file.read_text())
    assert removed == [] and added[:4] == ["  rubio:", "    name: Marco Rubio", "    title: U.S. Secretary of State", "    country: US"]
    assert data_file.read_text().index("  rubio:") < data_file.read_text().index("trips:")
    ok(cli("official", "edit", "rubio", "--home", "Washington", "--home-country", "US", "--clear", "title"))
    official = yaml.safe_load(data_file.read_text())["officials"]["rubio"]
    assert official["home"]["city"] == "Washington" and "title" not in official
    result = ok(cli("official", "delete", "rubio", "--yes"))
    assert result.stdout == f"Deleted official rubio (Marco Rubio). Wrote {data_file}.\n"
    assert data_file.read_text() == before


def test_a_flow_style_home_is_edited_in_flow_style(cli, data_file):
    text = data_file.read_text()
    start = text.index("    home:\n")
    end = text.index("\ntrips:")
    text = text[:start] + "    home: {city: Washington, country: US, tz: America/New_York}  # no coordinates\n" + text[end:]
    data_file.write_text(text)
    ok(cli("official", "edit", "blinken", "--home", "Boston", "--home-country", "US"))
    line = [ln for ln in data_file.read_text().splitlines() if ln.startswith("    home:")][0]
    assert line == "    home: {city: Boston, country: US, tz: America/New_York, lat: 42.35843, lon: -71.05977}  # no coordinates"


@pytest.mark.parametrize("args, message", [
    (["official", "edit", "nobody", "--home", "Paris"], "no official 'nobody'"),
    (["official", "new", "Bad_ID", "--name", "X", "--home", "Paris"], "official id 'Bad_ID'"),
    (["stop", "edit", "blinken-final", "9", "--city", "Paris"], "trip blinken-final has no stop 9"),
    (["stop", "edit", "nosuch", "1", "--city", "Paris"], "no trip 'nosuch'"),
])
def test_an_error_after_an_ambiguous_place_is_one_line(cli, data_file, args, message):
    """Which 'Paris' was chosen is said with a result; an error says only what is wrong."""
    refused_and_unchanged(cli, data_file, args, message)
    done = ok(cli("stop", "edit", "blinken-final", "1", "--city", "Paris"))  # and a success still says it
    assert "note: 'Paris' could mean" in done.stderr


@pytest.mark.parametrize("args, message", [
    (["add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09", "--country", ""], "--country '': give an ISO 3166-1 alpha-2 code"),
    (["add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09", "--country", "IT", "--depart", ""], "--depart: '' is not a date or time"),
    (["add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09", "--tz", ""], "--tz: '' is not an IANA time zone"),
    (["trip", "new", "t2", "--title", "T", "--official", "blinken", "--leaves", ""], "--leaves: '' is not a date or time"),
    (["trip", "new", "t2", "--title", "T", "--official", "blinken", "--status", ""], "--status '': use one of planned"),
    (["obligation", "add", "blinken-final", "W", "--when", "2025-01-09", "--where", ""], "--where '': give one non-empty line"),
    (["obligation", "add", "blinken-final", "W", "--when", "2025-01-09", "--tz", ""], "--tz: '' is not an IANA time zone"),
    (["official", "new", "o1", "--name", "N", "--home", "Paris", "--title", ""], "--title '': give one non-empty line"),
    (["official", "new", "o1", "--name", "N", "--home", "Paris", "--country", ""], "--country '': give an ISO 3166-1 alpha-2 code"),
    (["official", "new", "o1", "--name", "N", "--home", "Paris", "--home-country", ""], "--home-country '': give an ISO 3166-1"),
    (["official", "new", "o1", "--name", "N", "--home", "Paris", "--home-tz", "Mars/Base"], "--home-tz: 'Mars/Base' is not an IANA"),
    (["stop", "edit", "blinken-final", "1", "--depart", ""], "--depart: '' is not a date or time"),
])
def test_an_empty_value_is_refused_by_creating_commands_as_by_editing_ones(cli, data_file, args, message):
    refused_and_unchanged(cli, data_file, args, message)


def test_delete_trip_needs_yes_outside_a_terminal(cli, data_file):
    before = digest(data_file)
    result = cli("trip", "delete", "blinken-final")
    assert result.exit_code == 1
    assert result.stderr == "triptrack: error: not deleting without confirmation: add --yes to delete from a script (nothing was changed)\n"
    assert digest(data_file) == before


def test_delete_trip_asks_in_a_terminal(cli, data_file, monkeypatch):
    from triptrack.cli import interaction

    monkeypatch.setattr(interaction, "interactive", lambda: True)
    before = digest(data_file)
    result = cli("trip", "delete", "blinken-final", input="n\n")
    assert result.exit_code == 1 and "Nothing was deleted." in result.stderr
    assert "Delete trip blinken-final (Final overseas trip as Secretary of State (as announced); 3 stops)" in result.stdout
    assert digest(data_file) == before
    result = cli("trip", "delete", "blinken-final", input="y\n")
    assert result.exit_code == 0, result.output
    assert "Deleted trip blinken-final (Final overseas trip as Secretary of State (as announced); 3 stops, 1 obligation)" in result.stdout
    assert "note: kept the comment above it (line 22)" in result.stderr
    text = data_file.read_text()
    assert "# The trip as the State Department announced it" in text and "blinken-final:" not in text
    assert list(yaml.safe_load(text)["trips"]) == ["blinken-final-record"]


def test_a_confirmed_delete_is_refused_if_the_file_changed_meanwhile(data_file):
    from triptrack.datafile import store as storage
    from triptrack.edits import trips as trip_edits
    from triptrack.errors import ConflictError

    source = storage.locate(str(data_file))
    seen = storage.read_document(source)
    data_file.write_text(data_file.read_text() + "# edited by someone else\n")
    before = digest(data_file)
    with pytest.raises(ConflictError, match="changed after it was read for your confirmation"):
        trip_edits.delete_trip(source, "blinken-final", expect=seen.fingerprint)
    assert digest(data_file) == before


def test_a_change_that_would_make_the_file_invalid_is_refused(cli, data_file):
    # The home zone moves to one where the trip's obligation time does not exist.
    text = data_file.read_text().replace("when: 2025-01-09 10:00", "when: 2025-03-30 02:30")
    data_file.write_text(text)
    before = digest(data_file)
    result = cli("official", "edit", "blinken", "--home", "Paris", "--home-country", "FR")
    assert result.exit_code == 1
    assert "refused: after this change line 82: trips.blinken-final.obligations[0].when: 2025-03-30 02:30 does not exist in Europe/Paris" in result.stderr
    assert "nothing was written" in result.stderr
    assert digest(data_file) == before


def test_validate_ok(cli, data_file):
    result = ok(cli("validate"))
    assert result.stdout == f"ok: 1 official, 2 trips, 8 stops ({data_file})\n"


def test_validate_reports_every_problem(cli, tmp_path):
    path = tmp_path / "several.yaml"
    path.write_text(
        "officials:\n"
        "  blinken:\n"
        "    name: Antony J. Blinken\n"
        "    home: {city: Washington, country: US, tz: America/Nowhere}\n"
        "  kerry:\n"
        "    name: John Kerry\n"
        "    titel: Secretary\n"
        "trips:\n"
        "  a:\n"
        "    title: A\n"
        "    official: blinken\n"
        "    stops:\n"
        "      - {city: Seoul, country: KR, tz: Asia/Seoul, arrive: 2025-02-30}\n"
        "      - {city: Tokyo, country: JP, tz: Asia/Tokyo, arrive: 2025-01-07, arive: x}\n"
        "  b:\n"
        "    official: kerry\n"
        "    obligations:\n"
        "      - {what: Funeral, when: 2025-13-01}\n"
        "  a:\n"
        "    title: again\n"
        "    official: blinken\n"
    )
    before = digest(path)
    result = cli("validate", data=path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [
        f"triptrack: error: {path} line 4: officials.blinken.home.tz: 'America/Nowhere' is not an IANA time zone (e.g. Europe/Paris)",
        f"triptrack: error: {path} line 7: officials.kerry: unknown key 'titel' (did you mean 'title'? expected one of: name, title, country, home)",
        f"triptrack: error: {path} line 13: trips.a.stops[0].arrive: '2025-02-30' is not a date",
        f"triptrack: error: {path} line 14: trips.a.stops[1]: unknown key 'arive' (did you mean 'arrive'? expected one of: city, country, tz, lat, lon, "
        "arrive, depart, travel, topics, meetings, notes, ref, approximate)",
        f"triptrack: error: {path} line 16: trips.b: 'title' is required",
        f"triptrack: error: {path} line 18: trips.b.obligations[0].when: '2025-13-01' is not a date",
        f"triptrack: error: {path} line 19: trips: duplicate key 'a' (first given at line 9)",
        f"triptrack: 7 problems in {path}",
    ]
    assert result.stdout == ""
    assert digest(path) == before


def test_validate_a_missing_file(cli, tmp_path):
    result = cli("validate", data=tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert result.stderr == f"triptrack: error: {tmp_path / 'nope.yaml'}: does not exist\n"


def test_validate_the_default_file_before_it_exists_checks_the_sample(bare_cli):
    result = bare_cli("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 1 official, 2 trips, 8 stops (")
    assert "does not exist yet; checked the sample it will start from" in result.stderr
