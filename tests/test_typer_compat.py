"""The private names of Typer that triptrack uses are all in cli/typer_compat.py, for the
releases pinned in pyproject.toml: this fails loudly when an installed release moves them."""

from __future__ import annotations

import importlib
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from triptrack.cli import typer_compat

SRC = Path(__file__).resolve().parents[1] / "src" / "triptrack"


def _release(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version(name))[:2])


def test_the_installed_releases_are_the_ones_the_module_was_written_for():
    assert _release("typer")[:2] == typer_compat.WRITTEN_FOR["typer"], "a new Typer: check cli/typer_compat.py, then the pin"
    first, last = typer_compat.WRITTEN_FOR["rich"]
    assert first <= _release("rich")[0] <= last, "a new Rich: check cli/typer_compat.py, then the pin"


@pytest.mark.parametrize("module, names", sorted(typer_compat.PRIVATE_NAMES.items()))
def test_every_private_name_used_is_there(module, names):
    found = importlib.import_module(module)
    for dotted in names:
        value = found
        for part in dotted.split("."):
            value = getattr(value, part, None) if not isinstance(value, type) or part in dir(value) else None
            if value is None and part == "typer_instance":  # a dataclass field, set on instances
                value = "typer_instance" in getattr(found, "TyperInfo").__init__.__code__.co_varnames
        assert value, f"{module}.{dotted} moved"


def test_no_other_module_uses_a_private_name_of_typer_or_rich():
    pattern = re.compile(r"\b(typer|rich)\._\w+|_runtime_param|registered_(commands|groups|callback)|\._usage_display_name")
    users = sorted(
        str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
        if path.name != "typer_compat.py" and pattern.search(path.read_text(encoding="utf-8"))
    )
    assert users == []


def _every_command() -> list[list[str]]:
    import typer.main

    from triptrack.cli import app

    found = [[]]

    def walk(group, prefix):
        for name, command in sorted(group.commands.items()):
            found.append([*prefix, name])
            if hasattr(command, "commands"):
                walk(command, [*prefix, name])

    walk(typer.main.get_command(app), [])
    return found


@pytest.mark.parametrize("command", _every_command(), ids=" ".join)
def test_help_screens_show_no_internal_type_names(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0, result.output
    for leak in ("<str>", "<bool>", "<int>", "<float>", "<list", "{", "[[", "]...]", "......"):
        assert leak not in result.stdout, (command, leak)
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    assert re.fullmatch(r" *Usage: triptrack[ a-z-]*(?: (?:\[OPTIONS\]|COMMAND \[ARGS\]\.\.\.|\[?[A-Z_]+\]?(?:\.\.\.)?))* *", usage), usage
