"""Writes that never lose a byte: atomic replace, killed writers, parallel writers, links,
permissions, owners, read-only files, the lock and the changed-underneath check."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PINNED_ENV, digest, run_module

from triptrack.datafile import store as storage
from triptrack.edits import common as editing
from triptrack.errors import ConflictError, DataFileError

MANUAL_PLACE = ["--country", "XK", "--tz", "Europe/Belgrade", "--lat", "42.36", "--lon", "21.25"]


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def camp(number: int):
    """A stop that needs no gazetteer, with its own arrival minute."""
    request = editing.PlaceRequest(f"Camp {number}", "XK", "Europe/Belgrade", 42.36, 21.25)
    stop, _notes = editing.build_stop(request, f"2025-02-{1 + number // 1440:02d} {number // 60 % 24:02d}:{number % 60:02d}")
    return stop


def expected_after_add(data_file: Path, number: int) -> bytes:
    """What adding camp(number) to the file as it is now must give (done on a scratch copy)."""
    scratch = data_file.parent / "scratch" / "trips.yaml"
    scratch.parent.mkdir(exist_ok=True)
    shutil.copyfile(data_file, scratch)
    editing.add_stop(storage.locate(str(scratch)), "blinken-final", camp(number))
    return scratch.read_bytes()


def test_a_writer_killed_at_any_instant_leaves_the_old_or_the_new_file(data_file, capsys):
    """Forked writers (the real edit code, starting in ~1 ms) are SIGKILLed after random delays
    spread over their whole run, so many die in the middle of writing."""
    source = storage.locate(str(data_file))
    rng = random.Random(4)
    outcomes = {"old": 0, "new": 0, "temp file left": 0}

    def fork_writer(number):
        pid = os.fork()
        if pid == 0:  # the writer
            try:
                editing.add_stop(source, "blinken-final", camp(number))
            finally:
                os._exit(0)
        return pid

    # Delays are spread over one writer's whole run as measured now, so a loaded machine
    # (a slower writer) still sees kills before, during and after the rename.
    started = time.monotonic()
    os.waitpid(fork_writer(0), 0)
    runtime = time.monotonic() - started
    kills = 0
    while kills < 60 or not (outcomes["old"] and outcomes["new"]):
        assert kills < 400, f"no kill landed on one side of the rename in {kills} tries: {outcomes}"
        kills += 1
        old = data_file.read_bytes()
        new = expected_after_add(data_file, kills)
        pid = fork_writer(kills)
        time.sleep(rng.uniform(0, runtime * 1.3))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        now = data_file.read_bytes()
        assert now in (old, new), f"kill {kills}: the file is neither the old nor the new text"
        storage.load(source)  # loads and validates
        outcomes["old" if now == old else "new"] += 1
        outcomes["temp file left"] += bool(temp_files(data_file.parent))
    # A normal write afterwards cleans up what killed writers left.
    editing.add_stop(source, "blinken-final", camp(kills + 1))
    assert temp_files(data_file.parent) == []
    with capsys.disabled():
        print(f"\n  {kills} SIGKILLed writers: {outcomes}")
    assert outcomes["old"] and outcomes["new"]  # the kills landed both before and after the rename


def test_killed_cli_writers_leave_a_valid_file(data_file):
    """The same with real `python -m triptrack add-stop` processes, killed near their end."""
    env = {**os.environ, **PINNED_ENV}
    command = [sys.executable, "-m", "triptrack", "--data", str(data_file), "add-stop", "blinken-final"]
    started = time.monotonic()
    assert subprocess.run([*command, "Camp 0", *MANUAL_PLACE, "--arrive", "2025-03-01 00:00"], env=env).returncode == 0
    runtime = time.monotonic() - started
    rng = random.Random(7)
    for number in range(1, 13):
        old = data_file.read_bytes()
        writer = subprocess.Popen(
            [*command, f"Camp {number}", *MANUAL_PLACE, "--arrive", f"2025-03-01 {number:02d}:00"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.6, 1.1) * runtime)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        now = data_file.read_bytes()
        storage.load(storage.locate(str(data_file)))
        assert now == old or now.count(b"- city: Camp") == old.count(b"- city: Camp") + 1
    assert run_module("--data", str(data_file), "validate").returncode == 0


def test_twenty_parallel_add_stops_all_land(data_file, capsys):
    env = {**os.environ, **PINNED_ENV}
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "triptrack", "--data", str(data_file), "add-stop", "blinken-final",
             f"Camp {n}", *MANUAL_PLACE, "--arrive", f"2025-03-02 {n:02d}:30"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for n in range(20)
    ]
    results = [(w.wait(timeout=120), *w.communicate()) for w in writers]
    assert [code for code, _out, _err in results] == [0] * 20, [err for _c, _o, err in results if err]
    catalog = storage.load(storage.locate(str(data_file)))
    cities = [s.city for s in catalog.trips["blinken-final"].stops]
    assert sorted(c for c in cities if c.startswith("Camp")) == sorted(f"Camp {n}" for n in range(20))
    assert cities[3:] == [f"Camp {n}" for n in range(20)]  # each went to its chronological place
    assert temp_files(data_file.parent) == []
    with capsys.disabled():
        print("\n  20 parallel add-stop processes: all succeeded, 20 stops written")


def test_a_symlinked_file_stays_a_symlink(cli, data_file, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(data_file)
    assert cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09", data=link).exit_code == 0
    assert link.is_symlink() and link.resolve() == data_file
    assert "city: Rome" in data_file.read_text()
    assert temp_files(tmp_path) == []


def test_permission_bits_and_owner_are_kept(cli, data_file):
    os.chmod(data_file, 0o640)
    if os.geteuid() == 0:
        os.chown(data_file, 12345, 23456)
    assert cli("trip", "edit", "blinken-final", "--status", "completed").exit_code == 0
    info = os.stat(data_file)
    assert stat.S_IMODE(info.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (12345, 23456)


def test_a_read_only_file_is_not_replaced(cli, data_file):
    os.chmod(data_file, 0o444)
    before = digest(data_file)
    result = cli("trip", "edit", "blinken-final", "--status", "completed")
    assert result.exit_code == 1
    assert result.stderr == f"triptrack: error: {data_file}: is read-only; nothing was written (make it writable to edit it)\n"
    assert digest(data_file) == before and stat.S_IMODE(os.stat(data_file).st_mode) == 0o444


def test_a_byte_order_mark_is_kept(cli, data_file):
    data_file.write_bytes(b"\xef\xbb\xbf" + data_file.read_bytes())
    assert cli("trip", "edit", "blinken-final", "--status", "completed").exit_code == 0
    assert data_file.read_bytes().startswith(b"\xef\xbb\xbf# triptrack data file")


def test_a_stale_temp_file_is_removed_by_the_next_write(cli, data_file):
    stale = data_file.parent / ".trips.yaml.ab12cd_3.tmp"
    stale.write_text("half a file")
    unrelated = data_file.parent / ".other.yaml.ab12cd_3.tmp"
    unrelated.write_text("not ours")
    assert cli("trip", "edit", "blinken-final", "--status", "completed").exit_code == 0
    assert not stale.exists() and unrelated.exists()


def test_a_failed_write_changes_nothing_and_says_why(cli, data_file, monkeypatch):
    def full_disk(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)
    before = digest(data_file)
    result = cli("trip", "edit", "blinken-final", "--status", "completed")
    assert result.exit_code == 1
    assert result.stderr == f"triptrack: error: {data_file}: cannot be written: No space left on device; nothing was changed\n"
    assert digest(data_file) == before and temp_files(data_file.parent) == []


def test_a_held_lock_times_out_with_a_clear_message(cli, data_file, monkeypatch):
    from filelock import FileLock

    monkeypatch.setattr(storage, "LOCK_TIMEOUT_S", 0.3)
    before = digest(data_file)
    with FileLock(str(storage.lock_path(data_file))):
        started = time.monotonic()
        result = cli("trip", "edit", "blinken-final", "--status", "completed")
        waited = time.monotonic() - started
    assert result.exit_code == 1
    assert result.stderr == (
        f"triptrack: error: {data_file}: another triptrack has been writing it for 0.3 s; nothing was written, try again\n"
    )
    assert 0.3 <= waited < 5 and digest(data_file) == before
    assert cli("trip", "edit", "blinken-final", "--status", "completed").exit_code == 0  # free again


def test_a_file_changed_underneath_an_edit_is_not_overwritten(data_file):
    source = storage.locate(str(data_file))

    def change(document):
        data_file.write_text(document.text + "# an editor saved this meanwhile\n")  # no lock: e.g. vim
        return document.text.replace("status: announced", "status: completed")

    with pytest.raises(ConflictError, match="changed while it was being edited; nothing was written, try again"):
        storage.edit(source, change)
    assert data_file.read_text().endswith("# an editor saved this meanwhile\n")
    assert "status: announced" in data_file.read_text()


@pytest.mark.parametrize("command", [["topic", "add", "blinken-final", "1", "Trade"], ["undo"]])
def test_a_hand_save_while_the_new_file_is_being_written_is_never_lost(cli, data_file, monkeypatch, command):
    """An editor saves after the edit read the file, while its new bytes are being written
    and synced: the rename would have replaced the person's save, and said it wrote."""
    if command == ["undo"]:
        assert cli("trip", "edit", "blinken-final", "--status", "completed").exit_code == 0
    real_fsync, saved = os.fsync, []

    def fsync_then_a_hand_save(fd):
        real_fsync(fd)
        if not saved:
            saved.append(data_file.read_text() + "# an editor saved this meanwhile\n")
            data_file.write_text(saved[0])

    monkeypatch.setattr(os, "fsync", fsync_then_a_hand_save)
    result = cli(*command)
    assert result.exit_code == 1 and saved
    assert result.stderr == f"triptrack: error: {data_file} changed while it was being edited; nothing was written, try again\n"
    assert data_file.read_text() == saved[0]
    assert not [p for p in data_file.parent.iterdir() if p.name.endswith(".tmp")]


def test_init_never_replaces_a_file_that_appears_while_it_writes(tmp_path, monkeypatch):
    from triptrack.datafile.setup import init_file
    from triptrack.errors import ConflictError

    path = tmp_path / "new.yaml"
    real_fsync = os.fsync

    def fsync_then_a_hand_save(fd):
        real_fsync(fd)
        if not path.exists():
            path.write_text("# mine\n")

    monkeypatch.setattr(os, "fsync", fsync_then_a_hand_save)
    with pytest.raises(ConflictError, match="appeared while triptrack was creating it; nothing was written over it"):
        init_file(path, with_sample=False)
    assert path.read_text() == "# mine\n"


def test_one_add_stop_in_git_shows_only_added_lines(cli, data_file):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    folder = data_file.parent
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for args in (["init", "-q"], ["add", "trips.yaml"], ["commit", "-qm", "data"]):
        subprocess.run([git, *args], cwd=folder, env=env, check=True)
    assert cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00").exit_code == 0
    numstat = subprocess.run([git, "diff", "--numstat"], cwd=folder, capture_output=True, text=True, check=True).stdout
    assert numstat.split() == ["6", "0", "trips.yaml"]


def test_a_folder_given_as_the_data_file_is_refused(cli, tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    for args in (["list"], ["validate"], ["trip", "edit", "x", "--status", "completed"]):
        result = cli(*args, data=folder)
        assert result.exit_code == 1
        assert result.stderr == f"triptrack: error: {folder}: is a folder, not a data file\n"
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_refused(cli, data_file):
    os.chmod(data_file, 0)
    try:
        for args in (["list"], ["validate"], ["trip", "edit", "blinken-final", "--status", "completed"]):
            result = cli(*args)
            assert result.exit_code == 1
            assert result.stderr == f"triptrack: error: {data_file}: cannot be read: Permission denied\n"
    finally:
        os.chmod(data_file, 0o644)


def test_write_errors_from_the_library_are_data_file_errors(data_file, monkeypatch):
    monkeypatch.setattr(os, "replace", lambda *_a: (_ for _ in ()).throw(PermissionError(errno.EACCES, "Permission denied")))
    with pytest.raises(DataFileError, match="cannot be written: Permission denied"):
        editing.add_stop(storage.locate(str(data_file)), "blinken-final", camp(1))


def test_a_failed_edit_leaves_no_lock_file_or_folder_behind(cli, tmp_path):
    """A mistyped --data path: the edit fails, and made typo/dir/ and its lock file anyway."""
    missing = tmp_path / "typo" / "dir" / "trips.yaml"
    result = cli("topic", "add", "blinken-final", "1", "Trade", data=missing)
    assert result.exit_code == 1 and "no trip 'blinken-final'" in result.stderr
    assert not (tmp_path / "typo").exists()
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    result = cli("topic", "add", "blinken-final", "1", "Trade", data=fifo)
    assert result.exit_code == 1 and "is not a regular file" in result.stderr
    assert not storage.lock_path(fifo).exists()
    made = cli("official", "new", "o", "--name", "O", "--home", "Paris", "--home-country", "FR", data=missing)
    assert made.exit_code == 0, made.output
    assert missing.exists()  # a successful first edit creates the file, its folders and its lock


def test_an_edit_of_a_hard_linked_file_says_the_other_name_keeps_the_old_text(cli, data_file, tmp_path):
    other = tmp_path / "other-name.yaml"
    os.link(data_file, other)
    result = cli("topic", "add", "blinken-final", "1", "Trade")
    assert result.exit_code == 0
    assert f"triptrack: note: {data_file} had 1 other hard link, which keeps the text as it was" in result.stderr
    assert "Trade" in data_file.read_text() and "Trade" not in other.read_text()
    assert "hard link" not in cli("topic", "add", "blinken-final", "1", "More").stderr  # split now: one name each
