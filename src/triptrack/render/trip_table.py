"""`triptrack list`: a table of trips, drawn in one pass however many trips there are.

Rich's Table measures and wraps every cell through its renderables, about a
millisecond a row: ten seconds for the 11,000 trips of a large file. The list is a
simple table — four columns of text, a header, a rule — so it is laid out here
directly: column widths from one pass over the cells, words wrapped to them, each
line styled with Rich's public Style.render (or left plain when the console has no
colours). It looks like Rich's SIMPLE_HEAD table.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from triptrack.core.model import Catalog, Trip


def date_range(first: date | None, last: date | None) -> str:
    """'5–9 Jan 2025', '30 Dec 2024 – 2 Jan 2025'; empty without dates."""
    if not first or not last:
        return ""
    if first == last:
        return f"{first.day} {_MONTHS[first.month]} {first.year}"
    if first.year != last.year:
        return f"{first.day} {_MONTHS[first.month]} {first.year} – {last.day} {_MONTHS[last.month]} {last.year}"
    if first.month != last.month:
        return f"{first.day} {_MONTHS[first.month]} – {last.day} {_MONTHS[last.month]} {last.year}"
    return f"{first.day}–{last.day} {_MONTHS[last.month]} {last.year}"


# What %b gives (the C locale: triptrack never sets another), without strftime's cost per trip.
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# Characters that may not take exactly one cell (controls, combining marks, wide scripts...):
# a text without any is as wide as it is long, and Rich's cell_len is asked only about the rest.
_NOT_ONE_CELL = re.compile("[^\x20-\x7e\xa0-\u02ff\u0370-\u0482\u048a-\u0590\u2010-\u2027\u2030-\u205e\u2190-\u21ff]")


def _width(text: str) -> int:
    return len(text) if text.isascii() or not _NOT_ONE_CELL.search(text) else cell_len(text)


def _wrap(text: str, width: int) -> list[tuple[str, int]]:
    """`text` in lines of at most `width` cells, with their widths: at spaces, and within a
    word only when it is too long."""
    if "\n" not in text:
        whole = _width(text)
        if whole <= width:
            return [(text, whole)]
    if text.isascii() or not _NOT_ONE_CELL.search(text):  # every character one cell: a width is a length
        return _wrap_one_cell_text(text, width)
    return [(line, _width(line)) for paragraph in text.split("\n") for line in _wrap_words(paragraph, width, _width)]


def _wrap_one_cell_text(text: str, width: int) -> list[tuple[str, int]]:
    """_wrap for a text whose every character takes one cell."""
    return [(line, len(line)) for paragraph in text.split("\n") for line in _wrap_one_cell(paragraph, width)]


def _wrap_words(paragraph: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """A paragraph's lines, word by word, each at most `width` as `measure` counts."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split(" "):
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while measure(word) > width:
            cut = width
            while cut > 1 and measure(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return lines


def _wrap_one_cell(paragraph: str, width: int) -> list[str]:
    """_wrap_words(paragraph, width, len), found by looking back for the last space that
    fits, rather than word by word (the same lines when single spaces part the words)."""
    if "  " in paragraph or paragraph.startswith(" ") or paragraph.endswith(" "):
        return _wrap_words(paragraph, width, len)
    lines = []
    rest = paragraph
    while len(rest) > width:
        cut = rest.rfind(" ", 0, width + 1)
        if cut > 0:
            lines.append(rest[:cut])
            rest = rest[cut + 1:]
        else:  # a word longer than the line: cut inside it
            lines.append(rest[:width])
            rest = rest[width:]
    lines.append(rest)
    return lines


def _longest_word(texts: list[str]) -> int:
    return max((_width(word) for text in texts for word in text.split()), default=0)


def _fit(natural: list[int], minimum: list[int], wrapable: list[bool], room: int) -> list[int]:
    """Column widths: each as wide as its widest line; the widest wrapable one narrowed first."""
    widths = list(natural)
    excess = sum(widths) - room
    while excess > 0:
        candidates = [i for i, ok in enumerate(wrapable) if ok and widths[i] > minimum[i]]
        if not candidates:
            break
        widest = max(candidates, key=widths.__getitem__)
        floor = max([minimum[widest]] + [widths[i] for i in candidates if widths[i] < widths[widest]])
        cut = min(excess, widths[widest] - floor) or 1
        widths[widest] -= cut
        excess -= cut
    return widths


@contextmanager
def _no_cycle_collection():
    """Pauses Python's cycle collector: the table makes tens of thousands of small lists and
    tuples, none in a cycle, and each collection would walk every trip loaded so far."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def print_trips(console: Console, catalog: Catalog, trips: list[Trip]) -> None:
    """The table of `trips` on `console`. Under 120 columns the official goes under the
    title, so titles keep room to read; under 80 the table also drops its edge padding; where
    the ids and dates would leave the rest too little room, each trip is a block of lines.
    Ids are never cut (unless one is wider than the terminal)."""
    with _no_cycle_collection():
        _print_trips(console, catalog, trips)


def _print_trips(console: Console, catalog: Catalog, trips: list[Trip]) -> None:
    width = console.width
    narrow = width < 120
    headers = ["Trip", "Dates"] + ([] if narrow else ["Official"]) + ["About" if narrow else "Title · route"]
    names = {official_id: official.name for official_id, official in catalog.officials.items()}
    ids = [trip.id for trip in trips]
    dates = [date_range(trip.first_day, trip.last_day) for trip in trips]
    whos = [names.get(trip.official, trip.official) for trip in trips]
    titles = [trip.title for trip in trips]
    routes = [" → ".join(trip.route()) for trip in trips]  # (a trip's summary has a route but no stops)
    about = titles + (whos if narrow else []) + [route for route in routes if route]
    columns = [ids, dates] + ([] if narrow else [whos]) + [about]
    columns = [[header, *texts] for header, texts in zip(headers, columns)]
    # A column whose every character takes one cell (the usual case) measures its texts by length.
    measures = [len if _one_cell("\n".join(texts)) else _width for texts in columns]
    natural = [max(map(measure, "\n".join(texts).split("\n"))) for measure, texts in zip(measures, columns)]
    minimum = [natural[0], natural[1]]
    if not narrow:
        minimum.append(max(8, min(_longest_word(whos), 20)))
    minimum.append(12)
    edge = 1 if width >= 80 else 0
    room = width - 2 - 2 * edge - 2 * (len(headers) - 1) - (len(headers) - 1)  # borders, padding, dividers
    if natural[0] + natural[1] + minimum[-1] > room:
        _print_blocks(console, zip(ids, dates, titles, whos, routes))
        return
    widths = _fit(natural, minimum, [False, False] + [True] * (len(headers) - 2), room)
    layout = _Layout(console, widths, measures, edge)
    total = sum(widths) + 2 * (len(headers) - 1) + 2 * edge + (len(headers) - 1) + 2
    output = [" " * total]
    output += layout.lines([[(header, "bold")] for header in headers])
    output.append(" " + "─" * (total - 2) + " ")
    cell = layout.cell
    first, second = layout.single(0, "bold cyan"), layout.single(1, "")
    under = " " + layout.blanks[0] + " " + layout.blanks[1] + " "  # a narrow row's lines after its first
    officials = {who: cell(-1, who, "dim italic") for who in set(whos)} if narrow else {}  # a few, each drawn once
    for trip_id, day_range, who, title, route in zip(ids, dates, whos, titles, routes):
        texts = cell(-1, title, "")
        if narrow:
            texts += officials[who]
        if route:
            texts += cell(-1, route, "dim")
        if narrow:  # the id and dates take one line each: the About column gives the row's height
            output.append(" " + first(trip_id) + " " + second(day_range) + " " + texts[0] + " ")
            output += [under + text + " " for text in texts[1:]]
        else:
            output += layout.join([[first(trip_id)], [second(day_range)], cell(2, who, ""), texts])
    output.append(" " * total)
    console.file.write("\n".join(output) + "\n")
    console.file.flush()


def _print_blocks(console: Console, rows) -> None:
    """Each trip as a block: its id, then its dates, title, official and route beneath,
    wrapped to the terminal (for a terminal too narrow for the table's columns)."""
    width = max(console.width, 12)
    head, body = _Layout(console, [width], [_width], 0), _Layout(console, [width - 2], [_width], 0)
    output = []
    for trip_id, *texts in rows:
        output += [line.rstrip() for line in head.cell(0, trip_id, "bold cyan")]
        for text, style in zip(texts, ("", "", "dim italic", "dim")):
            if text:
                output += ["  " + line.rstrip() for line in body.cell(0, text, style)]
        output.append("")
    console.file.write("\n".join(output))
    console.file.flush()


def _one_cell(text: str) -> bool:
    """Whether every character of `text` but its line breaks takes exactly one cell."""
    return text.isascii() or not _NOT_ONE_CELL.search(text.replace("\n", " "))


class _Layout:
    """Turns a row's cells into the table's lines, once the column widths are known."""

    def __init__(self, console: Console, widths: list[int], measures: list[Callable[[str], int]], edge: int) -> None:
        columns = len(widths)
        lefts = [" " if (c > 0 or edge) else "" for c in range(columns)]
        rights = [" " if (c < columns - 1 or edge) else "" for c in range(columns)]
        self.columns = list(zip(widths, measures, lefts, rights))
        self.blanks = [lefts[c] + " " * widths[c] + rights[c] for c in range(columns)]
        self.plain = console.no_color or console.color_system is None
        self.color_system = console.color_system
        self.styles: dict[str, str] = {}  # a style's escape codes around "\0"

    def paint(self, text: str, style: str) -> str:
        if self.plain or not style or not text:
            return text
        if style not in self.styles:
            from rich.style import Style

            self.styles[style] = Style.parse(style).render("\0", color_system=self.color_system)
        return self.styles[style].replace("\0", text)

    def single(self, column: int, style: str) -> Callable[[str], str]:
        """The one line of a cell in a column that never wraps (as wide as its widest text)."""
        width, measure, left, right = self.columns[column]
        if self.plain and measure is len:
            return lambda text: left + text.ljust(width) + right
        paint = self.paint
        return lambda text: left + paint(text, style) + " " * (width - measure(text)) + right

    def cell(self, column: int, text: str, style: str) -> list[str]:
        """A text's lines in a column, wrapped to its width and padded."""
        width, measure, left, right = self.columns[column]
        if measure is len and "\n" not in text:  # one cell a character: widths are lengths
            lines = [text] if len(text) <= width else _wrap_one_cell(text, width)
            if self.plain:
                return [left + line.ljust(width) + right for line in lines]
            return [left + self.paint(line, style) + " " * (width - len(line)) + right for line in lines]
        used = measure(text)
        if used <= width and "\n" not in text:  # one line as it is (what _wrap would give)
            return [left + self.paint(text, style) + " " * (width - used) + right]
        wrapped = _wrap_one_cell_text(text, width) if measure is len else _wrap(text, width)
        return [left + self.paint(line, style) + " " * (width - cut) + right for line, cut in wrapped]

    def lines(self, cells: list[list[tuple[str, str]]]) -> list[str]:
        return self.join([[line for text, style in cell for line in self.cell(c, text, style)] for c, cell in enumerate(cells)])

    def join(self, columns_text: list[list[str]]) -> list[str]:
        """The table's lines for one row, from each column's lines (short columns padded)."""
        height = max(map(len, columns_text))
        if height == 1:
            return [" " + " ".join(column[0] for column in columns_text) + " "]
        for c, column in enumerate(columns_text):
            if len(column) < height:
                column.extend([self.blanks[c]] * (height - len(column)))
        return [" " + " ".join(parts) + " " for parts in zip(*columns_text)]
