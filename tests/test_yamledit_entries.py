"""yamledit.add_mapping_entries: new officials/trips appended as text, nothing rewritten."""

from __future__ import annotations

import pytest
import yaml

from triptrack.datafile.splice import add_mapping_entries
from triptrack.datafile.syntax import StringLoader, compose
from triptrack.errors import InputError

ENTRY = [("new", {"name": "New", "stops": [{"city": "Paris", "topics": ["a", "b"]}]})]


def _add(text: str, key: str = "trips") -> str:
    out = add_mapping_entries(text, compose(text, "t.yaml"), key, ENTRY)
    assert yaml.load(out, Loader=StringLoader)[key]["new"] == {"name": "New", "stops": [{"city": "Paris", "topics": ["a", "b"]}]}
    return out


def test_appends_after_the_last_entry_keeping_everything_else():
    text = "# head\ntrips:\n  old:  # a comment\n    name: Old\n# tail comment\n"
    out = _add(text)
    assert out == (
        "# head\ntrips:\n  old:  # a comment\n    name: Old\n"
        "  new:\n    name: New\n    stops:\n      - city: Paris\n        topics:\n          - a\n          - b\n"
        "# tail comment\n"
    )


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("", "trips:\n  new:\n"),
        ("# only a comment\n", "# only a comment\ntrips:\n  new:\n"),
        ("officials:\n  a:\n    name: A\n", "officials:\n  a:\n    name: A\ntrips:\n  new:\n"),
        ("trips:\nofficials:\n", "trips:\n  new:\n"),
        ("trips:  # none yet\n", "trips:  # none yet\n  new:\n"),
        ("trips: {}\n", "trips:\n  new:\n"),
        ("trips: ~\nofficials: {}\n", "trips:\n  new:\n"),
        ("officials:\n    a:\n        name: A\n", "officials:\n    a:\n        name: A\ntrips:\n"),
        ("trips:\n  old:\n    name: Old", "trips:\n  old:\n    name: Old\n  new:\n"),
    ],
)
def test_creates_or_fills_the_section(text, starts):
    assert _add(text).startswith(starts)


def test_follows_the_files_indentation():
    out = _add("officials:\n    a:\n        name: A\n", "officials")
    assert "\n    new:\n      name: New\n" in out


def test_extends_a_flow_mapping_in_flow_style():
    text = "trips: {a: {name: A}}\n"
    out = add_mapping_entries(text, compose(text, "t"), "trips", ENTRY)
    assert out.startswith("trips: {a: {name: A}, new: {")
    assert yaml.load(out, Loader=StringLoader)["trips"]["new"]["stops"][0]["city"] == "Paris"


def test_refuses_what_it_cannot_extend_as_text():
    with pytest.raises(InputError, match="'trips' is not a mapping"):
        add_mapping_entries("trips: [1]\n", compose("trips: [1]\n", "t"), "trips", ENTRY)
    assert add_mapping_entries("x: 1\n", compose("x: 1\n", "t"), "trips", []) == "x: 1\n"


def _whole(data) -> str:
    """What PyYAML writes for `data` in one call (the reference for the text written in parts)."""
    from triptrack.datafile.emit import BlockWriter

    return yaml.dump(data, Dumper=BlockWriter, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1_000_000)


def _many_trips(count: int) -> dict:
    odd = ["plain", "two\nlines", "  leading spaces\nand more", "NO", "12:30", "quote ' and \" both", "Zürich – ü", "", "trailing\n\n"]
    return {
        f"trip-{n}": {"title": odd[n % len(odd)], "stops": [{"city": odd[(n + k) % len(odd)], "topics": [odd[k]] * k} for k in range(n % 3)]}
        for n in range(count)
    }


@pytest.mark.parametrize("count", [199, 200, 450])
def test_many_entries_written_in_parts_are_the_text_of_one_dump(count):
    """An import's many trips are written entry by entry on two cores (emit.dump): the text is
    exactly what one dump of the whole mapping writes, on its own and under its section."""
    from triptrack.datafile.emit import dump

    trips = _many_trips(count)
    assert dump(trips) == _whole(trips)
    assert dump({"trips": trips}) == _whole({"trips": trips})
    out = add_mapping_entries("officials:\n  a:\n    name: A\n", compose("officials:\n  a:\n    name: A\n", "t.yaml"), "trips", list(trips.items()))
    assert yaml.load(out, Loader=StringLoader)["trips"] == trips
