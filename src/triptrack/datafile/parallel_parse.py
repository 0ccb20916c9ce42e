"""Parsing many pieces on two cores: the first read of a large file, or the first after
triptrack, Python or the zone data changed (every key changes with them). (Writing the
many trips of an import uses it too: datafile.emit.)

Parsing costs about a second per 3,000 stops, all of it in Python, so one process uses
one core. When there are many pieces to parse, a forked child parses beside the parent.
The pieces are dealt in small shares: a pipe holds one byte per share, and each process
takes the next share by reading a byte, so the two finish together however their speeds
differ (a freshly forked child is slower at first: every page it touches is copied). The
child sends back what it made (the index rows, already packed) through a second pipe. It
only parses: it touches no file, no index and no terminal, and leaves with os._exit. If
anything goes wrong in it (an error in a share, a crash, a kill), the parent parses the
shares it did not get back, so the result, and any error and its wording, are those of
one process.
"""

from __future__ import annotations

import gc
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
    """[work(share) for share in shares], the shares being consecutive parts of `numbers` in
    order; parsed by this process and a forked child when there are enough numbers and a
    second core (all here, when the child fails or cannot be forked)."""
    if len(numbers) < MIN_PIECES or cores() < 2 or not may_fork():
        return [work(numbers)]
    size = max(SHARE, -(-len(numbers) // 255))  # at most 255 shares: one byte each
    shares = [numbers[at : at + size] for at in range(0, len(numbers), size)]
    deal_end, deal_in = os.pipe()
    os.write(deal_in, bytes(range(len(shares))))  # (under a pipe's 4 KiB: written whole)
    os.close(deal_in)  # once every share is taken, a read finds the end
    read_end, write_end = os.pipe()
    # The objects made so far stay out of both processes' cycle collections until the shares
    # are parsed: a collection writes into every object it walks, and each page it writes is
    # copied between the two (3,439 stops: the two processes took 320 ms, now about 290).
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:  # no process to spare (a limit on processes, or on memory): parse it all here
        gc.unfreeze()
        for end in (deal_end, read_end, write_end):
            os.close(end)
        return [work(numbers)]
    if pid == 0:  # the child: parse, send, leave (no atexit handler, no output flushed twice)
        status = 1
        try:
            os.close(read_end)
            made = _take(work, shares, deal_end)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(made, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        made = _take(work, shares, deal_end)
        made.update(_receive(read_end) or {})
    finally:
        gc.unfreeze()
        os.close(deal_end)
        _reap(pid, read_end)
    return [made[n] if n in made else work(share) for n, share in enumerate(shares)]


SHARE = 8  # pieces at least in a share


def _take(work: Callable[[list[int]], Result], shares: list[list[int]], deal_end: int) -> dict[int, Result]:
    """share number -> work(share), for each share this process takes until none is left."""
    made = {}
    while taken := os.read(deal_end, 1):
        made[taken[0]] = work(shares[taken[0]])
    return made


def _receive(read_end: int):
    """What the child sent; None when it did not finish (an error in a share, a crash, a kill)."""
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
