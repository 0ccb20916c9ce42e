"""The list table's short cuts give what the plain, slower ways give."""

from __future__ import annotations

import random
from datetime import date

from triptrack.render import trip_table


def _paragraphs():
    pieces = ["a", "Seoul", "Bogotá", "→", "Washington,", "", "Ministerkonferenz", "x" * 30, "  ", "é" * 13]
    chance = random.Random(7)
    for _ in range(3000):
        words = [chance.choice(pieces) for _ in range(chance.randint(0, 12))]
        yield " ".join(words)
    yield " leading and trailing "
    yield "double  space"
    yield ""


def test_looking_back_for_a_space_wraps_like_word_by_word():
    for paragraph in _paragraphs():
        for width in (1, 2, 5, 12, 13, 29, 30, 31, 40):
            assert trip_table._wrap_one_cell(paragraph, width) == trip_table._wrap_words(
                paragraph, width, trip_table._width
            ), (paragraph, width)


def test_a_one_cell_text_wraps_as_any_text():
    for paragraph in _paragraphs():
        text = paragraph.replace("a ", "a\n", 1)
        for width in (3, 12, 20):
            general = [
                (line, trip_table._width(line))
                for part in text.split("\n")
                for line in trip_table._wrap_words(part, width, trip_table._width)
            ]
            if "\n" not in text and trip_table._width(text) <= width:
                general = [(text, trip_table._width(text))]  # a text that fits is left as it is
            assert trip_table._wrap(text, width) == general, (text, width)


def test_wide_characters_are_not_measured_by_length():
    assert not trip_table._one_cell("東京 → Paris")
    assert trip_table._one_cell("Bogotá → Paris\nÉvian")
    assert trip_table._wrap("東京東京 東京", 4) == [("東京", 4), ("東京", 4), ("東京", 4)]


def test_month_names_are_what_strftime_gives():
    for month in range(1, 13):
        first, last = date(2024, month, 3), date(2025, month, 9)
        assert trip_table.date_range(first, first) == f"3 {first:%b %Y}"
        assert trip_table.date_range(first, last) == f"3 {first:%b %Y} – 9 {last:%b %Y}"
