"""Which trips an edit of the data file touched, from the bytes before and after (no parse).

For the edit journal's `history`: only the range between the common head and tail is
looked at, cut into trips at the keys under the top-level `trips:` of a block-style
file. Cheap on a large file: the head and tail are compared in C, and each trip is
found by walking back a few lines from the change.
"""

from __future__ import annotations

import re

_CHUNK = 1 << 16


def common_prefix(a: bytes, b: bytes) -> int:
    """Length of the common head: whole chunks compared first, then a binary search (all in C)."""
    limit = min(len(a), len(b))
    start = 0
    while start < limit and a[start : start + _CHUNK] == b[start : start + _CHUNK]:
        start += _CHUNK
    low, high = min(start, limit), min(start + _CHUNK, limit)  # the answer lies in [low, high]
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def common_suffix(a: bytes, b: bytes, floor: int) -> int:
    """Length of the common tail, not reaching into the first `floor` bytes of either."""
    limit = min(len(a), len(b)) - floor
    size = 0
    while size < limit:
        step = min(_CHUNK, limit - size)
        if a[len(a) - size - step : len(a) - size] != b[len(b) - size - step : len(b) - size]:
            break
        size += step
    else:
        return size
    low, high = size, min(size + _CHUNK, limit)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle : len(a) - low] == b[len(b) - middle : len(b) - low]:
            low = middle
        else:
            high = middle - 1
    return low


def _indent(line: bytes) -> int | None:
    """Indentation of a line that holds a key or an item; None for blank and comment lines."""
    stripped = line.lstrip(b" ")
    if not stripped.strip() or stripped.startswith(b"#"):
        return None
    return len(line) - len(stripped)


def _key(line: bytes) -> str:
    text = line.strip().lstrip(b"- ").split(b":", 1)[0].strip(b"'\" ")
    return text.decode("utf-8", "replace")


def _line_at(text: bytes, offset: int) -> tuple[int, int]:
    begin = text.rfind(b"\n", 0, offset) + 1
    end = text.find(b"\n", offset)
    return begin, len(text) if end == -1 else end


_TOP_LEVEL = re.compile(rb"\n(?=[^\s#-])")  # the end of the line before a key at the left margin


def _trip_at(text: bytes, offset: int) -> tuple[str, int] | None:
    """The trip whose block holds byte `offset` of a block-style data file: (id, its indent)."""
    begin, end = _line_at(text, offset)
    top = 0 if text[:1] not in (b" ", b"\t", b"\n", b"\r", b"#", b"-", b"") else None
    for found in _TOP_LEVEL.finditer(text, 0, end):  # the section above: a handful of matches
        top = found.end()
    if top is None or top == begin:
        return None
    section_end = _line_at(text, top)[1]
    if _key(text[top:section_end]) != "trips":
        return None
    trip_indent = None
    position = section_end + 1
    while position < len(text) and trip_indent is None:  # the indent of the first trip key
        stop = text.find(b"\n", position)
        stop = len(text) if stop == -1 else stop
        trip_indent = _indent(text[position:stop])
        position = stop + 1
    while True:  # back from `offset` to the trip's key line (within one trip: a few lines)
        line = text[begin:end]
        indent = _indent(line)
        if indent is not None and trip_indent is not None and indent <= trip_indent:
            return (_key(line), indent) if indent == trip_indent else None
        if begin <= section_end:
            return None
        begin, end = _line_at(text, begin - 1)


def _segments(text: bytes, start: int, stop: int) -> dict[str, bytes]:
    """text[start:stop] cut at its trip keys: trip id -> its text in that range.

    The first piece belongs to the trip found at `start` ("" when none is); later pieces
    begin at each trip key line (the keys directly under the top-level `trips:`).
    """
    if start >= stop:
        return {}
    found = _trip_at(text, start)
    current = found[0] if found else ""
    trip_indent = found[1] if found else None
    section = "trips" if found else ""
    pieces: dict[str, bytes] = {}
    piece_start = start
    position = start
    while position < stop:
        end = text.find(b"\n", position)
        end = len(text) if end == -1 else end
        line = text[position:end]
        indent = _indent(line)
        starts_trip = False
        if indent == 0:
            section = _key(line)
        elif section == "trips" and indent is not None:
            trip_indent = indent if trip_indent is None else trip_indent
            starts_trip = indent == trip_indent
        if (starts_trip or indent == 0) and position > piece_start:
            pieces[current] = pieces.get(current, b"") + text[piece_start:position]
            piece_start = position
        if starts_trip:
            current = _key(line)
        elif indent == 0:
            current = ""
        position = end + 1
    pieces[current] = pieces.get(current, b"") + text[piece_start:stop]
    return pieces


def changed_trips(before: bytes, after: bytes) -> list[str]:
    """Ids of the trips whose text differs between `before` and `after` (cheap: no parse).

    Only the range between the common head and tail is looked at, cut into trips.
    """
    if before == after:
        return []
    head = common_prefix(before, after)
    head = before.rfind(b"\n", 0, head) + 1  # from the start of the first changed line
    tail = common_suffix(before, after, head)
    old = _segments(before, head, len(before) - tail)
    new = _segments(after, head, len(after) - tail)
    names = list(old) + [name for name in new if name not in old]
    # blank lines between trips belong to the trip above: adding a trip below it does not change it
    return [name for name in names if name and old.get(name, b"").strip() != new.get(name, b"").strip()]
