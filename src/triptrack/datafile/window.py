"""A window on the data file: only the officials and one trip, each at its own lines.

An edit of one trip needs the text around that trip, not the 30,000 lines around
it. The window's text is the file with every other piece (datafile.pieces) replaced
by as many empty lines as it had: blank lines mean nothing inside a block mapping,
so the window is a valid data file in which the officials and the trip sit at the
same lines, with the same comments, as in the file, and every text step of an edit
(datafile.splice) runs on it as it would on the whole file, at a fraction of the cost.

`apply` takes the window's new text back to the file: the two texts differ in one
region, which must lie inside a kept piece (the trip or the officials); it is
replaced there, byte for byte. A change that reached outside — into the blank
lines — returns None, and the caller edits the whole file instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triptrack.datafile.touched_trips import common_prefix, common_suffix

if TYPE_CHECKING:
    from triptrack.datafile.pieces import Layout


class Window:
    def __init__(self, raw: bytes, kept: list[tuple[int, int, int, int]], window: bytes):
        self.raw = raw
        self.kept = kept  # (start, end) in the window, start in the file, piece number: each kept piece
        self.window = window
        self.text = window.decode("utf-8")
        self.changed: tuple[int, int] | None = None  # after `apply`: (piece number, size change)

    @classmethod
    def around(cls, raw: bytes, trip_id: str, layout: Layout | None) -> Window | None:
        """The window on `trip_id` and the officials (only the officials for ""), from the
        file's layout (datafile.pieces); None when the file has none (it was parsed whole)."""
        if layout is None or (trip_id and layout.find("t", trip_id) is None):
            return None
        bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        wanted = [layout.find(kind) for kind in "oh"] + [layout.find("t", trip_id) if trip_id else None]
        parts, kept, at, line = [], [], 0, 0  # line: the window's lines so far
        for number in sorted(n for n in wanted if n is not None):
            piece = layout.piece(number)
            parts.append(b"\n" * (piece.line - line))  # the pieces between, as blank lines
            at += piece.line - line
            chunk = raw[bom + piece.start : bom + piece.end]
            kept.append((at, at + len(chunk), bom + piece.start, number))
            parts.append(chunk)
            at += len(chunk)
            line = piece.line + layout.line_count(number)
        parts.append(b"\n" * (layout.breaks - line))
        try:
            return cls(raw, kept, b"".join(parts))
        except UnicodeDecodeError:
            return None  # the whole-file read words that error

    def apply(self, new_text: str) -> bytes | None:
        """The file's new bytes for the window's new text; None when the change is not inside a kept piece."""
        old, new = self.window, new_text.encode("utf-8")
        if old == new:
            self.changed = None
            return self.raw
        prefix = common_prefix(old, new)
        suffix = common_suffix(old, new, prefix)
        start, end = prefix, len(old) - suffix
        for window_start, window_end, file_start, number in self.kept:
            if window_start <= start and end <= window_end:
                at = file_start + start - window_start
                self.changed = (number, len(new) - len(old))
                raw = memoryview(self.raw)  # (one copy of a large file, not three)
                return b"".join((raw[:at], new[prefix : len(new) - suffix], raw[at + end - start :]))
        return None
