"""Parsing a data file one trip at a time, so memory stays bounded at any size.

Composing a whole 34,000-stop file builds ~1.5 million YAML nodes (over 400 MiB) before
the first one is validated. In the usual layout — `officials:` and `trips:` at the
left margin, each trip id alone on its line at one indentation — the file is a
sequence of independent pieces: the officials section, then each trip from its key's
line to the next key's line. Each piece is composed and validated on its own (the
same schema code, line numbers moved to where the piece starts) and its nodes are
dropped before the next; the parsed-file cache pickles each trip as it comes, so a
cold start never holds every trip at once. The pieces' byte ranges are the ones the
edit fast path uses.

A piece of a block mapping composes alone as it does in the file: a line less
indented than a trip key, or at its indentation but not a key, ends the mapping in
both readings, and a token cut in two (a quoted text running over a key's line) is
an error in the piece. Anything unusual — another top-level line, a tab, a flow-style
or quoted key, a duplicate id, any error at all — declines, and the caller parses the
file whole, which also reports errors with their exact lines and wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triptrack.core.model import Catalog
    from triptrack.datafile.syntax import Node

_TOP_LINE = re.compile(r"^(?![ #\n]).*$", re.MULTILINE)  # a line starting at the left margin, not a comment
_TOP_KEY = re.compile(r"(officials|trips):[ ]*(#.*)?")
_ITEM_KEY = r"[a-z0-9][a-z0-9._-]*:[ ]*(?:#.*)?"


class Declined(Exception):
    """The file's layout is not one this module cuts into pieces: parse it whole."""


def pieces(text: str, shown: str) -> Iterator:
    """The file in pieces, validated: first the officials (a dict), then for each trip
    (id, Trip with line numbers counted from its first line, that first line, byte range).

    Raises Declined (at once or part-way) for a layout it cannot cut, and DataFileError
    for an error in a piece; then parse the file whole, for the error's exact wording.
    """
    if "\t" in text or "\r" in text or text.startswith("\ufeff"):
        raise Declined
    sections = _sections(text)
    if sections is None:
        raise Declined
    return _pieces(text, shown, sections)


def parse(text: str, shown: str) -> tuple[Catalog, dict[str, tuple]] | None:
    """(catalog, per trip (first line, byte range)) for `text`, or None: parse it whole instead."""
    from triptrack.core.model import Catalog
    from triptrack.datafile.parsed_cache import shift_lines
    from triptrack.errors import DataFileError

    try:
        found = pieces(text, shown)
        catalog = Catalog(officials=next(found))
        layout = {}
        for trip_id, trip, line, span in found:
            catalog.trips[trip_id] = shift_lines(trip, line)
            layout[trip_id] = (line, span)
    except (Declined, DataFileError):
        return None
    return catalog, layout


def _sections(text: str) -> dict[str, tuple[int, int]] | None:
    """Character ranges of the `officials:` and `trips:` sections (each at most once)."""
    starts: list[tuple[str, int]] = []
    for match in _TOP_LINE.finditer(text):
        if not match.group():
            continue
        key = _TOP_KEY.fullmatch(match.group())
        if key is None or any(name == key.group(1) for name, _s in starts):
            return None
        starts.append((key.group(1), match.start()))
    if "trips" not in dict(starts):
        return None
    bounds = [start for _name, start in starts] + [len(text)]
    return {name: (start, bounds[i + 1]) for i, (name, start) in enumerate(starts)}


def _trip_starts(text: str, begin: int, end: int) -> list[int] | None:
    """Where each trip's piece starts within the trips section; None for an unusual layout."""
    newline = text.find("\n", begin, end)
    body_start = newline + 1 if newline >= 0 else end
    first = re.compile(r"^( +)[^ #\n]", re.MULTILINE).search(text, body_start, end)
    if first is None:
        return []  # only blank lines and comments
    indent = len(first.group(1))
    lines = re.compile(rf"^ {{0,{indent}}}(?=[^ \n])(.*)$", re.MULTILINE)
    starts = []
    for match in lines.finditer(text, body_start, end):
        line = match.group()
        stripped = line.lstrip(" ")
        if stripped.startswith("#"):
            continue
        if len(line) - len(stripped) != indent or not re.fullmatch(_ITEM_KEY, stripped):
            return None
        starts.append(match.start())
    return starts


def _pieces(text: str, shown: str, sections: dict[str, tuple[int, int]]) -> Iterator:
    from triptrack.core.model import Catalog
    from triptrack.datafile import schema
    from triptrack.datafile.syntax import MappingNode, compose

    reader = schema._Reader(shown)
    known = Catalog()  # the officials, for checking each trip's official
    if "officials" in sections:
        begin, end = sections["officials"]
        node = _only_value(compose(text[begin:end], shown), "officials")
        if node is None:
            raise Declined
        line = text.count("\n", 0, begin)
        if not reader.is_null(node):
            reader.check_tag(node, "officials")
            if not isinstance(node, MappingNode):
                raise Declined
            reader.pairs(node, "officials", None)
            for key_node, value in node.value:
                official_id = reader.identifier(key_node, "officials", "official")
                official = schema._official(reader, official_id, value)
                official.line += line
                known.officials[official_id] = official
    begin, end = sections["trips"]
    starts = _trip_starts(text, begin, end)
    if starts is None:
        raise Declined
    header = _only_value(compose(text[begin : starts[0] if starts else end], shown), "trips")
    if starts and not (header is None or reader.is_null(header)):
        raise Declined
    yield known.officials
    to_bytes = _ByteOffsets(text)
    seen: set[str] = set()
    line = text.count("\n", 0, begin)
    previous = begin
    for number, start in enumerate(starts):
        stop = starts[number + 1] if number + 1 < len(starts) else end
        line += text.count("\n", previous, start)
        previous = start
        root = compose(text[start:stop], shown)
        if not isinstance(root, MappingNode) or len(root.value) != 1:
            raise Declined
        key_node, value = root.value[0]
        trip_id = reader.identifier(key_node, "trips", "trip")
        if trip_id in seen:
            raise Declined  # a duplicate id: the whole-file parse words that error
        seen.add(trip_id)
        yield trip_id, schema._trip(reader, trip_id, value, known), line, (to_bytes(start), to_bytes(stop))


def layout(raw: bytes, text: str, root: Node | None) -> dict[str, tuple]:
    """From a whole-file parse: per trip (first line, byte range of its lines) — the trip
    key's line up to the next key's, the pieces `parse` cuts.

    The range is recorded only for a block-style `trips:` whose keys each start a line
    (so a trip's text can be edited and checked on its own); otherwise just the line.
    """
    from triptrack.datafile.syntax import MappingNode, ScalarNode

    out: dict[str, tuple] = {}
    if not isinstance(root, MappingNode):
        return out
    top = root.value
    position = next((i for i, (key, _v) in enumerate(top) if isinstance(key, ScalarNode) and key.value == "trips"), None)
    if position is None or not isinstance(top[position][1], MappingNode):
        return out
    trips = top[position][1]
    editable = not trips.flow_style and not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    starts: list[int] = []
    for key, _value in trips.value:
        index = key.start_mark.index
        line_start = text.rfind("\n", 0, index) + 1
        if text[line_start:index].strip(" ") or not isinstance(key, ScalarNode):
            editable = False
        starts.append(line_start)
    if position + 1 < len(top):
        next_key = top[position + 1][0]
        end = text.rfind("\n", 0, next_key.start_mark.index) + 1
        if next_key.start_mark.column != 0 or end != next_key.start_mark.index:
            editable = False
    else:
        end = len(text)
    to_bytes = _ByteOffsets(text)
    bounds = [to_bytes(i) for i in [*starts, end]] if editable else None
    for number, (key, _value) in enumerate(trips.value):
        span = (bounds[number], bounds[number + 1]) if bounds else None
        out[key.value] = (key.start_mark.line, span)
    return out


class _ByteOffsets:
    """Character offsets in `text` -> byte offsets in its UTF-8 encoding (asked in order)."""

    def __init__(self, text: str):
        self.text = text
        self.ascii = text.isascii()
        self.char = 0
        self.byte = 0

    def __call__(self, char: int) -> int:
        if self.ascii:
            return char
        if char < self.char:
            self.char, self.byte = 0, 0
        self.byte += len(self.text[self.char : char].encode("utf-8"))
        self.char = char
        return self.byte


def _only_value(root, key: str):
    """The value of the one key of a piece's mapping ({key: value}); None when it is not that."""
    from triptrack.datafile.syntax import MappingNode, ScalarNode

    if not isinstance(root, MappingNode) or len(root.value) != 1:
        return None
    key_node, value = root.value[0]
    if not isinstance(key_node, ScalarNode) or key_node.value != key or key_node.style not in (None, ""):
        return None
    return value
