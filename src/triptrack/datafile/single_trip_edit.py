"""Changing one trip, touching only that trip's text when the cache allows it.

`storage.edit` re-reads, composes and validates the whole file, applies a change,
then composes and validates the whole new text: two full parses per edit. For a
change that stays inside one trip (adding a stop), this does the same work on the
trip alone, under the same guarantees:

* the file lock is held from reading to writing, the bytes are re-read before the
  write and compared (a concurrent change is a ConflictError), and the write is
  storage.edit's own (`storage.write_checked`: a read-only file is refused, dead
  writers' temp files cleared, the file replaced atomically); comments and layout
  outside the edit stay byte-for-byte;
* the old text is trusted only when the parsed-file cache holds exactly these bytes
  (same hash), i.e. when it was validated whole; the cache also gives the byte range
  of the trip's lines (from its key's line to the next trip key's line);
* that range is composed on its own, `change` is applied to it, and the new range is
  composed and validated as a trip against the file's officials. A range of a
  block-style mapping composes the same alone as inside the file, so the result is
  the text the full path would write (tests compare the two on random edits);
* the cache entry is then updated for the new bytes (the trip's blob, the byte ranges
  and line numbers of the trips after it), so the next command is fast too.

Whenever something does not fit — other bytes, a BOM or CRLF file, a flow-style
file, a new text that does not validate — the whole-file edit runs instead (and
reports any error in its own words, with the file's line numbers). A file without a
cache entry is first parsed into the cache (one trip at a time), then edited here.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from triptrack.datafile import parsed_cache
from triptrack.datafile import store as storage
from triptrack.errors import ConflictError, DataFileError

if TYPE_CHECKING:
    from triptrack.core.model import Official, Trip
    from triptrack.datafile.syntax import MappingNode

# change(text, trip_node, trip) -> new text; it may only change what lies inside trip_node.
TripChange = Callable[[str, "MappingNode", "Trip"], str]


def edit_trip(source: storage.DataSource, trip_id: str, change: TripChange, whole: Callable[[], Trip]) -> Trip:
    """Apply `change` to the trip `trip_id` and write the file; returns the trip as written.

    `whole()` makes the same edit on the whole file (through storage.edit) and returns
    the trip; it runs whenever the trip's own text cannot be used.
    """
    trip = _fast(source, trip_id, change)
    if trip is None and _fill_cache(source):
        trip = _fast(source, trip_id, change)
    return trip if trip is not None else whole()


def _fill_cache(source: storage.DataSource) -> bool:
    """Parse the file into the cache if it has no entry yet (one trip at a time where it can);
    True when an entry was written, so the fast path can run. A file that does not parse is
    left to the full path, which reports the error."""
    if not Path(source.path).is_file():
        return False
    snapshot = parsed_cache.Snapshot(source)
    if snapshot.raw is None or snapshot.raw.startswith(b"\xef\xbb\xbf") or b"\r" in snapshot.raw:
        return False  # the fast path never slices these
    entry = parsed_cache.Entry.open(snapshot)
    if entry is not None:
        entry.close()
        return False  # it had one: the fast path declined for another reason
    try:
        parsed_cache.load(source, snapshot)
    except DataFileError:
        return False
    entry = parsed_cache.Entry.open(snapshot)
    if entry is None:
        return False
    entry.close()
    return True


def _fast(source: storage.DataSource, trip_id: str, change: TripChange) -> Trip | None:
    target = Path(os.path.realpath(source.path))
    if not target.is_file():
        return None  # a file still to be created from its seed: the full path does that
    with storage._locked(target):
        snapshot = parsed_cache.Snapshot(source)
        entry = parsed_cache.Entry.open(snapshot)
        if entry is None or snapshot.path != source.path:
            return None
        try:
            return _edit_range(source, target, snapshot, entry, trip_id, change)
        finally:
            entry.close()


def _edit_range(source, target: Path, snapshot, entry, trip_id: str, change: TripChange) -> Trip | None:
    try:
        index = entry.index()
        place = index["trips"].get(trip_id)
        if place is None:
            from triptrack.core.model import Catalog
            from triptrack.edits.common import find_trip

            find_trip(Catalog(trips=dict.fromkeys(index["trips"])), trip_id, source.display)  # raises
        start_line, _blob, span = place
        if span is None or not index.get("editable"):
            return None
        trip = entry.trip(trip_id)
    except parsed_cache.Corrupt:
        return None
    begin, end = span
    old_text = snapshot.raw[begin:end].decode("utf-8")
    node = _trip_node(old_text, trip_id, source.display)
    if node is None:
        return None
    new_text = change(old_text, node, trip)
    new_trip = _validated_trip(new_text, trip_id, index["officials"], source.display)
    if new_trip is None:
        return None
    new_raw = snapshot.raw[:begin] + new_text.encode("utf-8") + snapshot.raw[end:]
    if storage._read_bytes(target, source.display) != snapshot.raw:
        raise ConflictError(f"{source.display} changed while it was being edited; nothing was written, try again")
    storage.write_checked(target, source.display, new_raw)  # as storage.edit writes: checks, atomic
    written = parsed_cache.Snapshot.of_bytes(source, new_raw)
    _update_entry(entry, written, trip_id, new_trip, len(new_raw) - len(snapshot.raw),
                  new_text.count("\n") - old_text.count("\n"))
    return parsed_cache.shift_lines(new_trip, start_line)


def _trip_node(text: str, trip_id: str, shown: str) -> MappingNode | None:
    """The trip's mapping in its own text ({trip_id: {...}}), or None when it is not one."""
    from triptrack.datafile.syntax import MappingNode, ScalarNode, compose

    try:
        root = compose(text, shown)
    except DataFileError:
        return None
    if not isinstance(root, MappingNode) or len(root.value) != 1:
        return None
    key, value = root.value[0]
    if not isinstance(key, ScalarNode) or key.value != trip_id or not isinstance(value, MappingNode):
        return None
    return value


def _validated_trip(text: str, trip_id: str, officials: dict[str, Official], shown: str) -> Trip | None:
    """The trip in `text` validated as the schema validates it in the whole file; None if not valid."""
    from triptrack.core.model import Catalog
    from triptrack.datafile import schema

    node = _trip_node(text, trip_id, shown)
    if node is None:
        return None
    reader = schema._Reader(shown)
    try:
        return schema._trip(reader, trip_id, node, Catalog(officials=officials))
    except DataFileError:
        return None


def _update_entry(entry: parsed_cache.Entry, written: parsed_cache.Snapshot, trip_id: str, trip: Trip,
                  byte_delta: int, line_delta: int) -> None:
    """Rewrite the cache entry for the new bytes: one trip's blob, the ranges and lines after it."""
    try:
        index = entry.index()
        old_blobs = memoryview(entry.all_blobs())
        summaries = {row[0]: row for row in entry._section("summaries")}
    except parsed_cache.Corrupt:
        return
    edited_line = index["trips"][trip_id][0]
    trips: dict[str, tuple] = {}
    blobs: list[bytes] = []
    offset = 0
    after = False
    for other, (start_line, (blob_offset, length, crc), span) in index["trips"].items():
        if other == trip_id:
            blob = pickle.dumps(trip, protocol=pickle.HIGHEST_PROTOCOL)
            crc = zlib.crc32(blob)
            span = (span[0], span[1] + byte_delta)
            after = True
        else:
            blob = old_blobs[blob_offset : blob_offset + length]  # a view: no copy
            if after:
                start_line += line_delta
                span = (span[0] + byte_delta, span[1] + byte_delta)
        trips[other] = (start_line, (offset, len(blob), crc), span)
        blobs.append(blob)
        offset += len(blob)
    officials = {}
    for official_id, official in index["officials"].items():
        if line_delta and official.line > edited_line + 1:  # written after the trips
            official.line += line_delta
        officials[official_id] = official
    summaries[trip_id] = parsed_cache.TripSummary.row(trip)
    new_index = {"officials": officials, "trips": trips, "editable": True}
    try:
        data = parsed_cache.assemble(written, new_index, list(summaries.values()), blobs)
        parsed_cache.write_entry(entry.path, data)
    except OSError:
        pass
