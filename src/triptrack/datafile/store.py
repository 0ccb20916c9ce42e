"""The data file: where it is, reading and validating it, and the one safe way to write it.

Reads: bytes -> UTF-8 text -> YAML nodes -> validated Catalog. Writes go through
`edit()`: take the lock, read, apply a text change, validate the result, then
replace the file atomically (temp file in the same folder, fsync, rename), keeping
its permissions, owner, a leading BOM and a symlink's link. Nothing is written after
an error, and a read-only file is never replaced.

A writer killed between creating its temp file and the rename leaves
`.trips.yaml.<random>.tmp` behind; the next edit (holding the lock, so no live writer
owns one) removes it. The lock file `.trips.yaml.lock` stays beside the data file.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from triptrack.errors import ConflictError, DataFileError

if TYPE_CHECKING:  # the parser and schema are imported when a file is parsed, not at start-up
    from triptrack.core.model import Catalog
    from triptrack.datafile.syntax import Node

ENV_VAR = "TRIPTRACK_DATA"
WRITTEN: list[str] = []  # the files a person asked this run to write, so a later failure can say what was saved
LOCK_TIMEOUT_S = 30.0
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class DataSource:
    """Which data file is in use, and why."""

    path: Path
    reason: str
    seed: Path | None = None  # read instead while `path` does not exist yet

    @property
    def display(self) -> str:
        return str(self.path)


def sample_path() -> Path:
    """The sample data shipped with triptrack (blinken-final and its record)."""
    from importlib.resources import files

    packaged = Path(str(files("triptrack") / "sample" / "trips.yaml"))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "trips.yaml"  # a source checkout


def user_data_path() -> Path:
    from triptrack.datafile.paths import absolute_env

    base = absolute_env("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "triptrack" / "trips.yaml"


def locate(explicit: str | None = None) -> DataSource:
    """--data PATH, else $TRIPTRACK_DATA, else the user's own file (seeded from the sample)."""
    if explicit:
        return DataSource(Path(explicit), "given with --data")
    if os.environ.get(ENV_VAR):
        return DataSource(Path(os.environ[ENV_VAR]), f"set by ${ENV_VAR}")
    path = user_data_path()
    return DataSource(path, "the default for this user", seed=sample_path())


@dataclass
class Document:
    """One read of the data file: its text, node tree and validated catalog."""

    path: Path
    text: str
    root: Node | None
    catalog: Catalog
    fingerprint: str  # sha256 of the bytes read ("" when the file did not exist)


def _read_bytes(path: Path, shown: str) -> bytes | None:
    """The file's bytes, or None when it does not exist; DataFileError when it is not a regular file."""
    return read_regular_file(path, shown, "a data file", "give a YAML file")


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


def parse(text: str, shown: str) -> tuple[Node | None, Catalog]:
    from triptrack.datafile.schema import catalog_from_node
    from triptrack.datafile.syntax import compose

    root = compose(text, shown)
    return root, catalog_from_node(root, shown)


def read_document(source: DataSource) -> Document:
    """Read and validate the data file (or its seed while it does not exist)."""
    from triptrack.datafile.syntax import decode

    raw = _read_bytes(source.path, source.display)
    fingerprint = _digest(raw)
    if raw is None and source.seed is not None:
        raw = _read_bytes(source.seed, str(source.seed))
    text = decode(raw, source.display) if raw is not None else ""
    root, catalog = parse(text, source.display)
    return Document(source.path, text, root, catalog, fingerprint)


def load(source: DataSource) -> Catalog:
    from triptrack.datafile import (
        parsed_cache,  # the same catalog, from the cache when it holds these bytes
    )

    return parsed_cache.load(source).catalog()


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path(path)), timeout=LOCK_TIMEOUT_S)
    try:
        lock.acquire()
    except Timeout:
        raise ConflictError(
            f"{path}: another triptrack has been writing it for {LOCK_TIMEOUT_S:g} s; nothing was written, try again"
        ) from None
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot take the lock {lock_path(path).name}: {exc.strerror}") from None
    try:
        yield
    finally:
        lock.release()


def _digest(raw: bytes | None) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest() if raw is not None else ""


def _check_writable(target: Path, shown: str) -> None:
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise DataFileError(shown, None, "is read-only; nothing was written (make it writable to edit it)")


def _remove_stale_temp_files(target: Path) -> None:
    """Temp files of writers that were killed before their rename (we hold the lock)."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def edit(source: DataSource, change: Callable[[Document], str]) -> Document:
    """Apply `change` (old document -> new text) under the file lock; write atomically.

    The new text is validated before anything is written. Returns the new document.
    """
    target = Path(os.path.realpath(source.path))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFileError(source.display, None, f"cannot create its folder: {exc.strerror}") from None
    with _locked(target):
        old = read_document(source)
        new_text = change(old)
        root, catalog = parse(new_text, source.display)
        current = _read_bytes(target, source.display)
        if _digest(current) != old.fingerprint:
            raise ConflictError(f"{source.display} changed while it was being edited; nothing was written, try again")
        data = (BOM if current and current.startswith(BOM) else b"") + new_text.encode("utf-8")
        write_checked(target, source.display, data)
    from triptrack.datafile import parsed_cache

    parsed_cache.remember(source, data, text=new_text, root=root, catalog=catalog)  # no parse next time
    return Document(source.path, new_text, root, catalog, _digest(data))


def write_checked(target: Path, shown: str, data: bytes) -> None:
    """Under the lock: refuse a read-only file, clear dead writers' temp files, replace atomically."""
    _check_writable(target, shown)
    _remove_stale_temp_files(target)
    before = _read_bytes(target, shown)
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise DataFileError(shown, None, f"cannot be written: {exc.strerror}; nothing was changed") from None
    WRITTEN.append(shown)
    from triptrack.datafile import journal

    journal.record(target, before, data)  # what this write replaced, for `history` and `undo`


def atomic_write(target: Path, content: str | bytes) -> None:
    """Replace `target` with `content`: temp file beside it, fsync, rename, fsync the folder."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        previous = os.stat(target)
    except FileNotFoundError:
        previous = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
