"""The text-splicing primitives: each edit changes only the text it must, keeps quoting
style, comments and line endings, and leaves valid YAML."""

from __future__ import annotations

import pytest

from triptrack.datafile import splice as ye
from triptrack.datafile.schema import STOP_KEYS, TOP_KEYS, TRIP_KEYS
from triptrack.datafile.syntax import compose
from triptrack.errors import InputError

FILE = """\
# top comment
officials:
  o:
    name: O
    home: {city: W, country: US, tz: America/New_York}

trips:
  a:
    title: 'Single quoted'  # eol
    official: o
    notes: |
      Line one.
      Line two.

    stops:
      # first stop
      - city: Rome
        country: IT
        tz: Europe/Rome
        arrive: 2025-01-09
        topics:
          - "Double quoted"
      - city: Paris
        country: FR
        tz: Europe/Paris
        arrive: 2025-01-10

  b:
    title: B
    official: o
    stops: []  # none yet
"""


def edit(text, make):
    root = compose(text, "f.yaml")
    new = ye.apply(text, make(text, root))
    compose(new, "f.yaml")  # still YAML
    return new


def trip(root, trip_id="a"):
    return ye.trip_node(root, trip_id)


def test_quoting_style_is_kept():
    new = edit(FILE, lambda t, r: ye.set_scalar(t, trip(r), "title", "It's new", TRIP_KEYS))
    assert "    title: 'It''s new'  # eol\n" in new
    stop = lambda r: ye.list_item(trip(r), "stops", 0)  # noqa: E731
    new = edit(FILE, lambda t, r: ye.delete_item(t, ye.mapping_value(stop(r), "topics"), 0)
               + ye.insert_item(t, stop(r), "topics", 0, "Plain text", STOP_KEYS))
    assert '          - Plain text\n' in new and '"Double quoted"' not in new


def test_plain_values_that_would_change_meaning_are_quoted():
    for value, written in [("NO", "'NO'"), ("12:30", "'12:30'"), ("null", "'null'"), ("a: b", "'a: b'"), ("#x", "'#x'")]:
        new = edit(FILE, lambda t, r: ye.set_scalar(t, trip(r, "b"), "title", value, TRIP_KEYS))
        assert f"    title: {written}\n" in new
        assert ye.mapping_value(trip(compose(new, "f"), "b"), "title").value == value


def test_text_that_looks_like_a_date_is_quoted_and_a_time_is_not():
    """Another YAML reader takes a plain 2025-01-02 for a date: as an id, a title, a topic or
    a version_of it is quoted; as a stop's, trip's or obligation's time it is a date, written plain."""
    import yaml

    new = edit(FILE, lambda t, r: ye.set_scalar(t, trip(r, "b"), "title", "2025-01-02", TRIP_KEYS))
    new = edit(new, lambda t, r: ye.set_scalar(t, trip(r, "b"), "version_of", "2025-01-03", TRIP_KEYS))
    new = edit(new, lambda t, r: ye.set_scalar(t, trip(r, "b"), "leaves", "2025-01-04", TRIP_KEYS))
    new = edit(new, lambda t, r: ye.rename_key(t, ye.mapping_key(ye.mapping_value(r, "trips"), "b"), "2025-01-05"))
    data = {"title": "T", "official": "o", "stops": [{"city": "C", "arrive": "2025-01-06", "topics": ["2025-01-07"]}]}
    new = edit(new, lambda t, r: ye.add_entry(t, r, "trips", "2025-01-08", data, TOP_KEYS))
    assert "\n  '2025-01-05':\n    title: '2025-01-02'\n" in new and "version_of: '2025-01-03'" in new
    assert "leaves: 2025-01-04\n" in new and "arrive: 2025-01-06\n" in new and "- '2025-01-07'\n" in new
    trips = yaml.safe_load(new)["trips"]
    assert {"2025-01-05", "2025-01-08"} <= set(trips)
    assert trips["2025-01-05"]["title"] == "2025-01-02" and trips["2025-01-08"]["stops"][0]["topics"] == ["2025-01-07"]
    assert str(trips["2025-01-05"]["leaves"]) == "2025-01-04" and not isinstance(trips["2025-01-05"]["leaves"], str)


def test_a_literal_block_stays_a_literal_block_and_keeps_the_blank_line_after_it():
    new = edit(FILE, lambda t, r: ye.set_scalar(t, trip(r), "notes", "First.\nSecond.", TRIP_KEYS))
    assert "    notes: |-\n      First.\n      Second.\n\n    stops:\n" in new


def test_several_lines_replacing_a_plain_line_become_a_literal_block():
    new = edit(FILE, lambda t, r: ye.set_scalar(t, trip(r, "b"), "title", "One\nTwo", TRIP_KEYS))
    assert "    title: |-\n      One\n      Two\n    official: o\n" in new


def test_typed_numbers_and_booleans_are_written_plain():
    stop = lambda r: ye.list_item(trip(r), "stops", 1)  # noqa: E731
    new = edit(FILE, lambda t, r: ye.set_scalar(t, stop(r), "lat", 48.85341, STOP_KEYS))
    new = edit(new, lambda t, r: ye.set_scalar(t, stop(r), "lon", 2.3488, STOP_KEYS))
    new = edit(new, lambda t, r: ye.set_scalar(t, stop(r), "approximate", True, STOP_KEYS))
    assert "        tz: Europe/Paris\n        lat: 48.85341\n        lon: 2.3488\n        arrive: 2025-01-10\n        approximate: true\n" in new


def test_flow_mapping_keys_are_added_replaced_and_removed_in_flow_style():
    home = lambda r: ye.mapping_value(ye.official_node(r, "o"), "home")  # noqa: E731
    new = edit(FILE, lambda t, r: ye.set_scalar(t, home(r), "lat", 38.9, ("city", "country", "tz", "lat", "lon")))
    assert "    home: {city: W, country: US, tz: America/New_York, lat: 38.9}\n" in new
    new = edit(new, lambda t, r: ye.set_scalar(t, home(r), "city", "Washington, D.C.", ()))
    assert "{city: 'Washington, D.C.', country: US" in new
    new = edit(new, lambda t, r: ye.delete_key(t, home(r), "city"))
    new = edit(new, lambda t, r: ye.delete_key(t, home(r), "lat"))
    assert "    home: {country: US, tz: America/New_York}\n" in new


def test_an_empty_flow_list_becomes_a_block_list_and_keeps_its_comment():
    new = edit(FILE, lambda t, r: ye.insert_item(t, trip(r, "b"), "stops", 0, {"city": "Oslo"}, TRIP_KEYS))
    assert new.endswith("    stops:  # none yet\n      - city: Oslo\n")
    new = edit(new, lambda t, r: ye.delete_item(t, ye.mapping_value(trip(r, "b"), "stops"), 0))
    new = edit(new, lambda t, r: ye.set_empty_list(t, trip(r, "b"), "stops"))
    assert new.endswith("    stops: []  # none yet\n")


def test_a_missing_list_is_created_after_the_keys_before_it():
    new = edit(FILE, lambda t, r: ye.insert_item(t, trip(r), "sources", 0, "A source", TRIP_KEYS))
    assert "    official: o\n    sources:\n      - A source\n    notes: |\n" in new


def test_delete_removes_whole_lines_and_one_of_two_blank_lines():
    new = edit(FILE, lambda t, r: ye.delete_key(t, ye.mapping_value(r, "trips"), "a"))
    assert "trips:\n\n  b:\n" in new  # not two blank lines
    new = edit(FILE, lambda t, r: ye.delete_key(t, ye.mapping_value(r, "trips"), "b"))
    assert new.endswith("        arrive: 2025-01-10\n\n")
    new = edit(FILE, lambda t, r: ye.delete_item(t, ye.mapping_value(trip(r), "stops"), 0))
    assert "    stops:\n      # first stop\n      - city: Paris\n" in new  # the comment stays


def test_move_takes_the_comment_lines_directly_above():
    new = edit(FILE, lambda t, r: ye.move_item(t, ye.mapping_value(trip(r), "stops"), 0, 1))
    assert "    stops:\n      - city: Paris\n" in new
    assert "        arrive: 2025-01-10\n      # first stop\n      - city: Rome\n" in new
    assert sorted(new.splitlines()) == sorted(FILE.splitlines())
    assert edit(new, lambda t, r: ye.move_item(t, ye.mapping_value(trip(r), "stops"), 1, 0)) == FILE


def test_rename_key_quotes_an_id_another_reader_would_misread():
    new = edit(FILE, lambda t, r: ye.rename_key(t, ye.mapping_key(ye.mapping_value(r, "trips"), "b"), "null"))
    assert "\n  'null':\n" in new


def test_add_entry_follows_the_blank_line_convention_and_creates_sections():
    data = {"title": "C", "official": "o", "stops": []}
    new = edit(FILE, lambda t, r: ye.add_entry(t, r, "trips", "c", data, TOP_KEYS))
    assert new.endswith("    stops: []  # none yet\n\n  c:\n    title: C\n    official: o\n    stops: []\n")
    assert edit("# only a comment\n", lambda t, r: ye.add_entry(t, r, "officials", "o", {"name": "O"}, TOP_KEYS)) == (
        "# only a comment\nofficials:\n  o:\n    name: O\n"
    )
    assert edit("officials:  # nobody yet\ntrips: {}\n", lambda t, r: ye.add_entry(t, r, "officials", "o", {"name": "O"}, TOP_KEYS)) == (
        "officials:  # nobody yet\n  o:\n    name: O\ntrips: {}\n"
    )
    assert edit("trips: {}\n", lambda t, r: ye.add_entry(t, r, "officials", "o", {"name": "O"}, TOP_KEYS)) == (
        "officials:\n  o:\n    name: O\ntrips: {}\n"
    )


def test_crlf_files_stay_crlf_and_a_missing_last_newline_is_handled():
    crlf = FILE.replace("\n", "\r\n")
    new = edit(crlf, lambda t, r: ye.insert_item(t, ye.list_item(trip(r), "stops", 1), "topics", 0, "New", STOP_KEYS))
    assert "\n" not in new.replace("\r\n", "")
    assert new.endswith("    stops: []  # none yet\r\n")
    bare = FILE.rstrip("\n")
    new = edit(bare, lambda t, r: ye.insert_item(t, trip(r, "b"), "stops", 0, {"city": "Oslo"}, TRIP_KEYS))
    assert new.endswith("    stops:  # none yet\n      - city: Oslo\n")


def test_flow_lists_of_mappings_and_shared_lines_are_refused_with_a_reason():
    text = "trips:\n  a:\n    stops: [{city: Rome}]\n"
    with pytest.raises(InputError, match="line 3: 'stops' is written in flow style"):
        edit(text, lambda t, r: ye.insert_item(t, trip(r), "stops", 0, {"city": "Oslo"}, TRIP_KEYS))
    with pytest.raises(InputError, match="flow style"):
        edit(text, lambda t, r: ye.move_item(t, ye.mapping_value(trip(r), "stops"), 0, 0) or ye.move_item(t, ye.mapping_value(trip(r), "stops"), 1, 0))


def test_run_steps_reparses_between_steps():
    steps = [
        lambda t, r: ye.set_scalar(t, trip(r), "title", "A much longer title than before", TRIP_KEYS),
        lambda t, r: ye.set_scalar(t, trip(r), "official", "p", TRIP_KEYS),
        lambda t, r: ye.delete_key(t, trip(r), "notes"),
    ]
    new = ye.run_steps(FILE, steps, "f.yaml")
    assert "    title: 'A much longer title than before'  # eol\n    official: p\n\n    stops:\n" in new


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_a_break_only_yaml_sees_is_written_escaped(brk):
    """A topic imported from CSV with U+2028 was written raw, and the file then refused as
    'a line break to YAML but not to editors'."""
    value = f"Trade{brk}and more"
    new = edit(FILE, lambda t, r: ye.set_scalar(t, trip(r, "b"), "title", value, TRIP_KEYS))
    assert brk not in new
    assert ye.mapping_value(trip(compose(new, "f"), "b"), "title").value == value
    data = {"title": "C", "official": "o", "stops": [{"city": "X", "topics": [value]}]}
    added = edit(FILE, lambda t, r: ye.add_entry(t, r, "trips", "c", data, TOP_KEYS))
    assert brk not in added


def test_a_time_with_seconds_goes_into_a_flow_mapping_as_text():
    """A WallTime YAML 1.1 reads as a timestamp was given the timestamp tag, which a flow
    mapping (no ':' plain there) then wrote out: '!!timestamp ...', refused on reading."""
    flow = FILE.replace("    official: o\n", "    official: o\n    meta: {when: 2025-03-06}\n", 1)
    new = edit(flow, lambda t, r: ye.set_scalar(t, ye.mapping_value(trip(r), "meta"), "when", "2025-03-06 09:00:15", ("when",)))
    assert "!!" not in new and "when: '2025-03-06 09:00:15'" in new
    assert ye.mapping_value(ye.mapping_value(trip(compose(new, "f")), "meta"), "when").value == "2025-03-06 09:00:15"
