"""Hostile input, round two (issue 13): the place index in the cache, relative XDG folders, and a
command whose output cannot be printed (stdout on /dev/full) after it saved its work."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PINNED_ENV, digest

from triptrack import gazetteer
from triptrack.datafile import index_file

ROME = ["add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00"]


def run(*args: str, env: dict | None = None, timeout: float = 90, stdout=subprocess.PIPE, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "triptrack", *args],
        stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=timeout, cwd=cwd,
        env={**os.environ, **PINNED_ENV, **(env or {})},
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith((".tmp", "-journal")))


@pytest.fixture
def whole_index() -> Path:
    """The session's (whole) index file."""
    gazetteer.lookup("Paris")
    path = gazetteer._index_path()
    assert index_file.state(path) == "whole"
    return path


# --- telling a whole index from a damaged one, without opening anything that could hang


def _damage(kind: str, path: Path, good: Path) -> None:
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes(good.read_bytes()[:100_000])
    elif kind == "random":
        path.write_bytes(os.urandom(50_000))
    elif kind == "header only":
        path.write_bytes(good.read_bytes()[:100])
    elif kind == "text":
        path.write_text("SQLite format 3 but not really\n" * 10, encoding="utf-8")
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling symlink":
        path.symlink_to(path.parent / "nowhere")
    elif kind == "symlink to a device":
        path.symlink_to("/dev/zero")


KINDS = ["empty", "truncated", "random", "header only", "text", "folder", "fifo", "dangling symlink", "symlink to a device"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_index_is_recognised_without_hanging(tmp_path, whole_index, kind):
    path = tmp_path / whole_index.name
    _damage(kind, path, whole_index)
    assert index_file.state(path) == "damaged"
    assert index_file.discard(path) and not os.path.lexists(path)
    assert stat.S_ISCHR(os.stat("/dev/zero").st_mode)  # a link is removed, never what it points to


def test_a_whole_index_and_a_missing_one(tmp_path, whole_index):
    assert index_file.state(tmp_path / "none.sqlite") == "missing"
    copy = tmp_path / whole_index.name
    shutil.copyfile(whole_index, copy)
    assert index_file.state(copy) == "whole"


def test_a_folder_with_something_in_it_is_never_deleted(tmp_path):
    folder = tmp_path / "gazetteer-x.sqlite"
    folder.mkdir()
    (folder / "yours.txt").write_text("keep", encoding="utf-8")
    assert not index_file.discard(folder) and (folder / "yours.txt").exists()


# --- end to end: damaged indexes are rebuilt, a FIFO hangs nothing, nothing is left behind


@pytest.mark.parametrize("kind", ["truncated", "fifo", "corrupt pages"])
def test_a_damaged_index_is_rebuilt_end_to_end(tmp_path, whole_index, data_file, kind):
    cache = tmp_path / "cache"
    cache.mkdir()
    index = cache / whole_index.name
    if kind == "corrupt pages":  # a right-sized file with a good header and garbage inside
        raw = bytearray(whole_index.read_bytes())
        raw[40_960:4_000_000] = os.urandom(4_000_000 - 40_960)
        index.write_bytes(bytes(raw))
        assert index_file.state(index) == "whole"
    else:
        _damage(kind, index, whole_index)
    damaged = index.read_bytes() if index.is_file() else b""
    done = run("--data", str(data_file), *ROME, env={"TRIPTRACK_CACHE_DIR": str(cache)})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Added Rome (IT, Europe/Rome)" in done.stdout
    assert index_file.state(index) == "whole" and stat.S_ISREG(os.stat(index).st_mode)
    assert index.read_bytes() != damaged  # rebuilt, not read around the damage
    assert leftovers(cache) == []


def test_damaged_pages_in_an_index_that_cannot_be_removed_are_read_around_in_memory(tmp_path, whole_index, monkeypatch):
    """A cache folder this user cannot write (a shared, read-only one) holding an index with a
    good header and damaged pages: each lookup ended in an internal error."""
    raw = bytearray(whole_index.read_bytes())
    raw[40_960:4_000_000] = os.urandom(4_000_000 - 40_960)
    index = tmp_path / whole_index.name
    index.write_bytes(bytes(raw))
    monkeypatch.setattr(gazetteer, "_index_path", lambda: index)
    monkeypatch.setattr(index_file, "discard", lambda path: False)  # (root may remove anything: as if it could not)
    monkeypatch.setattr(gazetteer, "_MEMORY_ONLY", [])
    gazetteer._db.cache_clear()
    try:
        assert gazetteer.lookup("Rome", "IT").city.tz == "Europe/Rome"
        assert gazetteer.lookup("Paris", "FR").city.country == "FR"
        assert index.read_bytes() == bytes(raw)  # left as it was
    finally:
        gazetteer._db.cache_clear()


def test_an_unwritable_cache_folder_builds_in_memory_and_leaves_no_temp_file(tmp_path, data_file):
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {"TRIPTRACK_CACHE_DIR": str(not_a_folder / "triptrack"), "TMPDIR": str(tmp)}
    for _ in range(2):
        done = run("--data", str(data_file), *ROME[:2], "Tokyo", "--arrive", "2025-01-07", env=env)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert list(tmp.iterdir()) == [] and leftovers(tmp_path) == []


def test_a_full_disk_during_the_build_is_one_line_and_leaves_nothing(cli, data_file, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("TRIPTRACK_CACHE_DIR", str(cache))
    real_fill = gazetteer._fill

    def fill_then_disk_full(db, *sources):
        real_fill(db, *sources)
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13
        raise error

    monkeypatch.setattr(gazetteer, "_fill", fill_then_disk_full)
    gazetteer._db.cache_clear()
    before = digest(data_file)
    try:
        result = cli(*ROME)
    finally:
        gazetteer._db.cache_clear()
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("triptrack: error: cannot build the place index") and "the disk is full" in lines[-1]
    assert "Traceback" not in result.output and digest(data_file) == before
    assert leftovers(cache) == [] and not list(cache.glob("gazetteer-*"))


def test_killed_builds_temp_files_are_cleared_when_old(tmp_path):
    old = tmp_path / ".gazetteer.abc123.tmp"
    new = tmp_path / ".gazetteer.def456.tmp"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    os.utime(old, (1, 1))
    index_file.remove_stale_builds(tmp_path, ".gazetteer.")
    assert not old.exists() and new.exists()


# --- relative XDG folders are ignored, as the XDG spec says


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path):
    from triptrack.datafile.paths import cache_dir

    monkeypatch.delenv("TRIPTRACK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_dir() == Path(os.path.expanduser("~")) / ".cache" / "triptrack"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "abs"))
    assert cache_dir() == tmp_path / "abs" / "triptrack"


def test_a_relative_xdg_data_home_is_ignored_end_to_end(tmp_path, _isolated_home):
    work = tmp_path / "work"
    work.mkdir()
    done = run("trip", "new", "x", "--title", "T", "--official", "blinken", cwd=work,
               env={"XDG_DATA_HOME": "rel", "HOME": str(_isolated_home)})
    assert done.returncode == 0, done.stderr
    assert not (work / "rel").exists()
    assert (_isolated_home / ".local" / "share" / "triptrack" / "trips.yaml").is_file()


# --- stdout on a full device


def test_an_edit_saved_before_stdout_failed_says_so_and_exits_0(data_file):
    with open("/dev/full", "w") as full:
        done = run("--data", str(data_file), "topic", "add", "blinken-final", "1", "Saved once", stdout=full)
    assert done.returncode == 0
    assert done.stderr.count("\n") == 1 and "was written (the change is saved)" in done.stderr
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert data_file.read_text(encoding="utf-8").count("- Saved once") == 1
    assert leftovers(data_file.parent) == []


@pytest.mark.parametrize("command", [["show", "blinken-final"], ["list", "--json"], ["export", "blinken-final", "-f", "ics"], ["timeline", "blinken-final"]])
def test_a_read_whose_output_fails_is_one_line_and_exit_1(data_file, command):
    before = digest(data_file)
    with open("/dev/full", "w") as full:
        done = run("--data", str(data_file), *command, stdout=full)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == "triptrack: error: cannot write the output: No space left on device"
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert digest(data_file) == before



def test_init_and_import_whose_report_fails_say_the_file_was_written(tmp_path, data_file):
    new = tmp_path / "new.yaml"
    csv_file = tmp_path / "t.csv"
    csv_file.write_text(run("--data", str(data_file), "export", "blinken-final", "-f", "csv").stdout, encoding="utf-8")
    imported = tmp_path / "imported.yaml"
    with open("/dev/full", "w") as full:
        made = run("init", str(new), stdout=full)
        added = run("--data", str(imported), "import", "csv", str(csv_file), "--official", "o", "--home", "Washington", "--home-country", "US", stdout=full)
    for done, path in ((made, new), (added, imported)):
        assert done.returncode == 0 and f"{path} was written (the change is saved)" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and path.is_file()


def test_an_edit_whose_reader_closed_the_pipe_says_it_was_saved_and_exits_0(data_file):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        saved = run("--data", str(data_file), "topic", "add", "blinken-final", "1", "Piped once", stdout=write_end)
        shown = run("--data", str(data_file), "show", "blinken-final", stdout=write_end)
    finally:
        os.close(write_end)
    assert saved.returncode == 0 and "was written (the change is saved)" in saved.stderr and "the reader closed the pipe" in saved.stderr
    assert data_file.read_text(encoding="utf-8").count("- Piped once") == 1
    assert shown.returncode == 1 and shown.stderr == ""  # a reader that stopped early: silence, as from any tool
