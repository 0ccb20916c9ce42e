"""Where a command may write what it made (`export -o`, `show --save`): never over the data file.

A file a person names for output is refused when it is the data file (through any
symlink, hard link or relative path) or its lock file, when it is not a regular file
(a FIFO, a device such as /dev/null, a socket, a folder: replacing one with a regular
file would break it, and opening a FIFO with no reader hangs), and when it exists and
the person did not say it may be replaced. `-`, /dev/stdout and /dev/fd/1 mean stdout:
the caller prints there instead. Standard library only.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable

from triptrack.errors import InputError

STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def means_stdout(path: str | Path) -> bool:
    return str(path) in STDOUT_NAMES


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_target(
    path: Path,
    *,
    option: str,
    data_path: Path,
    force: bool,
    confirm: Callable[[str], bool] | None = None,
    seed: Path | None = None,
) -> Path:
    """The real path to write `path` at, or InputError saying why it must not be written.

    `confirm(question)` is asked about an existing file when not `force` (None: refuse).
    `seed` is the sample read while the data file does not exist yet: never written either.
    """
    from triptrack.datafile.store import lock_path

    shown = f"{option} {path}"
    data_real = Path(os.path.realpath(data_path))
    guarded_files = [(data_real, "the data file"), (lock_path(data_real), "the data file's lock file")]
    if seed is not None:
        guarded_files.append((Path(os.path.realpath(seed)), "the sample shown until the data file exists"))
    for guarded, what in guarded_files:
        if _same_file(path, guarded):
            raise InputError(f"{shown}: that is {what} ({data_path}); nothing was written, choose another file")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(f"{shown}: cannot be used: {exc.strerror}; nothing was written") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{shown}: is a folder; give a file name; nothing was written")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{shown}: is not a regular file (a device, FIFO or socket); nothing was written "
                "(use - to write to stdout)"
            )
        if not force:
            question = f"{path} exists. Replace it?"
            if confirm is None or not confirm(question):
                raise InputError(f"{shown}: already exists; add --force to replace it (nothing was written)")
    return Path(os.path.realpath(path))


def write(target: Path, text: str, option: str, shown: Path) -> None:
    """Write `text` atomically at `target` (from check_target); InputError when that fails."""
    from triptrack.datafile.atomic_file import atomic_write
    from triptrack.datafile.store import WRITTEN

    try:
        atomic_write(target, text)
    except OSError as exc:
        raise InputError(f"{option} {shown}: cannot be written: {exc.strerror or exc}; nothing was written") from None
    WRITTEN.append(str(shown))
