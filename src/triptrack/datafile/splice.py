"""Editing the data file as text, so everything a person wrote survives.

PyYAML drops comments when it rewrites a file. Instead, each edit finds the nodes
it touches (their marks give exact positions) and splices new YAML text in, so
comments, blank lines, key order and quoting elsewhere stay byte-for-byte the same.
A changed scalar keeps its quoting style where the new value allows it.

Every primitive returns `Splice`s (replace text[start:end] with new text) for one
version of the text; `apply` puts them in, `run_steps` chains edits that each need
a fresh parse. Comment lines directly above a list item move with it; deleting an
item keeps them (they may say more than the item did).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from triptrack.datafile.emit import (
    TIME_KEYS,
    WallTime,
    dump,
    indented,
    render_flow,
    render_key,
    render_scalar,
)
from triptrack.datafile.spans import (  # noqa: F401  (the node finders are used through this module)
    Splice,
    block_end,
    comment_lines_above,
    comments_above,
    content_end,
    end_of_line,
    entry_node,
    insertion,
    is_blank_line,
    list_item,
    mapping_key,
    mapping_value,
    node_end,
    official_node,
    own_line_start,
    pair,
    removal,
    start_of_line,
    trip_node,
)
from triptrack.datafile.syntax import (
    NULL_TAG,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    compose,
    line_of,
)
from triptrack.errors import InputError

Step = Callable[[str, "Node | None"], list[Splice]]
_LONE_LF = re.compile(r"(?<!\r)\n")


def apply(text: str, splices: Iterable[Splice]) -> str:
    """Put non-overlapping splices into `text` (new lines follow the file's CRLF/LF style)."""
    crlf = "\r\n" in text
    out, position = [], 0
    for splice in sorted(splices, key=lambda s: (s.start, s.end)):  # an insertion goes before a removal at its spot
        if splice.start < position:
            raise ValueError(f"overlapping edits at offset {splice.start}")
        out.append(text[position : splice.start])
        out.append(_LONE_LF.sub("\r\n", splice.text) if crlf else splice.text)
        position = splice.end
    out.append(text[position:])
    return "".join(out)


def run_steps(text: str, steps: list[Step], path: str) -> str:
    """Apply each step to the text the previous one produced (re-parsed in between)."""
    for step in steps:
        root = compose(text, path)
        text = apply(text, step(text, root))
    return text


# --- scalars and keys --------------------------------------------------------------


def is_null(node: Node | None) -> bool:
    return node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG)


def replace_scalar(text: str, node: ScalarNode, value: str | float | bool, *, flow: bool, indent: int) -> list[Splice]:
    """The scalar's new text in its old quoting style where possible (nothing if unchanged)."""
    if isinstance(value, str) and node.value == value and not is_null(node):
        return []
    start, end = node.start_mark.index, content_end(text, node)
    style = node.style if not is_null(node) else None
    if isinstance(value, str) and "\n" in value.strip("\n") and not style:
        style = "|"  # several lines where one plain line was: a literal block, as new text is written
    rendered = render_scalar(value, style, flow=flow, indent=indent)
    if text[start:end] == rendered:
        return []
    if start == end:  # `key:` with nothing after it
        rendered = " " + rendered
    return [Splice(start, end, rendered)]


def rename_key(text: str, key_node: ScalarNode, new_key: str) -> list[Splice]:
    return [Splice(key_node.start_mark.index, key_node.end_mark.index, render_key(new_key, key_node.style))]


def set_scalar(text: str, mapping: MappingNode, key: str, value: str | float | bool, order: tuple[str, ...]) -> list[Splice]:
    """Set `key: value` in `mapping`, replacing the old value or adding the key in `order`."""
    if key in TIME_KEYS and type(value) is str:
        value = WallTime(value)
    found = pair(mapping, key)
    if found is None:
        return insert_key(text, mapping, key, value, order)
    key_node, node = found
    if not isinstance(node, ScalarNode):
        raise InputError(f"line {line_of(node)}: {key!r} holds a list or mapping here, not text")
    return replace_scalar(text, node, value, flow=bool(mapping.flow_style), indent=key_node.start_mark.column)


def set_empty_list(text: str, mapping: MappingNode, key: str) -> list[Splice]:
    """Write `key: []` where the list under `key` has become empty or is null."""
    node = mapping_value(mapping, key)
    if node is None or not is_null(node):
        return []
    at = node.start_mark.index
    return [Splice(at, content_end(text, node), " []" if at == node.end_mark.index else "[]")]


def insert_key(text: str, mapping: MappingNode, key: str, data, order: tuple[str, ...]) -> list[Splice]:
    """Add `key: data` to `mapping` after the keys that come before it in `order`."""
    rank = {name: i for i, name in enumerate(order)}
    mine = rank.get(key, len(order))
    before = [p for p in mapping.value if rank.get(p[0].value, len(order)) <= mine]
    if mapping.flow_style:
        rendered = f"{render_key(key, None)}: {render_flow(data)}"
        if before:
            at = content_end(text, before[-1][1])
            return [Splice(at, at, ", " + rendered)]
        if mapping.value:
            at = mapping.value[0][0].start_mark.index
            return [Splice(at, at, rendered + ", ")]
        at = content_end(text, mapping) - 1  # just inside the closing brace
        return [Splice(at, at, rendered)]
    column = mapping.value[0][0].start_mark.column
    first_key = mapping.value[0][0]
    if before:
        at = node_end(text, before[-1][1])
    elif text[start_of_line(text, first_key.start_mark.index) : first_key.start_mark.index].strip():
        at = node_end(text, mapping.value[0][1])  # the first key shares the '- ' line: go after it
    else:
        at = comments_above(text, start_of_line(text, first_key.start_mark.index))
    return [insertion(text, at, indented(dump({key: data}), " " * column, " " * column))]


def delete_key(text: str, mapping: MappingNode, key: str) -> list[Splice]:
    """Remove `key` and its value (nothing when it is not there)."""
    pairs = list(mapping.value)
    for index, (key_node, value) in enumerate(pairs):
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            break
    else:
        return []
    if mapping.flow_style:
        return [_flow_removal(text, [(k.start_mark.index, content_end(text, v)) for k, v in pairs], index)]
    start = own_line_start(text, key_node, f"key {key!r}")
    return [removal(text, start, block_end(text, value, key_node.start_mark.column))]


def delete_emptied_key(text: str, mapping: MappingNode, key: str) -> list[Splice]:
    """Remove `key`, whose list an edit just emptied, unless a comment sits on its line or
    under it (the one above the item deleted, which the edit said it kept): then the key
    stays with those comments and no value, which reads as no list."""
    found = pair(mapping, key)
    if found is None:
        return []
    key_node, value = found
    if not mapping.flow_style and "#" in text[key_node.end_mark.index : block_end(text, value, key_node.start_mark.column)]:
        return []
    return delete_key(text, mapping, key)


def _flow_removal(text: str, spans: list[tuple[int, int]], index: int) -> Splice:
    start, end = spans[index]
    if index > 0:
        return Splice(spans[index - 1][1], end, "")
    if len(spans) > 1:
        return Splice(start, spans[1][0], "")
    return Splice(start, end, "")


# --- lists ---------------------------------------------------------------------------


def _item_start(text: str, item: Node) -> int:
    return own_line_start(text, item, "a list item")


def _item_span(text: str, item: Node) -> tuple[int, int]:
    """Where a block list's item lies with its comments: the comment lines directly above it
    but those indented deeper than its dash (they close the item above, as delete_item
    reads them), then the item and the deeper comment lines after it."""
    dash = _dash_column(text, item)
    start = _item_start(text, item)
    top = comments_above(text, start)
    while top < start and len(text[top:start]) - len(text[top:start].lstrip(" ")) > dash:
        top = end_of_line(text, top)
    return top, block_end(text, item, dash)


def _dash_column(text: str, item: Node) -> int:
    start = item.start_mark.index
    line_start = start_of_line(text, start)
    dash = text.rfind("-", line_start, start)
    return dash - line_start if dash >= 0 else max(0, item.start_mark.column - 2)


def _item_block(data, dash_column: int, item_column: int) -> str:
    gap = " " * max(1, item_column - dash_column - 1)
    first = " " * dash_column + "-" + gap
    if isinstance(data, (dict, list)):
        return indented(dump(data), first, " " * item_column)
    return first + render_scalar(str(data), None, flow=False, indent=dash_column) + "\n"


def _fill_empty(text: str, key_node: ScalarNode, value: Node, block: str) -> list[Splice]:
    """Replace a null or empty flow value (`stops: []`) by a block, keeping the line's comment
    and the comment lines under the key above the block."""
    start, end = value.start_mark.index, content_end(text, value)
    if end > start:  # `[]`, `{}`, `~` or `null`: remove it and the spaces before it
        while start > key_node.end_mark.index and text[start - 1] in " \t":
            start -= 1
    return [Splice(start, end, ""), insertion(text, block_end(text, value, key_node.start_mark.column), block)]


def insert_item(text: str, parent: MappingNode, key: str, index: int, data, order: tuple[str, ...] = ()) -> list[Splice]:
    """Insert `data` as item `index` of the list `parent[key]`, creating the list if needed."""
    found = pair(parent, key)
    seq = found[1] if found else None
    if isinstance(seq, SequenceNode) and seq.value:
        items = seq.value
        index = min(index, len(items))
        if seq.flow_style:
            if isinstance(data, (dict, list)):
                raise InputError(
                    f"line {line_of(seq)}: {key!r} is written in flow style ([...]); "
                    "write it as a block list (one '- ' per line) to add to it"
                )
            rendered = render_flow(data)
            if index < len(items):
                at = items[index].start_mark.index
                return [Splice(at, at, rendered + ", ")]
            at = content_end(text, items[-1])
            return [Splice(at, at, ", " + rendered)]
        block = _item_block(data, _dash_column(text, items[0]), items[0].start_mark.column)
        at = _item_span(text, items[index])[0] if index < len(items) else _item_span(text, items[-1])[1]
        return [insertion(text, at, block)]
    if found is None:
        return insert_key(text, parent, key, [data], order)
    if not (is_null(seq) or isinstance(seq, (SequenceNode, MappingNode)) and not seq.value):
        raise InputError(f"line {line_of(seq)}: {key!r} is not a list")
    if parent.flow_style:
        return [Splice(seq.start_mark.index, content_end(text, seq), render_flow([data]))]
    column = found[0].start_mark.column
    return _fill_empty(text, found[0], seq, _item_block(data, column + 2, column + 4))


def delete_item(text: str, seq: SequenceNode, index: int) -> list[Splice]:
    item = seq.value[index]
    if seq.flow_style:
        return [_flow_removal(text, [(i.start_mark.index, content_end(text, i)) for i in seq.value], index)]
    return [removal(text, _item_start(text, item), block_end(text, item, _dash_column(text, item)))]


def move_item(text: str, seq: SequenceNode, source: int, target: int) -> list[Splice]:
    """Move item `source` to position `target`, with its comments (_item_span)."""
    if source == target:
        return []
    if seq.flow_style:
        raise InputError(f"line {line_of(seq)}: the list is written in flow style ([...]); write it as a block list to reorder it")
    spans = [_item_span(text, item) for item in seq.value]
    block = text[spans[source][0] : spans[source][1]]
    if not block.endswith("\n"):
        block += "\n"
    others = [span for i, span in enumerate(spans) if i != source]
    at = others[target][0] if target < len(others) else others[-1][1]
    return [Splice(spans[source][0], spans[source][1], ""), insertion(text, at, block)]


def insert_list_item(text: str, parent: MappingNode, key: str, index: int, data: dict) -> str:
    """Insert `data` as item `index` of the block list `parent[key]`; returns the new text."""
    return apply(text, insert_item(text, parent, key, index, data))


# --- whole entries (a new trip or official) -----------------------------------------


def add_entry(text: str, root: Node | None, section: str, key: str, data: dict, order: tuple[str, ...]) -> list[Splice]:
    """Add `key: data` at the end of the top-level mapping `section`, creating it if needed."""
    return add_entries(text, root, section, [(key, data)], order)


def add_entries(
    text: str, root: Node | None, section: str, entries: list[tuple[str, dict]], order: tuple[str, ...]
) -> list[Splice]:
    """Add `key: data` entries, in order, at the end of the top-level mapping `section`.

    One splice for any number of entries, so an import of a thousand trips is one edit.
    """
    if not entries:
        return []
    content = dict(entries)
    if root is None or is_null(root):
        return [insertion(text, len(text), dump({section: content}))]
    found = pair(root, section)
    if found is None:
        return insert_key(text, root, section, content, order)
    key_node, node = found
    if isinstance(node, MappingNode) and node.value:
        if node.flow_style:
            at = content_end(text, node) - 1
            added = ", ".join(f"{render_key(k, None)}: {render_flow(v)}" for k, v in entries)
            return [Splice(at, at, f", {added}")]
        column = node.value[0][0].start_mark.column
        block = indented(dump(content), " " * column, " " * column)
        if len(node.value) > 1:
            last_key = node.value[-1][0]
            top = comments_above(text, start_of_line(text, last_key.start_mark.index))
            if top > 0 and is_blank_line(text, start_of_line(text, top - 1)):
                block = "\n" + block  # the entries are separated by blank lines
        return [insertion(text, node_end(text, node.value[-1][1]), block)]
    if not (is_null(node) or isinstance(node, MappingNode)):
        raise InputError(f"line {line_of(node)}: {section!r} is not a mapping")
    column = key_node.start_mark.column + 2
    return _fill_empty(text, key_node, node, indented(dump(content), " " * column, " " * column))


TOP_LEVEL_ORDER = ("officials", "trips")


def add_mapping_entries(text: str, root: Node | None, section: str, entries: list[tuple[str, dict]]) -> str:
    """The text with `entries` appended under the top-level `section` (officials: or trips:)."""
    return apply(text, add_entries(text, root, section, entries, TOP_LEVEL_ORDER))
