"""A rebuildable SQLite file in the cache (the gazetteer's index): is it whole, and clearing it away.

The cache may be deleted at any time, and anything may be found in its place: an empty,
truncated or random file, a folder, a FIFO. `state` tells a whole SQLite file from the
rest by its 100-byte header (magic, page size x page count = file size) without opening
anything but a regular file, so nothing can hang. Standard library only.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

STALE_BUILD_S = 600  # a build takes seconds; a temp file this old belongs to a killed one


def remove_stale_builds(folder: Path, prefix: str) -> None:
    """Remove temp files of builds killed long ago (older than STALE_BUILD_S)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
            try:
                if entry.is_file(follow_symlinks=False) and time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_BUILD_S:
                    os.unlink(entry.path)
            except OSError:
                pass


_SQLITE_MAGIC = b"SQLite format 3\x00"


def state(path: Path) -> str:
    """'missing', 'whole' (a complete SQLite file) or 'damaged' (empty, truncated, random, a
    folder, a FIFO...). Reads 100 bytes at most, and never opens anything but a regular file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "missing" if not os.path.islink(path) else "damaged"
    except OSError:
        return "damaged"
    if not stat.S_ISREG(info.st_mode):
        return "damaged"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return "damaged"
    try:
        header = os.read(fd, 100)
    except OSError:
        return "damaged"
    finally:
        os.close(fd)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return "damaged"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages == 0 or header[24:28] != header[92:96] or info.st_size != page_size * pages:
        return "damaged"
    return "whole"


def discard(path: Path) -> bool:
    """Remove a damaged index (the cache may be deleted at any time); False when it cannot be."""
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            os.rmdir(path)  # an empty folder only: never delete what someone put in one
        else:
            os.unlink(path)
        return True
    except FileNotFoundError:
        return True
    except OSError:
        return False


def disk_full(exc: BaseException) -> bool:
    """True for ENOSPC/EDQUOT, or SQLite's SQLITE_FULL."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return getattr(exc, "sqlite_errorcode", None) == 13 or "disk is full" in str(exc)  # SQLITE_FULL
