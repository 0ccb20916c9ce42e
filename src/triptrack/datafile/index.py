"""The index of a data file: each piece parsed once, found again by the hash of its bytes.

Parsing and validating costs about a second per 3,000 stops. The file is cut into
pieces (datafile.pieces: the officials, each trip) and what each piece parses to is
kept in one SQLite file per data file (`cache_dir()/index/<hash of its path>.sqlite`),
under a key that holds every input of the value: the piece's bytes, triptrack's code
(every source file's size and mtime: a field added anywhere means parsing again), the
Python version, PyYAML's installation and the time-zone data (PYTHONTZPATH, the zone
folders and the tzdata package). A trip's times also depend on its official's home
zone: the row records the official and the zone it was read with, and is used only
while both are unchanged. So after any change — an edit by triptrack or by a person's
editor — only the pieces whose bytes changed are parsed again, and the whole-file
rules (every trip's official exists, no duplicate id) are checked on every read.

What the index holds is never trusted before it is checked: the file must be a regular
file of the user's own (a link, FIFO, folder or device is not opened, never waited on),
and each value is unpickled only after its BLAKE2b digest matches, by an unpickler that
builds nothing but triptrack's model and dates. A damaged or foreign index is removed
and built again; with no usable cache folder everything works, slower. A layout the
pieces cannot cut (CRLF, flow style, duplicate ids) is parsed whole, as is a file with
an error, so errors are worded exactly.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

from triptrack.datafile.index_db import (
    Damaged,
    _pack,
    _remove,
    _store,
    _unpack,
    _value_of,
    connect,
    environment,
    index_path,
    piece_key,
)

if TYPE_CHECKING:
    from triptrack.core.model import Catalog, Official, Trip
    from triptrack.datafile.paths import DataSource
    from triptrack.datafile.pieces import Piece


# --- reading a data file through the index --------------------------------------------------


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


def shift_lines(trip: Trip, delta: int) -> Trip:
    """Add `delta` to every line number the trip carries (in place); returns the trip."""
    if delta:
        trip.line += delta
        for item in (*trip.stops, *trip.obligations):
            item.line += delta
    return trip


class Parsed:
    """A data file's bytes, parsed and validated: officials at once, trips as they are asked for."""

    def __init__(self, shown: str, raw: bytes | None):
        self.shown, self.raw = shown, raw
        self.officials: dict[str, Official] = {}
        self._rows: dict[str, tuple[Piece, bytes]] = {}  # trip id -> (piece, key) when read through the index
        self._catalog: Catalog | None = None  # when parsed whole
        self._db = self._index = None
        self._fresh: dict[bytes, tuple[bytes, bytes]] = {}  # parsed now: key -> (summary, value), packed

    def trip_ids(self) -> list[str]:
        return list(self._catalog.trips if self._catalog is not None else self._rows)

    def _value(self, key: bytes, column: str):
        if key in self._fresh:
            return _unpack(self._fresh[key][column == "value"])
        return _value_of(self._db, key, column)

    def _rescue(self) -> None:
        """The index failed part-way (damaged on disk): remove it, parse the bytes whole."""
        self._db.close()
        _remove(self._index)
        whole = _whole(self.shown, self.raw)
        self._catalog, self.officials = whole._catalog, whole.officials

    def trip(self, trip_id: str) -> Trip | None:
        if self._catalog is None and trip_id in self._rows:
            piece, key = self._rows[trip_id]
            try:
                return shift_lines(self._value(key, "value"), piece.line)
            except Damaged:
                self._rescue()
        return self._catalog.trips.get(trip_id) if self._catalog is not None else None

    def _all(self, column: str) -> dict:
        """Every trip's `column` (summary or value), read in one query."""
        import sqlite3

        try:
            stored = dict(self._db.execute(f"SELECT key, {column} FROM pieces WHERE official IS NOT NULL"))
        except sqlite3.DatabaseError as exc:
            raise Damaged(str(exc)) from None
        stored.update((key, packed[column == "value"]) for key, packed in self._fresh.items())
        try:
            return {trip_id: (piece, _unpack(stored[key])) for trip_id, (piece, key) in self._rows.items()}
        except KeyError:
            raise Damaged("a row went missing") from None

    def summaries(self) -> list[TripSummary]:
        if self._catalog is None:
            try:
                return [TripSummary(*row) for _piece, row in self._all("summary").values()]
            except Damaged:
                self._rescue()
        return [TripSummary(*TripSummary.row(trip)) for trip in self._catalog.trips.values()]

    def catalog(self) -> Catalog:
        from triptrack.core.model import Catalog

        if self._catalog is None:
            try:
                trips = {trip_id: shift_lines(trip, piece.line) for trip_id, (piece, trip) in self._all("value").items()}
                return Catalog(officials=dict(self.officials), trips=trips)
            except Damaged:
                self._rescue()
        return self._catalog

    def lazy_catalog(self) -> Catalog:
        """Every official and trip, each trip read from the index only when it is looked at."""
        from triptrack.core.model import Catalog

        if self._catalog is not None:
            return self._catalog
        return Catalog(officials=dict(self.officials), trips=_TripsOnDemand(self))

    def with_trip(self, trip_id: str) -> tuple[Catalog, Trip] | None:
        """Every official and only this trip; None when the file has no such trip."""
        from triptrack.core.model import Catalog

        trip = self.trip(trip_id)
        if trip is None:
            return None
        return Catalog(officials=dict(self.officials), trips={trip_id: trip}), trip

    def overview(self) -> Catalog:
        """Every official and each trip's summary in place of the trip (for `list`: no stops)."""
        from triptrack.core.model import Catalog

        return Catalog(officials=dict(self.officials), trips={s.id: s for s in self.summaries()})


class _TripsOnDemand(MutableMapping):
    """A catalog's trips, in file order, each read when first asked for."""

    def __init__(self, parsed: Parsed):
        self._parsed, self._ids, self._read = parsed, list(parsed._rows), {}

    def __getitem__(self, trip_id: str) -> Trip:
        if trip_id not in self._read:
            if trip_id not in self._ids:
                raise KeyError(trip_id)
            self._read[trip_id] = self._parsed.trip(trip_id)
        return self._read[trip_id]

    def __contains__(self, trip_id) -> bool:
        return trip_id in self._read or trip_id in self._ids

    def __iter__(self):
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __setitem__(self, trip_id: str, trip: Trip) -> None:
        if trip_id not in self._ids:
            self._ids.append(trip_id)
        self._read[trip_id] = trip

    def __delitem__(self, trip_id: str) -> None:
        self._ids.remove(trip_id)
        self._read.pop(trip_id, None)


def read_bytes(path: Path, shown: str) -> bytes | None:
    """The file's bytes; None when it does not exist; DataFileError when it cannot be read
    or is not a regular file (a FIFO is refused, never waited on)."""
    from triptrack.datafile.regular_file import read_regular_file

    return read_regular_file(path, shown, "a data file", "give a YAML file")


def parse_whole(text: str, shown: str):
    """(node tree, catalog) of a whole text, validated: DataFileError at the first problem."""
    from triptrack.datafile.schema import catalog_from_node
    from triptrack.datafile.syntax import compose

    root = compose(text, shown)
    return root, catalog_from_node(root, shown)


def read_source(source: DataSource) -> tuple[Path, bytes | None]:
    """(the path read, its bytes): the data file, or its seed while it does not exist."""
    raw = read_bytes(source.path, source.display)
    if raw is None and source.seed is not None:
        return source.seed, read_bytes(source.seed, str(source.seed))
    return source.path, raw


def load(source: DataSource, raw: bytes | None = None, path: Path | None = None) -> Parsed:
    """The data file in use (or `raw`, bytes meant for `path`), parsed and validated:
    DataFileError when it is not valid."""
    if raw is None:
        path, raw = read_source(source)
    path = path or source.path
    db = connect(path) if raw is not None else None
    try:
        parsed = _load(source.display, raw, db)
    except Damaged:
        db.close()
        _remove(index_path(path))
        db = connect(path)
        parsed = _load(source.display, raw, db)
    parsed._index = index_path(path)
    return parsed


def _whole(shown: str, raw: bytes | None) -> Parsed:
    from triptrack.datafile.syntax import decode

    parsed = Parsed(shown, raw)
    _root, parsed._catalog = parse_whole(decode(raw, shown) if raw is not None else "", shown)
    parsed.officials = parsed._catalog.officials
    return parsed


# Bytes that syntax.decode refuses with their line (NUL, a CR: lone ones are refused and
# CRLF files are read whole anyway; NEL, LS and PS in UTF-8, a UTF-16 mark): such a file is
# read whole, so the refusal is the same with or without the index.
_READ_WHOLE = (b"\x00", b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xff\xfe", b"\xfe\xff")


def _load(shown: str, raw: bytes | None, db) -> Parsed:
    import sqlite3

    from triptrack.datafile.pieces import cut

    if raw is None or db is None or any(odd in raw for odd in _READ_WHOLE):
        return _whole(shown, raw)  # its checks name the line of what the pieces would not see
    env = environment()
    file_key = piece_key(env, "file", raw)
    seen = _seen_before(shown, raw, db, file_key)
    if seen is not None:
        return seen
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    pieces = cut(raw[bom:])
    if pieces is None:
        return _whole(shown, raw)
    parsed = Parsed(shown, raw)
    parsed._db = db
    view = memoryview(raw)[bom:]
    try:
        known = {key: (official, home_tz) for key, official, home_tz in db.execute("SELECT key, official, home_tz FROM pieces")}
    except sqlite3.DatabaseError as exc:
        raise Damaged(str(exc)) from None
    new_rows, used, officials_key = [], set(), None
    try:
        for piece in pieces:
            chunk = view[piece.start : piece.end]
            if piece.kind == "officials":
                key = piece_key(env, piece.kind, chunk)
                if key in known:
                    officials = _value_of(db, key)
                else:
                    officials = _parse_officials(chunk, shown)
                    new_rows.append((key, None, None, None, _pack(officials)))
                parsed.officials = {i: _shifted(o, piece.line) for i, o in officials.items()}
                used.add(key)
                officials_key = key
            elif piece.kind == "prelude":
                _check_prelude(chunk)
        for piece in pieces:
            if piece.kind != "trip":
                continue
            key = piece_key(env, "trip", view[piece.start : piece.end])
            stored = known.get(key)
            official = parsed.officials.get(stored[0]) if stored else None
            if official is None or official.home_tz != stored[1]:
                trip = _parse_trip(view[piece.start : piece.end], piece, parsed.officials, shown)
                parsed._fresh[key] = packed = (_pack(TripSummary.row(trip)), _pack(trip))
                new_rows.append((key, trip.official, parsed.officials[trip.official].home_tz, *packed))
            parsed._rows[piece.key] = (piece, key)
            used.add(key)
    except _Unusual:
        return _whole(shown, raw)  # exact wording of any error, or a layout the pieces misread
    officials_line = next((piece.line for piece in pieces if piece.kind == "officials"), 0)
    layout = (officials_key, officials_line, [(trip_id, key, piece.line) for trip_id, (piece, key) in parsed._rows.items()])
    new_rows.append((file_key, None, None, None, _pack(layout)))
    used.add(file_key)
    _store(db, new_rows, known, used)
    return parsed


class _At:
    """Where a trip starts (all a Parsed needs of its piece)."""

    __slots__ = ("line",)

    def __init__(self, line: int):
        self.line = line


def _seen_before(shown: str, raw: bytes, db, file_key: bytes) -> Parsed | None:
    """These very bytes were read and validated before (same code, zone data...): their layout,
    without cutting or hashing the file again; None otherwise."""
    import sqlite3

    try:
        found = db.execute("SELECT value FROM pieces WHERE key = ?", (file_key,)).fetchone()
    except sqlite3.DatabaseError as exc:
        raise Damaged(str(exc)) from None
    if found is None:
        return None
    officials_key, officials_line, trips = _unpack(found[0])
    parsed = Parsed(shown, raw)
    parsed._db = db
    officials = _value_of(db, officials_key) if officials_key is not None else {}
    parsed.officials = {i: _shifted(o, officials_line) for i, o in officials.items()}
    parsed._rows = {trip_id: (_At(line), key) for trip_id, key, line in trips}
    return parsed


def _shifted(official: Official, delta: int) -> Official:
    import copy

    official = copy.copy(official)
    official.line += delta
    return official


class _Unusual(Exception):
    """A piece that does not parse alone as it would in the file (or has an error): parse whole."""


def _compose(chunk: memoryview, shown: str):
    from triptrack.datafile.syntax import MappingNode, ScalarNode, compose
    from triptrack.errors import DataFileError

    try:
        root = compose(bytes(chunk).decode("utf-8"), shown)
    except (DataFileError, UnicodeDecodeError):
        raise _Unusual from None
    if root is None:
        return None, None
    if not isinstance(root, MappingNode) or len(root.value) != 1 or not isinstance(root.value[0][0], ScalarNode):
        raise _Unusual
    return root.value[0]


def _check_prelude(chunk: memoryview) -> None:
    """Before the first key: only blank lines and comments. (The `trips:` piece is its key's
    line and the blank and comment lines before the first trip: pieces.cut saw to that.)"""
    for line in bytes(chunk).split(b"\n"):
        stripped = line.strip(b" ")
        if stripped and not stripped.startswith(b"#"):
            raise _Unusual


def _parse_officials(chunk: memoryview, shown: str) -> dict[str, Official]:
    from triptrack.datafile import schema
    from triptrack.datafile.syntax import MappingNode
    from triptrack.errors import DataFileError

    key, node = _compose(chunk, shown)
    if key is None or key.value != "officials" or key.style not in (None, ""):
        raise _Unusual
    reader = schema._Reader(shown)
    officials = {}
    try:
        if not reader.is_null(node):
            reader.check_tag(node, "officials")
            if not isinstance(node, MappingNode):
                raise _Unusual
            reader.pairs(node, "officials", None)
            for key_node, value in node.value:
                official_id = reader.identifier(key_node, "officials", "official")
                officials[official_id] = schema._official(reader, official_id, value)
    except DataFileError:
        raise _Unusual from None
    return officials


def _parse_trip(chunk: memoryview, piece: Piece, officials: dict[str, Official], shown: str) -> Trip:
    from triptrack.core.model import Catalog
    from triptrack.datafile import schema
    from triptrack.errors import DataFileError

    key, node = _compose(chunk, shown)
    if key is None or key.value != piece.key or key.style not in (None, ""):
        raise _Unusual
    try:
        return schema._trip(schema._Reader(shown), piece.key, node, Catalog(officials=officials))
    except DataFileError:
        raise _Unusual from None
