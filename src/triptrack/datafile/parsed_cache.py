"""The parsed-file cache: a big data file opens in milliseconds, never from stale data.

Parsing and validating costs about a second per 3,000 stops. The result is kept in
the user's cache folder (`cache_dir()/parsed`, one entry per data file) and used
again only for exactly the same bytes:

* The data file's real path names the entry. The entry records the bytes' hash
  (BLAKE2b, or SHA-256 for large files: see content_hash) and size, the file's identity (device, inode, size, mtime) and stamps of all
  the result depends on: this format, the Python version, every triptrack source
  file, PyYAML and the time-zone data. Every read hashes the bytes it read; if the
  hash or any stamp differs, the file is parsed again and the entry replaced. (The
  identity alone could be fooled by a same-size edit within the clock's tick, so it
  never decides; a copy or `touch` of an unchanged file still uses the entry.)
* Only files that parsed and validated are cached: an error is found again each time.
* Entries are written to a temp file beside them and renamed over (os.replace), so
  a reader sees a whole entry or none. Unreadable, truncated, corrupt (CRC-checked),
  foreign (other owner) or other-format entries are ignored and rebuilt.
* Never required: with no usable cache folder (read-only, no HOME) all works, slower.

An entry: MAGIC, head length, head (stamps, hash, section table), then sections:
`index` (officials; per trip: start line, blob position, byte range for edits),
`summaries` (per trip what `list` shows, no stops) and `blobs` (one pickled Trip
each, line numbers relative to the trip's first line), so `list` reads no stops
and `show TRIP` unpickles one trip. Pickle is trusted as Python trusts its own
`__pycache__`: the folder is the user's own (created 0700; entries owned by
another user are ignored).
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from triptrack.datafile.paths import cache_dir

if TYPE_CHECKING:
    from triptrack.core.model import Catalog, Official, Trip
    from triptrack.datafile.store import DataSource
    from triptrack.datafile.syntax import Node

try:
    from _blake2 import (
        blake2b,  # CPython's own BLAKE2: no OpenSSL start-up (hashlib costs 2-3 ms)
    )
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

FORMAT = 1
MAGIC = b"triptrack parsed-file cache\n"
_PACKAGE = Path(__file__).resolve().parents[1]


LARGE = 1 << 20  # bytes; from here on SHA-256 (OpenSSL, with the CPU's SHA instructions) is faster


def content_hash(raw: bytes) -> str:
    """A hash of the data file's bytes, whichever way is fastest for its size.

    Measured on the 2-core benchmark machine: SHA-256 1.2-1.6 GB/s, SHA-1 1.0, SHA-512
    0.9, MD5 0.8, BLAKE2b 0.5-0.9, BLAKE2s and SHA3-256 0.5 GB/s; but importing hashlib
    (OpenSSL) costs 2-3 ms, BLAKE2 alone 0.2 ms. So BLAKE2b for small files, SHA-256
    for large ones; the name is part of the result, so the two never compare equal.
    """
    if len(raw) < LARGE:
        return "blake2b:" + blake2b(raw, digest_size=32).hexdigest()
    from hashlib import sha256

    return "sha256:" + sha256(raw).hexdigest()


# --- what an entry depends on ---------------------------------------------------------


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def code_stamp() -> str:
    """Size and mtime of every triptrack source file (any change of the code: rebuild)."""
    stamp = blake2b(digest_size=16)
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith((".", "__")))
        for name in sorted(names):
            if name.endswith(".py"):
                full = os.path.join(folder, name)
                stamp.update(f"{full}|{_stat(full)}\n".encode())
    return stamp.hexdigest()


def _environment() -> dict:
    return {
        "format": FORMAT,
        "python": sys.version,
        "tzpath": os.environ.get("PYTHONTZPATH", ""),
        "code": code_stamp(),
    }


def dependency_files() -> list[str]:
    """Files whose change could change a parse: PyYAML and the time-zone database."""
    import zoneinfo

    import yaml

    files = [yaml.__file__]
    extension = sys.modules.get("yaml._yaml")
    if extension is not None and getattr(extension, "__file__", None):
        files.append(extension.__file__)
    files += [os.path.join(folder, "tzdata.zi") for folder in zoneinfo.TZPATH]
    tzdata = sys.modules.get("tzdata")
    if tzdata is None:
        from importlib.util import find_spec

        spec = find_spec("tzdata")
        files.append(spec.origin if spec is not None and spec.origin else "tzdata:absent")
    else:
        files.append(tzdata.__file__)
    return files


def dependencies_unchanged(recorded: list) -> bool:
    return all(_stat(path) == stamp for path, stamp in recorded)


# --- where entries live -----------------------------------------------------------------


def entry_path(data_path: Path) -> Path | None:
    """The entry for the data file at `data_path`; None without an absolute cache folder."""
    folder = cache_dir()
    if not folder.is_absolute():
        return None
    name = blake2b(os.path.realpath(data_path).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return folder / "parsed" / f"{name}.cache"


def write_entry(path: Path, data: bytes | list[bytes]) -> None:
    """Replace the entry at `path` with `data` (or its parts, in order), atomically.

    OSError when the folder is unusable."""
    import tempfile

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in [data] if isinstance(data, bytes) else data:
                handle.write(part)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --- reading the data file ------------------------------------------------------------


class Snapshot:
    """The bytes of the data file (or of its seed while it does not exist), read once."""

    def __init__(self, source: DataSource):
        from triptrack.datafile.store import _read_bytes

        self.source = source
        self.path = source.path
        self.raw = _read_bytes(source.path, source.display)
        if self.raw is None and source.seed is not None:
            self.path = source.seed
            self.raw = _read_bytes(source.seed, str(source.seed))
        self.digest = content_hash(self.raw) if self.raw is not None else ""

    @classmethod
    def of_bytes(cls, source: DataSource, raw: bytes) -> Snapshot:
        """The snapshot of bytes just written to the data file."""
        snapshot = cls.__new__(cls)
        snapshot.source, snapshot.path, snapshot.raw = source, source.path, raw
        snapshot.digest = content_hash(raw)
        return snapshot

    def identity(self) -> tuple:
        try:
            st = os.stat(self.path)
        except OSError:
            return ()
        return (os.path.realpath(self.path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class Corrupt(Exception):
    """An entry that matched its stamps but cannot be read back (damaged on disk)."""


# --- one entry on disk ----------------------------------------------------------------


class Entry:
    """An open cache entry that holds exactly the snapshot's bytes."""

    def __init__(self, path: Path, handle, head: dict):
        self.path = path
        self._handle = handle
        self.head = head
        self._index: dict | None = None

    @classmethod
    def in_memory(cls, path: Path | None, parts: list[bytes]) -> Entry:
        """An entry just built (from `encode`), read from memory."""
        import io

        head = pickle.loads(parts[2])
        head["body"] = len(MAGIC) + 8 + len(parts[2])
        return cls(path, io.BytesIO(b"".join(parts)), head)

    @classmethod
    def open(cls, snapshot: Snapshot) -> Entry | None:
        if snapshot.raw is None:
            return None
        path = entry_path(snapshot.path)
        if path is None:
            return None
        try:
            handle = open(path, "rb")
        except OSError:
            return None
        try:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                raise Corrupt("owned by another user")
            if handle.read(len(MAGIC)) != MAGIC:
                raise Corrupt("not an entry")
            size = int.from_bytes(handle.read(8), "little")
            head = pickle.loads(handle.read(size))
            head["body"] = len(MAGIC) + 8 + size
            if not (
                head.get("environment") == _environment()
                and head.get("hash") == snapshot.digest
                and head.get("size") == len(snapshot.raw)
                and dependencies_unchanged(head.get("dependencies", [None]))
            ):
                raise Corrupt("for other bytes or another environment")
            entry = cls(path, handle, head)
            entry.index()  # checked now: every use needs it
            return entry
        except Exception:  # any damage means: parse the file again
            handle.close()
            return None

    def _bytes(self, offset: int, length: int, crc: int) -> bytes:
        self._handle.seek(self.head["body"] + offset)
        data = self._handle.read(length)
        if len(data) != length or zlib.crc32(data) != crc:
            raise Corrupt(f"{self.path}: damaged section")
        return data

    def _section(self, name: str):
        offset, length, crc = self.head["sections"][name]
        try:
            return pickle.loads(self._bytes(offset, length, crc))
        except Corrupt:
            raise
        except Exception as exc:
            raise Corrupt(f"{self.path}: {exc}") from None

    def index(self) -> dict:
        if self._index is None:
            self._index = self._section("index")
        return self._index

    def summaries(self) -> list[TripSummary]:
        return [TripSummary(*row) for row in self._section("summaries")]

    def blob(self, trip_id: str) -> bytes:
        offset, length, crc = self.index()["trips"][trip_id][1]
        base = self.head["sections"]["blobs"][0]
        return self._bytes(base + offset, length, crc)

    def trip(self, trip_id: str) -> Trip | None:
        place = self.index()["trips"].get(trip_id)
        if place is None:
            return None
        try:
            trip = pickle.loads(self.blob(trip_id))
        except Corrupt:
            raise
        except Exception as exc:
            raise Corrupt(f"{self.path}: {exc}") from None
        return shift_lines(trip, place[0])

    def all_blobs(self) -> bytes:
        offset, length, crc = self.head["sections"]["blobs"]
        return self._bytes(offset, length, crc)

    def catalog(self) -> Catalog:
        from triptrack.core.model import Catalog

        index = self.index()
        blobs = memoryview(self.all_blobs())
        catalog = Catalog(officials=dict(index["officials"]))
        try:
            for trip_id, (start_line, (offset, length, _crc), _span) in index["trips"].items():
                catalog.trips[trip_id] = shift_lines(pickle.loads(blobs[offset : offset + length]), start_line)
        except Exception as exc:
            raise Corrupt(f"{self.path}: {exc}") from None
        return catalog

    def close(self) -> None:
        self._handle.close()


def shift_lines(trip: Trip, delta: int) -> Trip:
    """Add `delta` to every line number the trip carries (in place); returns the trip."""
    if delta:
        trip.line += delta
        for item in (*trip.stops, *trip.obligations):
            item.line += delta
    return trip


class TripSummary:
    """What `list` shows of a trip, without its stops: the same attributes as a Trip."""

    __slots__ = ("id", "title", "official", "first_day", "last_day", "cities")

    def __init__(self, id, title, official, first_day, last_day, cities):
        self.id, self.title, self.official = id, title, official
        self.first_day, self.last_day, self.cities = first_day, last_day, cities

    @classmethod
    def row(cls, trip: Trip) -> tuple:
        return (trip.id, trip.title, trip.official, trip.first_day, trip.last_day, tuple(trip.route()))

    def route(self) -> list[str]:
        return list(self.cities)


# --- building an entry ----------------------------------------------------------------


def encode(snapshot: Snapshot, officials: dict[str, Official], trips: Iterable[tuple]) -> list[bytes]:
    """An entry for the snapshot's bytes, in parts, from the officials and, one at a time,
    each trip as (id, Trip with lines counted from its first line, first line, byte range)."""
    index_trips: dict[str, tuple] = {}
    blobs: list[bytes] = []
    summaries: list[tuple] = []
    offset = 0
    for trip_id, trip, start_line, span in trips:
        blob = pickle.dumps(trip, protocol=pickle.HIGHEST_PROTOCOL)
        index_trips[trip_id] = (start_line, (offset, len(blob), zlib.crc32(blob)), span)
        summaries.append(TripSummary.row(trip))
        blobs.append(blob)
        offset += len(blob)
    editable = all(span is not None for _line, _blob, span in index_trips.values())
    index = {"officials": officials, "trips": index_trips, "editable": editable}
    return assemble(snapshot, index, summaries, blobs)


def encode_catalog(snapshot: Snapshot, catalog: Catalog, layout: dict) -> list[bytes]:
    """An entry for a catalog parsed whole (`layout`: per trip its first line and byte range)."""

    def relative():
        for trip_id, trip in catalog.trips.items():
            start_line, span = layout.get(trip_id, (0, None))
            shift_lines(trip, -start_line)
            try:
                yield trip_id, trip, start_line, span
            finally:
                shift_lines(trip, start_line)  # once pickled: the caller's catalog is unchanged

    return encode(snapshot, catalog.officials, relative())


def assemble(snapshot: Snapshot, index: dict, summaries: list[tuple], blobs: list[bytes]) -> list[bytes]:
    """An entry's bytes, in parts (a big file's blobs are not copied into one string)."""
    sections: dict[str, tuple] = {}
    body: list[bytes] = []
    offset = 0
    for name, parts in (
        ("index", [pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)]),
        ("summaries", [pickle.dumps(summaries, protocol=pickle.HIGHEST_PROTOCOL)]),
        ("blobs", blobs),
    ):
        crc, length = 0, 0
        for part in parts:
            crc = zlib.crc32(part, crc)
            length += len(part)
        sections[name] = (offset, length, crc)
        body.extend(parts)
        offset += length
    head = {
        "environment": _environment(),
        "dependencies": [(path, _stat(path)) for path in dependency_files()],
        "hash": snapshot.digest,
        "size": len(snapshot.raw),
        "identity": snapshot.identity(),
        "sections": sections,
    }
    head_bytes = pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL)
    return [MAGIC, len(head_bytes).to_bytes(8, "little"), head_bytes, *body]


def store(snapshot: Snapshot, catalog: Catalog, layout: dict) -> None:
    """Write the entry for a file that parsed and validated (quietly skipped when impossible)."""
    path = entry_path(snapshot.path)
    if path is None or snapshot.raw is None:
        return
    try:
        write_entry(path, encode_catalog(snapshot, catalog, layout))
    except OSError:
        pass


def remember(source: DataSource, data: bytes, *, text: str, root: Node | None, catalog: Catalog) -> None:
    """Fill the cache for `data`, just written to the data file: `text`, parsed whole."""
    from triptrack.datafile.trip_slices import layout

    written = Snapshot.of_bytes(source, data)
    store(written, catalog, layout(written.raw, text, root))


def build_by_trip(snapshot: Snapshot, text: str) -> Entry | None:
    """Parse the file one trip at a time into an entry (written to the cache when it can be),
    never holding every trip at once; None when its layout needs a whole-file parse."""
    from triptrack.datafile import trip_slices
    from triptrack.errors import DataFileError

    try:
        parts = encode(snapshot, *_officials_then_trips(trip_slices.pieces(text, snapshot.source.display)))
    except (trip_slices.Declined, DataFileError):
        return None
    path = entry_path(snapshot.path)
    if path is not None:
        try:
            write_entry(path, parts)
        except OSError:
            pass
    return Entry.in_memory(path, parts)


def _officials_then_trips(pieces: Iterator) -> tuple[dict, Iterator]:
    return next(pieces), pieces


# --- what commands use ---------------------------------------------------------------


class Parsed:
    """A parsed, validated data file: read from the cache when it holds these bytes,
    otherwise parsed now (and the cache filled for next time)."""

    def __init__(self, snapshot: Snapshot, entry: Entry | None):
        self.snapshot = snapshot
        self.entry = entry
        self._catalog: Catalog | None = None
        if entry is None:
            self._parse()

    def _parse(self) -> None:
        from triptrack.datafile import trip_slices
        from triptrack.datafile.store import parse
        from triptrack.datafile.syntax import decode

        snapshot = self.snapshot
        if self.entry is not None:
            self.entry.close()
            self.entry = None
        text = decode(snapshot.raw, snapshot.source.display) if snapshot.raw is not None else ""
        if snapshot.raw is not None:
            self.entry = build_by_trip(snapshot, text)
            if self.entry is not None:
                return
        root, catalog = parse(text, snapshot.source.display)  # the whole file: any error, exactly worded
        self._catalog = catalog
        store(snapshot, catalog, trip_slices.layout(snapshot.raw or b"", text, root))

    def _cached(self, read):
        """`read(entry)`, or None when there is no entry (the catalog was parsed whole)."""
        if self.entry is not None:
            try:
                return read(self.entry)
            except Corrupt:  # damaged on disk: parse again (into a fresh entry, where it can)
                self._parse()
                if self.entry is not None:
                    return read(self.entry)
        return None

    @property
    def officials(self) -> dict[str, Official]:
        found = self._cached(lambda entry: entry.index()["officials"])
        return found if found is not None else self._catalog.officials

    def trip_ids(self) -> list[str]:
        found = self._cached(lambda entry: list(entry.index()["trips"]))
        return found if found is not None else list(self._catalog.trips)

    def trip(self, trip_id: str) -> Trip | None:
        if self.entry is not None:
            found = self._cached(lambda entry: (entry.trip(trip_id),))
            if found is not None:
                return found[0]
        return self._catalog.trips.get(trip_id)

    def summaries(self) -> list[TripSummary]:
        found = self._cached(lambda entry: entry.summaries())
        if found is not None:
            return found
        return [TripSummary(*TripSummary.row(trip)) for trip in self._catalog.trips.values()]

    def catalog(self) -> Catalog:
        found = self._cached(lambda entry: entry.catalog())
        return found if found is not None else self._catalog

    def with_trip(self, trip_id: str) -> tuple[Catalog, Trip]:
        """A catalog of every official and only this trip; NotFoundError as `find_trip` words it."""
        from triptrack.core.model import Catalog

        trip = self.trip(trip_id)
        if trip is None:
            from triptrack.edits.common import find_trip

            find_trip(Catalog(trips=dict.fromkeys(self.trip_ids())), trip_id, self.snapshot.source.display)
        return Catalog(officials=dict(self.officials), trips={trip_id: trip}), trip

    def overview(self) -> Catalog:
        """A catalog of every official and every trip's summary in place of the trip (for `list`:
        a summary has a trip's id, title, official, first and last day and route, but no stops)."""
        from triptrack.core.model import Catalog

        return Catalog(officials=dict(self.officials), trips={s.id: s for s in self.summaries()})


def load(source: DataSource, snapshot: Snapshot | None = None) -> Parsed:
    """The data file in use, parsed and validated (DataFileError when it is not valid)."""
    snapshot = snapshot or Snapshot(source)
    return Parsed(snapshot, Entry.open(snapshot))
