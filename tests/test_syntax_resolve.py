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
