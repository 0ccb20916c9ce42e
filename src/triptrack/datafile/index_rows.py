"""The rows of a data file's index, for one version of its bytes.

A row is a piece's key (datafile.index_db.piece_key) and what that piece parsed to: for
a trip, its official and the home zone it was read with, its summary (what `list`
shows) and the whole trip; for the officials, their mapping. One more row (table `layouts`,
keyed on the environment) holds the version of the file read last: its layout, each
trip's key and official, and where its bytes are kept (`newest`). Every value is packed with its
digest and unpacked only when the digest matches (index_db._pack, _unpack); any
SQLite error is Damaged: the caller removes the index and reads the file again.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from triptrack.datafile.index_db import (
    KEY_SIZE,
    Damaged,
    _pack,
    _unpack,
    index_path,
    piece_key,
)

if TYPE_CHECKING:
    from triptrack.core.model import Trip
    from triptrack.datafile.pieces import Layout



def summary_row(trip: Trip) -> tuple:
    """What `list` shows of a trip (trips_read.TripSummary): id, title, official, days, route."""
    return (trip.id, trip.title, trip.official, trip.first_day, trip.last_day, tuple(trip.route()))


def packed_row(key: bytes, kind: str, official: str | None, home_tz: str | None, value) -> tuple:
    """The row of a value parsed now: key, official, home zone, packed summary and value."""
    summary = _pack(summary_row(value)) if kind == "trip" else None
    return key, official, home_tz, summary, _pack(value)


class Rows:
    def __init__(self, db, environment: bytes, data_path: Path):
        self.db, self.environment, self.data_path = db, environment, data_path
        self._copy: tuple | None = None  # (size, CRC, changes since) of the version read last
        self._new: list[tuple] = []

    def key(self, kind: str, chunk) -> bytes:
        return piece_key(self.environment, kind, chunk)

    def _query(self, sql: str, parameters=()) -> list:
        try:
            return self.db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as exc:
            raise Damaged(str(exc)) from None

    def _where_key(self, columns: str, keys: list[bytes]) -> list:
        """Rows of these keys (in batches: SQLite bounds the number of parameters)."""
        found = []
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            marks = ",".join("?" * len(batch))
            found += self._query(f"SELECT key, {columns} FROM pieces WHERE key IN ({marks})", batch)
        return found

    def value(self, key: bytes):
        """The value stored under `key`, or None."""
        found = self._query("SELECT value FROM pieces WHERE key = ?", (key,))
        return _unpack(found[0][0]) if found else None

    def values(self, keys: list[bytes]) -> dict[bytes, tuple]:
        """key -> (official, home zone, trip) of the trips stored under these keys."""
        rows = self._where_key("official, home_tz, value", keys)
        return {key: (official, home_tz, _unpack(value)) for key, official, home_tz, value in rows if official}

    def summaries(self, keys: list[bytes], current: set[tuple[str, str]]) -> tuple[dict[bytes, tuple], int]:
        """key -> (official, home zone, summary row) of these trips as far as stored, and how
        many were not among the summaries kept together (one value: `list` unpacks one
        value, not one per trip) but read from their own rows. `current`: the (official, home
        zone) pairs of the file as it is: a summary read with another is left out (a summary
        kept together gives way to its row, which the read's validation parsed again)."""
        found = self._query("SELECT value FROM summaries WHERE key = ?", (self.environment,))
        kept = _from_columns(_unpack(found[0][0])) if found else {}
        known = {key: value for key, value in kept.items() if (value[0], value[1]) in current}
        missing = [key for key in keys if key not in known]
        rows = self._where_key("official, home_tz, summary", missing) if missing else []
        known.update((key, (official, home_tz, _unpack(summary))) for key, official, home_tz, summary in rows
                     if (official, home_tz) in current)
        return known, len(missing)

    def keep_summaries(self, summaries: dict[bytes, tuple]) -> None:
        def write() -> None:
            self.db.execute("DELETE FROM summaries")
            self.db.execute("INSERT INTO summaries VALUES (?, ?)", (self.environment, _pack(_columns(summaries))))

        self._transaction(write)

    def officials_of(self, keys: list[bytes], newest: dict[bytes, str]) -> dict[bytes, tuple[str, str | None]]:
        """key -> (official, home zone it was read with) of the trips among these keys that
        parsed before: those of `newest` (read last, with the officials as they are now: no
        query), then any others stored."""
        known: dict[bytes, tuple[str, str | None]] = {key: (official, None) for key, official in newest.items()}
        missing = [key for key in keys if key not in known]
        if missing:
            known.update((key, (official, home_tz)) for key, official, home_tz in self._where_key("official, home_tz", missing) if official)
        return known

    def add(self, key: bytes, kind: str, official: str | None, home_tz: str | None, value) -> None:
        """Keep a value parsed now (packed at once: the caller goes on to change line numbers)."""
        self.add_row(packed_row(key, kind, official, home_tz, value))

    def add_row(self, row: tuple) -> None:
        """Keep a row made by packed_row (here or in another process)."""
        self._new.append(row)

    def flush(self, in_use: list[bytes] | None = None) -> None:
        """Write the rows added; with every trip key in use known, forget the trips no longer
        in use once they outnumber those in use."""
        if not self._new and in_use is None:
            return
        new, self._new = self._new, []

        def write() -> None:
            self.db.executemany("INSERT OR REPLACE INTO pieces VALUES (?, ?, ?, ?, ?)", new)
            if in_use is not None:
                self._forget_trips(set(in_use))

        self._transaction(write)

    def _transaction(self, write) -> None:
        """Run `write` in one transaction. Never fatal: an index is only a cache."""
        try:
            self.db.execute("BEGIN")
            write()
            self.db.execute("COMMIT")
        except sqlite3.Error:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _forget_trips(self, in_use: set[bytes]) -> None:
        (count,) = self.db.execute("SELECT count(*) FROM pieces").fetchone()
        if count - len(in_use) <= len(in_use) // 4 + 64:
            return
        stored = [key for (key,) in self.db.execute("SELECT key FROM pieces WHERE official IS NOT NULL")]
        unused = [key for key in stored if key not in in_use]
        if len(unused) > len(in_use) // 4 + 64:
            self.db.executemany("DELETE FROM pieces WHERE key = ?", [(key,) for key in unused])

    # --- the layout of a whole file ------------------------------------------------------------

    def newest(self):
        """(layout, trip keys, trip officials, officials' key, officials, bytes) of the version read
        last, or None. Its bytes are kept beside the index, as a copy (checked against the size
        and CRC the row records) and the changes made to it since, in the row: a new version
        is compared with them, not cut again."""
        from triptrack.datafile.pieces import Layout

        found = self._query("SELECT value FROM layouts WHERE key = ?", (self.environment,))
        if not found:
            return None
        packed_layout, officials_key, joined_keys, joined_names, copy = _unpack(found[0][0])
        keys, names = _split(joined_keys, joined_names)
        body = _read_copy(self.copy_path(), *copy[:2])
        if body is None:
            return None
        if copy[2]:
            body = bytearray(body)  # (compared, never changed: no need of a second copy as bytes)
            for at, length, text in copy[2]:
                body[at : at + length] = text
        try:
            layout = Layout.unpack(packed_layout)
        except (ValueError, TypeError) as exc:
            raise Damaged(str(exc)) from None
        numbers = layout.trip_numbers()
        if len(keys) != len(numbers) or len(names) != len(numbers) or layout.size != len(body):
            raise Damaged("a layout that does not add up")
        officials = self.value(officials_key) if officials_key is not None else {}
        if officials is None:
            raise Damaged("a row went missing")
        self._copy = copy
        read = {number: name for number, name in zip(numbers, names) if name}  # ("": a trip not parsed yet)
        return layout, dict(zip(numbers, keys)), read, officials_key, officials, body

    def newest_officials(self, officials_key: bytes | None) -> dict[bytes, str]:
        """key -> official of every trip of the version read last, when its officials were
        these (their home zones decide whether a trip is valid); else nothing."""
        found = self._query("SELECT value FROM layouts WHERE key = ?", (self.environment,))
        if not found:
            return {}
        _layout, newest_officials_key, joined_keys, joined_names, _copy = _unpack(found[0][0])
        if newest_officials_key != officials_key:
            return {}
        return {key: name for key, name in zip(*_split(joined_keys, joined_names)) if name}

    def copy_path(self) -> Path:
        return index_path(self.data_path).with_suffix(".bytes")

    def keep_layout(self, layout: Layout, body: bytes, officials_key: bytes | None, trip_keys: dict[int, bytes],
                    trip_officials: dict[int, str], change: tuple[int, int, bytes] | None = None,
                    same_bytes: bool = False) -> None:
        """Remember this version of the file: its layout, bytes, officials' key, and each trip
        piece's key and official ("" for a trip not parsed yet: what `newest` gives back).
        `change` (at, length, new text): how it differs from the version read last, kept in
        the row instead of a new copy while such changes stay small; `same_bytes`: it is the
        version read last (its copy is kept as it is)."""
        import zlib

        numbers = layout.trip_numbers()
        keys = [trip_keys[n] for n in numbers]
        names = [trip_officials.get(n, "") for n in numbers]
        self.flush()
        copy = self._copy
        if copy is None or not same_bytes:  # (the same bytes: the copy kept is theirs)
            if copy is not None and change is not None and len(copy[2]) < CHANGES_KEPT and sum(len(c[2]) for c in copy[2]) < 1 << 18:
                copy = (*copy[:2], [*copy[2], change])
            else:
                copy = (len(body), zlib.crc32(body), [])
                if not _write_copy(self.copy_path(), body):
                    return
        self._copy = copy
        value = (layout.pack(), officials_key, b"".join(keys), "\n".join(names), copy)  # (two values, not 20,000)

        def write() -> None:  # one row: the version read last, under this environment (code, zone data...)
            self.db.execute("DELETE FROM layouts")
            self.db.execute("INSERT INTO layouts VALUES (?, ?)", (self.environment, _pack(value)))

        self._transaction(write)


def _columns(summaries: dict[bytes, tuple]) -> tuple:
    """Rows.summaries's {key: (official, home zone, summary row)} kept as columns, a list a
    field and days as ordinals: 11,000 unpack in a few ms (as tuples and dates, 20 ms)."""
    officials, zones, rows = zip(*summaries.values()) if summaries else ((), (), ())
    ids, titles, _officials, firsts, lasts, routes = zip(*rows) if rows else ((),) * 6  # (the row's official: the key's)
    firsts, lasts = ([day.toordinal() if day else 0 for day in days] for days in (firsts, lasts))
    return b"".join(summaries), list(officials), list(zones), list(ids), list(titles), firsts, lasts, list(routes)


def _from_columns(columns: tuple) -> dict[bytes, tuple]:
    """What _columns kept, as it was given (Damaged when the columns do not add up)."""
    from datetime import date

    try:
        joined, officials, zones, ids, titles, firsts, lasts, routes = columns
        keys = _keys(joined)
        firsts = [date.fromordinal(day) if day else None for day in firsts]
        lasts = [date.fromordinal(day) if day else None for day in lasts]
        rows = zip(ids, titles, officials, firsts, lasts, routes, strict=True)
        return dict(zip(keys, zip(officials, zones, rows, strict=True), strict=True))
    except (ValueError, TypeError, OverflowError) as exc:
        raise Damaged(f"summaries that do not add up: {exc}") from None


def _split(joined_keys: bytes, joined_names: str) -> tuple[list[bytes], list[str]]:
    """Each trip's key and official, as keep_layout joined them (official ids hold no line break)."""
    return _keys(joined_keys), joined_names.split("\n") if joined_keys else []


def _keys(joined: bytes) -> list[bytes]:
    """Piece keys joined end to end, apart again."""
    return [joined[at : at + KEY_SIZE] for at in range(0, len(joined), KEY_SIZE)]


CHANGES_KEPT = 8  # changes kept in the row (each up to 256 KiB) before the copy is written again


def _read_copy(path: Path, size: int, crc: int) -> bytes | None:
    """The kept bytes when they are a regular file of ours of that size and CRC; None otherwise."""
    import zlib

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size != size or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            body = handle.read(size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return body if len(body) == size and zlib.crc32(body) == crc else None


def _write_copy(path: Path, body: bytes) -> bool:
    """Keep `body` at `path` (never half-written; temp files of killed writers go once stale). False on failure."""
    from triptrack.datafile.atomic_file import atomic_write
    from triptrack.datafile.index_file import remove_stale_builds

    remove_stale_builds(path.parent, f".{path.name}.")
    try:
        atomic_write(path, body, durable=False)
        return True
    except OSError:
        return False
