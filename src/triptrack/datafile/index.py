"""The index of a data file: each piece parsed once, found again by the hash of its bytes.

Parsing and validating costs about a second per 3,000 stops. The file is cut into
pieces (datafile.pieces: the officials, each trip) and what each piece parses to is
kept in one SQLite file per data file (datafile.index_db, index_rows), under a key
that holds every input of the value: the piece's bytes, triptrack's code, Python,
PyYAML and the time-zone data. A trip's times also depend on its official's home zone:
its row records the official and the zone it was read with, and is used only while
both hold.

Every read validates the whole file, but parses only the trips whose bytes were never
parsed: after any change — an edit by triptrack or by a person's editor — only those.
The whole-file rules (every trip's official exists, no duplicate id) are checked on
every new version of the bytes. The layout of each version read (where its pieces lie,
their keys, each trip's official) is kept too, so reading the same bytes again cuts
and hashes nothing, and an edit of one trip cuts and hashes only that trip's text.
Trips are then read from the index as they are asked for: `show` one, `list` every
trip's summary.

What the index holds is never trusted before it is checked (datafile.index_db). A
layout the pieces cannot cut (CRLF, flow style, duplicate ids), a piece that does not
parse alone, and a file with an error are parsed whole, so errors are worded exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from triptrack.datafile.index_db import (
    Damaged,
    _remove,
    connect,
    environment,
    index_path,
)
from triptrack.datafile.index_rows import Rows, packed_row, summary_row
from triptrack.datafile.piece_parse import Unusual, check_prelude, parse_officials
from triptrack.datafile.piece_parse import parse_trip as _parse_trip
from triptrack.datafile.trips_read import TripsOnDemand, TripSummary, shift_lines

if TYPE_CHECKING:
    from triptrack.core.model import Catalog, Official, Trip
    from triptrack.datafile.paths import DataSource
    from triptrack.datafile.pieces import Layout


class Parsed:
    """A data file's bytes, parsed and validated: officials at once, each trip read from the
    index when it is asked for (every trip was parsed when its bytes were first read)."""

    def __init__(self, shown: str, raw: bytes | None):
        self.shown, self.raw = shown, raw
        self.officials: dict[str, Official] = {}
        self.layout: Layout | None = None  # None: parsed whole (self._catalog)
        self.trip_keys: dict[int, bytes] = {}  # piece number -> the key of its bytes
        self.trip_officials: dict[int, str] = {}  # piece number -> its trip's official
        self.officials_key: bytes | None = None  # the key of the officials' piece
        self.changed_trips: list[str] | None = None  # read as a change of the version before: the trips it changed
        self._catalog: Catalog | None = None
        self._rows: Rows | None = None
        self._body = b""  # the bytes after a BOM: what the layout's offsets count
        self._trips: dict[str, Trip] = {}  # read this run, lines as in the file

    # --- what the commands ask for ---------------------------------------------------------

    def trip_ids(self) -> list[str]:
        return list(self._catalog.trips) if self.layout is None else self.layout.trip_ids()

    def trip(self, trip_id: str) -> Trip | None:
        if self.layout is not None:
            number = self.layout.find("t", trip_id)
            if number is None:
                return None
            try:
                return self._read([number])[0]
            except (Unusual, Damaged) as exc:
                self._parse_whole(exc)
        return self._catalog.trips.get(trip_id)

    def catalog(self) -> Catalog:
        from triptrack.core.model import Catalog

        if self.layout is not None:
            try:
                trips = self._read(self.layout.trip_numbers())
                return Catalog(officials=dict(self.officials), trips={trip.id: trip for trip in trips})
            except (Unusual, Damaged) as exc:
                self._parse_whole(exc)
        return self._catalog

    def summaries(self) -> list[TripSummary]:
        if self.layout is not None:
            try:
                return [TripSummary(*row) for row in self._summaries()]
            except (Unusual, Damaged) as exc:
                self._parse_whole(exc)
        return [TripSummary(*summary_row(trip)) for trip in self._catalog.trips.values()]

    def lazy_catalog(self) -> Catalog:
        """Every official and trip, each trip read only when it is looked at."""
        from triptrack.core.model import Catalog

        if self._catalog is not None:
            return self._catalog
        return Catalog(officials=dict(self.officials), trips=TripsOnDemand(self.trip_ids(), self.trip))

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

    # --- reading pieces ---------------------------------------------------------------------

    def _chunk(self, number: int) -> memoryview:
        piece = self.layout.piece(number)
        return memoryview(self._body)[piece.start : piece.end]

    def _read(self, numbers: list[int]) -> list[Trip]:
        """The trips of these pieces, from the index (parsed again if their official's home
        zone changed since)."""
        wanted = [n for n in numbers if self.layout.keys[n] not in self._trips]
        if wanted:
            found = self._rows.values([self.trip_keys[n] for n in wanted])
            for number in wanted:
                stored = found.get(self.trip_keys[number])
                trip = stored[2] if stored and self._current(stored[0], stored[1]) else None
                if trip is None:
                    trip = self._parse(number)
                self._trips[self.layout.keys[number]] = shift_lines(trip, self.layout.lines[number])
            self._rows.flush()
        return [self._trips[self.layout.keys[n]] for n in numbers]

    def _summaries(self) -> list[tuple]:
        numbers = self.layout.trip_numbers()
        keys = [self.trip_keys[n] for n in numbers]
        stored, gathered = self._rows.summaries(keys)
        rows = []
        for number, key in zip(numbers, keys):
            found = stored.get(key)
            if found is None or not self._current(found[0], found[1]):
                trip = self._parse(number)
                found = stored[key] = (trip.official, self.officials[trip.official].home_tz, summary_row(trip))
                gathered += 1
            rows.append(found[2])
        self._rows.flush()
        if gathered > len(keys) // 64 + 16:  # many not in the summaries kept together: keep them anew
            self._rows.keep_summaries({key: stored[key] for key in keys})
        return rows

    def _current(self, official: str, home_tz: str) -> bool:
        known = self.officials.get(official)
        return known is not None and known.home_tz == home_tz

    def _parse(self, number: int) -> Trip:
        """Parse one trip piece and keep it in the index (Unusual: it must be read with the file)."""
        trip, row = self._parsed(number)
        self.trip_officials[number] = trip.official
        self._rows.add_row(row)
        return trip

    def _parsed(self, number: int) -> tuple[Trip, tuple]:
        """One trip piece parsed, and its index row (index_rows.packed_row)."""
        trip = _parse_trip(self._chunk(number), self.layout.piece(number), self.officials, self.shown)
        home_tz = self.officials[trip.official].home_tz
        return trip, packed_row(self.trip_keys[number], "trip", trip.official, home_tz, trip)

    def _parse_many(self, numbers: list[int]) -> None:
        """_parse each of these pieces, on two cores when they are many (datafile.parallel_parse)."""
        from triptrack.datafile.parallel_parse import in_two

        def rows_of(part: list[int]) -> list[tuple[int, str, tuple]]:
            return [(number, trip.official, row) for number in part for trip, row in [self._parsed(number)]]

        for made in in_two(rows_of, numbers):
            for number, official, row in made:
                self.trip_officials[number] = official
                self._rows.add_row(row)

    def _validate(self, numbers: list[int], newest: dict[bytes, str]) -> None:
        """Parse the trips of these pieces whose bytes were never parsed (or only with an
        official the file no longer has); then the whole-file rule: every official exists.
        `newest`: key -> official of trips known to parse (no query for those)."""
        known = self._rows.officials_of([self.trip_keys[n] for n in numbers], newest)
        unknown = []
        for number in numbers:
            official, home_tz = known.get(self.trip_keys[number], (None, None))
            if official in self.officials and home_tz in (None, self.officials[official].home_tz):
                self.trip_officials[number] = official
            else:
                unknown.append(number)
        self._parse_many(unknown)
        if any(official not in self.officials for official in self.trip_officials.values()):
            raise Unusual  # the whole-file parse words the error

    def _parse_whole(self, why: Exception) -> None:
        """A piece would not parse alone (or the index is damaged: it is removed): read the file whole."""
        if isinstance(why, Damaged):
            _forget(self._rows.db, self._rows.data_path)
        whole = _whole(self.shown, self.raw)
        self._catalog, self.officials, self.layout = whole._catalog, whole.officials, None


# --- reading a data file ------------------------------------------------------------------------


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
    return _read(source.display, raw, path or source.path)


def _read(shown: str, raw: bytes | None, path: Path) -> Parsed:
    db = connect(path) if raw is not None else None
    try:
        return _load(shown, raw, db, path)
    except Damaged:
        _forget(db, path)
        return _load(shown, raw, connect(path), path)


def _forget(db, path: Path) -> None:
    """Remove a damaged index (it is built again)."""
    db.close()
    _remove(index_path(path))


def load_edited(base: Parsed, raw: bytes, path: Path, number: int, size_change: int) -> Parsed:
    """The bytes an edit made of `base`'s file by changing only its piece `number`: cut
    again only there, only the trips there parsed (DataFileError when the result is not valid)."""
    parsed = None
    if base.layout is not None:
        parsed = _derived(base.shown, raw, base._rows, base, (number, number, size_change))
    return parsed if parsed is not None else _read(base.shown, raw, path)


def _derived(shown: str, raw: bytes, rows: Rows, base: Parsed, change: tuple[int, int, int]) -> Parsed | None:
    """`raw` read as a change of `base` (a version read before, with its layout) in its
    pieces first..last (`change`: first, last, size change): only those cut and hashed again,
    and parsed if never parsed. None when the change reaches beyond trips (cut it all)."""
    from triptrack.datafile.pieces import recut

    first, last, size_change = change
    parsed = Parsed(shown, raw)
    parsed._body, parsed._rows, parsed.officials = _body(raw), rows, base.officials
    parsed.officials_key = base.officials_key
    parsed.layout = layout = recut(base.layout, parsed._body, first, last, size_change)
    if layout is None:
        return None
    shift = len(layout) - len(base.layout)
    for old, key in base.trip_keys.items():
        if not first <= old <= last:
            new = old if old < first else old + shift
            parsed.trip_keys[new], parsed.trip_officials[new] = key, base.trip_officials[old]
    changed = range(first, last + shift + 1)
    for new in changed:
        parsed.trip_keys[new] = rows.key("trip", parsed._chunk(new))
    # (blank lines between trips belong to the trip above: a trip added below it does not change it)
    before = {base.layout.keys[n]: _text(base.layout, base._body, n).strip() for n in range(first, last + 1)}
    after = {layout.keys[n]: _text(layout, parsed._body, n).strip() for n in changed}
    parsed.changed_trips = [i for i in [*before, *(i for i in after if i not in before)] if before.get(i) != after.get(i)]
    try:
        parsed._validate(list(changed), {})
    except (Unusual, Damaged):
        return _whole(shown, raw)  # DataFileError for what is wrong, worded exactly
    rows.flush(in_use=list(parsed.trip_keys.values()))
    start = base.layout.starts[first]
    old_end = base.layout.starts[last + 1] if last + 1 < len(base.layout) else base.layout.size
    _keep_layout(parsed, (start, old_end - start, parsed._body[start : old_end + size_change]))
    return parsed


def _keep_layout(parsed: Parsed, change: tuple[int, int, bytes] | None = None) -> None:
    parsed._rows.keep_layout(parsed.layout, parsed._body, parsed.officials_key, parsed.trip_keys, parsed.trip_officials, change)


def _text(layout: Layout, body: bytes, number: int) -> bytes:
    piece = layout.piece(number)
    return bytes(body[piece.start : piece.end])


def _body(raw: bytes) -> bytes:
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def _whole(shown: str, raw: bytes | None) -> Parsed:
    from triptrack.datafile.syntax import decode

    parsed = Parsed(shown, raw)
    _root, parsed._catalog = parse_whole(decode(raw, shown) if raw is not None else "", shown)
    parsed.officials = parsed._catalog.officials
    return parsed


# Single bytes that syntax.decode refuses with their line wherever they are (NUL, CR: lone
# ones are refused and CRLF files are read whole anyway; 0xFE and 0xFF, never in UTF-8):
# such a file is read whole, so the refusal is the same with or without the index.
_READ_WHOLE = (b"\x00", b"\r", b"\xfe", b"\xff")


def _load(shown: str, raw: bytes | None, db, path: Path) -> Parsed:
    from triptrack.datafile.pieces import changed_pieces, cut

    if raw is None or db is None or any(odd in raw for odd in _READ_WHOLE):
        return _whole(shown, raw)  # its checks name the line of what the pieces would not see
    rows = Rows(db, environment(), path)
    parsed = Parsed(shown, raw)
    parsed._body, parsed._rows = _body(raw), rows
    newest = rows.newest()
    if newest is not None:
        base = Parsed(shown, None)  # the version read last
        base.layout, base.trip_keys, base.trip_officials, base.officials_key, officials, base._body = newest
        base.officials = _officials(base, officials)
        change = changed_pieces(base.layout, base._body, parsed._body)
        if change is None:  # the same bytes as last time
            parsed.layout, parsed.trip_keys, parsed.trip_officials = base.layout, base.trip_keys, base.trip_officials
            parsed.officials, parsed.officials_key = base.officials, base.officials_key
            return parsed
        derived = _derived(shown, raw, rows, base, change)
        if derived is not None:
            return derived
    parsed.layout = layout = cut(parsed._body)
    if layout is None:
        return _whole(shown, raw)
    try:
        for kind in "ph":
            number = layout.find(kind)
            if number is not None:
                check_prelude(parsed._chunk(number), after_key=kind == "h")
        number = layout.find("o")
        officials, officials_key = {}, None
        if number is not None:
            chunk = parsed._chunk(number)
            officials_key = rows.key("officials", chunk)
            officials = rows.value(officials_key)
            if officials is None:
                officials = parse_officials(chunk, shown)
                rows.add(officials_key, "officials", None, None, officials)
        parsed.officials, parsed.officials_key = _officials(parsed, officials), officials_key
        numbers = layout.trip_numbers()
        parsed.trip_keys = {n: rows.key("trip", parsed._chunk(n)) for n in numbers}
        parsed._validate(numbers, rows.newest_officials(officials_key))
    except Unusual:
        return _whole(shown, raw)
    rows.flush(in_use=list(parsed.trip_keys.values()))
    _keep_layout(parsed)
    return parsed


def _officials(parsed: Parsed, officials: dict) -> dict:
    import copy

    number = parsed.layout.find("o")
    line = parsed.layout.lines[number] if number is not None else 0
    shifted = {}
    for official_id, official in officials.items():
        official = copy.copy(official)
        official.line += line
        shifted[official_id] = official
    return shifted
