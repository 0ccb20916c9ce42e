"""The index keeps the version of the file read last (its layout, keys and bytes): a new
version, from an editor or an edit command, is compared with it, and only the trips that
changed are cut, hashed and parsed again — with the same result as a whole-file parse."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest

from triptrack.datafile import index, index_rows, pieces
from triptrack.datafile import store as storage
from triptrack.errors import DataFileError


def _load(path: Path):
    return index.load(storage.DataSource(path, str(path)))


def _whole(path: Path):
    return storage.parse(path.read_text(encoding="utf-8"), str(path))[1]


def _same_as_whole(path: Path) -> None:
    parsed = _load(path)
    whole = _whole(path)
    assert parsed.catalog() == whole
    assert [index_rows.summary_row(s) for s in _load(path).summaries()] == [
        index_rows.summary_row(t) for t in whole.trips.values()
    ]


@pytest.fixture
def counted(monkeypatch) -> dict:
    """How many pieces were hashed and whether the whole file was cut, from now on."""
    seen = {"keys": 0, "cuts": 0}
    key, cut = index_rows.Rows.key, pieces.cut

    def counting_key(self, kind, chunk):
        seen["keys"] += 1
        return key(self, kind, chunk)

    def counting_cut(raw):
        seen["cuts"] += 1
        return cut(raw)

    monkeypatch.setattr(index_rows.Rows, "key", counting_key)
    monkeypatch.setattr(pieces, "cut", counting_cut)
    return seen


def test_a_hand_edit_is_read_by_comparing_with_the_version_kept(many_trips, cache, counted):
    _load(many_trips)
    assert counted["cuts"] == 1 and counted["keys"] >= 42
    counted.update(keys=0, cuts=0)
    text = many_trips.read_text(encoding="utf-8")
    many_trips.write_text(text.replace("  copy-20:\n    title: Final", "  copy-20:\n    title: Edited", 1), encoding="utf-8")
    parsed = _load(many_trips)
    assert counted == {"keys": 3, "cuts": 0}  # the trip changed and one on each side
    assert parsed.trip("copy-20").title.startswith("Edited")
    _same_as_whole(many_trips)


def test_an_edit_command_cuts_and_hashes_only_its_trip(cli, many_trips, cache, counted):
    _load(many_trips)
    counted.update(keys=0, cuts=0)
    result = cli("topic", "add", "copy-7", "1", "Trade")
    assert result.exit_code == 0, result.output
    assert counted["cuts"] == 0 and counted["keys"] <= 2  # its piece after the edit (and the officials)
    counted.update(keys=0, cuts=0)
    _same_as_whole(many_trips)
    assert counted["cuts"] == 0


@pytest.mark.parametrize("seed", range(6))
def test_any_sequence_of_hand_edits_reads_as_a_whole_parse(many_trips, cache, seed):
    rng = random.Random(seed)
    _load(many_trips)
    for step in range(12):
        text = many_trips.read_text(encoding="utf-8")
        ids = re.findall(r"^  (copy-\d+):$", text, re.M)
        trip = rng.choice(ids)
        block = re.search(rf"^  {trip}:\n(?:(?:    .*|\s*|  #.*)\n)*", text, re.M)
        kind = rng.choice(["retitle", "delete", "duplicate", "comment", "swap", "blank"])
        if kind == "retitle":
            text = text.replace(f"  {trip}:\n    title: ", f"  {trip}:\n    title: {step} ", 1)
        elif kind == "delete" and len(ids) > 3:
            text = text[: block.start()] + text[block.end() :]
        elif kind == "duplicate":
            text = text[: block.end()] + block.group().replace(f"  {trip}:", f"  {trip}-{seed}-{step}:", 1) + text[block.end() :]
        elif kind == "comment":
            text = text[: block.end()] + f"  # a note {step}\n" + text[block.end() :]
        elif kind == "swap":  # two trips change places
            other = re.search(rf"^  {rng.choice(ids)}:\n(?:(?:    .*|\s*|  #.*)\n)*", text, re.M)
            first, second = sorted([block, other], key=lambda m: m.start())
            if first.end() <= second.start():
                text = (text[: first.start()] + second.group() + text[first.end() : second.start()]
                        + first.group() + text[second.end() :])
        else:
            text = text.replace(f"  {trip}:\n", f"\n\n  {trip}:\n", 1)
        many_trips.write_text(text, encoding="utf-8")
        _same_as_whole(many_trips)


def _kept_copy(cache: Path) -> Path:
    (copy,) = (cache / "index").glob("*.bytes")
    return copy


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "symlink", "fifo", "folder"])
def test_a_damaged_or_foreign_kept_copy_is_not_trusted(many_trips, cache, damage):
    _load(many_trips)
    copy = _kept_copy(cache)
    raw = copy.read_bytes()
    copy.unlink()
    if damage == "flipped byte":
        at = raw.index(b"copy-30:") + 20
        copy.write_bytes(raw[:at] + bytes([raw[at] ^ 0x20]) + raw[at + 1 :])
    elif damage == "truncated":
        copy.write_bytes(raw[: len(raw) // 2])
    elif damage == "symlink":
        other = cache / "other.yaml"
        other.write_bytes(raw)
        copy.symlink_to(other)
    elif damage == "fifo":
        os.mkfifo(copy)
    else:
        copy.mkdir()
    text = many_trips.read_text(encoding="utf-8")
    many_trips.write_text(text.replace("  copy-30:\n    title: Final", "  copy-30:\n    title: Changed", 1), encoding="utf-8")
    assert _load(many_trips).trip("copy-30").title.startswith("Changed")  # never waits on a FIFO
    _same_as_whole(many_trips)


def test_a_home_zone_changed_by_hand_checks_the_trips_again(data_file, cache):
    text = data_file.read_text(encoding="utf-8").replace("when: 2025-01-09 10:00", "when: 2025-03-30 02:30")
    data_file.write_text(text, encoding="utf-8")
    _load(data_file)  # valid: 02:30 exists in Washington that day
    data_file.write_text(text.replace("tz: America/New_York", "tz: Europe/Paris", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as from_index:
        _load(data_file)
    with pytest.raises(DataFileError) as whole:
        _whole(data_file)
    assert str(from_index.value) == str(whole.value) and "does not exist in Europe/Paris" in str(whole.value)


_NO_HOME = """officials:
  x:
    name: X
trips:
  t:
    title: T
    official: x
    stops:
      - city: Tokyo
        country: JP
        tz: Asia/Tokyo
        travel: air 2025-01-06 DEPARTS -> 2025-01-06 12:00
        arrive: 2025-01-06 12:00
"""


@pytest.mark.parametrize("departs", ["02:00", "08:00"])
def test_a_home_in_utc_given_by_hand_is_not_taken_for_no_home(tmp_path, cache, departs):
    """Without a home, times read in UTC but the first leg leaves from no zone: a home in UTC
    reads the trip differently (08:00 UTC leaves after 12:00 in Tokyo: an error)."""
    path = tmp_path / "trips.yaml"
    no_home = _NO_HOME.replace("DEPARTS", departs)
    with_home = no_home.replace("    name: X\n", "    name: X\n    home: {city: London, country: GB, tz: UTC}\n")
    for first, second in ((no_home, with_home), (with_home, no_home)):
        path.write_text(first, encoding="utf-8")
        try:
            _load(path).catalog()
        except DataFileError:
            pass
        path.write_text(second, encoding="utf-8")
        try:
            whole = _whole(path)
        except DataFileError as exc:
            with pytest.raises(DataFileError) as from_index:
                _load(path).catalog()
            assert str(from_index.value) == str(exc)
        else:
            assert _load(path).catalog() == whole


def test_a_broken_trip_anywhere_is_refused_after_a_hand_edit(many_trips, cache):
    _load(many_trips)
    text = many_trips.read_text(encoding="utf-8")
    many_trips.write_text(text.replace("  copy-33:\n    title: Final", "  copy-33:\n    title: [Final", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as from_index:
        _load(many_trips)  # even though nothing asks for copy-33
    with pytest.raises(DataFileError) as whole:
        _whole(many_trips)
    assert str(from_index.value) == str(whole.value)


def test_temp_files_of_writers_killed_long_ago_are_cleared(cli, data_file, cache):
    """A process killed while writing the index's copy of the file, or a journal entry, leaves
    its temp file; the next such write removes it once stale (a fresh one may be a live
    writer's), and touches nothing else in the folder."""
    import time

    from triptrack.datafile import index_db, journal

    copy_folder = index_db.index_path(data_file).parent
    journal_folder = journal.folder_for(data_file)
    stale, fresh, kept = [], [], []
    for folder, prefix in ((copy_folder, index_db.index_path(data_file).with_suffix(".bytes").name), (journal_folder, "000001.json")):
        folder.mkdir(parents=True, exist_ok=True)
        stale.append(folder / f".{prefix}.deadbeef.tmp")
        fresh.append(folder / f".{prefix}.livewrit.tmp")
        kept.append(folder / "notes.tmp")
        for path in (stale[-1], fresh[-1], kept[-1]):
            path.write_bytes(b"half a write")
        an_hour_ago = time.time() - 3600
        for path in (stale[-1], kept[-1]):
            os.utime(path, (an_hour_ago, an_hour_ago))
    assert cli("topic", "add", "blinken-final", "1", "Trade").exit_code == 0  # reads (copy kept), then journals
    assert [path.exists() for path in stale] == [False, False]
    assert [path.exists() for path in fresh + kept] == [True] * 4


@pytest.mark.parametrize("new_id", ["copy-5", "copy-30"], ids=["earlier", "later"])
def test_a_hand_edit_that_repeats_an_id_is_refused_on_a_warm_index(many_trips, cache, new_id):
    """The id a hand edit gives a trip clashes with one before it or one after it (not both)."""
    _load(many_trips)
    text = many_trips.read_text(encoding="utf-8")
    many_trips.write_text(text.replace("  copy-20:\n", f"  {new_id}:\n", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as warm:
        _load(many_trips)
    assert f"duplicate key '{new_id}'" in str(warm.value)
