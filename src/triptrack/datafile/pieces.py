"""The data file cut into pieces that parse on their own: the officials, each trip.

In the usual layout — `officials:` and `trips:` at the left margin, each trip id alone
on its line at one indentation — a piece of a block mapping composes alone exactly
as it does inside the file: a trip runs from its key's line to the next key's line
(comments and blank lines after it included). The index (datafile.index) keys what
it keeps on each piece's bytes, and edits (datafile.store) change one piece's text.

`cut` works on the raw bytes (UTF-8 is ASCII in every character it looks at) with one
scan of the lines at the trips' indentation or less, and returns None for anything
unusual — another top-level line, a tab, CR line endings, a flow-style or quoted key,
a duplicate id: the caller then parses the file whole, which also words any error
exactly. `recut` redoes only the part of a layout an edit changed.
"""

from __future__ import annotations

import re
from array import array
from typing import NamedTuple

_TOP_KEY = re.compile(rb"(officials|trips):[ ]*(#.*)?")
_TRIP_KEY = re.compile(rb"([a-z0-9][a-z0-9._-]*):[ ]*(?:#.*)?")
_FIRST_ENTRY = re.compile(rb"^( +)[^ #\n]", re.MULTILINE)
KINDS = {"p": "prelude", "o": "officials", "h": "trips", "t": "trip"}


class Piece(NamedTuple):
    kind: str  # "prelude" (comments before the first key), "officials", "trips" (the `trips:` line
    #             and what follows it up to the first trip) or "trip"
    key: str  # the trip's id; the kind otherwise
    start: int  # byte offsets in the file
    end: int
    line: int  # 0-based line of `start`


class Layout:
    """Where each piece of a file lies, in file order: kinds (one letter each, see KINDS),
    keys (a trip's id, else the kind's name), byte offsets and 0-based first lines; the
    trips' indentation, the file's size and its number of line breaks."""

    __slots__ = ("_where", "breaks", "indent", "keys", "kinds", "lines", "size", "starts")

    def __init__(self, kinds: str, keys: list[str], starts, lines, indent: int, size: int, breaks: int):
        self.kinds, self.keys, self.indent, self.size, self.breaks = kinds, keys, indent, size, breaks
        self.starts, self.lines = array("q", starts), array("q", lines)
        self._where: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.kinds)

    def piece(self, number: int) -> Piece:
        end = self.starts[number + 1] if number + 1 < len(self.kinds) else self.size
        return Piece(KINDS[self.kinds[number]], self.keys[number], self.starts[number], end, self.lines[number])

    def line_count(self, first: int, last: int | None = None) -> int:
        """How many line breaks pieces `first`..`last` (only `first` by default) hold."""
        after = (first if last is None else last) + 1
        following = self.lines[after] if after < len(self.kinds) else self.breaks
        return following - self.lines[first]

    def trip_numbers(self) -> list[int]:
        return [number for number, kind in enumerate(self.kinds) if kind == "t"]

    def trip_ids(self) -> list[str]:
        return [self.keys[number] for number in self.trip_numbers()]

    def find(self, kind: str, key: str | None = None) -> int | None:
        """The number of the trip `key` (kind "t"), or of the one piece of another kind."""
        if kind != "t":
            at = self.kinds.find(kind)
            return None if at < 0 else at
        if self._where is None:
            self._where = {self.keys[n]: n for n in self.trip_numbers()}
        return self._where.get(key)

    def pack(self) -> tuple:
        return (self.kinds, "\n".join(self.keys), self.starts.tobytes(), self.lines.tobytes(),
                self.indent, self.size, self.breaks)

    @classmethod
    def unpack(cls, packed: tuple) -> Layout:
        kinds, keys, starts, lines, indent, size, breaks = packed
        layout = cls(kinds, keys.split("\n") if kinds else [], (), (), indent, size, breaks)
        layout.starts.frombytes(starts)
        layout.lines.frombytes(lines)
        if not len(layout.starts) == len(layout.lines) == len(kinds) == len(layout.keys):
            raise ValueError("a layout that does not add up")
        return layout


def _line_at(raw: bytes, start: int) -> bytes:
    end = raw.find(b"\n", start)
    return raw[start:] if end < 0 else raw[start:end]


def cut(raw: bytes) -> Layout | None:
    """The file's pieces in file order, covering every byte; None: parse it whole."""
    if b"\t" in raw or b"\r" in raw or raw.startswith(b"\xef\xbb\xbf"):
        return None
    trips_at = 0 if raw.startswith(b"trips:") else raw.find(b"\ntrips:") + 1
    if trips_at == 0 and not raw.startswith(b"trips:"):
        return None
    newline = raw.find(b"\n", trips_at)
    first = _FIRST_ENTRY.search(raw, newline + 1) if newline >= 0 else None
    indent = len(first.group(1)) if first else 2
    kinds, keys, starts = [], [], []
    section = ""
    if raw[:1] not in (b" ", b"#", b"\n", b""):  # a key on the very first line
        section = _top(raw, 0, kinds, keys, starts)
        if section is None:
            return None
    elif raw:
        kinds.append("p"), keys.append("prelude"), starts.append(0)
    trip_line = re.compile(rb" {%d}([a-z0-9][a-z0-9._-]*):[ ]*(?:#.*)?" % indent)
    at, find = 0, raw.find
    lines_that_matter = rb"\n(?! {%d})( {0,%d}[^ #\n][^\n]*)" % (indent + 1, indent)  # (the look-ahead skips deeper lines at once)
    for line in re.findall(lines_that_matter, raw):  # in C
        at = find(b"\n" + line, at) + 1  # (only this line starts so: it is the next one)
        if line[0] != 32:  # at the left margin
            section = _top(raw, at, kinds, keys, starts)
            if section is None:
                return None
        elif section == "trips":
            key = trip_line.fullmatch(line)
            if key is None:
                return None  # a line less indented than the trips, or not a plain id
            kinds.append("t"), keys.append(key.group(1).decode()), starts.append(at)
    if "h" not in kinds or len(set(keys)) != len(keys):
        return None  # no trips section, or a duplicate id: the whole-file parse words that error
    lines = _lines(raw, starts)
    breaks = (lines[-1] + raw.count(b"\n", starts[-1])) if starts else raw.count(b"\n")
    return Layout("".join(kinds), keys, starts, lines, indent, len(raw), breaks)


def _top(raw: bytes, start: int, kinds: list, keys: list, starts: list) -> str | None:
    """Record the top-level key at `start`; its section's name, or None when it is not one of ours."""
    key = _TOP_KEY.fullmatch(_line_at(raw, start))
    if key is None:
        return None
    name = key.group(1).decode()
    kind = "o" if name == "officials" else "h"
    if kind in kinds:
        return None
    kinds.append(kind), keys.append(name), starts.append(start)
    return name


def _lines(raw: bytes, starts: list[int]) -> list[int]:
    lines, line, previous = [], 0, 0
    count = raw.count
    for start in starts:
        line += count(b"\n", previous, start)
        lines.append(line)
        previous = start
    return lines


def recut(layout: Layout, raw: bytes, first: int, last: int, size_change: int) -> Layout | None:
    """The layout of `raw`: the file `layout` describes with only the trips `first`..`last`
    changed, their text now `size_change` bytes longer (it may hold more trips, or none).
    None when the change reaches further (cut the whole file again)."""
    if any(kind != "t" for kind in layout.kinds[first : last + 1]):
        return None
    start = layout.starts[first]
    old_end = layout.starts[last + 1] if last + 1 < len(layout.kinds) else layout.size
    end = old_end + size_change
    chunk = raw[start:end]
    if end < start or b"\t" in chunk or b"\r" in chunk or (chunk and not chunk.endswith(b"\n") and end != len(raw)):
        return None
    found = _trips_in(chunk, layout.indent)
    if found is None:
        return None
    after = last + 1
    new_keys = [key for key, _at in found]
    if not set(new_keys).isdisjoint([*layout.keys[:first], *layout.keys[after:]]) or len(set(new_keys)) != len(new_keys):
        return None  # a duplicate id: the whole-file parse words it
    line = layout.lines[first]
    line_change = chunk.count(b"\n") - layout.line_count(first, last)
    return Layout(
        layout.kinds[:first] + "t" * len(found) + layout.kinds[after:],
        [*layout.keys[:first], *new_keys, *layout.keys[after:]],
        [*layout.starts[:first], *(start + at for _key, at in found), *(s + size_change for s in layout.starts[after:])],
        [*layout.lines[:first], *(line + chunk.count(b"\n", 0, at) for _key, at in found),
         *(n + line_change for n in layout.lines[after:])],
        layout.indent, layout.size + size_change, layout.breaks + line_change,
    )


def changed_pieces(layout: Layout, old: bytes, new: bytes) -> tuple[int, int, int] | None:
    """(first, last, size change): the pieces of `layout` (the layout of `old`) that hold every
    byte in which `new` differs from `old`, with one more on each side; None when equal."""
    from bisect import bisect_right

    from triptrack.datafile.touched_trips import common_prefix, common_suffix

    if old == new:
        return None
    head = common_prefix(old, new)
    tail = common_suffix(old, new, head)
    count = len(layout.kinds)
    first = max(0, bisect_right(layout.starts, head) - 2)
    last = min(count - 1, bisect_right(layout.starts, max(head, len(old) - tail)) )
    return first, last, len(new) - len(old)


def _trips_in(chunk: bytes, indent: int) -> list[tuple[str, int]] | None:
    """(id, offset) of each trip in `chunk`, which must start with a trip's key (or be empty)."""
    if not chunk:
        return []
    shallow = re.compile(rb"(?:^|\n)( {0,%d})([^ #\n][^\n]*)" % indent)
    found = []
    for match in shallow.finditer(chunk):
        key = _TRIP_KEY.fullmatch(match.group(2))
        if len(match.group(1)) != indent or key is None:
            return None
        found.append((key.group(1).decode(), match.start(1)))
    if not found or found[0][1] != 0:
        return None  # lines before the first key would belong to the trip above
    return found
