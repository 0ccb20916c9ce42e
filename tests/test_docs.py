"""Every command has help text with an example, and the README documents it."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import typer.main

from triptrack.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group=None, prefix=""):
    group = group or typer.main.get_command(app)
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        full = f"{prefix}{name}"
        if hasattr(command, "commands"):
            yield full, command
            yield from _commands(command, f"{full} ")
        else:
            yield full, command


COMMANDS = list(_commands())


def test_there_are_commands():
    assert {"show", "list", "add-stop", "export", "init", "where"} <= {name for name, _c in COMMANDS}


@pytest.mark.parametrize("name, command", COMMANDS, ids=[n for n, _c in COMMANDS])
def test_command_has_help_and_example(name, command):
    assert (command.help or "").strip(), f"{name} has no help text"
    if not hasattr(command, "commands"):
        assert "Example" in (command.epilog or ""), f"{name} has no example in its help"


@pytest.mark.parametrize("name, command", COMMANDS, ids=[n for n, _c in COMMANDS])
def test_command_help_paragraphs_have_no_line_breaks(name, command):
    """Typer keeps a paragraph's line breaks (the list of commands prints the first with
    them, a help screen the others), so lines would break twice on a narrow terminal."""
    for paragraph in inspect.cleandoc(command.help or "").split("\n\n"):
        assert "\n" not in paragraph, f"{name}: write each paragraph of its help on one line"


@pytest.mark.parametrize("name", [n for n, _c in COMMANDS])
def test_command_is_in_the_readme(name):
    assert f"triptrack {name}" in README, f"'triptrack {name}' is missing from README.md"
