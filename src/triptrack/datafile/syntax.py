"""Reading YAML safely: bytes -> text -> node tree, with a line for every problem.

Every plain scalar is read as a string (no YAML 1.1 surprises: `NO` stays "NO",
`12:30` stays "12:30"); the schema decides what each value means. Only null is
recognised implicitly. Python tags, aliases and binary junk are refused. The C
parser (libyaml) is used when PyYAML has it; it also bounds nesting depth.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from triptrack.errors import DataFileError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
ALLOWED_TAGS = {NULL_TAG, STR_TAG, SEQ_TAG, MAP_TAG}


def _only_null(resolvers: dict) -> dict:
    kept = {}
    for first_char, entries in resolvers.items():
        nulls = [(tag, regexp) for tag, regexp in entries if tag == NULL_TAG]
        if nulls:
            kept[first_char] = nulls
    return kept


class StringLoader(_Base):
    """A safe loader whose plain scalars are all strings, except null."""

    yaml_implicit_resolvers = _only_null(yaml.SafeLoader.yaml_implicit_resolvers)

    def resolve(self, kind, value, implicit):
        """What the resolvers above decide, without their general machinery (it runs once per
        node: a third of composing). tests/test_syntax_resolve.py holds the two to each other."""
        if kind is ScalarNode:
            return NULL_TAG if implicit[0] and value in _NULLS else STR_TAG
        return SEQ_TAG if kind is SequenceNode else MAP_TAG


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

if CParser is not None:

    class _Composer(CParser):
        """libyaml's composer with StringLoader's tags, and none of a loader's constructor and
        resolver set-up, which composing never uses (a large file is read one piece at a time)."""

        resolve = StringLoader.resolve

        def descend_resolver(self, current_node, current_index) -> None:
            """No path resolvers: nothing to follow."""

        def ascend_resolver(self) -> None:
            """No path resolvers: nothing to follow."""


def _compose(text: str) -> Node | None:
    if CParser is None:
        return yaml.compose(text, Loader=StringLoader)
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


class TextDumper(yaml.SafeDumper):
    """Writes what StringLoader reads: no aliases, dates and times left unquoted.

    Strings that other YAML 1.1 readers would take as booleans or numbers (`NO`,
    `12:30`) are still quoted, so the file means the same to every tool.
    """

    yaml_implicit_resolvers = {
        first_char: [(tag, rx) for tag, rx in entries if tag != "tag:yaml.org,2002:timestamp"]
        for first_char, entries in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }

    def ignore_aliases(self, data) -> bool:
        return True


def dump_block(data) -> str:
    """YAML text for `data` in block style, keys in the order given."""
    return yaml.dump(
        data, Dumper=TextDumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


_FRIENDLY = {
    "found character '\\t' that cannot start any token": "a tab character: indent with spaces, not tabs",
}
_ALIAS_HINT = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]", re.M)


def decode(raw: bytes, path: str) -> str:
    """The file's text: UTF-8 (a BOM is allowed), no NUL bytes."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFileError(path, 1, "this is UTF-16 text; save the file as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise DataFileError(path, line, "a NUL byte: this is not a text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DataFileError(path, line, f"byte 0x{raw[exc.start]:02x} is not UTF-8 text") from None
    text = text[1:] if text.startswith("\ufeff") else text
    lone_cr = _LONE_CR.search(text)
    if lone_cr:  # YAML reads it as a line break, but line-based edits would splice at the wrong place
        line = len(_LINE_BREAK.findall(text, 0, lone_cr.start())) + 1
        raise DataFileError(
            path, line, "a carriage return without a line feed (old Mac line endings): save the file with LF or CRLF line endings"
        )
    odd_break = _ODD_BREAK.search(text)
    if odd_break:  # YAML reads these as line breaks too; editors and triptrack's edits do not
        line = len(_LINE_BREAK.findall(text, 0, odd_break.start())) + 1
        raise DataFileError(
            path, line, f"character U+{ord(odd_break.group()):04X} is a line break to YAML but not to editors: "
            "use an ordinary line break (or write it as an escape in double quotes)"
        )
    return text


_ODD_BREAK = re.compile("[\u0085\u2028\u2029]")
_LONE_CR = re.compile(r"\r(?!\n)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def compose(text: str, path: str) -> Node | None:
    """The node tree of one YAML document, or None for an empty file."""
    try:
        root = _compose(text)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (position: UTF-8 bytes)
        line = text.encode("utf-8", "surrogatepass")[: exc.position].count(b"\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise DataFileError(path, line, f"invalid YAML: character U+{code:04X} is not allowed in YAML text") from None
    except RecursionError:  # only the pure-Python parser recurses; libyaml stops at depth 1000
        raise DataFileError(path, None, "invalid YAML: nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        problem = _FRIENDLY.get(problem, problem)
        if "maximum nesting depth" in problem:
            problem = "nested too deeply"
        if exc.context and problem != exc.context and "nested" not in problem:
            problem = f"{problem} ({exc.context})"
        raise DataFileError(path, mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise DataFileError(path, None, f"invalid YAML: {exc}") from None
    if root is not None and "*" in text and _ALIAS_HINT.search(text):
        _refuse_aliases(root, text, path)
    return root


_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")
_ALIAS = re.compile(r"\*([^\s,\[\]{}]+)")


def _alias_line(text: str, fallback: int) -> int:
    """The line of the first `*name` that uses an anchor of the file (else `fallback`)."""
    anchors = set(_ANCHOR.findall(text))
    for match in _ALIAS.finditer(text):
        if match.group(1) in anchors:
            return text.count("\n", 0, match.start()) + 1
    return fallback


def _refuse_aliases(root: Node, text: str, path: str) -> None:
    """Aliases (`*name`) make one node appear twice; the file format has no use for them."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            line = _alias_line(text, node.start_mark.line + 1)
            raise DataFileError(path, line, "YAML aliases (*name) are not allowed here")
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


__all__ = [
    "MappingNode",
    "Node",
    "ScalarNode",
    "SequenceNode",
    "compose",
    "decode",
    "dump_block",
    "line_of",
]
