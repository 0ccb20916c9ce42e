"""A long Rich table drawn again after a few rows changed: only those rows are drawn.

Rich draws a table in two steps: column widths from the measurements of every
cell, then each row on its own at those widths (with a box like SIMPLE_HEAD, no row
styles, no lines between rows, a row's text depends on nothing else). So the text
of a table is: its top edge and header, each row's lines, its bottom edge; and a
row drawn once at given widths is the same text next time. `draw_table` keeps, in
`memory` (a dict the caller stores), each cell's measurement and each row's text at
the widths used, keyed by the cells' content and styles; the widths come from Rich
itself, measuring a table made of the few rows that set them (the widest cell and
the longest word of each column) and each part is drawn by Rich's own table code
at those widths. Drawing the list of 10,000 trips again after an
edit then takes a fraction of a second instead of ten.

Tables with anything else (titles, footers, row styles, lines, a fixed width,
cells that are not Text) return None: draw them with Rich as usual. Uses a few of
Rich's private table methods; the tests compare the result with Rich's own, and any
AttributeError or TypeError also means None.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def _cell_key(cell) -> tuple | None:
    if type(cell) is not Text:
        return None
    spans = tuple((s.start, s.end, str(s.style)) for s in cell.spans)
    return (cell.plain, str(cell.style), spans, cell.justify, cell.overflow, cell.no_wrap, cell.end, cell.tab_size)


def _simple(table: Table) -> bool:
    return bool(
        table.box and table.show_edge and table.width is None and not table.title and not table.caption
        and not table.show_footer and not table.show_lines and not table.leading and not table.row_styles
        and not any(row.end_section for row in table.rows) and table.min_width is None
    )


def _like(table: Table, rows: list[tuple], header: bool = True) -> Table:
    """A table with `table`'s settings and columns, holding `rows`."""
    twin = copy.copy(table)
    twin.columns = [column.copy() for column in table.columns]
    twin.rows = []
    twin.show_header = table.show_header and header
    for row in rows:
        twin.add_row(*row)
    return twin


class _AtWidths:
    """`table` drawn at the given column widths, as Table.__rich_console__ draws it."""

    def __init__(self, table: Table, widths: list[int]):
        self.table, self.widths = table, widths

    def __rich_console__(self, console: Console, options):
        table = self.table
        render_options = options.update(width=sum(self.widths) + table._extra_width, highlight=table.highlight, height=None)
        yield from table._render(console, render_options, self.widths)


class _RowsAtWidths:
    """Rows of `table` drawn one after another at the given widths, without the table's edges."""

    def __init__(self, table: Table, rows: list[tuple], widths: list[int]):
        self.table, self.rows, self.widths = table, rows, widths
        self.heights: list[int] = []

    def __rich_console__(self, console: Console, options):
        table, widths = self.table, self.widths
        render_options = options.update(width=sum(widths) + table._extra_width, highlight=table.highlight, height=None)
        for row in self.rows:
            segments = list(_like(table, [row], header=False)._render(console, render_options, widths))
            segments = segments[2:-2]  # the top edge and its newline, the bottom edge and its newline
            self.heights.append(sum(1 for segment in segments if segment.text == "\n"))
            yield from segments


def _draw_rows(console: Console, table: Table, rows: list[tuple], widths: list[int]) -> list[str] | None:
    """The text of each row, drawn in one go; None if the lines do not add up."""
    if not rows:
        return []
    drawing = _RowsAtWidths(table, rows, widths)
    with console.capture() as captured:
        console.print(drawing)
    lines = captured.get().splitlines(keepends=True)
    if sum(drawing.heights) != len(lines):
        return None
    texts, start = [], 0
    for height in drawing.heights:
        texts.append("".join(lines[start : start + height]))
        start += height
    return texts


def _lines(console: Console, table: Table, widths: list[int]) -> list[str]:
    """The lines (with their newlines) Rich prints for `table` at `widths` on `console`."""
    with console.capture() as captured:
        console.print(_AtWidths(table, widths))
    return captured.get().splitlines(keepends=True)


def draw_table(console: Console, table: Table, memory: dict) -> str | None:
    """The text Rich prints for `table`, reusing rows from `memory` (updated in place); None: not here."""
    if not _simple(table) or not table.rows:
        return None
    try:
        return _draw(console, table, memory)
    except (AttributeError, TypeError):  # a Rich release that draws tables differently
        return None


def _draw(console: Console, table: Table, memory: dict) -> str | None:
    rows = list(zip(*(column.cells for column in table.columns)))
    keys = [tuple(_cell_key(cell) for cell in row) for row in rows]
    if any(key is None for row_keys in keys for key in row_keys):
        return None
    known_measures = memory.get("measures", {})
    measures: dict[tuple, tuple[int, int]] = {}
    options = console.options
    for row, row_keys in zip(rows, keys):
        for cell, key in zip(row, row_keys):
            if key not in measures:
                found = known_measures.get(key)
                if found is None:
                    measured = cell.__rich_measure__(console, options)
                    found = (measured.minimum, measured.maximum)
                measures[key] = found
    setting = set()
    for column in range(len(table.columns)):
        for part in (0, 1):
            setting.add(max(range(len(rows)), key=lambda r: measures[keys[r][column]][part]))
    sample = _like(table, [rows[r] for r in sorted(setting)])
    widths = sample._calculate_column_widths(console, options.update_width(options.max_width - sample._extra_width))
    frame = _lines(console, _like(table, []), widths)
    known_rows = memory.get("rows", {})
    row_keys = [(key, tuple(widths)) for key in keys]
    missing = {key: row for key, row in zip(row_keys, rows) if key not in known_rows}
    drawn_now = _draw_rows(console, table, list(missing.values()), widths)
    if drawn_now is None:
        return None
    drawn = {key: known_rows.get(key) for key in row_keys if key not in missing}
    drawn.update(zip(missing, drawn_now))
    out = frame[:-1]
    out.extend(drawn[key] for key in row_keys)
    out.append(frame[-1])
    memory["measures"] = measures
    memory["rows"] = drawn
    return "".join(out)
