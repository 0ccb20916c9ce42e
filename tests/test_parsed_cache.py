"""The parsed-file cache and the output cache: fast, and never stale, damaged or required."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import PINNED_ENV

from triptrack.cli import app
from triptrack.datafile import parsed_cache
from triptrack.datafile import store as storage
from triptrack.render import output_cache


def _source(path) -> storage.DataSource:
    return storage.DataSource(path, "test")


def _entry(path) -> parsed_cache.Entry | None:
    return parsed_cache.Entry.open(parsed_cache.Snapshot(_source(path)))


def test_the_cache_gives_the_catalog_a_full_parse_gives(data_file):
    assert _entry(data_file) is None
    first = parsed_cache.load(_source(data_file)).catalog()  # parses, fills the cache
    entry = _entry(data_file)
    assert entry is not None
    assert entry.catalog() == first == storage.read_document(_source(data_file)).catalog
    trip = entry.trip("blinken-final")
    assert trip == first.trips["blinken-final"] and trip.stops[0].line == first.trips["blinken-final"].stops[0].line
    assert storage.load(_source(data_file)) == first


def test_an_edit_of_the_same_size_within_the_same_mtime_is_seen(data_file):
    parsed_cache.load(_source(data_file)).catalog()
    before = os.stat(data_file)
    text = data_file.read_text(encoding="utf-8")
    data_file.write_text(text.replace("city: Tokyo", "city: Kyoto"), encoding="utf-8")
    os.utime(data_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(data_file)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert _entry(data_file) is None  # the identity matches, the bytes do not
    assert parsed_cache.load(_source(data_file)).trip("blinken-final").route()[1] == "Kyoto"


def test_a_copy_or_touch_of_unchanged_bytes_still_uses_the_entry(data_file):
    parsed_cache.load(_source(data_file)).catalog()
    os.utime(data_file, ns=(1, 1))
    assert _entry(data_file) is not None


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: raw[:-40] + bytes(b ^ 0xFF for b in raw[-40:]), id="flipped-blob-bytes"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: b"garbage" * 100, id="garbage"),
        pytest.param(lambda raw: raw.replace(parsed_cache.MAGIC, b"x" * len(parsed_cache.MAGIC)), id="other-format"),
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(data_file, damage):
    expected = parsed_cache.load(_source(data_file)).catalog()
    path = parsed_cache.entry_path(data_file)
    path.write_bytes(damage(path.read_bytes()))
    assert parsed_cache.load(_source(data_file)).catalog() == expected
    assert _entry(data_file) is not None  # rebuilt


def test_an_entry_from_another_format_or_code_version_is_rebuilt(data_file, monkeypatch):
    parsed_cache.load(_source(data_file)).catalog()
    monkeypatch.setattr(parsed_cache, "FORMAT", parsed_cache.FORMAT + 1)
    assert _entry(data_file) is None
    monkeypatch.setattr(parsed_cache, "FORMAT", parsed_cache.FORMAT - 1)
    assert _entry(data_file) is not None
    monkeypatch.setattr(parsed_cache, "code_stamp", lambda: "other code")
    assert _entry(data_file) is None


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give a file away")
def test_an_entry_owned_by_another_user_is_ignored(data_file):
    parsed_cache.load(_source(data_file)).catalog()
    os.chown(parsed_cache.entry_path(data_file), 12345, 12345)
    assert _entry(data_file) is None


def test_an_invalid_file_is_never_cached(data_file):
    data_file.write_text(data_file.read_text(encoding="utf-8").replace("official: blinken", "official: nobody", 1))
    with pytest.raises(Exception, match="no official 'nobody'"):
        parsed_cache.load(_source(data_file))
    assert not parsed_cache.entry_path(data_file).exists()


def _cache_with_place_index(folder):
    """A new cache folder holding (a copy of) the session's place index, not built again."""
    folder.mkdir()
    for index in parsed_cache.cache_dir().glob("gazetteer-*.sqlite"):
        shutil.copyfile(index, folder / index.name)
    return folder


def test_an_unusable_cache_folder_only_makes_it_slower(cli, data_file, tmp_path):
    expected = cli("show", "blinken-final").stdout  # (builds the place index if it is not there yet)
    cache = _cache_with_place_index(tmp_path / "cache")
    (cache / "parsed").write_text("a file where the parsed-file cache's folder should be")
    for _ in range(2):
        result = cli.runner.invoke(
            app, ["--data", str(data_file), "show", "blinken-final"], env={**PINNED_ENV, "TRIPTRACK_CACHE_DIR": str(cache)}
        )
        assert result.exit_code == 0 and result.stdout == expected
    assert (cache / "parsed").is_file()


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
    cli("list")  # fills both caches
    for name in ("trip", "blob", "all_blobs", "catalog"):
        monkeypatch.setattr(parsed_cache.Entry, name, lambda *a, **k: pytest.fail("list read a trip's stops"))
    monkeypatch.setattr(output_cache, "replay", lambda *a: False)  # draw again, from the summaries
    result = cli("list")
    assert result.exit_code == 0 and "blinken-final" in result.stdout and "Seoul → Tokyo → Paris" in result.stdout


def test_show_prints_from_the_output_cache_only_for_the_same_data_and_terminal(cli, data_file, monkeypatch):
    from triptrack.render import trip_view

    first = cli("show", "blinken-final")
    assert first.exit_code == 0
    monkeypatch.setattr(trip_view, "render_trip", lambda *a, **k: pytest.fail("drawn again"))
    assert cli("show", "blinken-final").stdout == first.stdout  # printed from the cache
    monkeypatch.setenv("COLUMNS", "70")
    with pytest.raises(pytest.fail.Exception):
        cli.runner.invoke(
            app,
            ["--data", str(data_file), "show", "blinken-final"],
            env={**PINNED_ENV, "COLUMNS": "70"}, catch_exceptions=False,
        )
    monkeypatch.undo()
    data_file.write_text(data_file.read_text(encoding="utf-8").replace("(as announced)", "(as planned)"))
    assert "(as planned)" in cli("show", "blinken-final").stdout


def test_the_cached_output_is_byte_for_byte_what_rich_prints(data_file, tmp_path):
    """In colour too: capturing and printing again equals printing directly."""
    import io

    from rich.console import Console

    from triptrack.render.trip_view import render_trip

    catalog = storage.load(_source(data_file))
    snapshot = parsed_cache.Snapshot(_source(data_file))
    for color in (None, "truecolor"):
        direct, cached = io.StringIO(), io.StringIO()
        for out in (direct, cached):
            console = Console(file=out, width=90, color_system=color, force_terminal=bool(color), highlight=False)
            draw = lambda c=console: c.print(render_trip(catalog, catalog.trips["blinken-final"], width=c.width))
            if out is direct:
                draw()
            else:
                output_cache.record(snapshot, console, ("test", color), draw)
        assert cached.getvalue() == direct.getvalue()
        again = io.StringIO()
        console = Console(file=again, width=90, color_system=color, force_terminal=bool(color), highlight=False)
        assert output_cache.replay(snapshot, console, ("test", color))
        assert again.getvalue() == direct.getvalue()


def test_list_after_an_edit_is_what_a_fresh_list_prints(cli, data_file, tmp_path, monkeypatch):
    assert cli("list").exit_code == 0  # fills the caches, and the rows drawn
    edited = cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00")
    assert edited.exit_code == 0, edited.output
    after_edit = cli("list").stdout
    monkeypatch.setenv("TRIPTRACK_CACHE_DIR", str(tmp_path / "fresh-cache"))
    assert cli("list").stdout == after_edit
    assert "Seoul → Tokyo → Paris → Rome" in after_edit
