"""A read of one trip (`show`) of a large file that was never read: only that trip is parsed.

The others wait for the first command that reads them (`list`, `check`, any edit...), which
parses each once. A file with few trips never parsed, or with bytes a hostile file would use
(a control character, an escape that could write one, bytes that are not UTF-8), is still
checked whole by `show`. Here "large" is more than 5 trips never parsed (parsed.FEW, 200 in use).
"""

from __future__ import annotations

import pytest
from conftest import digest

from triptrack.datafile import index
from triptrack.datafile import parsed as parsed_module
from triptrack.datafile import store as storage


@pytest.fixture
def few(monkeypatch) -> int:
    monkeypatch.setattr(parsed_module, "FEW", 5)
    return 5


@pytest.fixture
def large(many_trips, cache, few):
    """The sample with 40 more trips, no escape in it (the sample's sources hold one: \\")."""
    many_trips.write_text(many_trips.read_text(encoding="utf-8").replace('\\"', "'"), encoding="utf-8")
    return many_trips


TITLE = "title: Final overseas trip as Secretary of State (as announced)"


def _load(path, reading=None):
    return index.load(storage.DataSource(path, str(path)), reading=reading)


def _whole(path):
    return storage.parse(path.read_text(encoding="utf-8"), str(path))[1]


def _break(path, trip_id: str, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  {trip_id}:\n")
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def _line_of(path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_show_parses_only_its_trip_and_the_first_full_read_parses_each_other_once(large, parses):
    parsed = _load(large, reading="copy-3")
    assert parsed.with_trip("copy-3")[1] == _whole(large).trips["copy-3"]
    assert parses == ["copy-3"]
    parses.clear()
    assert _load(large, reading="copy-7").with_trip("copy-7")[1] == _whole(large).trips["copy-7"]
    assert parses == ["copy-7"]  # the same bytes: the version kept, one more trip parsed
    parses.clear()
    assert _load(large).catalog() == _whole(large)
    assert len(parses) == 40 and "copy-3" not in parses and "copy-7" not in parses
    parses.clear()
    assert _load(large).catalog() == _whole(large) and parses == []


def test_a_large_file_read_whole_first_parses_every_trip(large, parses):
    assert _load(large).catalog() == _whole(large) and len(parses) == 42


def test_few_trips_never_parsed_are_parsed_with_the_one_read(large, parses, monkeypatch):
    monkeypatch.setattr(parsed_module, "FEW", 42)
    _load(large, reading="copy-3")
    assert len(parses) == 42


def test_an_error_in_another_trip_waits_for_a_command_that_reads_it(cli, large):
    _break(large, "copy-30", "arrive: 2025-01-06", "arrive: 2025-13-06")
    line = _line_of(large, "        arrive: 2025-13-06")
    before = digest(large)
    shown = cli("show", "copy-3")
    assert shown.exit_code == 0, shown.output
    assert "Seoul" in shown.stdout
    for command in (["list"], ["show", "copy-30"], ["trip", "edit", "copy-3", "--title", "New"]):
        result = cli(*command)
        assert result.exit_code == 1, (command, result.output)
        assert f"{large} line {line}:" in result.stderr and "2025-13-06" in result.stderr
        assert digest(large) == before


@pytest.mark.parametrize(
    "command, shown",
    [
        (["timeline", "copy-3"], "Seoul"),
        (["export", "copy-3", "-f", "ics"], "BEGIN:VCALENDAR"),
        (["map", "copy-3"], "Seoul"),
        (["show", "copy-3", "--json"], '"id": "copy-3"'),
    ],
    ids=["timeline", "export", "map", "show-json"],
)
def test_every_command_that_reads_one_trip_reads_only_it(cli, large, parses, command, shown):
    _break(large, "copy-30", "arrive: 2025-01-06", "arrive: 2025-13-06")
    result = cli(*command)
    assert result.exit_code == 0, result.output
    assert shown in result.stdout and parses == ["copy-3"]


def test_an_unknown_official_in_another_trip_is_found_by_the_first_full_read(cli, large):
    _break(large, "copy-30", "official: blinken", "official: nobody")
    assert cli("show", "copy-3").exit_code == 0
    result = cli("list")
    assert result.exit_code == 1 and "no official 'nobody'" in result.stderr


def test_few_trips_never_parsed_show_reports_another_trip_s_error(cli, large, monkeypatch):
    monkeypatch.setattr(parsed_module, "FEW", 200)
    _break(large, "copy-30", "arrive: 2025-01-06", "arrive: 2025-13-06")
    result = cli("show", "copy-3")
    assert result.exit_code == 1 and "2025-13-06" in result.stderr


@pytest.mark.parametrize(
    "old, new, wording",
    [
        (TITLE, 'title: "Final \\e]0;PWNED\\a"', "control character"),
        (TITLE, "title: Final \x1b[2J", "U+001B"),
        (TITLE, "title: Final \udc80", "not UTF-8"),
    ],
    ids=["escape", "raw-control", "not-utf-8"],
)
def test_hostile_bytes_in_another_trip_are_found_by_show(cli, large, old, new, wording):
    text = large.read_text(encoding="utf-8")
    start = text.index("  copy-30:\n")
    at = text.index(old, start)
    large.write_bytes((text[:at] + new + text[at + len(old) :]).encode("utf-8", "surrogateescape"))
    before = digest(large)
    result = cli("show", "copy-3")
    assert result.exit_code == 1, result.output
    assert f"{large} line " in result.stderr and wording in result.stderr
    assert digest(large) == before


def test_a_hand_edit_after_a_read_of_one_trip_then_a_full_read(large, parses):
    _load(large, reading="copy-3")
    _break(large, "copy-20", "title: Final", "title: Edited by hand, final")
    parses.clear()
    assert _load(large, reading="copy-9").with_trip("copy-9")[1] == _whole(large).trips["copy-9"]
    assert parses == ["copy-9"]  # the edited trip too waits: more than FEW never parsed
    parses.clear()
    _break(large, "copy-21", "title: Final", "title: Edited again, final")
    assert _load(large).catalog() == _whole(large)
    assert sorted(parses) == sorted({f"copy-{n}" for n in range(40)} - {"copy-3", "copy-9"} | {"blinken-final", "blinken-final-record"})


def test_an_edit_command_after_a_read_of_one_trip_checks_the_whole_file(cli, large):
    assert cli("show", "copy-3").exit_code == 0
    result = cli("trip", "edit", "copy-3", "--title", "Retitled")
    assert result.exit_code == 0, result.output
    assert _load(large).catalog() == _whole(large)
    assert _whole(large).trips["copy-3"].title == "Retitled"


def test_reads_after_a_version_kept_with_trips_unparsed_look_only_at_what_changed(large, monkeypatch):
    from triptrack.datafile import index_rows

    _load(large, reading="copy-3")
    asked, scanned = [], []
    officials_of, plain = index_rows.Rows.officials_of, parsed_module.looks_plain
    monkeypatch.setattr(index_rows.Rows, "officials_of", lambda self, keys, newest: asked.append(len(keys)) or officials_of(self, keys, newest))
    for module in (parsed_module, index):
        monkeypatch.setattr(module, "looks_plain", lambda body: scanned.append(len(body)) or plain(body))
    assert _load(large, reading="copy-7").with_trip("copy-7") is not None  # the same bytes
    assert asked == [1] and scanned == []
    _break(large, "copy-20", "title: Final", "title: Edited by hand, final")
    assert _load(large, reading="copy-9").with_trip("copy-9") is not None
    assert asked == [1, 1] and len(scanned) == 1 and 0 < scanned[0] < len(large.read_bytes()) // 10


def test_hostile_bytes_a_hand_edit_adds_after_such_a_version_are_found_by_show(cli, large):
    assert cli("show", "copy-3").exit_code == 0
    _break(large, "copy-20", TITLE, 'title: "Final \\e]0;PWNED\\a"')
    result = cli("show", "copy-9")
    assert result.exit_code == 1 and "control character" in result.stderr


@pytest.mark.parametrize(
    "opening, closing",
    [('title: "Final', '    x"'), ("title: 'Final", "    x'"), ("title: 'Final''", "    x'"), ('title:\n      "Final', '    x"')],
    ids=["double-quoted", "single-quoted", "single-quoted-ending-in-a-quote", "quoted-on-the-next-line"],
)
def test_a_line_that_looks_like_a_trip_s_key_inside_another_trip_s_text_is_no_trip(cli, large, opening, closing):
    """YAML lets a quoted scalar or a flow collection run on over lines at any indentation:
    `fake` below is part of copy-20's title, not a trip. The text of the piece the cut
    would take for it parses alone, so only a read that knows the file is plain may trust it."""
    hidden = f"{opening}\n  fake:\n    title: Fake\n    official: blinken\n  fake-end:\n{closing}"
    _break(large, "copy-20", TITLE, hidden)
    whole = _whole(large)
    assert "fake" not in whole.trips and "fake:" in whole.trips["copy-20"].title + str(whole.trips["copy-20"].stops[0].topics)
    result = cli("show", "fake")
    assert result.exit_code == 1 and "no trip 'fake'" in result.stderr, result.output


@pytest.mark.parametrize(
    "text",
    ['title: "Final\n      trip"', "title: 'Final\n      trip'", "title: [Final,\n      trip]", "title: {a: Final,\n      b: trip}",
     'title:\n      "Final\n      trip"', "title: Final trip\n    topics:\n      - 'a\n        b'",
     "title: 'Final''\n      trip'", "title: [Final, # a comment]\n      trip]"],
    ids=["double-quoted", "single-quoted", "flow-list", "flow-mapping", "quoted-on-the-next-line", "quoted-item",
         "single-quoted-ending-in-a-quote", "bracket-then-comment"],
)
def test_a_quote_or_bracket_open_at_a_line_s_end_makes_a_read_of_one_trip_parse_them_all(large, parses, text):
    _break(large, "copy-20", TITLE, text)
    try:
        _load(large, reading="copy-3")
    except Exception:
        pass  # (a title that is a list is an error: what matters is what was parsed)
    assert len(parses) > 1


def test_closed_quotes_and_empty_brackets_keep_a_read_of_one_trip_to_it(large, parses):
    _break(large, "copy-20", TITLE, "title: 'Final''s ''end''' # a comment")
    _break(large, "copy-21", TITLE, 'title:\n      "Final \\ trip"\n    tags: []\n    extra: {}')
    _break(large, "copy-22", TITLE, "title: Côte d'Ivoire, 5' tall [1] {x}")
    _load(large, reading="copy-3")
    assert parses == ["copy-3"]
