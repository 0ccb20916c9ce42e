"""The index of a data file: only changed pieces parsed again, every input of a value in its
key, the whole-file rules exact, and nothing damaged, foreign or special ever trusted."""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import PINNED_ENV

from triptrack.cli import app
from triptrack.datafile import index, index_db, index_rows
from triptrack.datafile import store as storage
from triptrack.errors import DataFileError


def _load(path):
    return index.load(storage.DataSource(path, str(path)))


def _whole(path):
    return storage.parse(path.read_text(encoding="utf-8"), str(path))[1]


def test_the_index_gives_the_catalog_a_whole_parse_gives(data_file, cache, parses):
    assert _load(data_file).catalog() == _whole(data_file)
    assert parses == ["blinken-final", "blinken-final-record"]
    parses.clear()
    again = _load(data_file)
    assert again.catalog() == _whole(data_file) and parses == []
    assert [s.id for s in again.summaries()] == ["blinken-final", "blinken-final-record"]
    assert again.with_trip("blinken-final-record")[1] == _whole(data_file).trips["blinken-final-record"]


def test_after_a_hand_edit_only_that_trip_is_parsed_again(data_file, cache, parses):
    _load(data_file)
    parses.clear()
    text = data_file.read_text(encoding="utf-8")
    edited = text.replace("(as recorded)", "(as recorded, edited by hand)\n    # a comment added by hand", 1)
    data_file.write_text(edited, encoding="utf-8")
    parsed = _load(data_file)
    assert parses == ["blinken-final-record"]
    assert parsed.catalog() == _whole(data_file)  # line numbers after the edit too


def test_show_reads_only_its_trip_from_the_index(data_file, cache, monkeypatch):
    _load(data_file)
    from triptrack.datafile import index_rows

    asked: list[int] = []
    real = index_rows.Rows.values
    monkeypatch.setattr(index_rows.Rows, "values", lambda self, keys: asked.append(len(keys)) or real(self, keys))
    parsed = _load(data_file)
    assert parsed.with_trip("blinken-final")[1] == _whole(data_file).trips["blinken-final"]
    assert asked == [1]


def test_an_official_s_new_home_zone_reads_their_trips_again(data_file, cache, parses):
    _load(data_file)
    parses.clear()
    text = data_file.read_text(encoding="utf-8")
    data_file.write_text(text.replace("tz: America/New_York", "tz: America/Chicago", 1), encoding="utf-8")
    parsed = _load(data_file)
    parsed.catalog()  # (a row read with another home zone is parsed again when it is read)
    assert sorted(parses) == ["blinken-final", "blinken-final-record"]
    assert parsed.trip("blinken-final").leaves.tz == "America/Chicago"


def test_an_official_s_new_home_zone_reads_their_trips_summaries_again_once(many_trips, cache, parses):
    _load(many_trips).summaries()  # (42 trips: their summaries are kept together)
    parses.clear()
    text = many_trips.read_text(encoding="utf-8")
    many_trips.write_text(text.replace("tz: America/New_York", "tz: America/Chicago", 1), encoding="utf-8")
    summaries = _load(many_trips).summaries()
    assert len(parses) == 42 and len(set(parses)) == 42
    assert [index_rows.summary_row(s) for s in summaries] == [index_rows.summary_row(t) for t in _whole(many_trips).trips.values()]


@pytest.mark.parametrize(
    "hand_edit, wording",
    [
        (lambda t: t.replace("official: blinken", "official: nobody", 1), "no official 'nobody'"),
        (lambda t: t.replace("  blinken-final-record:", "  blinken-final:", 1), "blinken-final"),
        (lambda t: t.replace("officials:", "officialz:", 1), "officialz"),
    ],
    ids=["unknown-official", "duplicate-id", "unknown-top-key"],
)
def test_whole_file_rules_stay_exact_on_a_warm_index(data_file, cache, hand_edit, wording):
    _load(data_file)
    data_file.write_text(hand_edit(data_file.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataFileError) as from_index:
        _load(data_file)
    with pytest.raises(DataFileError) as whole:
        _whole(data_file)
    assert str(from_index.value) == str(whole.value) and wording in str(whole.value)


# --- every input of a cached value is in its key ------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda mp: mp.setattr(index_db, "code_stamp", lambda: ["other code"]), id="triptrack-code"),
        pytest.param(lambda mp: mp.setattr(index_db, "yaml_stamp", lambda: ["another PyYAML"]), id="pyyaml"),
        pytest.param(lambda mp: mp.setattr(index_db, "zone_stamp", lambda: ["other zone data"]), id="zone-data"),
        pytest.param(lambda mp: mp.setattr(index_db, "SCHEMA_VERSION", index_db.SCHEMA_VERSION + 1), id="index-format"),
        pytest.param(lambda mp: mp.setattr(sys, "version", sys.version + " (another)"), id="python"),
        pytest.param(lambda mp: mp.setenv("PYTHONTZPATH", "/nonexistent/zoneinfo"), id="PYTHONTZPATH"),
    ],
)
def test_a_changed_input_means_parsing_again(data_file, cache, parses, monkeypatch, change):
    _load(data_file)
    parses.clear()
    change(monkeypatch)
    _load(data_file)
    assert parses == ["blinken-final", "blinken-final-record"]


def test_the_code_stamp_sees_a_source_file_change(tmp_path, monkeypatch):
    package = tmp_path / "triptrack"
    (package / "core").mkdir(parents=True)
    model = package / "core" / "model.py"
    model.write_text("x = 1\n")
    monkeypatch.setattr(index_db, "_PACKAGE", package)
    before = index_db.code_stamp()
    model.write_text("x = 12\n")  # a field added by another branch
    assert index_db.code_stamp() != before


def test_the_zone_stamp_sees_the_tzdata_package(monkeypatch):
    import importlib.util

    before = index_db.zone_stamp()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert index_db.zone_stamp() != before


def test_other_zone_files_change_what_show_prints_and_json_agrees(data_file, tmp_path):
    """The stale-output case: PYTHONTZPATH at other zone files (New York's name, Tokyo's rules)."""
    import tzdata

    zones = tmp_path / "zones"
    (zones / "America").mkdir(parents=True)
    tokyo = Path(tzdata.__file__).parent / "zoneinfo" / "Asia" / "Tokyo"
    shutil.copyfile(tokyo, zones / "America" / "New_York")
    env = {**os.environ, **PINNED_ENV}

    def run(*args, **extra):
        done = subprocess.run([sys.executable, "-m", "triptrack", "--data", str(data_file), *args],
                              capture_output=True, text=True, env={**env, **extra}, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "10:00 EST" in run("show", "blinken-final")
    shown, as_json = run("show", "blinken-final", PYTHONTZPATH=str(zones)), run("show", "blinken-final", "--json", PYTHONTZPATH=str(zones))
    assert "EST" not in shown and "JST" in shown
    assert "+09:00" in as_json


# --- nothing in the cache is trusted before it is checked ---------------------------------------


def _index_file(data_file) -> Path:
    return index_db.index_path(data_file)


def test_a_flipped_byte_in_a_value_is_never_unpickled(data_file, cache, monkeypatch):
    _load(data_file)
    db = sqlite3.connect(_index_file(data_file))
    damaged_data = set()
    for key, value in db.execute("SELECT key, value FROM pieces WHERE official IS NOT NULL").fetchall():
        damaged = bytearray(value)
        damaged[-5] ^= 0x20
        damaged_data.add(bytes(damaged[16:]))
        db.execute("UPDATE pieces SET value = ? WHERE key = ?", (bytes(damaged), key))
    db.commit()
    db.close()

    unpickled_damaged = []

    class Watched(index_db._ModelUnpickler):
        def __init__(self, file):
            unpickled_damaged.append(file.getvalue() in damaged_data)
            super().__init__(file)

    monkeypatch.setattr(index_db, "_ModelUnpickler", Watched)
    parsed = _load(data_file)
    assert parsed.catalog() == _whole(data_file)
    assert parsed.with_trip("blinken-final")[1] == _whole(data_file).trips["blinken-final"]
    assert unpickled_damaged and not any(unpickled_damaged)


def test_a_verified_value_that_names_anything_but_the_model_is_refused(data_file, cache):
    _load(data_file)
    evil = pickle.dumps(print)  # any global outside the model and dates
    db = sqlite3.connect(_index_file(data_file))
    with_digest = index_db.blake2b(evil, digest_size=16).digest() + evil  # passes the digest check
    db.execute("UPDATE pieces SET value = ? WHERE official IS NOT NULL", (with_digest,))
    db.commit()
    db.close()
    assert _load(data_file).catalog() == _whole(data_file)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "folder", "symlink", "foreign"])
def test_a_damaged_foreign_or_special_index_is_ignored_and_rebuilt(data_file, cache, tmp_path, damage):
    _load(data_file)
    path = _index_file(data_file)
    for extra in path.parent.glob(path.name + "-*"):
        extra.unlink()
    elsewhere = tmp_path / "someone-elses.sqlite"
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:2000])
    elif damage == "folder":
        path.unlink()
        path.mkdir()
    elif damage == "symlink":
        shutil.copyfile(path, elsewhere)
        path.unlink()
        path.symlink_to(elsewhere)
    elif damage == "foreign":
        if os.getuid() != 0:
            pytest.skip("only root can give a file away")
        os.chown(path, 12345, 12345)
    before = elsewhere.read_bytes() if elsewhere.exists() else None
    assert _load(data_file).catalog() == _whole(data_file)
    assert _load(data_file).catalog() == _whole(data_file)
    if before is not None:
        assert elsewhere.read_bytes() == before  # the link was not followed
        assert not path.is_symlink()


def test_a_fifo_in_place_of_the_index_is_not_waited_on(data_file, cache):
    _load(data_file)
    path = _index_file(data_file)
    path.unlink()
    os.mkfifo(path)
    result = []
    reader = threading.Thread(target=lambda: result.append(_load(data_file).catalog()), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "the read waited on a FIFO"
    assert result == [_whole(data_file)]
    assert stat.S_ISREG(os.lstat(path).st_mode), "the FIFO was used as the index"


def test_an_unusable_cache_folder_only_makes_it_slower(cli, data_file, tmp_path):
    expected = cli("show", "blinken-final").stdout
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "index").write_text("a file where the index folder should be")
    for _ in range(2):
        result = cli.runner.invoke(
            app, ["--data", str(data_file), "show", "blinken-final"], env={**PINNED_ENV, "TRIPTRACK_CACHE_DIR": str(cache)}
        )
        assert result.exit_code == 0 and result.stdout == expected
    assert (cache / "index").is_file()


def test_without_a_home_folder_nothing_is_cached_and_all_works(data_file, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("TRIPTRACK_CACHE_DIR", "XDG_CACHE_HOME")}
    env.update(PINNED_ENV, HOME="")
    work = tmp_path / "cwd"
    work.mkdir()
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "triptrack", "--data", str(data_file), "show", "blinken-final"],
            capture_output=True, text=True, env=env, cwd=work, timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert "Seoul" in done.stdout
    assert list(work.iterdir()) == []  # no relative '.cache' folder made in the working folder


def test_list_reads_summaries_not_stops(cli, data_file, monkeypatch):
    cli("list")
    monkeypatch.setattr(index.Parsed, "trip", lambda *a, **k: pytest.fail("list read a trip's stops"))
    monkeypatch.setattr(index.Parsed, "catalog", lambda *a, **k: pytest.fail("list read every trip"))
    result = cli("list")
    assert result.exit_code == 0 and "blinken-final" in result.stdout and "Seoul → Tokyo → Paris" in result.stdout


def test_old_rows_are_forgotten(data_file, cache):
    _load(data_file)
    text = data_file.read_text(encoding="utf-8")
    for number in range(80):  # 80 hand edits of one trip: 80 rows no longer in use
        data_file.write_text(text.replace("(as recorded)", f"(as recorded {number})"), encoding="utf-8")
        _load(data_file)
    db = sqlite3.connect(_index_file(data_file))
    assert db.execute("SELECT count(*) FROM pieces").fetchone()[0] < 80


def test_bytes_read_before_are_not_cut_or_hashed_piece_by_piece_again(data_file, cache, monkeypatch):
    from triptrack.datafile import pieces

    first = _load(data_file).catalog()
    monkeypatch.setattr(pieces, "cut", lambda raw: pytest.fail("cut the same bytes again"))
    again = _load(data_file)
    assert again.catalog() == first == _whole(data_file)
    assert [s.id for s in again.summaries()] == list(first.trips)


def test_summaries_kept_together_read_back_as_they_were_given(many_trips, cache):
    from triptrack.datafile import index_rows

    parsed = _load(many_trips)
    given = parsed._rows.summaries([parsed.trip_keys[n] for n in parsed.layout.trip_numbers()], {("blinken", "America/New_York")})[0]
    given[b"\0" * index_db.KEY_SIZE] = ("nobody", "UTC", ("undated", "No days", "nobody", None, None, ()))
    assert index_rows._from_columns(index_rows._columns(given)) == given
    assert index_rows._from_columns(index_rows._columns({})) == {}


@pytest.mark.parametrize("value", [("too", "few"), (b"", [], [], ["one id"], [], [], [], []), {"a": "dict"}])
def test_verified_summaries_that_do_not_add_up_are_rebuilt(many_trips, cache, value):
    def listed() -> list[str]:
        return [summary.id for summary in _load(many_trips).summaries()]

    expected = listed()
    db = sqlite3.connect(_index_file(many_trips))
    assert db.execute("SELECT count(*) FROM summaries").fetchone()[0] == 1  # 42 trips: kept together
    data = pickle.dumps(value)
    db.execute("UPDATE summaries SET value = ?", (index_db.blake2b(data, digest_size=16).digest() + data,))
    db.commit()
    db.close()
    assert listed() == expected == list(_whole(many_trips).trips)
