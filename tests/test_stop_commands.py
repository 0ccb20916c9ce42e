"""stop / topic / meeting / obligation sub-commands through the real CLI."""

from __future__ import annotations

import pytest
import yaml
from conftest import digest
from test_manage_commands import changed_lines, ok


def stops(data_file, trip="blinken-final"):
    return yaml.safe_load(data_file.read_text())["trips"][trip]["stops"]


def test_edit_stop_times_changes_only_those_lines(cli, data_file):
    before = data_file.read_text()
    result = ok(cli("stop", "edit", "blinken-final", "3", "--arrive", "2025-01-08 09:30", "--depart", "Jan 8 2025 10pm"))
    assert result.stdout == (
        "Changed stop 3 (Paris) of blinken-final: arrive 2025-01-08 -> 2025-01-08 09:30; "
        f"depart 2025-01-08 -> 2025-01-08 22:00. Wrote {data_file}.\n"
    )
    assert changed_lines(before, data_file.read_text()) == (
        ["        arrive: 2025-01-08 09:30", "        depart: 2025-01-08 22:00"],
        ["        arrive: 2025-01-08", "        depart: 2025-01-08"],
    )


def test_edit_stop_city_looks_the_place_up_and_keeps_wall_times(cli, data_file):
    ok(cli("stop", "edit", "blinken-final", "3", "--city", "Lyon", "--notes", "Moved at the last minute"))
    stop = stops(data_file)[2]
    assert stop["city"] == "Lyon" and stop["tz"] == "Europe/Paris" and str(stop["arrive"]) == "2025-01-08"
    assert stop["notes"] == "Moved at the last minute"
    assert list(stop)[:5] == ["city", "country", "tz", "lat", "lon"]


def test_several_fields_in_one_edit(cli, data_file):
    ok(cli("stop", "edit", "blinken-final", "2", "--notes", "Late arrival", "--ref", "historian:4276", "--approximate"))
    stop = stops(data_file)[1]
    assert (stop["notes"], stop["ref"], stop["approximate"]) == ("Late arrival", "historian:4276", True)
    assert list(stop)[-3:] == ["notes", "ref", "approximate"]


def test_a_new_zone_rereads_the_wall_time_or_refuses(cli, data_file):
    ok(cli("stop", "edit", "blinken-final", "3", "--arrive", "2025-03-30 02:30", "--clear", "depart", "--tz", "Europe/London"))
    assert stops(data_file)[2]["tz"] == "Europe/London"
    before = digest(data_file)
    result = cli("stop", "edit", "blinken-final", "3", "--tz", "Europe/Paris")
    assert result.exit_code == 1
    assert "arrive in the new zone: 2025-03-30 02:30 does not exist in Europe/Paris" in result.stderr
    assert "give --arrive as well" in result.stderr
    assert digest(data_file) == before


def test_out_of_order_edit_says_how_to_fix_it(cli, data_file):
    result = ok(cli("stop", "edit", "blinken-final", "1", "--arrive", "2025-01-09", "--depart", "2025-01-09"))
    assert "note: stop 1 (Seoul) is now out of chronological order; 'triptrack stop move blinken-final 1 --to 3' puts it in place" in result.stderr
    ok(cli("stop", "move", "blinken-final", "1", "--to", "3"))
    assert [s["city"] for s in stops(data_file)] == ["Tokyo", "Paris", "Seoul"]


def test_move_carries_the_comment_above_the_stop(cli, data_file):
    text = data_file.read_text().replace("      - city: Tokyo", "      # Tokyo was confirmed late.\n      - city: Tokyo", 1)
    data_file.write_text(text)
    result = ok(cli("stop", "move", "blinken-final", "2", "--to", "3"))
    assert "Moved stop 2 (Tokyo) of blinken-final to number 3: Seoul -> Paris -> Tokyo" in result.stdout
    after = data_file.read_text()
    assert after.index("      # Tokyo was confirmed late.\n      - city: Tokyo") > after.index("      - city: Paris")
    assert sorted(after.splitlines()) == sorted(text.splitlines())  # the same lines, reordered


def test_delete_stop_keeps_the_comment_above_it(cli, data_file):
    text = data_file.read_text().replace("      - city: Tokyo", "      # Tokyo was confirmed late.\n      - city: Tokyo", 1)
    data_file.write_text(text)
    result = ok(cli("stop", "delete", "blinken-final", "2", "--yes"))
    assert result.stdout == f"Deleted stop 2 (Tokyo, arriving 2025-01-07) from blinken-final; 2 stops left. Wrote {data_file}.\n"
    assert "note: kept the comment above it (line 53)" in result.stderr
    added, removed = changed_lines(text, data_file.read_text())
    assert added == [] and removed[0] == "      - city: Tokyo" and len(removed) == 14


def test_deleting_the_last_stop_leaves_an_empty_list(cli, data_file):
    ok(cli("trip", "new", "short", "--title", "Short", "--official", "blinken"))
    before = data_file.read_text()
    ok(cli("add-stop", "short", "Rome", "--arrive", "2025-05-01"))
    ok(cli("stop", "delete", "short", "1", "--yes"))
    assert data_file.read_text() == before  # back to `stops: []`


def test_topics_and_meetings(cli, data_file):
    before = data_file.read_text()
    result = ok(cli("topic", "add", "blinken-final", "3", "Iran", "--at", "1"))
    assert result.stdout == f"Added topic 1 to stop 3 (Paris) of blinken-final: Iran. Wrote {data_file}.\n"
    assert changed_lines(before, data_file.read_text()) == (["          - Iran"], [])
    ok(cli("meeting", "add", "blinken-final", "3", "President Emmanuel Macron"))
    assert stops(data_file)[2]["meetings"] == ["President Emmanuel Macron"]
    assert stops(data_file)[2]["topics"][0] == "Iran"
    ok(cli("topic", "remove", "blinken-final", "3", "Iran"))
    result = ok(cli("meeting", "remove", "blinken-final", "3", "1"))
    assert "Removed meeting 1 from stop 3 (Paris) of blinken-final: President Emmanuel Macron" in result.stdout
    assert data_file.read_text() == before


def test_a_comment_closing_a_stop_goes_with_that_stop(cli, data_file):
    """A comment line after a stop, indented as its keys, is that stop's (delete removes it with
    the stop): move carries it along, and a stop added after it does not split them."""
    text = data_file.read_text()
    closing = "        # Tokyo: the arms sale was the main item.\n"
    text = text.replace("          - U.S.-Japan-South Korea trilateral work\n", "          - U.S.-Japan-South Korea trilateral work\n" + closing, 1)
    data_file.write_text(text)
    ok(cli("-q", "stop", "move", "blinken-final", "2", "--to", "1"))
    moved = data_file.read_text()
    assert moved.index("city: Tokyo") < moved.index(closing) < moved.index("city: Seoul") < moved.index("city: Paris")
    ok(cli("-q", "stop", "move", "blinken-final", "1", "--to", "2"))
    assert data_file.read_text() == text
    ok(cli("-q", "add-stop", "blinken-final", "Brussels", "--country", "BE", "--arrive", "2025-01-07 20:00"))
    added = data_file.read_text()
    assert added.index("trilateral work\n" + closing) < added.index("city: Brussels") < added.index("city: Paris")
    ok(cli("stop", "delete", "blinken-final", "2", "--yes"))
    assert closing not in data_file.read_text()


def test_emptying_a_list_keeps_the_comments_under_its_key(cli, data_file):
    """The last item goes, and its key with it unless a person's comment is under the key:
    then the key stays with the comment (no list), and the next item added goes below it."""
    text = data_file.read_text()
    text = text.replace("    obligations:\n      - what: State funeral", "    obligations:  # due home\n      # Announced on 29 December.\n      - what: State funeral", 1)
    data_file.write_text(text)
    result = ok(cli("obligation", "delete", "blinken-final", "1", "--yes"))
    assert "kept the comment above it (line" in result.stderr
    after = data_file.read_text()
    assert "    obligations:  # due home\n      # Announced on 29 December.\n\n" in after
    assert "State funeral" not in after.split("blinken-final-record:")[0]
    ok(cli("validate"))
    ok(cli("obligation", "add", "blinken-final", "Cabinet", "--when", "2025-01-10 09:00"))
    assert "    obligations:  # due home\n      # Announced on 29 December.\n      - what: Cabinet\n" in data_file.read_text()
    ok(cli("undo"))
    ok(cli("undo"))
    assert data_file.read_text() == text
    # a topic list emptied: its key stays only while a comment is under it
    ok(cli("topic", "add", "blinken-final", "3", "Iran"))  # (a second list to empty, without comments)
    ok(cli("meeting", "add", "blinken-final", "3", "Macron"))
    ok(cli("meeting", "remove", "blinken-final", "3", "1"))
    assert "meetings" not in stops(data_file)[2]


def test_topics_written_in_flow_style_stay_in_flow_style(cli, data_file):
    text = data_file.read_text()
    start = text.index("        topics:\n          - Support for Ukraine")
    end = text.index("    obligations:")
    text = text[:start] + "        topics: [Ukraine, 'NATO']  # short\n" + text[end:]
    data_file.write_text(text)
    ok(cli("topic", "add", "blinken-final", "3", "Syria: transition"))
    assert "        topics: [Ukraine, 'NATO', 'Syria: transition']  # short\n" in data_file.read_text()
    ok(cli("topic", "remove", "blinken-final", "3", "1"))
    assert "        topics: ['NATO', 'Syria: transition']  # short\n" in data_file.read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["stop", "edit", "blinken-final", "9", "--notes", "x"], "trip blinken-final has no stop 9 (its stops are 1 to 3)"),
        (["stop", "edit", "blinken-final", "1", "--arrive", "2025-01-06 10:00", "--depart", "2025-01-06 09:00"],
         "--depart 2025-01-06 09:00 is before --arrive 2025-01-06 10:00"),
        (["stop", "edit", "blinken-final", "1", "--lat", "91", "--lon", "0"], "latitude is -90 to 90"),
        (["stop", "edit", "blinken-final", "1", "--lat", "1"], "give both --lat and --lon"),
        (["stop", "edit", "blinken-final", "1", "--tz", "Asia/Nowhere"], "--tz: 'Asia/Nowhere' is not an IANA time zone"),
        (["stop", "edit", "blinken-final", "1", "--arrive", "2025-01-06"], "nothing to change"),
        (["stop", "edit", "blinken-final", "1", "--clear", "city"], "--clear 'city': stops can clear depart, notes, ref, coordinates"),
        (["stop", "move", "blinken-final", "1", "--to", "4"], "--to 4: trip blinken-final has stops 1 to 3"),
        (["stop", "move", "blinken-final", "2", "--to", "2"], "stop 2 (Tokyo) is already number 2"),
        (["stop", "delete", "blinken-final", "0", "--yes"], "trip blinken-final has no stop 0"),
        (["stop", "delete", "nope", "1", "--yes"], "no trip 'nope'"),
        (["topic", "add", "blinken-final", "1", "Trilateral cooperation with Japan"], "already has the topic 'Trilateral cooperation with Japan'"),
        (["topic", "add", "blinken-final", "1", "x", "--at", "9"], "--at 9: give 1 to 7"),
        (["topic", "remove", "blinken-final", "1", "Trilateral cooperation"], "did you mean 'Trilateral cooperation with Japan'?"),
        (["meeting", "remove", "blinken-final", "1", "anyone"], "stop 1 (Seoul) has no meetings"),
        (["obligation", "add", "blinken-final", "Vote", "--when", "2025-13-01"], "--when: '2025-13-01' is not a date"),
        (["obligation", "add", "blinken-final", "Vote", "--when", "2025-01-10", "--tz", "Mars/Base"], "--tz: 'Mars/Base' is not an IANA"),
        (["obligation", "edit", "blinken-final", "2", "--what", "x"], "trip blinken-final has no obligation 2 (its obligations are 1 to 1)"),
        (["obligation", "edit", "blinken-final", "1", "--where", "x", "--clear", "where"], "--clear where and --where together"),
        (["obligation", "delete", "blinken-final", "1"], "not deleting without confirmation: add --yes"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 40 else None,
)
def test_bad_stop_edits_are_refused(cli, data_file, args, message):
    before = digest(data_file)
    result = cli(*args)
    assert result.exit_code == 1, result.output
    (error,) = result.stderr.splitlines()
    assert error.startswith("triptrack: error: ") and message in error, error
    assert digest(data_file) == before


@pytest.mark.parametrize(
    "args, text",
    [
        (["stop", "edit", "blinken-final", "1"], "Nothing to change"),
        (["stop", "edit", "blinken-final", "one", "--notes", "x"], "integer"),
        (["stop", "move", "blinken-final", "1"], "Missing option '--to'"),
        (["topic", "add", "blinken-final", "1"], "Missing argument 'TEXT'"),
        (["meeting", "remove", "blinken-final", "1"], "Missing argument 'MEETING'"),
        (["obligation", "add", "blinken-final", "Vote"], "Missing option '--when'"),
        (["obligation", "add", "blinken-final"], "Missing argument 'WHAT'"),
        (["add-stop", "blinken-final", "Rome"], "Missing option '--arrive'"),
    ],
)
def test_missing_values_outside_a_terminal(cli, data_file, args, text):
    before = digest(data_file)
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert text in result.output
    assert digest(data_file) == before


def test_values_are_asked_for_in_a_terminal(cli, data_file, monkeypatch):
    from triptrack.cli import interaction

    monkeypatch.setattr(interaction, "interactive", lambda: True)
    ok(cli("add-stop", "blinken-final", "Rome", input="2025-01-09 18:00\n"))
    ok(cli("topic", "add", "blinken-final", "4", input="The situation in Syria\n"))
    ok(cli("obligation", "add", "blinken-final", input="Cabinet meeting\n2025-01-10 09:00\n"))
    ok(cli("stop", "move", "blinken-final", "4", input="1\n"))
    trip = yaml.safe_load(data_file.read_text())["trips"]["blinken-final"]
    assert trip["stops"][0]["city"] == "Rome" and trip["stops"][0]["topics"] == ["The situation in Syria"]
    assert trip["obligations"][-1] == {"what": "Cabinet meeting", "when": "2025-01-10 09:00"}


def test_obligations_add_edit_delete(cli, data_file):
    before = data_file.read_text()
    result = ok(cli("obligation", "add", "blinken-final", "Senate hearing", "--when", "2025-01-15 10:00", "--where", "Capitol"))
    assert result.stdout == (
        f"Added obligation 2 to blinken-final: Senate hearing, 2025-01-15 10:00 (America/New_York). Wrote {data_file}.\n"
    )
    assert changed_lines(before, data_file.read_text()) == (
        ["      - what: Senate hearing", "        where: Capitol", "        when: 2025-01-15 10:00"], []
    )
    ok(cli("obligation", "edit", "blinken-final", "2", "--tz", "Europe/Paris"))
    obligation = yaml.safe_load(data_file.read_text())["trips"]["blinken-final"]["obligations"][1]
    assert obligation == {"what": "Senate hearing", "where": "Capitol", "when": "2025-01-15 10:00", "tz": "Europe/Paris"}
    ok(cli("obligation", "edit", "blinken-final", "2", "--clear", "tz", "--clear", "where", "--what", "Hearing"))
    ok(cli("obligation", "delete", "blinken-final", "2", "--yes"))
    assert data_file.read_text() == before
    result = ok(cli("obligation", "delete", "blinken-final", "1", "--yes"))
    assert "Deleted obligation 1 of blinken-final: State funeral of former President Jimmy Carter" in result.stdout
    assert "obligations" not in yaml.safe_load(data_file.read_text())["trips"]["blinken-final"]
    ok(cli("validate"))


def test_a_real_terminal_is_asked(data_file):
    """Through a pseudo-terminal: the prompt appears and the answer is written."""
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    from conftest import PINNED_ENV

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "triptrack", "--data", str(data_file), "topic", "add", "blinken-final", "3"],
        stdin=follower, stdout=follower, stderr=follower, env={**os.environ, **PINNED_ENV}, close_fds=True,
    )
    os.close(follower)
    seen, deadline = b"", time.monotonic() + 60
    while b"Topic:" not in seen and time.monotonic() < deadline:
        if select.select([leader], [], [], 1)[0]:
            seen += os.read(leader, 1024)
    assert b"Topic:" in seen, seen
    os.write(leader, b"Energy security\n")
    assert process.wait(timeout=60) == 0
    while select.select([leader], [], [], 0.2)[0]:
        try:
            seen += os.read(leader, 1024)
        except OSError:
            break
    os.close(leader)
    assert b"Added topic 5 to stop 3 (Paris) of blinken-final: Energy security." in seen
    assert stops(data_file)[2]["topics"][-1] == "Energy security"
