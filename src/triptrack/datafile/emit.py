"""YAML text for new or changed values, written the way the data file is written.

Block lists are indented under their key (`stops:` then `  - city: ...`), lines are
never folded (a long title stays on one line), text with line breaks uses a literal
block (`|`), and anything another YAML reader could take for a number, boolean, null or
date is quoted: an id or a title `2025-01-01` stays text to every tool. A stop's, trip's or
obligation's time (TIME_KEYS) is a date to every tool, and is written plain. Used by
`splice` to put values into a file.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from triptrack.datafile.parallel_parse import MIN_PIECES, in_two
from triptrack.datafile.syntax import MAP_TAG, SEQ_TAG, STR_TAG, TextDumper

_WIDE = 1_000_000  # never fold a line
_BLOCK_WIDTH = 100  # where a folded (>) or literal (|) block scalar wraps


TIME_KEYS = frozenset(("arrive", "depart", "leaves", "returns", "when"))
_DATE_TAG = "tag:yaml.org,2002:timestamp"


class BlockWriter(TextDumper):
    """TextDumper with block lists indented under their key, as people write them, and text
    that YAML 1.1 reads as a date quoted (TextDumper writes every date plain)."""

    yaml_implicit_resolvers = yaml.SafeDumper.yaml_implicit_resolvers

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


_YAML_1_1 = yaml.resolver.Resolver()  # what BlockWriter's emitter takes a plain value for


class WallTime(str):
    """A time as the data file writes it (`2025-01-09`, `2025-01-09 10:00`): plain, even as a date."""


def _tag(value: str) -> str:
    """The tag to write `value` with: a date's own for a WallTime that YAML reads as a date
    (so it is written plain, no tag), text for anything else (quoted when it looks like one).
    A time with seconds is text too: PyYAML writes no ':' plain in a flow mapping, and a
    quoted timestamp would need its tag written out."""
    if isinstance(value, WallTime) and ":" not in value and _YAML_1_1.resolve(ScalarNode, value, (True, False)) == _DATE_TAG:
        return _DATE_TAG
    return STR_TAG


_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to YAML, not to editors: written escaped


def _style(value: str, style: str | None) -> str | None:
    """`style`, unless the text holds a break only YAML sees: then double quotes, where PyYAML
    escapes it (\\L); written raw, the file would be refused on its next read."""
    return '"' if any(brk in value for brk in _YAML_ONLY_BREAKS) else style


def _represent_text(dumper: BlockWriter, value: str):
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar(_tag(value), value, style=_style(value, style))


def _represent_fields(dumper: BlockWriter, data: dict):
    """A mapping, its times as WallTime."""
    fields = [(key, WallTime(value) if key in TIME_KEYS and type(value) is str else value) for key, value in data.items()]
    return dumper.represent_mapping(MAP_TAG, fields)


BlockWriter.add_representer(str, _represent_text)
BlockWriter.add_representer(WallTime, _represent_text)
BlockWriter.add_representer(dict, _represent_fields)


def dump(data) -> str:
    """Block-style YAML for a mapping or list, keys in the order given.

    A mapping of many entries (an import's trips), or one key holding such a mapping, is
    written entry by entry on two cores (datafile.parallel_parse): PyYAML's emitter is
    Python, about 2 ms a trip, and the text of a mapping is the text of its entries one
    after another."""
    if isinstance(data, dict) and len(data) == 1:
        ((key, value),) = data.items()
        if isinstance(key, str) and isinstance(value, dict) and len(value) >= MIN_PIECES:
            return f"{render_key(key, None)}:\n" + indented(_entries(value), "  ", "  ")
    if isinstance(data, dict) and len(data) >= MIN_PIECES:
        return _entries(data)
    return _dump(data)


def _dump(data) -> str:
    return yaml.dump(data, Dumper=BlockWriter, sort_keys=False, allow_unicode=True, default_flow_style=False, width=_WIDE)


def _entries(mapping: dict) -> str:
    """_dump(mapping), each entry written alone, on two cores when there are enough of them."""
    items = list(mapping.items())

    def write(share: list[int]) -> str:
        return "".join(_dump(dict([items[number]])) for number in share)

    return "".join(in_two(write, list(range(len(items)))))


def indented(block: str, first_prefix: str, rest_prefix: str) -> str:
    """`block` with `first_prefix` before its first line and `rest_prefix` before the others."""
    lines = block.rstrip("\n").split("\n")
    out = [first_prefix + lines[0]] + [(rest_prefix + line) if line else line for line in lines[1:]]
    return "\n".join(out) + "\n"


def _serialize(node, width: int) -> str:
    return yaml.serialize(node, Dumper=BlockWriter, width=width, allow_unicode=True)


def render_scalar(value: str | float | bool, style: str | None, *, flow: bool, indent: int) -> str:
    """`value` as a YAML scalar in `style` ('', "'", '"', '|', '>') when the value allows it.

    Numbers and booleans are written plain (`41.9`, `true`). In block context, lines
    after the first are indented by `indent` + 2 (`indent` is the column of the key or
    '-' that owns the value).
    """
    if not isinstance(value, str):
        return render_flow(value)
    style = _style(value, style)
    scalar = ScalarNode(_tag(value), value, style=style or None)
    if flow:
        return _serialize(SequenceNode(SEQ_TAG, [scalar], flow_style=True), _WIDE).strip()[1:-1]
    width = _BLOCK_WIDTH if style in ("|", ">") else _WIDE
    out = _serialize(MappingNode(MAP_TAG, [(ScalarNode(STR_TAG, "k"), scalar)], flow_style=False), width)
    body = out[len("k:") :].rstrip("\n").removeprefix(" ")
    lines = body.split("\n")
    return "\n".join([lines[0]] + [(" " * indent + line) if line else line for line in lines[1:]])


def render_key(key: str, style: str | None) -> str:
    """A mapping key (an id) as YAML, quoted only when a reader would not take it as text."""
    scalar = ScalarNode(STR_TAG, key, style=style or None)
    out = _serialize(MappingNode(MAP_TAG, [(scalar, ScalarNode(STR_TAG, "v"))], flow_style=False), _WIDE)
    return out[: out.rindex(": v")]


def render_flow(data) -> str:
    """`data` in flow style, on one line: `Rome`, `'NO'`, `{city: Rome, country: IT}`."""
    text = yaml.dump([data], Dumper=BlockWriter, sort_keys=False, allow_unicode=True, default_flow_style=True, width=_WIDE)
    return text.strip()[1:-1]
