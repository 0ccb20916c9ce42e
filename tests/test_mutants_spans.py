"""datafile/spans.py: tests for the mutants mutmut found alive (issue 16; benchmarks/MUTATION.md).

Each test names the mutant(s) it kills: `mutmut show NAME` prints the change.
"""

from __future__ import annotations

import pytest

from triptrack.datafile import spans
from triptrack.datafile.syntax import compose
from triptrack.errors import InputError, NotFoundError

TEXT = "officials:\n  a:\n    name: A\ntrips:\n  t:\n    stops:\n      - city: Paris\n      - city: Rome\n"


def root():
    return compose(TEXT, "t.yaml")


def test_a_missing_key_has_no_key_node():
    """Kills x_mapping_key__mutmut_7 (indexing the None that `pair` gives for a missing key)."""
    assert spans.mapping_key(root(), "nothing") is None
    assert spans.mapping_key(root(), "trips").value == "trips"


def test_an_unknown_official_is_named_as_an_official():
    """Kills x_official_node__mutmut_4, _11 and _12 (the word in the message)."""
    with pytest.raises(NotFoundError) as raised:
        spans.official_node(root(), "b")
    assert str(raised.value) == "no official 'b'"


@pytest.mark.parametrize("index", [-1, 2, 5])
def test_a_list_item_out_of_range_is_refused_by_its_number(index):
    """Kills x_list_item__mutmut_6 and _11 (the bounds: one past the end read), _12 to _14 (the
    item's number, counted from 1, in the message)."""
    trip = spans.trip_node(root(), "t")
    assert spans.list_item(trip, "stops", 1).value[0][1].value == "Rome"
    with pytest.raises(NotFoundError) as raised:
        spans.list_item(trip, "stops", index)
    assert str(raised.value) == f"no stops item {index + 1}"


def test_a_key_that_is_not_a_list_has_no_items():
    """Kills x_list_item__mutmut_6 (`and`: a mapping's length taken for a list's)."""
    with pytest.raises(NotFoundError, match="no officials item 1"):
        spans.list_item(root(), "officials", 0)


def test_blank_lines_and_the_end_of_the_text():
    """Kills x_is_blank_line__mutmut_1, _2 and _5."""
    text = "a: 1\n\n  \nb: 2"
    assert spans.is_blank_line(text, 5) and spans.is_blank_line(text, 6)
    assert not spans.is_blank_line(text, 0) and not spans.is_blank_line(text, 9)
    assert not spans.is_blank_line(text, len(text))  # past the end: no line at all


def test_comments_above_stop_at_a_blank_line():
    """Kills x_comments_above__mutmut_9 (a step of two characters jumps over a blank line to
    the comment before it)."""
    text = "# detached\n\na: 1\n"
    assert spans.comments_above(text, text.index("a:")) == text.index("a:")
    text = "x: 1\n# one\n# two\nb: 2\n"
    assert spans.comments_above(text, text.index("b:")) == text.index("# one")
    assert spans.comments_above("# top\na: 1\n", 6) == 0


def test_the_line_numbers_of_the_comments_above_a_node():
    """Kills x_comment_lines_above__mutmut_3 to _20 (where the node's line is, and the numbers)."""
    text = "x: 1\n# one\n# two\nb: 2\nc: 3\n"
    node = compose(text, "t.yaml")
    b_key, c_key = node.value[1][0], node.value[2][0]
    assert spans.comment_lines_above(text, b_key) == (2, 3)
    assert spans.comment_lines_above(text, c_key) is None
    first = "# top\na: 1\n"
    assert spans.comment_lines_above(first, compose(first, "t.yaml").value[0][0]) == (1, 1)


def test_an_unknown_trip_is_named_as_a_trip():
    """Kills x_trip_node__mutmut_4, _11 and _12 (the word in the message)."""
    with pytest.raises(NotFoundError) as raised:
        spans.trip_node(root(), "u")
    assert str(raised.value) == "no trip 'u'"


def test_line_bounds_when_the_text_starts_with_an_empty_line():
    """Kills x_start_of_line__mutmut_10 and x_end_of_line__mutmut_10, _11 (a newline at offset 0
    missed), and x_comment_lines_above__mutmut_21 (the same in the line count)."""
    text = "\n# c\nb: 1\n"
    assert spans.start_of_line(text, 2) == 1
    assert spans.end_of_line(text, 0) == 1
    node = compose(text, "t.yaml").value[0][0]
    assert spans.comment_lines_above(text, node) == (2, 2)


def test_the_last_comment_line_is_counted_up_to_the_node_not_the_end():
    """Kills x_comment_lines_above__mutmut_29 (lines counted to the end of the text)."""
    text = "x: 1\n# one\n# two\nb: 2\nc: 3\nd: 4\ne: 5\n"
    assert spans.comment_lines_above(text, compose(text, "t.yaml").value[1][0]) == (2, 3)


def test_a_node_sharing_its_line_is_refused_with_its_line():
    """Kills x_own_line_start__mutmut_9 and _10 (the message)."""
    text = "x: 1\ny: [1, 2]\n"
    second = compose(text, "t.yaml").value[1][1].value[1]
    with pytest.raises(InputError) as raised:
        spans.own_line_start(text, second, "item 2")
    assert str(raised.value) == "line 2: item 2 shares its line with other data; split the line to edit it"
    first_line = compose("- a\n- b\n", "t.yaml").value[1]
    assert spans.own_line_start("- a\n- b\n", first_line, "item 2") == 4


@pytest.mark.parametrize(
    ("text", "start", "end", "kept"),
    [
        ("a: 1\n\nb: 2\n\nc: 3\n", 6, 11, "a: 1\n\nc: 3\n"),  # blank on both sides: one goes too
        ("b: 2\n\nc: 3\n", 0, 5, "c: 3\n"),  # the top of the file counts as blank
        ("a: 1\nb: 2\n\nc: 3\n", 5, 10, "a: 1\n\nc: 3\n"),  # no blank before: the blank after stays
        ("a: 1\n\nb: 2\nc: 3\n", 6, 11, "a: 1\n\nc: 3\n"),  # no blank after
    ],
)
def test_removing_lines_between_blank_lines_takes_one_blank_line_along(text, start, end, kept):
    """Kills x_removal__mutmut_1 to _27 (when the blank line after goes too, and the splice itself)."""
    cut = spans.removal(text, start, end)
    assert cut.text == ""
    assert text[: cut.start] + text[cut.end :] == kept


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("a: \nb: 1\n", 2),  # an empty value ends where it starts, white space before it or not
        ("a: XX\n", 5),  # only white space is trimmed
        ("a: |\n  x\n\n\nb: 1\n", 8),  # a block scalar's trailing blank lines, one character at a time
    ],
)
def test_a_value_ends_at_its_last_character_that_is_not_white_space(text, end):
    """Kills x_content_end__mutmut_14 (past the start of an empty value), _18 (X taken for white
    space) and _21 (two characters at a time)."""
    assert spans.content_end(text, compose(text, "t.yaml").value[0][1]) == end


def test_an_insertion_after_an_unfinished_line_starts_a_new_one():
    """Kills x_insertion__mutmut_3 (no new line when inserting after the first character)."""
    assert spans.insertion("a", 1, "b: 1\n") == spans.Splice(1, 1, "\nb: 1\n")
    assert spans.insertion("a\n", 2, "b: 1\n") == spans.Splice(2, 2, "b: 1\n")
    assert spans.insertion("", 0, "b: 1\n") == spans.Splice(0, 0, "b: 1\n")
