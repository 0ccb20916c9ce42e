"""Building only the command being run (start-up time).

Typer turns every registered command into a Click command before running one:
with fifteen commands that takes ~10 ms, a tenth of the start-up floor, and most
of it is spent on commands that will not run. For `triptrack show X`, `app_for`
returns a copy of the app holding only `show` (and the root options); Typer then
runs exactly as it would with all of them. For `triptrack --help` the commands keep
their names and help but lose their parameters, which the listing does not show.
Anything else — no command, an
unknown one, `--help`/`--version` before it, `--`, shell completion — gets the
whole app, so listings, suggestions for mistyped commands and completion are
unchanged. The tests run the same command lines both ways and compare.
"""

from __future__ import annotations

import copy
import os

import typer

import triptrack.cli.typer_compat as typer_compat


# The root options that may come before the command, each -> whether it takes a value (the
# eager ones, --help and --version, end the run: the whole app answers them). A table, so a
# run does not build the root command twice; tests/test_fast_cli_layer.py holds it to the root
# callback Typer builds.
ROOT_OPTIONS = {"--data": True, "--date-order": True, "--quiet": False, "-q": False,
                "--install-completion": False, "--show-completion": False}


def command_name(args: list[str]) -> str | None:
    """The command `args` runs, when the root options before it are all plain and known."""
    position = 0
    while position < len(args):
        token = args[position]
        if token == "--":
            return None
        if not token.startswith("-"):
            return token
        spelling, has_value = token.split("=", 1)[0], "=" in token
        if spelling not in ROOT_OPTIONS:
            return None  # unknown, eager or short-cluster options: let the whole app answer
        position += 2 if ROOT_OPTIONS[spelling] and not has_value else 1
    return None


def _help_only(app: typer.Typer) -> typer.Typer:
    """A copy for `triptrack --help`: each command keeps its name, help text and panel, but
    has no parameters to build (the help screen lists commands, it does not run one)."""
    import inspect

    import typer.main

    def listed_only() -> None:  # never runs: --help ends the program first
        raise RuntimeError("a command of the --help listing ran")

    light = []
    for info in typer_compat.commands_of(app):
        info = copy.copy(info)
        info.name = info.name or typer.main.get_command_name(info.callback.__name__)
        info.help = inspect.getdoc(info.callback) if info.help is None else info.help
        info.callback = listed_only
        light.append(info)
    groups = []
    for info in typer_compat.groups_of(app):  # a group of commands lists its own commands: lighten those too
        info = copy.copy(info)
        if info.typer_instance is not None:
            info.typer_instance = _help_only(info.typer_instance)
        groups.append(info)
    return typer_compat.with_commands(app, light, groups)


def completing() -> bool:
    """Whether the shell asked for completions (Typer's `_TRIPTRACK_COMPLETE`): the whole app answers."""
    return any(name.endswith("_COMPLETE") for name in os.environ)


def app_for(app: typer.Typer, args: list[str]) -> typer.Typer:
    """`app`, or a copy holding only the command (or group of commands) that `args` names."""
    import typer.main

    if not typer_compat.has_root_callback(app) or completing():
        return app  # (without the root callback one command would run as the whole program)
    if args in (["--help"], ["-h"]):
        return _help_only(app)
    name = command_name(args)
    if name is None:
        return app
    commands = [c for c in typer_compat.commands_of(app) if (c.name or typer.main.get_command_name(c.callback.__name__)) == name]
    groups = [g for g in typer_compat.groups_of(app) if g.name == name]
    if len(commands) + len(groups) != 1:
        return app
    return typer_compat.with_commands(app, commands, groups)
