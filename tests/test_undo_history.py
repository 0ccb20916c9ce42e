"""The edit journal, `history` and `undo` (issue 14, part 6), end to end through the CLI."""

from __future__ import annotations

import shutil

import pytest
from conftest import SAMPLE, digest
from hypothesis import given
from hypothesis import strategies as st

from triptrack.datafile import journal
from triptrack.datafile.touched_trips import changed_trips


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def test_undo_restores_the_bytes_before_the_edit_and_redo_undoes_the_undo(cli, data_file):
    original = data_file.read_bytes()
    ok(cli("trip", "edit", "blinken-final", "--title", "Renamed"))
    edited = data_file.read_bytes()
    assert edited != original
    result = ok(cli("undo"))
    assert result.stdout.startswith("Undid #1 trip edit blinken-final --title Renamed (blinken-final) of ")
    assert data_file.read_bytes() == original
    result = ok(cli("redo"))  # undoing the undo
    assert result.stdout.startswith("Redid #1 trip edit blinken-final --title Renamed (blinken-final) of ")
    assert data_file.read_bytes() == edited
    ok(cli("undo"))
    assert data_file.read_bytes() == original


def test_undo_steps_back_edit_by_edit_and_redo_forward(cli, data_file):
    states = [data_file.read_bytes()]
    for title in ("One", "Two", "Three"):
        ok(cli("trip", "edit", "blinken-final", "--title", title))
        states.append(data_file.read_bytes())
    for expected in reversed(states[:-1]):
        ok(cli("undo"))
        assert data_file.read_bytes() == expected
    refused = cli("undo")
    assert refused.exit_code == 1
    assert "nothing left to undo" in refused.stderr and "'triptrack redo' puts the last one back" in refused.stderr
    for expected in states[1:]:
        ok(cli("redo"))
        assert data_file.read_bytes() == expected
    assert "nothing to redo" in cli("redo").stderr


def test_a_new_edit_after_an_undo_ends_the_redo(cli, data_file):
    ok(cli("trip", "edit", "blinken-final", "--title", "One"))
    ok(cli("undo"))
    ok(cli("trip", "edit", "blinken-final", "--title", "Other"))
    before = digest(data_file)
    result = cli("redo")
    assert result.exit_code == 1
    assert result.stderr == f"triptrack: error: nothing to redo: no edit of {data_file} was undone since the last edit\n"
    assert digest(data_file) == before
    ok(cli("undo"))  # undoes "Other", then the undo of "One" is in effect: nothing more to undo
    assert data_file.read_bytes() == SAMPLE.read_bytes()
    assert "nothing left to undo" in cli("undo").stderr


def test_history_lists_when_command_and_trip_newest_first(cli, data_file):
    ok(cli("trip", "edit", "blinken-final", "--title", "Renamed"))
    ok(cli("trip", "edit", "blinken-final-record", "--status", "completed"))
    ok(cli("undo"))
    screen = ok(cli("history")).stdout.splitlines()
    # the title names the file, and wraps or not with the length of the test's folder
    lines = screen[[line.split()[:2] for line in screen].index(["#", "When"]) - 1 :]
    rows = [line.split() for line in lines[2:]]
    assert [row[0] for row in rows] == ["3", "2", "1"]
    assert lines[2].split()[3:] == ["undo", "(of", "#2)", "blinken-final-record"]
    assert "trip edit blinken-final-record --status completed" in lines[3]
    assert lines[3].rstrip().endswith("blinken-final-record")
    assert lines[4].rstrip().endswith("blinken-final")
    import json

    entries = json.loads(ok(cli("history", "--json")).stdout)
    assert [e["number"] for e in entries] == [3, 2, 1]
    assert entries[0]["undoes"] == 2 and entries[2]["trips"] == ["blinken-final"]


def test_add_stop_and_delete_name_their_trip(cli, data_file):
    ok(cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00", "--country", "IT"))
    ok(cli("trip", "delete", "blinken-final-record", "--yes"))
    entries = journal.entries(data_file)
    assert [e.trips for e in entries] == [["blinken-final"], ["blinken-final-record"]]


def test_undo_with_an_empty_history_is_refused(cli, data_file):
    before = digest(data_file)
    result = cli("undo")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"triptrack: error: nothing to undo: no edit of {data_file} is in the journal")
    assert result.stderr.count("\n") == 1
    assert digest(data_file) == before
    assert "No edits of" in ok(cli("history")).stdout


def test_undo_after_a_hand_edit_is_refused_and_writes_nothing(cli, data_file):
    ok(cli("trip", "edit", "blinken-final", "--title", "Renamed"))
    with data_file.open("a", encoding="utf-8") as handle:
        handle.write("# a note typed by hand\n")
    before = digest(data_file)
    result = cli("undo")
    assert result.exit_code == 1
    assert "was changed after triptrack's last edit (#1 trip edit blinken-final --title Renamed" in result.stderr
    assert "nothing was written" in result.stderr and result.stderr.count("\n") == 1
    assert digest(data_file) == before
    assert len(journal.entries(data_file)) == 1  # the refusal is not an edit


def test_undo_does_not_step_back_over_a_hand_edit_between_two_edits(cli, data_file):
    ok(cli("trip", "edit", "blinken-final", "--title", "One"))
    data_file.write_text(data_file.read_text() + "# typed by hand\n")
    ok(cli("trip", "edit", "blinken-final", "--title", "Two"))
    ok(cli("undo"))  # back to One, with the hand edit
    kept = data_file.read_bytes()
    assert b"# typed by hand" in kept
    result = cli("undo")
    assert result.exit_code == 1
    assert "was changed after #1 trip edit blinken-final --title One" in result.stderr and "nothing was written" in result.stderr
    assert data_file.read_bytes() == kept


def test_undo_of_a_deleted_file_is_refused(cli, data_file):
    ok(cli("trip", "edit", "blinken-final", "--title", "Renamed"))
    data_file.unlink()
    result = cli("undo")
    assert result.exit_code == 1 and "was deleted after triptrack's last edit" in result.stderr
    assert not data_file.exists()


def test_undo_of_the_edit_that_created_the_default_file_puts_the_sample_back(bare_cli, tmp_path):
    ok(bare_cli("trip", "edit", "blinken-final", "--title", "Renamed"))
    result = ok(bare_cli("undo"))
    assert "the file holds the sample it started from again" in result.stdout
    from triptrack.datafile.paths import user_data_path

    assert user_data_path().read_bytes() == SAMPLE.read_bytes()


def test_each_data_file_has_its_own_journal(cli, data_file, tmp_path):
    other = tmp_path / "other.yaml"
    shutil.copyfile(SAMPLE, other)
    ok(cli("trip", "edit", "blinken-final", "--title", "Renamed"))
    result = cli("undo", data=other)
    assert result.exit_code == 1 and "nothing to undo" in result.stderr
    assert other.read_bytes() == SAMPLE.read_bytes()


def test_the_journal_keeps_the_last_entries_only(tmp_path, monkeypatch):
    monkeypatch.setattr(journal, "KEEP", 5)
    target = tmp_path / "t.yaml"
    for number in range(8):
        journal.record(target, f"v{number}\n".encode(), f"v{number + 1}\n".encode())
    kept = journal.entries(target)
    assert [e.number for e in kept] == [4, 5, 6, 7, 8]
    assert journal.before_bytes(target, kept[0], b"v4\n") == b"v3\n"
    assert journal.before_bytes(target, kept[0], b"w9\n") is None  # not the bytes that edit wrote
    assert journal.before_bytes(target, kept[0], b"") is None
    assert len(list(journal.folder_for(target).iterdir())) == 10


def test_every_edit_kept_can_be_undone_however_many_undos_that_journals(cli, data_file, monkeypatch):
    """KEEP counts edits: the undos of them are entries too, and must not push the oldest edits out."""
    monkeypatch.setattr(journal, "KEEP", 4)
    monkeypatch.setattr(journal, "KEEP_AT_MOST", 12)
    states = [data_file.read_bytes()]
    for title in ("One", "Two", "Three", "Four", "Five"):
        ok(cli("-q", "trip", "edit", "blinken-final", "--title", title))
        states.append(data_file.read_bytes())
    for expected in reversed(states[1:-1]):  # the last four edits, one by one
        ok(cli("undo"))
        assert data_file.read_bytes() == expected
    assert "nothing left to undo" in cli("undo").stderr  # the first edit went out of the journal
    for expected in states[2:]:
        ok(cli("redo"))
        assert data_file.read_bytes() == expected
    for _ in range(6):  # undo and redo over and over: the journal stays bounded, and undo still goes back four
        ok(cli("undo"))
        ok(cli("redo"))
    assert len(journal.entries(data_file)) <= 12
    for expected in reversed(states[1:-1]):
        ok(cli("undo"))
        assert data_file.read_bytes() == expected
    assert "nothing left to undo" in cli("undo").stderr


def test_a_damaged_copy_is_refused(cli, data_file):
    ok(cli("trip", "edit", "blinken-final", "--title", "Renamed"))
    entry = journal.entries(data_file)[-1]
    (journal.folder_for(data_file) / f"{entry.number:06d}.before").write_bytes(b"Damaged")
    before = digest(data_file)
    result = cli("undo")
    assert result.exit_code == 1 and "missing or damaged" in result.stderr
    assert digest(data_file) == before


def test_an_unwritable_journal_does_not_fail_the_edit(cli, data_file, tmp_path, monkeypatch):
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("TRIPTRACK_STATE_DIR", str(blocker))
    result = cli("trip", "edit", "blinken-final", "--title", "Renamed")
    assert result.exit_code == 0
    assert "this edit cannot be undone" in result.stderr
    assert b"Renamed" in data_file.read_bytes()


TRIPS = ["alpha", "beta-2", "gamma.x"]


def _file(titles: list[str]) -> bytes:
    lines = ["officials:", "  o:", "    name: O", "trips:"]
    for trip_id, title in zip(TRIPS, titles):
        lines += [f"  {trip_id}:", f"    title: {title}", "    official: o", "    stops:", "      - city: X", "        tz: UTC"]
    return ("\n".join(lines) + "\n").encode()


@given(st.lists(st.sampled_from(["a", "b", "c d"]), min_size=3, max_size=3), st.sets(st.integers(0, 2)))
def test_changed_trips_names_exactly_the_trips_whose_text_changed(titles, changed):
    after = [title + "!" if index in changed else title for index, title in enumerate(titles)]
    found = changed_trips(_file(titles), _file(after))
    assert sorted(found) == sorted(TRIPS[index] for index in changed)


def test_changed_trips_of_an_added_and_a_removed_trip():
    base = _file(["a", "b", "c"])
    cut = base[: base.index(b"  gamma.x:")]
    assert changed_trips(cut, base) == ["gamma.x"]
    assert changed_trips(base, cut) == ["gamma.x"]
    assert changed_trips(base, base.replace(b"    name: O", b"    name: P")) == []
    spaced = base + b"\n  delta:\n    title: D\n"  # a new trip after a blank line
    assert changed_trips(base, spaced) == ["delta"]


def test_trip_copy_names_only_the_new_trip(cli, data_file):
    ok(cli("trip", "copy", "blinken-final-record", "again", "--shift", "+1w"))
    assert journal.entries(data_file)[-1].trips == ["again"]


@given(st.lists(st.sampled_from(["edit", "undo", "redo"]), max_size=30))
def test_undo_and_redo_stacks_follow_an_editor(operations):
    """The journal read as stacks gives what an editor's undo/redo would: a model with a list of states."""
    from triptrack.datafile.undo import stacks

    entries: list[journal.Entry] = []
    states, position, top = [0], 0, 0  # the model: states in reach, where we are, the newest state made
    for operation in operations:
        state = stacks(entries)
        assert len(state.done) == position and len(state.undone) == len(states) - 1 - position
        number = len(entries) + 1
        if operation == "edit":
            top += 1
            states[position + 1:] = [top]
            position += 1
            entries.append(journal.Entry(number, "", "edit"))
        elif operation == "undo" and state.done:
            position -= 1
            entries.append(journal.Entry(number, "", "undo", undoes=state.done[-1].number))
        elif operation == "redo" and state.undone:
            position += 1
            entries.append(journal.Entry(number, "", "redo", redoes=state.undone[-1][0].number))


@pytest.mark.parametrize("width", [60, 80, 160])
def test_history_fits_the_terminal_and_shows_user_text_as_written(data_file, width):
    from conftest import PINNED_ENV, invoke

    def run(*args):
        env = {**PINNED_ENV, "COLUMNS": str(width)}
        return invoke(["--data", str(data_file), *args], env=env, catch_exceptions=False)

    assert run("trip", "edit", "blinken-final", "--title", "[bold]Not markup[/bold] and a long title to wrap around").exit_code == 0
    assert run("trip", "copy", "blinken-final", "copy-with-a-rather-long-id-for-the-table").exit_code == 0
    result = run("history")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    assert "[bold]Not" in result.stdout


def test_an_edit_of_many_trips_is_listed_short():
    from triptrack.cli.history_commands import _trips_words

    assert _trips_words(["a", "b", "c", "d", "e"]) == "a, b, c and 2 more"
    assert _trips_words(["a"]) == "a" and _trips_words([]) == "-"


@given(st.binary(max_size=300), st.binary(max_size=300), st.integers(1, 64))
def test_common_head_and_tail_are_exact(a, b, chunk):
    from triptrack.datafile import touched_trips

    touched_trips._CHUNK, saved = chunk, touched_trips._CHUNK
    try:
        head = touched_trips.common_prefix(a, b)
        tail = touched_trips.common_suffix(a, b, head)
    finally:
        touched_trips._CHUNK = saved
    assert a[:head] == b[:head] and (head == min(len(a), len(b)) or a[head] != b[head])
    assert head + tail <= min(len(a), len(b))
    assert tail == 0 or a[len(a) - tail:] == b[len(b) - tail:]
    room = min(len(a), len(b)) - head
    assert tail == room or a[len(a) - tail - 1] != b[len(b) - tail - 1]


def test_undo_of_an_edit_that_created_a_given_file_says_to_delete_it(cli, tmp_path):
    path = tmp_path / "new.yaml"
    assert cli("official", "new", "kerry", "--name", "John Kerry", "--home", "Boston", "--home-country", "US", data=path).exit_code == 0
    before = digest(path)
    result = cli("undo", data=path)
    assert result.exit_code == 1
    assert "created" in result.stderr and "delete the file to undo it, nothing was written" in result.stderr
    assert digest(path) == before


def test_undo_and_history_in_real_processes(data_file, tmp_path):
    from conftest import run_module

    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    original = data_file.read_bytes()
    edited = run_module("--data", str(data_file), "trip", "shift", "blinken-final", "+1d", env=env)
    assert edited.returncode == 0, edited.stderr
    listed = run_module("--data", str(data_file), "history", env=env)
    assert "trip shift blinken-final +1d" in listed.stdout and "blinken-final" in listed.stdout
    undone = run_module("--data", str(data_file), "undo", env=env)
    assert undone.returncode == 0 and undone.stdout.startswith("Undid #1 trip shift blinken-final +1d (blinken-final)")
    assert data_file.read_bytes() == original
    again = run_module("--data", str(data_file), "undo", env=env)
    assert again.returncode == 1 and again.stderr.startswith("triptrack: error: nothing left to undo")
    assert (tmp_path / "state" / "triptrack" / "journal").is_dir()


def test_the_journal_keeps_only_what_an_edit_changed(cli, data_file):
    ok(cli("trip", "edit", "blinken-final", "--title", "Renamed"))
    entry = journal.entries(data_file)[-1]
    kept = (journal.folder_for(data_file) / f"{entry.number:06d}.before").read_bytes()
    assert kept == b"Final overseas trip as Secretary of State (as announced)"  # not the whole file
    assert journal.before_bytes(data_file, entry, data_file.read_bytes()) == SAMPLE.read_bytes()


@given(st.binary(max_size=200), st.binary(max_size=200))
def test_a_reverse_delta_gives_back_the_bytes_before(tmp_path_factory, before, after):
    target = tmp_path_factory.mktemp("delta") / "t.yaml"
    journal.record(target, before, after)
    (entry,) = journal.entries(target)
    assert journal.before_bytes(target, entry, after) == before


def test_a_fifo_in_the_journal_is_never_waited_on(data_file, tmp_path):
    """A FIFO named as an entry would hang history, undo and, once the journal is pruned, every edit."""
    import os

    from conftest import run_module
    from test_hostile_files import run

    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    for n in range(3):
        assert run_module("--data", str(data_file), "topic", "add", "blinken-final", "1", f"t{n}", env=env).returncode == 0
    folder = tmp_path / "state" / "triptrack" / "journal"
    (entries,) = folder.iterdir()
    os.mkfifo(entries / "000099.json")
    os.unlink(entries / "000003.before")
    os.mkfifo(entries / "000003.before")
    listed = run("--data", str(data_file), "history", env=env, timeout=20)
    assert listed.returncode == 0 and "t2" in listed.stdout and "t1" in listed.stdout
    undone = run("--data", str(data_file), "undo", env=env, timeout=20)
    assert undone.returncode == 1 and "missing or damaged" in undone.stderr
    assert run("--data", str(data_file), "topic", "add", "blinken-final", "1", "t3", env=env, timeout=20).returncode == 0


@pytest.mark.parametrize(
    "field, value",
    [("trips", [1, 2]), ("when", 5), ("number", "x"), ("head", "3"), ("tail", None), ("command", ["a"]), ("undoes", True)],
)
def test_an_entry_with_a_field_of_the_wrong_kind_is_unreadable(cli, data_file, field, value):
    import json

    ok(cli("topic", "add", "blinken-final", "1", "first"))
    ok(cli("topic", "add", "blinken-final", "1", "second"))
    path = journal.folder_for(data_file) / "000002.json"
    fields = json.loads(path.read_text())
    fields[field] = value
    path.write_text(json.dumps(fields))
    listed = cli("history")
    assert listed.exit_code == 0 and "first" in listed.stdout and "second" not in listed.stdout
    before = digest(data_file)
    result = cli("undo")  # the file is not what the newest readable entry wrote: refused, in one line
    assert result.exit_code == 1 and result.stderr.startswith("triptrack: error: ") and result.stderr.count("\n") == 1
    assert digest(data_file) == before


def test_an_edit_of_a_file_whose_name_is_not_utf8_is_journalled_and_undone(tmp_path):
    """The journal wrote the name as JSON text after the edit, failed on its undecodable bytes,
    and the edit ended with exit 1 although the file was written."""
    import os
    import subprocess
    import sys

    from conftest import PINNED_ENV

    def run_module(*args, env):
        done = subprocess.run([sys.executable, "-m", "triptrack", *args], capture_output=True, timeout=120,
                              env={**os.environ, **PINNED_ENV, **env})
        return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8", "replace"),
                                           done.stderr.decode("utf-8", "replace"))

    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    name = os.fsencode(str(tmp_path)) + b"/voyages-\xe9t\xe9.yaml"
    shutil.copyfile(SAMPLE, name)
    path = os.fsdecode(name)
    edited = run_module("--data", path, "topic", "add", "blinken-final", "1", "Trade", env=env)
    assert edited.returncode == 0 and edited.stderr == "", edited.stderr
    listed = run_module("--data", path, "history", env=env)
    assert listed.returncode == 0 and "topic add blinken-final 1 Trade" in listed.stdout
    undone = run_module("--data", path, "undo", env=env)
    assert undone.returncode == 0, undone.stderr
    assert open(name, "rb").read() == SAMPLE.read_bytes()
