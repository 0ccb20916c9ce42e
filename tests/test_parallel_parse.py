"""Many trips to parse are parsed on two cores (a forked child takes shares of them beside the
parent): the result, and any error and its wording, are those of one process, whatever the
child does."""

from __future__ import annotations

import os
import shutil

import pytest

from triptrack.datafile import index, parallel_parse
from triptrack.datafile import parsed as parsed_module
from triptrack.datafile import store as storage
from triptrack.errors import DataFileError


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """Two cores and a low threshold, so 42 trips fork; the pids of the children forked."""
    monkeypatch.setattr(parallel_parse, "MIN_PIECES", 8)
    monkeypatch.setattr(parallel_parse, "cores", lambda: 2)
    children: list[int] = []
    fork = os.fork

    def counting_fork():
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counting_fork)
    return children


def _load(path):
    return index.load(storage.DataSource(path, str(path)))


def _reaped(pids: list[int]) -> bool:
    """Each of these children has ended and been waited for (none left running or a zombie).
    (Only these: the test process may have other children, a server started by a fixture.)"""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def test_two_cores_read_what_one_reads(many_trips, cache, forks):
    import gc

    parsed = _load(many_trips)
    assert len(forks) == 1 and _reaped(forks)
    assert gc.get_freeze_count() == 0  # what was kept from collections while the child ran is collected again
    one = storage.parse(many_trips.read_text(encoding="utf-8"), str(many_trips))[1]
    assert parsed.catalog() == one
    shutil.rmtree(cache / "index")  # and what the child stored reads back the same
    parallel_parse.MIN_PIECES = 10**9
    assert _load(many_trips).catalog() == one


def test_a_child_that_dies_is_made_up_for_here(many_trips, cache, forks, monkeypatch):
    parent = os.getpid()
    parse_trip = parsed_module._parse_trip

    def dying_in_the_child(*args):
        if os.getpid() != parent:
            os._exit(3)
        return parse_trip(*args)

    monkeypatch.setattr(parsed_module, "_parse_trip", dying_in_the_child)
    parsed = _load(many_trips)
    assert len(forks) == 1 and _reaped(forks)
    assert parsed.catalog() == storage.parse(many_trips.read_text(encoding="utf-8"), str(many_trips))[1]


@pytest.mark.parametrize("broken", ["copy-3", "copy-33"])  # in the first share, in the last
def test_an_error_in_either_half_is_worded_as_one_process_words_it(many_trips, cache, forks, broken):
    text = many_trips.read_text(encoding="utf-8")
    at = text.index(f"  {broken}:\n")
    at = text.index("arrive: 2025-01-06", at)
    many_trips.write_text(text[:at] + "arrive: 2025-02-30" + text[at + len("arrive: 2025-01-06") :], encoding="utf-8")
    with pytest.raises(DataFileError) as two:
        _load(many_trips)
    assert len(forks) == 1 and _reaped(forks)
    with pytest.raises(DataFileError) as one:
        storage.parse(many_trips.read_text(encoding="utf-8"), str(many_trips))
    assert str(two.value) == str(one.value) and "2025-02-30" in str(one.value)


def test_few_trips_or_one_core_do_not_fork(many_trips, cache, forks, monkeypatch):
    monkeypatch.setattr(parallel_parse, "cores", lambda: 1)
    _load(many_trips)
    monkeypatch.setattr(parallel_parse, "cores", lambda: 2)
    monkeypatch.setattr(parallel_parse, "MIN_PIECES", 43)
    shutil.rmtree(cache / "index")
    _load(many_trips)
    assert forks == []


def test_a_process_with_threads_does_not_fork(many_trips, cache, forks):
    """(A forked child of a threaded process could wait forever on a lock another thread held.)"""
    import threading

    done = threading.Event()
    waiting = threading.Thread(target=done.wait)
    waiting.start()
    try:
        parsed = _load(many_trips)
    finally:
        done.set()
        waiting.join()
    assert forks == [] and len(parsed.trip_ids()) == 42


def test_the_faster_process_takes_more_shares(many_trips, cache, forks, monkeypatch):
    """Shares are taken as each process is ready: a slow child leaves most of them to the parent
    (with halves, each would parse 21 of the 42 trips)."""
    import time

    parent = os.getpid()
    parse_trip = parsed_module._parse_trip
    here: list[str] = []

    def slow_in_the_child(chunk, piece, officials, shown):
        if os.getpid() != parent:
            time.sleep(0.05)  # a share of 8 trips: 0.4 s
        else:
            here.append(piece.key)
        return parse_trip(chunk, piece, officials, shown)

    monkeypatch.setattr(parsed_module, "_parse_trip", slow_in_the_child)
    parsed = _load(many_trips)
    assert len(forks) == 1 and _reaped(forks)
    assert len(here) >= 42 - 2 * 8, len(here)  # the child took one share, two at most
    assert parsed.catalog() == storage.parse(many_trips.read_text(encoding="utf-8"), str(many_trips))[1]


def test_when_no_process_can_be_forked_all_is_parsed_here(many_trips, cache, monkeypatch):
    """os.fork fails under a limit on processes or memory (EAGAIN, ENOMEM): the read goes on in one
    process, gives what one process gives, and leaves no pipe open and nothing kept from collection."""
    import errno
    import gc

    monkeypatch.setattr(parallel_parse, "MIN_PIECES", 8)
    monkeypatch.setattr(parallel_parse, "cores", lambda: 2)

    def no_fork():
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    pipes_before = _pipes()
    parsed = _load(many_trips)
    assert parsed.catalog() == storage.parse(many_trips.read_text(encoding="utf-8"), str(many_trips))[1]
    assert gc.get_freeze_count() == 0
    assert _pipes() == pipes_before


def _pipes() -> list[str]:
    """The pipes this process holds open (on Linux; elsewhere none are seen)."""
    found = []
    for fd in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("pipe:"):
            found.append(target)
    return sorted(found)
