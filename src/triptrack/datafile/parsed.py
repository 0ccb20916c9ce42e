"""What a read of a data file gives (datafile.index.load): the officials at once, and each
trip read from the index when it is asked for, or the whole catalog when the file had to be
parsed whole (a layout the pieces cannot cut, a piece that does not parse alone, an error:
the whole parse words it exactly)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from triptrack.datafile.index_db import Damaged, _remove, index_path
from triptrack.datafile.index_rows import packed_row, summary_row
from triptrack.datafile.piece_parse import Unusual
from triptrack.datafile.piece_parse import parse_trip as _parse_trip
from triptrack.datafile.trips_read import TripsOnDemand, TripSummary, shift_lines

if TYPE_CHECKING:
    from triptrack.core.model import Catalog, Official, Trip
    from triptrack.datafile.index_rows import Rows
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
        self.plain: bool | None = None  # whether looks_plain(self._body) holds; None: not looked yet

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
        current = {(official_id, home_zone(official)) for official_id, official in self.officials.items()}
        stored, gathered = self._rows.summaries(keys, current)
        rows = []
        for number, key in zip(numbers, keys):
            found = stored.get(key)
            if found is None:
                trip = self._parse(number)
                found = stored[key] = (trip.official, home_zone(self.officials[trip.official]), summary_row(trip))
                gathered += 1
            rows.append(found[2])
        self._rows.flush()
        if gathered > len(keys) // 64 + 16:  # many not in the summaries kept together: keep them anew
            self._rows.keep_summaries({key: stored[key] for key in keys})
        return rows

    def _current(self, official: str, home_tz: str) -> bool:
        known = self.officials.get(official)
        return known is not None and home_zone(known) == home_tz

    def _parse(self, number: int) -> Trip:
        """Parse one trip piece and keep it in the index (Unusual: it must be read with the file)."""
        trip, row = self._parsed(number)
        self.trip_officials[number] = trip.official
        self._rows.add_row(row)
        return trip

    def _parsed(self, number: int) -> tuple[Trip, tuple]:
        """One trip piece parsed, and its index row (index_rows.packed_row)."""
        trip = _parse_trip(self._chunk(number), self.layout.piece(number), self.officials, self.shown)
        home_tz = home_zone(self.officials[trip.official])
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

    def _validate(self, numbers: list[int], newest: dict[bytes, str], reading: str | None = None) -> None:
        """Parse the trips of these pieces whose bytes were never parsed (or only with an
        official the file no longer has); then the whole-file rule: every official exists.
        `newest`: key -> official of trips known to parse (no query for those). `reading`:
        the one trip the command reads; when more than FEW trips are not known to parse, only
        it is parsed now (the others wait for the first command that reads them, unqueried)."""
        if reading is not None:
            fresh = [n for n in numbers if self.trip_keys[n] not in newest]
            if len(fresh) > FEW and self._plain():
                left = set(fresh)
                numbers = [n for n in numbers if n not in left or self.layout.keys[n] == reading]
        known = self._rows.officials_of([self.trip_keys[n] for n in numbers], newest)
        unknown = []
        for number in numbers:
            official, home_tz = known.get(self.trip_keys[number], (None, None))
            if official in self.officials and home_tz in (None, home_zone(self.officials[official])):
                self.trip_officials[number] = official
            else:
                unknown.append(number)
        self._parse_many(unknown)
        if any(official not in self.officials for official in self.trip_officials.values()):
            raise Unusual  # the whole-file parse words the error

    def _plain(self) -> bool:
        if self.plain is None:
            self.plain = looks_plain(self._body)
        return self.plain

    def _parse_whole(self, why: Exception) -> None:
        """A piece would not parse alone (or the index is damaged: it is removed): read the file whole."""
        if isinstance(why, Damaged):
            remove_index(self._rows.db, self._rows.data_path)
        whole = read_whole(self.shown, self.raw)
        self._catalog, self.officials, self.layout = whole._catalog, whole.officials, None


FEW = 200  # trips never parsed that a read of one trip parses too (about a tenth of a second)


_ESCAPE = rb'\\[^"\\ /]'  # a YAML escape that could write a control character (\e, \x1b...)
# Where a trip's text could hide a line that looks like another trip's key: a quoted scalar or
# a flow collection left open at its line's end (YAML lets its next lines sit at any
# indentation). Each quote or bracket that may open one (after a space, a line's start or
# another bracket: not an apostrophe in a word) must close on its line, quotes inside a
# bracket aside (such a bracket counts as open).
_CLOSED_ON_ITS_LINE = {
    ord("'"): rb"'(?:[^'\n]|'')*'(?!')",  # ('' is a quote inside: 'a'' is still open)
    ord('"'): rb'"(?:[^"\\\n]|\\.)*"',
    ord("["): rb"\[[^\n\"'\[\]{}#]*\]",  # (a # may start a comment that hides the ])
    ord("{"): rb"\{[^\n\"'\[\]{}#]*\}",
}


def _open_flow(body: bytes) -> bool:
    """Whether a quote or bracket is left open at a line's end (about 50 ms for 15 MB)."""
    find = body.find
    for char, closed in _CLOSED_ON_ITS_LINE.items():
        match = re.compile(closed).match
        at = find(char)
        while at >= 0:
            if (at == 0 or body[at - 1] in b" \n[{,") and match(body, at) is None:
                return True
            at = find(char, at + 1)
    return False


def looks_plain(body: bytes) -> bool:
    """Whether the file holds only UTF-8 text, with no control character nor an escape that
    could write one (bytes a hostile file would use are checked in every trip, even by a
    read of one), and no quote or bracket left open at a line's end (so each trip's key is
    one: see _open_flow). About 0.2 s for 15 MB: a version kept with trips not parsed was
    plain, and a change of it is looked at only where it changed."""
    from triptrack.datafile.piece_parse import _ODD, _has_controls

    if _has_controls(body) or any(odd in body for odd in _ODD) or re.search(_ESCAPE, body):
        return False
    if _open_flow(body):
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def home_zone(official: Official) -> str:
    """What a trip's reading depends on of its official, kept in its row: the home's zone,
    or "" without a home (times are then read in UTC, but the first leg leaves from no zone,
    so a home in UTC reads the same trip differently)."""
    return official.home.tz if official.home else ""


def parse_whole(text: str, shown: str):
    """(node tree, catalog) of a whole text, validated: DataFileError at the first problem."""
    from triptrack.datafile.schema import catalog_from_node
    from triptrack.datafile.syntax import compose

    root = compose(text, shown)
    return root, catalog_from_node(root, shown)


def read_whole(shown: str, raw: bytes | None) -> Parsed:
    """The bytes parsed as one document, without the index (DataFileError, with its line,
    for what is wrong)."""
    from triptrack.datafile.syntax import decode

    parsed = Parsed(shown, raw)
    _root, parsed._catalog = parse_whole(decode(raw, shown) if raw is not None else "", shown)
    parsed.officials = parsed._catalog.officials
    return parsed


def remove_index(db, path: Path) -> None:
    """Remove a damaged index (it is built again)."""
    db.close()
    _remove(index_path(path))
