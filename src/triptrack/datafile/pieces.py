"""The data file cut into pieces that parse on their own: the officials, each trip.

In the usual layout — `officials:` and `trips:` at the left margin, each trip id alone
on its line at one indentation — a piece of a block mapping composes alone exactly
as it does inside the file: a trip runs from its key's line to the next key's line
(comments and blank lines after it included). The index (datafile.index) keys what
it keeps on each piece's bytes, and edits (datafile.store) change one piece's text.

`cut` works on the raw bytes (UTF-8 is ASCII in every character it looks at) and
returns None for anything unusual — another top-level line, a tab, CR line endings,
a flow-style or quoted key, a duplicate id: the caller then parses the file whole,
which also words any error exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOP_LINE = re.compile(rb"\n(?=[^ #\n])")  # the start of a line at the left margin, not a comment
_TOP_KEY = re.compile(rb"(officials|trips):[ ]*(#.*)?")
_FIRST_ENTRY = re.compile(rb"^( +)[^ #\n]", re.MULTILINE)


def _line_at(raw: bytes, start: int) -> bytes:
    end = raw.find(b"\n", start)
    return raw[start:] if end < 0 else raw[start:end]


@dataclass(frozen=True)
class Piece:
    kind: str  # "prelude" (comments before the first key), "officials", "trips" (the `trips:` line
    #             and what follows it up to the first trip) or "trip"
    key: str  # the trip's id; the kind otherwise
    start: int  # byte offsets in the file
    end: int
    line: int  # 0-based line of `start`


_last: list = [None, None]  # the bytes cut last and their pieces (an edit cuts the same bytes twice)


def cut(raw: bytes) -> list[Piece] | None:
    """The file's pieces in file order, covering every byte; None: parse it whole."""
    if raw is not _last[0]:
        _last[:] = [raw, _cut(raw)]
    return _last[1]


def _cut(raw: bytes) -> list[Piece] | None:
    if b"\t" in raw or b"\r" in raw or raw.startswith(b"\xef\xbb\xbf"):
        return None
    starts: list[tuple[str, int]] = []
    lines = [match.start() + 1 for match in _TOP_LINE.finditer(raw)]
    for start in [0, *lines] if raw[:1] not in (b" ", b"#", b"\n", b"") else lines:
        key = _TOP_KEY.fullmatch(_line_at(raw, start))
        if key is None or any(name == key.group(1).decode() for name, _s in starts):
            return None
        starts.append((key.group(1).decode(), start))
    if "trips" not in dict(starts):
        return None
    found: list[tuple[str, str, int]] = [("prelude", "prelude", 0)] if starts[0][1] > 0 else []
    bounds = [start for _name, start in starts] + [len(raw)]
    for number, (name, start) in enumerate(starts):
        found.append((name, name, start))
        if name == "trips":
            trips = _trip_starts(raw, start, bounds[number + 1])
            if trips is None:
                return None
            found.extend(("trip", trip_id, at) for trip_id, at in trips)
    ids = [key for kind, key, _s in found if kind == "trip"]
    if len(set(ids)) != len(ids):
        return None  # a duplicate id: the whole-file parse words that error
    pieces, line = [], 0
    for number, (kind, key, start) in enumerate(found):
        end = found[number + 1][2] if number + 1 < len(found) else len(raw)
        pieces.append(Piece(kind, key, start, end, line))
        line += raw.count(b"\n", start, end)
    return pieces


def _trip_starts(raw: bytes, begin: int, end: int) -> list[tuple[str, int]] | None:
    """(id, offset) of each trip key's line in the trips section; None for an unusual layout."""
    newline = raw.find(b"\n", begin, end)
    if newline < 0:
        return []
    first = _FIRST_ENTRY.search(raw, newline + 1, end)
    if first is None:
        return []  # only blank lines and comments
    indent = len(first.group(1))
    # Every line indented no more than the ids (comments aside) must be an id's line.
    shallow = re.compile(rb"\n {0,%d}[^ #\n]" % indent)
    keys = re.compile(rb"\n {%d}([a-z0-9][a-z0-9._-]*):[ ]*(?:#[^\n]*)?(?=\n|\Z)" % indent)
    starts = [(match.group(1).decode(), match.start() + 1) for match in keys.finditer(raw, newline, end)]
    if len(shallow.findall(raw, newline, end)) != len(starts):
        return None
    return starts
