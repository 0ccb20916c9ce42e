"""What a person wrote is drawn as written: Rich's emoji codes and markup are never applied to it."""

from __future__ import annotations


def test_emoji_codes_and_markup_in_a_topic_are_drawn_as_typed(cli):
    assert cli("topic", "add", "blinken-final", "1", ":flag_ukraine: support [bold]now[/bold]").exit_code == 0
    shown = cli("show", "blinken-final").stdout
    assert ":flag_ukraine: support [bold]now[/bold]" in shown


def test_an_officials_name_with_an_emoji_code_stays_text_in_stats(cli):
    assert cli("official", "edit", "blinken", "--name", "Antony :smile: Blinken").exit_code == 0
    assert "Antony :smile: Blinken" in cli("stats").stdout
