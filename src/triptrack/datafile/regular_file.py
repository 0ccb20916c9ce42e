"""Reading a file a person named: only a regular file is read, and nothing can hang."""

from __future__ import annotations

import os
from pathlib import Path

from triptrack.errors import DataFileError


def read_regular_file(path: Path, shown: str, kind: str, advice: str) -> bytes | None:
    """The bytes of a regular file, or None when there is none. Nothing else is read: a FIFO
    would hang the read (it is opened non-blocking, then refused), a device is not data."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DataFileError(shown, None, f"is a folder, not {kind}") from None
    except OSError as exc:
        raise DataFileError(shown, None, f"cannot be read: {exc.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise DataFileError(shown, None, f"is a folder, not {kind}")
        if not stat.S_ISREG(mode):
            raise DataFileError(shown, None, f"is not a regular file (a device, FIFO or socket); {advice}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as exc:
        raise DataFileError(shown, None, f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)
