"""Parsing many pieces on two cores: the first read of a large file, or the first after
triptrack, Python or the zone data changed (every key changes with them).

Parsing costs about a second per 3,000 stops, all of it in Python, so one process uses
one core. When there are many pieces to parse, a forked child parses the second half
and sends back what it made (the index rows, already packed) through a pipe, while the
parent parses the first half. The child only parses: it touches no file, no index and
no terminal, and leaves with os._exit. If anything goes wrong in it (an error in its
half, a crash, a kill), the parent parses that half itself, so the result, and any
error and its wording, are those of one process.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")

MIN_PIECES = 200  # fewer take under a tenth of a second: not worth a fork


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def may_fork() -> bool:
    """Only a single-threaded process on Linux forks: a child of a threaded one could find a
    lock held forever, and macOS's system libraries are not safe in a forked child."""
    import sys
    import threading

    return sys.platform.startswith("linux") and threading.active_count() == 1


def in_two(work: Callable[[list[int]], Result], numbers: list[int]) -> list[Result]:
    """[work(numbers)], or [work(first half), work(second half)] with the second half done by a
    forked child when there are enough numbers and a second core (or here, if the child failed)."""
    if len(numbers) < MIN_PIECES or cores() < 2 or not may_fork():
        return [work(numbers)]
    half = len(numbers) // 2
    first, second = numbers[:half], numbers[half:]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send, leave (no atexit handler, no output flushed twice)
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(work(second), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        mine = work(first)
        theirs = _receive(read_end)
    finally:
        _reap(pid, read_end)
    return [mine, theirs if theirs is not None else work(second)]


def _receive(read_end: int):
    """What the child sent; None when it did not finish (an error in its half, a crash, a kill)."""
    try:
        with os.fdopen(os.dup(read_end), "rb") as pipe:
            return pickle.load(pipe)
    except Exception:
        return None


def _reap(pid: int, read_end: int) -> None:
    """Close the pipe and wait for the child (killed first when the parent leaves early on an error)."""
    import signal

    os.close(read_end)
    try:
        finished, _status = os.waitpid(pid, os.WNOHANG)
        if not finished:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass
