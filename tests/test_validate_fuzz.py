"""Mangled copies of the sample: loading never fails with anything but a DataFileError,
and `validate` agrees with loading: no problems exactly when the file loads, and the
problem loading reports is among those validate lists."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triptrack.datafile.schema import catalog_problems
from triptrack.datafile.store import parse
from triptrack.datafile.syntax import compose
from triptrack.errors import DataFileError

SAMPLE_LINES = (Path(__file__).resolve().parents[1] / "data" / "trips.yaml").read_text().splitlines()
TOKENS = ["", "~", "[]", "{}", "- x", "NO", "2025-02-30", "Asia/Nowhere", "&a x", "*a", "!!str x", "!tag x",
          "{city: Rome}", "'q", '"\\u00e9"', "12:30", "notes: |", "  extra: 1", "stops:", "- city: Rome"]


@st.composite
def mangled(draw):
    lines = list(SAMPLE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "value", "insert", "indent"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "value" and ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            lines[index] = f"{key}: {draw(st.sampled_from(TOKENS))}"
        elif action == "insert":
            indent = " " * draw(st.sampled_from([0, 2, 4, 6, 8]))
            lines.insert(index, indent + draw(st.sampled_from(TOKENS)))
        else:
            lines[index] = "  " + lines[index]
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_validate_agrees_with_loading(text):
    try:
        root = compose(text, "f.yaml")
    except DataFileError:
        return  # a syntax error: both report just that one
    problems = catalog_problems(root, "f.yaml")
    assert all(isinstance(p, DataFileError) and p.line for p in problems)
    try:
        parse(text, "f.yaml")
    except DataFileError as exc:
        assert str(exc) in [str(p) for p in problems]
    else:
        assert problems == []
