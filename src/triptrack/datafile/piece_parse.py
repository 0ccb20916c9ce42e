"""One piece of a data file (datafile.pieces) parsed alone, as it would parse in the file.

Any doubt — an error, a layout that would compose differently alone, a character that
YAML reads as a line break where editors do not — raises Unusual: the caller then
parses the whole file, which words any error exactly, with its line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triptrack.core.model import Official, Trip
    from triptrack.datafile.pieces import Piece

# Bytes that syntax.decode refuses with their line (NUL; NEL, LS and PS in UTF-8; a UTF-16
# mark; lone CRs are refused by the cut): a piece holding one is parsed with the whole file.
_ODD = (b"\x00", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xfe", b"\xff")

_C0_AND_DEL = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])  # C0 controls but tab and LF, and DEL
_C1 = re.compile(rb"\xc2[\x80-\x9f]")  # C1 controls, in UTF-8


def _has_controls(data: bytes) -> bool:
    """Whether `data` holds a control character (one C pass; the C1 search only after a 0xC2)."""
    return len(data.translate(None, _C0_AND_DEL)) != len(data) or (b"\xc2" in data and _C1.search(data) is not None)


class Unusual(Exception):
    """A piece that does not parse alone as it would in the file (or has an error): parse whole."""


def _compose(chunk: memoryview, shown: str):
    from triptrack.datafile.syntax import MappingNode, ScalarNode, compose
    from triptrack.errors import DataFileError

    data = bytes(chunk)
    if any(odd in data for odd in _ODD):
        raise Unusual
    try:
        root = compose(data.decode("utf-8"), shown)
    except (DataFileError, UnicodeDecodeError):
        raise Unusual from None
    if root is None:
        return None, None
    if not isinstance(root, MappingNode) or len(root.value) != 1 or not isinstance(root.value[0][0], ScalarNode):
        raise Unusual
    return root.value[0]


def check_prelude(chunk: memoryview, after_key: bool = False) -> None:
    """Before the first key (or after the `trips:` key, `after_key`): only blank lines and
    comments, in which YAML sees no line break that editors do not."""
    data = bytes(chunk)
    if any(odd in data for odd in _ODD):
        raise Unusual
    for line in data.split(b"\n")[1 if after_key else 0 :]:
        stripped = line.strip(b" ")
        if stripped and not stripped.startswith(b"#"):
            raise Unusual


def parse_officials(chunk: memoryview, shown: str) -> dict[str, Official]:
    from triptrack.datafile import schema
    from triptrack.datafile.syntax import MappingNode
    from triptrack.errors import DataFileError

    key, node = _compose(chunk, shown)
    if key is None or key.value != "officials" or key.style not in (None, ""):
        raise Unusual
    reader = schema._Reader(shown)
    officials = {}
    try:
        if not reader.is_null(node):
            reader.check_tag(node, "officials")
            if not isinstance(node, MappingNode):
                raise Unusual
            reader.pairs(node, "officials", None)
            for key_node, value in node.value:
                official_id = reader.identifier(key_node, "officials", "official")
                officials[official_id] = schema._official(reader, official_id, value)
    except DataFileError:
        raise Unusual from None
    return officials


def parse_trip(chunk: memoryview, piece: Piece, officials: dict[str, Official], shown: str) -> Trip:
    from triptrack.core.model import Catalog
    from triptrack.datafile import schema
    from triptrack.errors import DataFileError

    key, node = _compose(chunk, shown)
    if key is None or key.value != piece.key or key.style not in (None, ""):
        raise Unusual
    data = bytes(chunk)  # no control character, and no escape in quotes that could write one: none to look for
    no_controls = b"\\" not in data and not _has_controls(data)
    try:
        return schema._trip(schema._Reader(shown, no_controls=no_controls), piece.key, node, Catalog(officials=officials))
    except DataFileError:
        raise Unusual from None
