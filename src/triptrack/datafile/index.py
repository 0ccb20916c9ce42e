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
every new version of the bytes. One exception: a read of one trip (`show`, `timeline`,
`export TRIP`, `map`: store.load_trip) that finds more than a few hundred trips never
parsed (a first read of a large file) parses only that trip; each other one is parsed,
and its errors reported, by the first command that reads it (`list`, `check`, any
edit...). Bytes a hostile file would use are still looked for in the whole file by such
a read (Parsed._validate). The layout of each version read (where its pieces lie, their
keys, each trip's official) is kept too, so reading the same bytes again cuts and hashes
nothing, and an edit of one trip cuts and hashes only that trip's text.
Trips are then read from the index as they are asked for: `show` one, `list` every
trip's summary.

What the index holds is never trusted before it is checked (datafile.index_db). A
layout the pieces cannot cut (CRLF, flow style, duplicate ids), a piece that does not
parse alone, and a file with an error are parsed whole, so errors are worded exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from triptrack.datafile.index_db import Damaged, connect, environment
from triptrack.datafile.index_rows import Rows
from triptrack.datafile.parsed import Parsed, looks_plain, read_whole, remove_index
from triptrack.datafile.piece_parse import Unusual, check_prelude, parse_officials

if TYPE_CHECKING:
    from triptrack.datafile.paths import DataSource
    from triptrack.datafile.pieces import Layout


# --- reading a data file ------------------------------------------------------------------------


def read_bytes(path: Path, shown: str) -> bytes | None:
    """The file's bytes; None when it does not exist; DataFileError when it cannot be read
    or is not a regular file (a FIFO is refused, never waited on)."""
    from triptrack.datafile.regular_file import read_regular_file

    return read_regular_file(path, shown, "a data file", "give a YAML file")


def read_source(source: DataSource) -> tuple[Path, bytes | None]:
    """(the path read, its bytes): the data file, or its seed while it does not exist."""
    raw = read_bytes(source.path, source.display)
    if raw is None and source.seed is not None:
        return source.seed, read_bytes(source.seed, str(source.seed))
    return source.path, raw


def load(source: DataSource, raw: bytes | None = None, path: Path | None = None, reading: str | None = None) -> Parsed:
    """The data file in use (or `raw`, bytes meant for `path`), parsed and validated:
    DataFileError when it is not valid. `reading`: the one trip the command reads
    (store.load_trip), when the others need not all be parsed now (Parsed._validate)."""
    if raw is None:
        path, raw = read_source(source)
    return _read(source.display, raw, path or source.path, reading)


def _read(shown: str, raw: bytes | None, path: Path, reading: str | None = None) -> Parsed:
    db = connect(path) if raw is not None else None
    try:
        return _load(shown, raw, db, path, reading)
    except Damaged:
        remove_index(db, path)
        return _load(shown, raw, connect(path), path, reading)


def load_edited(base: Parsed, raw: bytes, path: Path, number: int, size_change: int) -> Parsed:
    """The bytes an edit made of `base`'s file by changing only its piece `number`: cut
    again only there, only the trips there parsed (DataFileError when the result is not valid)."""
    parsed = None
    if base.layout is not None:
        parsed = _derived(base.shown, raw, base._rows, base, (number, number, size_change), None)
    return parsed if parsed is not None else _read(base.shown, raw, path)


def _derived(shown: str, raw: bytes, rows: Rows, base: Parsed, change: tuple[int, int, int], reading: str | None) -> Parsed | None:
    """`raw` read as a change of `base` (a version read before, with its layout) in its
    pieces first..last (`change`: first, last, size change): only those cut and hashed again,
    and parsed if never parsed (with the trips `base` had not parsed: see _validate). None
    when the change reaches beyond trips (cut it all)."""
    from triptrack.datafile.pieces import recut

    first, last, size_change = change
    parsed = Parsed(shown, raw)
    parsed._body, parsed._rows, parsed.officials = _body(raw), rows, base.officials
    parsed.officials_key = base.officials_key
    parsed.layout = layout = recut(base.layout, parsed._body, first, last, size_change)
    if layout is None:
        return None
    shift = len(layout) - len(base.layout)
    unread = []  # trips outside the change that base did not parse
    for old, key in base.trip_keys.items():
        if not first <= old <= last:
            new = old if old < first else old + shift
            parsed.trip_keys[new] = key
            if old in base.trip_officials:
                parsed.trip_officials[new] = base.trip_officials[old]
            else:
                unread.append(new)
    changed = range(first, last + shift + 1)
    if unread:  # base was plain (parsed.Parsed._validate): only the change is looked at
        end = layout.starts[last + shift + 1] if last + shift + 1 < len(layout) else layout.size
        parsed.plain = looks_plain(parsed._body[layout.starts[first] : end])
    for new in changed:
        parsed.trip_keys[new] = rows.key("trip", parsed._chunk(new))
    # (blank lines between trips belong to the trip above: a trip added below it does not change it)
    before = {base.layout.keys[n]: _text(base.layout, base._body, n).strip() for n in range(first, last + 1)}
    after = {layout.keys[n]: _text(layout, parsed._body, n).strip() for n in changed}
    parsed.changed_trips = [i for i in [*before, *(i for i in after if i not in before)] if before.get(i) != after.get(i)]
    try:
        parsed._validate([*changed, *unread], {}, reading)
    except (Unusual, Damaged):
        return read_whole(shown, raw)  # DataFileError for what is wrong, worded exactly
    rows.flush(in_use=list(parsed.trip_keys.values()))
    start = base.layout.starts[first]
    old_end = base.layout.starts[last + 1] if last + 1 < len(base.layout) else base.layout.size
    _keep_layout(parsed, (start, old_end - start, parsed._body[start : old_end + size_change]))
    return parsed


def _keep_layout(parsed: Parsed, change: tuple[int, int, bytes] | None = None, same_bytes: bool = False) -> None:
    parsed._rows.keep_layout(parsed.layout, parsed._body, parsed.officials_key, parsed.trip_keys, parsed.trip_officials,
                             change, same_bytes)


def _text(layout: Layout, body: bytes, number: int) -> bytes:
    piece = layout.piece(number)
    return bytes(body[piece.start : piece.end])


def _body(raw: bytes) -> bytes:
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


# Single bytes that syntax.decode refuses with their line wherever they are (NUL, CR: lone
# ones are refused and CRLF files are read whole anyway; 0xFE and 0xFF, never in UTF-8):
# such a file is read whole, so the refusal is the same with or without the index.
_READ_WHOLE = (b"\x00", b"\r", b"\xfe", b"\xff")


def _load(shown: str, raw: bytes | None, db, path: Path, reading: str | None) -> Parsed:
    from triptrack.datafile.pieces import changed_pieces, cut

    if raw is None or db is None or any(odd in raw for odd in _READ_WHOLE):
        return read_whole(shown, raw)  # its checks name the line of what the pieces would not see
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
            parsed.plain = True if len(base.trip_officials) < len(base.trip_keys) else None  # (see _derived)
            return _read_unread(parsed, reading)
        derived = _derived(shown, raw, rows, base, change, reading)
        if derived is not None:
            return derived
    parsed.layout = layout = cut(parsed._body)
    if layout is None:
        return read_whole(shown, raw)
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
        parsed._validate(numbers, rows.newest_officials(officials_key), reading)
    except Unusual:
        return read_whole(shown, raw)
    rows.flush(in_use=list(parsed.trip_keys.values()))
    _keep_layout(parsed)
    return parsed


def _read_unread(parsed: Parsed, reading: str | None) -> Parsed:
    """The same bytes as the version read last: parse the trips it left unparsed, if any
    (see Parsed._validate), and remember them."""
    unread = [number for number in parsed.layout.trip_numbers() if number not in parsed.trip_officials]
    if not unread:
        return parsed
    before = len(parsed.trip_officials)
    try:
        parsed._validate(unread, {}, reading)
    except Unusual:
        return read_whole(parsed.shown, parsed.raw)
    if len(parsed.trip_officials) > before:
        parsed._rows.flush(in_use=list(parsed.trip_keys.values()))
        _keep_layout(parsed, same_bytes=True)
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
