"""A trip's map in the terminal, drawn with Unicode braille: each character cell holds
2 x 4 dots, so an 80-column map is 160 dots wide.

The coastlines are drawn dim, the route bright, and each place is marked by its number
(H for home) with its name beside it where there is room. Colour is only a help: with
NO_COLOR the same characters carry everything, and the legend beneath names every place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil

from triptrack.maps.geometry import Position, View, split_at, wrap
from triptrack.maps.land import on_cut, rings
from triptrack.maps.trip_map import TripMap

# Bit of each dot in a braille cell, by [row][column] (Unicode's braille pattern order).
DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
MAX_ROWS = 22
MIN_COLUMNS = 30


@dataclass
class BrailleCanvas:
    columns: int
    rows: int
    layers: dict[str, dict[tuple[int, int], int]] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return self.columns * 2

    @property
    def height(self) -> int:
        return self.rows * 4

    def dot(self, x: int, y: int, layer: str) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            cells = self.layers.setdefault(layer, {})
            key = (y // 4, x // 2)
            cells[key] = cells.get(key, 0) | DOT_BITS[y % 4][x % 2]

    def line(self, a: tuple[float, float], b: tuple[float, float], layer: str) -> None:
        (x0, y0), (x1, y1) = a, b
        if (x0 < 0 and x1 < 0) or (y0 < 0 and y1 < 0):
            return
        if (x0 >= self.width and x1 >= self.width) or (y0 >= self.height and y1 >= self.height):
            return
        steps = max(1, ceil(max(abs(x1 - x0), abs(y1 - y0))))
        for index in range(steps + 1):
            t = index / steps
            self.dot(round(x0 + (x1 - x0) * t), round(y0 + (y1 - y0) * t), layer)

    def cell(self, row: int, column: int) -> tuple[str, str | None]:
        """The character at a cell and the top layer drawn in it."""
        bits, top = 0, None
        for layer, cells in self.layers.items():  # a later layer hides the earlier ones in its cells,
            if (row, column) in cells:  # so the route reads as one line across land, colour or not
                bits, top = cells[(row, column)], layer
        return (chr(0x2800 + bits) if bits else " "), top


def size_for(view: View, columns: int) -> tuple[int, int]:
    """(columns, rows) that show `view` undistorted in at most `columns` (dots are square)."""
    columns = max(MIN_COLUMNS, columns)
    rows = min(MAX_ROWS, max(4, round(columns * 2 / view.aspect / 4)))
    columns = min(columns, max(MIN_COLUMNS, round(rows * 4 * view.aspect / 2)))
    return columns, rows


class Projection:
    def __init__(self, view: View, width: int, height: int):
        self.view, self.width, self.height = view, width, height

    def __call__(self, position: Position) -> tuple[float, float]:
        lon, lat = position
        v = self.view
        return (
            (lon - v.west) / (v.east - v.west) * (self.width - 1),
            (v.north - lat) / (v.north - v.south) * (self.height - 1),
        )


def unwrapped(ring: tuple[Position, ...], start: float) -> list[tuple[Position, bool]]:
    """The ring with each longitude within 180 degrees of the one before (no jumps across the
    map), starting at `start`; with each point, whether the segment to it is a real coast."""
    out: list[tuple[Position, bool]] = []
    lon_now, before = start, None
    for point in ring:
        if before is not None:
            lon_now += wrap(point[0] - before[0], -180.0)
        out.append(((lon_now, point[1]), before is not None and not on_cut(before, point)))
        before = point
    return out


def draw_land(canvas: BrailleCanvas, project: Projection) -> None:
    for ring in rings():
        points = unwrapped(ring, project.view.place(ring[0][0]))
        for shift in (-360.0, 0.0, 360.0):  # a coast may show again a turn away when the view is wide
            for (a, _), (b, coast) in zip(points, points[1:]):
                if coast:
                    canvas.line(project((a[0] + shift, a[1])), project((b[0] + shift, b[1])), "land")


def draw_route(canvas: BrailleCanvas, project: Projection, drawn: TripMap) -> None:
    for leg in drawn.legs:
        for piece in split_at(leg, project.view.cut):
            for a, b in zip(piece, piece[1:]):
                canvas.line(project(a), project(b), "route")


def render(drawn: TripMap, columns: int):
    """The map as a Rich renderable, at most `columns` wide."""
    from rich.console import Group
    from rich.text import Text

    view = drawn.view
    columns, rows = size_for(view, columns)
    canvas = BrailleCanvas(columns, rows)
    project = Projection(view, canvas.width, canvas.height)
    draw_land(canvas, project)
    draw_route(canvas, project, drawn)
    labels = _place_labels(drawn, project, columns, rows)
    styles = {"land": "green", "route": "bold yellow"}
    lines = []
    for row in range(rows):
        line = Text(no_wrap=True, overflow="crop")
        for column in range(columns):
            if (row, column) in labels:
                text, style = labels[(row, column)]
                line.append(text, style=style)
                continue
            char, top = canvas.cell(row, column)
            line.append(char, style=styles.get(top or "", ""))
        lines.append(line)
    parts = [Text(f"{drawn.trip_id} · {drawn.title}", style="bold"), *lines, *_legend(drawn, columns)]
    if drawn.shortfall():
        parts.append(Text(drawn.shortfall(), style="yellow"))
    return Group(*parts)


def _legend(drawn: TripMap, columns: int) -> list:
    """'H Washington (home)  1 Seoul  2 Tokyo', packed into lines; a place is never split."""
    from rich.text import Text

    lines = [Text()]
    for marker in drawn.markers:
        name = f" {marker.city}{' (home)' if marker.home else ''}"
        width = len(marker.label) + len(name)
        if len(lines[-1]) and len(lines[-1]) + 2 + width > columns:
            lines.append(Text())
        if len(lines[-1]):
            lines[-1].append("  ")
        lines[-1].append(marker.label, style="bold reverse")
        lines[-1].append(name)
    return [line for line in lines if len(line)]


def _place_labels(drawn: TripMap, project: Projection, columns: int, rows: int) -> dict[tuple[int, int], tuple[str, str]]:
    """Each place's number at its cell, and its name beside it where the cells are free."""
    taken: dict[tuple[int, int], tuple[str, str]] = {}
    cells = []
    for marker in drawn.markers:
        x, y = project((project.view.place(marker.position[0]), marker.position[1]))
        row, column = min(rows - 1, max(0, int(y) // 4)), min(columns - 1, max(0, int(x) // 2))
        cells.append((marker, row, column))
        if (row, column) not in taken:
            taken[(row, column)] = (marker.label, "bold reverse")
        else:  # two places in one cell (Rome and the Vatican): both numbers, side by side
            for spare in range(column + 1, columns):
                if (row, spare) not in taken:
                    taken[(row, spare)] = (marker.label, "bold reverse")
                    break
    for marker, row, column in cells:
        name = " " + marker.city
        right = [(row, column + 1 + i) for i in range(len(name))]
        left = [(row, column - len(name) + i) for i in range(len(name))]
        for span in (right, left):
            if all(0 <= c < columns and (r, c) not in taken for r, c in span) and not _crowded(span, taken):
                for (r, c), char in zip(span, name if span is right else marker.city + " "):
                    taken[(r, c)] = (char, "bold")
                break
    return taken


def _crowded(span: list[tuple[int, int]], taken) -> bool:
    """A name must not touch another label on either end (it would read as one word)."""
    (row, first), (_, last) = span[0], span[-1]
    return (row, first - 1) in taken and taken[(row, first - 1)][1] == "bold" or (
        (row, last + 1) in taken and taken[(row, last + 1)][1] == "bold"
    )
