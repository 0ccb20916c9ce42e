"""Writing a file whole, the one way triptrack replaces a file: a temp file beside it
(`.NAME.<random>.tmp`), renamed over it, so a reader or a crash sees the old bytes or
the new, never half of them. Standard library only."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path


def atomic_write(target: Path, content: str | bytes, durable: bool = True, before_rename: Callable[[], None] | None = None) -> None:
    """Replace `target` with `content`, keeping its permissions (and, for root, its owner);
    a new file gets the umask's. `durable`: fsync the bytes, then the folder after the rename
    (what a person wrote); without it (the journal, the index's copy) a crash may lose the
    write, never leave it half done. `before_rename` runs last before the rename, to raise
    when the file must not be replaced after all (nothing is then written)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        previous = os.stat(target)
    except FileNotFoundError:
        previous = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if previous is not None:
            os.chmod(tmp, previous.st_mode & 0o7777)
            if hasattr(os, "chown") and (previous.st_uid, previous.st_gid) != (os.getuid(), os.getgid()):
                # Only root may give a file away; the permission bits above still apply.
                with suppress(PermissionError):
                    os.chown(tmp, previous.st_uid, previous.st_gid)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        if before_rename is not None:
            before_rename()
        os.replace(tmp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if durable:
        _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
