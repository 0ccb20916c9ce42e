"""Editing the data file as text, so everything a person wrote survives.

PyYAML drops comments when it rewrites a file. Instead, each edit finds the nodes
it touches (their marks give exact positions) and splices new YAML text in, so
comments, blank lines, key order and quoting elsewhere stay byte-for-byte the same.
Adding a stop adds lines and removes none.
"""

from __future__ import annotations

from triptrack.errors import NotFoundError
from triptrack.yamlsource import MappingNode, Node, ScalarNode, SequenceNode, dump_block


def mapping_value(node: Node, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value_node
    return None


def mapping_key(node: Node, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, _value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return key_node
    return None


def trip_node(root: Node, trip_id: str) -> MappingNode:
    trips = mapping_value(root, "trips")
    node = mapping_value(trips, trip_id) if trips is not None else None
    if not isinstance(node, MappingNode):
        raise NotFoundError(f"no trip {trip_id!r}")
    return node


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _after_node(text: str, node: Node) -> int:
    """The offset just past the last line of `node` (and any comment on that line)."""
    last = node
    while True:
        if isinstance(last, MappingNode) and last.value:
            last = last.value[-1][1]
        elif isinstance(last, SequenceNode) and last.value:
            last = last.value[-1]
        else:
            break
    end = last.end_mark.index
    if end > 0 and text[end - 1] == "\n":
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _indented(block: str, first_prefix: str, rest_prefix: str) -> str:
    lines = block.rstrip("\n").split("\n")
    out = [first_prefix + lines[0]] + [(rest_prefix + line) if line else line for line in lines[1:]]
    return "\n".join(out) + "\n"


def _ensure_newline(text: str, at: int) -> tuple[str, int]:
    """Make sure the text before `at` ends a line, so an insertion starts on its own line."""
    if at > 0 and text[at - 1] != "\n":
        text = text[:at] + "\n" + text[at:]
        at += 1
    return text, at


def insert_list_item(text: str, parent: MappingNode, key: str, index: int, data: dict) -> str:
    """Insert `data` as item `index` of the block list `parent[key]`, creating the list if needed."""
    seq = mapping_value(parent, key)
    if isinstance(seq, SequenceNode) and seq.value and not seq.flow_style:
        items = seq.value
        dash_column = _dash_column(text, items[0])
        item_column = items[0].start_mark.column
        gap = " " * max(1, item_column - dash_column - 1)
        block = _indented(dump_block(data), " " * dash_column + "-" + gap, " " * item_column)
        if index == 0:
            at = _line_start(text, items[0].start_mark.index)
        else:
            at = _after_node(text, items[min(index, len(items)) - 1])
        text, at = _ensure_newline(text, at)
        return text[:at] + block + text[at:]
    column = parent.value[0][0].start_mark.column if parent.value else 2
    item_block = _indented(dump_block(data), " " * (column + 2) + "- ", " " * (column + 4))
    if seq is not None:
        # An empty or flow-style list (`stops: []`): replace it with a block list.
        existing = [] if not isinstance(seq, SequenceNode) else seq.value
        if existing:
            raise NotFoundError(f"{key!r} is written in flow style ([...]); write it as a block list to edit it")
        key_node = mapping_key(parent, key)
        start = key_node.start_mark.index
        end = _after_node(text, seq)
        replacement = " " * 0 + text[start : key_node.end_mark.index] + ":\n" + item_block
        return text[:start] + replacement + text[end:]
    at = _after_node(text, parent)
    text, at = _ensure_newline(text, at)
    return text[:at] + " " * column + f"{key}:\n" + item_block + text[at:]


def _dash_column(text: str, item: Node) -> int:
    start = item.start_mark.index
    line_start = _line_start(text, start)
    dash = text.rfind("-", line_start, start)
    return dash - line_start if dash >= 0 else max(0, item.start_mark.column - 2)


# --- Adding whole entries under a top-level mapping (officials:, trips:) -------------
# Used by the importers. New entries are appended as text after the last existing
# entry, so nothing already in the file is rewritten.


def _indented_dumper():
    import yaml

    from triptrack.yamlsource import TextDumper

    class IndentedDumper(TextDumper):
        """Indents a list under its key (`stops:` then `  - city:`), as the sample file does."""

        def increase_indent(self, flow=False, indentless=False):
            return super().increase_indent(flow, False)

    return yaml, IndentedDumper


def dump_entries(entries: list[tuple[str, dict]]) -> str:
    """YAML text for `id: data` entries in block style, keys in the order given."""
    yaml, dumper = _indented_dumper()
    return yaml.dump(
        dict(entries), Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


def _is_empty_value(node: Node) -> bool:
    if isinstance(node, ScalarNode):
        return node.tag == "tag:yaml.org,2002:null"
    return isinstance(node, MappingNode) and not node.value


def add_mapping_entries(text: str, root: Node | None, key: str, entries: list[tuple[str, dict]]) -> str:
    """Append `id: data` entries under the top-level mapping `key` (creating it if needed).

    The new lines go after the last entry of `key`, after `key:` when it is empty
    (`trips:`, `trips: {}`), or at the end of the file when `key` is absent.
    """
    if not entries:
        return text
    block = dump_entries(entries)
    if root is not None and not (isinstance(root, MappingNode) and not root.flow_style):
        raise NotFoundError("the data file's top level is not a block mapping; cannot add entries to it")
    value = mapping_value(root, key) if root is not None else None
    if isinstance(value, MappingNode) and value.value:
        if value.flow_style:
            raise NotFoundError(f"{key!r} is written in flow style ({{...}}); write it as a block mapping to add to it")
        column = value.value[0][0].start_mark.column
        text, at = _ensure_newline(text, _after_node(text, value))
        return text[:at] + _indented(block, " " * column, " " * column) + text[at:]
    if value is not None:
        if not _is_empty_value(value):
            raise NotFoundError(f"{key!r} is not a mapping of ids; cannot add entries to it")
        key_node = mapping_key(root, key)
        prefix = " " * (key_node.start_mark.column + 2)
        if value.end_mark.index > value.start_mark.index:  # an explicit `~`, `null` or `{}`: drop it
            text = text[: key_node.end_mark.index] + ":" + text[value.end_mark.index :]
        line_end = text.find("\n", key_node.end_mark.index)
        at = len(text) if line_end < 0 else line_end + 1
        text, at = _ensure_newline(text, at)
        return text[:at] + _indented(block, prefix, prefix) + text[at:]
    if root is None:
        at = len(text)
        column = 0
    else:
        at = _after_node(text, root)
        column = root.value[0][0].start_mark.column if root.value else 0
    text, at = _ensure_newline(text, at)
    entry_prefix = " " * (column + 2)
    return text[:at] + " " * column + f"{key}:\n" + _indented(block, entry_prefix, entry_prefix) + text[at:]
