"""`triptrack list`: a table of trips, drawn in one pass however many trips there are.

Rich's Table measures and wraps every cell through its renderables, about a
millisecond a row: ten seconds for the 11,000 trips of a large file. The list is a
simple table — four columns of text, a header, a rule — so it is laid out here
directly: column widths from one pass over the cells, words wrapped to them, each
line styled with Rich's public Style.render (or left plain when the console has no
colours). It looks like Rich's SIMPLE_HEAD table.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from rich.console import Console

    from triptrack.core.model import Catalog, Trip


def date_range(first: date | None, last: date | None) -> str:
    """'5–9 Jan 2025', '30 Dec 2024 – 2 Jan 2025'; empty without dates."""
    if not first or not last:
        return ""
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if first.year != last.year:
        return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day}–{last.day} {last:%b %Y}"


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
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if _width(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while _width(word) > width:
                cut = width
                while cut > 1 and _width(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return [(line, _width(line)) for line in lines]


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


def print_trips(console: Console, catalog: Catalog, trips: list[Trip]) -> None:
    """The table of `trips` on `console`. Under 120 columns the official goes under the
    title, so titles keep room to read; under 80 the table also drops its edge padding.
    Ids are never cut."""
    from rich.style import Style

    width = console.width
    narrow = width < 120
    headers = ["Trip", "Dates"] + ([] if narrow else ["Official"]) + ["About" if narrow else "Title · route"]
    rows = []  # per trip, per column: [(text, style)]
    for trip in trips:
        official = catalog.officials.get(trip.official)
        who = official.name if official else trip.official
        route = trip.route()  # (a trip's summary has a route but no stops)
        about = [(trip.title, "")]
        if narrow:
            about.append((who, "dim italic"))
        if route:
            about.append((" → ".join(route), "dim"))
        cells = [[(trip.id, "bold cyan")], [(date_range(trip.first_day, trip.last_day), "")]]
        if not narrow:
            cells.append([(who, "")])
        rows.append([*cells, about])
    columns = len(headers)
    texts = [[headers[c]] + [text for row in rows for text, _s in row[c]] for c in range(columns)]
    natural = [max((_width(line) for text in column for line in text.split("\n")), default=0) for column in texts]
    minimum = [natural[0], natural[1]] + ([max(8, min(_longest_word(texts[2]), 20))] if not narrow else [])
    minimum.append(12)
    edge = 1 if width >= 80 else 0
    room = width - 2 - 2 * edge - 2 * (columns - 1) - (columns - 1)  # borders, padding, dividers
    widths = _fit(natural, minimum, [False, False] + [True] * (columns - 2), room)
    plain = console.no_color or console.color_system is None
    styles: dict[str, str] = {}

    def paint(text: str, style: str) -> str:
        if plain or not style or not text:
            return text
        if style not in styles:
            styles[style] = Style.parse(style).render("\0", color_system=console.color_system)
        return styles[style].replace("\0", text)

    lefts = [" " if (c > 0 or edge) else "" for c in range(columns)]
    rights = [" " if (c < columns - 1 or edge) else "" for c in range(columns)]
    blanks = [lefts[c] + " " * widths[c] + rights[c] for c in range(columns)]

    def lines_of(cells: list[list[tuple[str, str]]]) -> list[str]:
        columns_text = []
        for c, cell in enumerate(cells):
            width, left, right = widths[c], lefts[c], rights[c]
            columns_text.append([
                left + paint(line, style) + " " * (width - used) + right
                for text, style in cell for line, used in _wrap(text, width)
            ])
        height = max(len(column) for column in columns_text)
        if height == 1:
            return [" " + " ".join(column[0] for column in columns_text) + " "]
        for c, column in enumerate(columns_text):
            column.extend([blanks[c]] * (height - len(column)))
        return [" " + " ".join(parts) + " " for parts in zip(*columns_text)]

    total = sum(widths) + 2 * (columns - 1) + 2 * edge + (columns - 1) + 2
    output = [" " * total]
    output += lines_of([[(header, "bold")] for header in headers])
    output.append(" " + "─" * (total - 2) + " ")
    for row in rows:
        output += lines_of(row)
    output.append(" " * total)
    console.file.write("\n".join(output) + "\n")
    console.file.flush()
