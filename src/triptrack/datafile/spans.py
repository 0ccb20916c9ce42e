"""Where YAML nodes begin and end in the file's text, and finding the nodes of the data file.

PyYAML's marks give each node's start and end offsets; these helpers turn them into
whole lines (with a comment on the last line, without the blank lines a block
scalar swallows), so `yamledit` can add, remove and move lines cleanly.
"""

from __future__ import annotations

from dataclasses import dataclass

from triptrack.datafile.syntax import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    line_of,
)
from triptrack.errors import InputError, NotFoundError


@dataclass(frozen=True)
class Splice:
    """Replace text[start:end] with `text` (an insertion when start == end)."""

    start: int
    end: int
    text: str = ""

# --- finding nodes -----------------------------------------------------------------


def pair(node: Node | None, key: str) -> tuple[ScalarNode, Node] | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return key_node, value_node
    return None


def mapping_value(node: Node | None, key: str) -> Node | None:
    found = pair(node, key)
    return found[1] if found else None


def mapping_key(node: Node | None, key: str) -> ScalarNode | None:
    found = pair(node, key)
    return found[0] if found else None


def entry_node(root: Node | None, section: str, key: str, kind: str) -> MappingNode:
    node = mapping_value(mapping_value(root, section), key)
    if not isinstance(node, MappingNode):
        raise NotFoundError(f"no {kind} {key!r}")
    return node


def trip_node(root: Node | None, trip_id: str) -> MappingNode:
    return entry_node(root, "trips", trip_id, "trip")


def official_node(root: Node | None, official_id: str) -> MappingNode:
    return entry_node(root, "officials", official_id, "official")


def list_item(parent: Node, key: str, index: int) -> Node:
    seq = mapping_value(parent, key)
    if not isinstance(seq, SequenceNode) or not 0 <= index < len(seq.value):
        raise NotFoundError(f"no {key} item {index + 1}")
    return seq.value[index]


# --- positions ----------------------------------------------------------------------


def start_of_line(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def end_of_line(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def content_end(text: str, node: Node) -> int:
    """Just past the last character of `node` that is not white space."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        node = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    start, end = node.start_mark.index, node.end_mark.index
    while end > start and text[end - 1] in " \t\r\n":  # block scalars end after blank lines
        end -= 1
    return end


def node_end(text: str, node: Node) -> int:
    """The offset just past the last line of `node` (and any comment on that line)."""
    return end_of_line(text, content_end(text, node))


def block_end(text: str, node: Node, column: int) -> int:
    """Like node_end, and past the comment lines after it that are indented deeper than
    `column` (the column of the node's key or dash): they are inside the block, so they go
    with it when it is removed."""
    end = node_end(text, node)
    while end < len(text):
        line = text[end : end_of_line(text, end)]
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) <= column:
            break
        end = end_of_line(text, end)
    return end


def is_blank_line(text: str, start: int) -> bool:
    return start < len(text) and not text[start : end_of_line(text, start)].strip()


def comments_above(text: str, line_start: int) -> int:
    """The start of the comment lines directly above the line at `line_start` (or itself)."""
    while line_start > 0:
        previous = start_of_line(text, line_start - 1)
        if not text[previous:line_start].lstrip().startswith("#"):
            break
        line_start = previous
    return line_start


def comment_lines_above(text: str, node: Node) -> tuple[int, int] | None:
    """The (first, last) line numbers of the comment lines directly above `node`'s line."""
    line = start_of_line(text, node.start_mark.index)
    top = comments_above(text, line)
    if top == line:
        return None
    first = text.count("\n", 0, top) + 1
    return first, first + text.count("\n", top, line) - 1


def own_line_start(text: str, node: Node, what: str) -> int:
    """The start of the line `node` begins, which must hold nothing before it but spaces and '-'."""
    start = node.start_mark.index
    line = start_of_line(text, start)
    if text[line:start].strip(" -"):
        raise InputError(f"line {line_of(node)}: {what} shares its line with other data; split the line to edit it")
    return line


def removal(text: str, start: int, end: int) -> Splice:
    """Remove whole lines [start, end); with a blank line on both sides, one of them goes too."""
    blank_before = start == 0 or not text[start_of_line(text, start - 1) : start].strip()
    if blank_before and is_blank_line(text, end):
        end = end_of_line(text, end)
    return Splice(start, end, "")


def insertion(text: str, at: int, block: str) -> Splice:
    if at > 0 and text[at - 1] != "\n":
        block = "\n" + block
    return Splice(at, at, block)
