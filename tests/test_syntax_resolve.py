"""The loader's shortcut `resolve` decides every tag as PyYAML's own resolvers would."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from triptrack.datafile.syntax import StringLoader, compose

_General = type("General", (StringLoader,), {"resolve": yaml.resolver.BaseResolver.resolve})


def _tags(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [node.tag, *(t for k, v in node.value for t in (*_tags(k), *_tags(v)))]
    if isinstance(node, yaml.SequenceNode):
        return [node.tag, *(t for item in node.value for t in _tags(item))]
    return [(node.tag, node.value)]


SCALARS = ["", "~", "null", "Null", "NULL", "nULL", "no", "NO", "12:30", "2025-01-09", "1e3", "0x1F", "true",
           "'null'", '"~"', "!!str null", "! null", "x y", "[]", "{}", '"two\\nlines"', "{k: ~}", "[~, a]"]


@given(st.lists(st.sampled_from(SCALARS), min_size=1, max_size=6))
def test_tags_are_those_of_the_general_resolver(values):
    text = "a:\n" + "".join(f"  k{n}: {value}\n" for n, value in enumerate(values)) + "b:\n" + "".join(
        f"  - {value}\n" for value in values
    )
    fast = compose(text, "test")
    general = yaml.compose(text, Loader=_General)
    assert _tags(fast) == _tags(general)


def test_null_and_strings():
    root = compose("a: ~\nb: NO\nc: ''\nd:\ne: [1, null]\n", "test")
    tags = {key.value: value.tag for key, value in root.value}
    assert tags["a"] == tags["d"] == "tag:yaml.org,2002:null"
    assert tags["b"] == tags["c"] == "tag:yaml.org,2002:str"
    assert tags["e"] == "tag:yaml.org,2002:seq"


@given(st.binary(max_size=40) | st.text(max_size=20).map(lambda t: t.encode("utf-8")))
def test_the_control_character_test_is_the_plain_rule(data):
    """piece_parse's test (a C translate, the C1 search only after a 0xC2) is this one regex."""
    import re

    from triptrack.datafile.piece_parse import _has_controls

    assert _has_controls(data) == bool(re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", data))


def test_the_control_character_test_on_every_byte_and_every_byte_after_0xc2():
    import re

    from triptrack.datafile.piece_parse import _has_controls

    rule = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
    for byte in range(256):
        for data in (b"a" + bytes([byte]) + b"z", b"\xc2" + bytes([byte])):
            assert _has_controls(data) == bool(rule.search(data)), data
