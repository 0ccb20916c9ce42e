"""The data file: which one, reading it, and the one safe way to write it.

Reads go through the index (datafile.index): bytes -> pieces -> validated catalog, each
piece parsed once. Every change goes through `edit()`: take the lock, read, apply a
text change (to a window of the file holding only the trip being changed, when the
edit names one), validate the new bytes (only the changed pieces are parsed again;
the whole-file rules are checked), then `replace_data_file`: the one function that
writes the data file, atomically (temp file in the same folder, fsync, rename, fsync
the folder), keeping its permissions, owner, a leading BOM and a symlink's link.
Nothing is written after an error, and a read-only file is never replaced.

A writer killed between creating its temp file and the rename leaves
`.trips.yaml.<random>.tmp` behind; the next edit (holding the lock, so no live writer
owns one) removes it. The lock file `.trips.yaml.lock` stays beside the data file.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from triptrack.datafile.atomic_file import atomic_write
from triptrack.datafile.paths import DataSource, locate  # noqa: F401  (the data source is part of this module's face)
from triptrack.errors import ConflictError, DataFileError, TriptrackError

if TYPE_CHECKING:  # the parser and schema are imported when a file is parsed, not at start-up
    from triptrack.core.model import Catalog, Trip
    from triptrack.datafile.parsed import Parsed
    from triptrack.datafile.syntax import Node

WRITTEN: list[str] = []  # the files a person asked this run to write, so a later failure can say what was saved
LOCK_TIMEOUT_S = 30.0
BOM = b"\xef\xbb\xbf"


class Document:
    """One read of the data file for an edit: its text (or a window of it), node tree and catalog."""

    def __init__(self, path: Path, text: str | None, parsed: Parsed, raw: bytes | None, written: bytes | None):
        self.path, self.parsed = path, parsed
        self._text = text  # None: the text of `raw` (the bytes read), decoded when first asked for
        self._raw = raw
        self._written = written  # the data file's bytes (None when it does not exist: `raw` is its seed)
        self._fingerprint: str | None = None
        self._root: Node | None = None
        self._catalog: Catalog | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            from triptrack.datafile.syntax import decode

            self._text = decode(self._raw, str(self.path)) if self._raw is not None else ""
        return self._text

    @property
    def fingerprint(self) -> str:
        """sha256 of the data file's bytes ("" when it did not exist)."""
        if self._fingerprint is None:
            self._fingerprint = _digest(self._written)
        return self._fingerprint

    @property
    def root(self) -> Node | None:
        if self._root is None and self.text.strip():
            from triptrack.datafile.syntax import compose

            self._root = compose(self.text, str(self.path))
        return self._root

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = self.parsed.lazy_catalog()
        return self._catalog


def _read_bytes(path: Path, shown: str) -> bytes | None:
    from triptrack.datafile.index import read_bytes

    return read_bytes(path, shown)


def parse(text: str, shown: str) -> tuple[Node | None, Catalog]:
    from triptrack.datafile.parsed import parse_whole

    return parse_whole(text, shown)


def read_document(source: DataSource) -> Document:
    """Read and validate the data file (or its seed while it does not exist)."""
    from triptrack.datafile import index
    from triptrack.datafile.syntax import decode

    path, raw = index.read_source(source)
    parsed = index.load(source, raw, path)
    text = decode(raw, source.display) if raw is not None else ""
    return Document(source.path, text, parsed, raw, raw if path == source.path else None)


def load(source: DataSource) -> Catalog:
    from triptrack.datafile import index

    return index.load(source).catalog()


def load_trip(source: DataSource, trip_id: str) -> tuple[Catalog, Trip]:
    """Every official and only the trip `trip_id`, read alone (a first read of a large file
    parses only it: index.load's `reading`); DataFileError naming close ids when there is none."""
    from triptrack.core.model import Catalog, find_trip
    from triptrack.datafile import index

    parsed = index.load(source, reading=trip_id)
    found = parsed.with_trip(trip_id)
    if found is None:
        find_trip(Catalog(trips=dict.fromkeys(parsed.trip_ids())), trip_id, source.display)  # says which ids are close
    return found


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: Path) -> Iterator[None]:
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


def _links(target: Path) -> int:
    try:
        return os.stat(target).st_nlink
    except OSError:
        return 0


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


def edit(source: DataSource, change: Callable[[Document], str], focus: str | None = None) -> Document:
    """Apply `change` (document -> new text) under the file lock and write the result.

    With `focus` (a trip id, or "" for none) the document holds only the officials and that
    trip, at their own lines (datafile.window); `change` must then touch nothing else, or the whole file
    is edited instead. The new bytes are validated before anything is written (InputError
    "refused: ..."); returns the document of what was written.
    """
    target = Path(os.path.realpath(source.path))
    if os.path.lexists(target) and not target.is_file():
        _read_bytes(target, source.display)  # a folder, FIFO or device: refused before any lock file is made beside it
    made = [folder for folder in (target.parent, *target.parent.parents) if not os.path.lexists(folder)]
    lock_was_there = os.path.lexists(lock_path(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFileError(source.display, None, f"cannot create its folder: {exc.strerror}") from None
    try:
        return _edit(source, target, change, focus)
    finally:
        if not os.path.lexists(target):  # nothing was created: leave no lock file nor folder behind
            _remove_new(([] if lock_was_there else [lock_path(target)]) + made)


def _remove_new(paths: list[Path]) -> None:
    """Remove what a failed edit made (a lock file, then the folders, deepest first) while each is empty."""
    for path in paths:
        try:
            os.rmdir(path) if path.is_dir() else os.unlink(path)
        except OSError:
            return


def _edit(source: DataSource, target: Path, change: Callable[[Document], str], focus: str | None) -> Document:
    from triptrack.datafile import index
    from triptrack.datafile.window import Window
    from triptrack.errors import InputError

    with locked(target):
        before = _read_bytes(target, source.display)
        path, raw = (target, before) if before is not None else index.read_source(source)
        parsed = index.load(source, raw, path)
        window = Window.around(raw, focus, parsed.layout) if focus is not None and raw is not None else None
        new_raw = None
        if window is not None:
            try:
                new_raw = window.apply(change(Document(source.path, window.text, parsed, raw, before)))
            except TriptrackError:
                new_raw = None  # (e.g. a step looked outside the window): the whole file decides
        if new_raw is None:  # no window, or the change reached outside it
            window = None
            bom = BOM if raw and raw.startswith(BOM) else b""
            new_raw = bom + change(Document(source.path, None, parsed, raw, before)).encode("utf-8")
        try:
            if window is not None and window.changed is not None and path == target:
                written = index.load_edited(parsed, new_raw, target, *window.changed)
            else:
                written = index.load(source, new_raw, target)
        except DataFileError as exc:
            where = f"line {exc.line}: " if exc.line else ""
            raise InputError(f"refused: after this change {where}{exc.detail}; nothing was written") from None
        replace_data_file(target, source.display, before, new_raw, written.changed_trips)
    return Document(source.path, None, written, new_raw, new_raw)


def replace_data_file(target: Path, shown: str, before: bytes | None, after: bytes, trips: list[str] | None = None) -> None:
    """Every write of a data file passes here (under the lock): refuse a read-only file,
    clear dead writers' temp files, replace the file atomically. `before` is what it held
    (None: it did not exist), checked again just before the rename: a person's editor may
    have saved it meanwhile, and that is never lost. `trips`, when known, the ids of the
    trips whose text changed (for the journal)."""
    _check_writable(target, shown)
    _remove_stale_temp_files(target)
    links = _links(target)

    def still_as_read() -> None:
        now = _read_bytes(target, shown)
        if now is not None and before is None:
            raise ConflictError(f"{shown} appeared while triptrack was creating it; nothing was written over it")
        if now != before:
            raise ConflictError(f"{shown} changed while it was being edited; nothing was written, try again")

    try:
        atomic_write(target, after, before_rename=still_as_read)
    except OSError as exc:
        raise DataFileError(shown, None, f"cannot be written: {exc.strerror}; nothing was changed") from None
    WRITTEN.append(shown)
    if links > 1:  # (the new file is a new inode: the other names keep the old bytes)
        import sys

        others = "1 other hard link, which keeps" if links == 2 else f"{links - 1} other hard links, which keep"
        sys.stderr.write(f"triptrack: note: {shown} had {others} the text as it was (the file is replaced whole)\n")
    from triptrack.datafile import journal

    journal.record(target, before, after, trips)  # what this write replaced, for `history` and `undo`
