"""Every private name of Typer that triptrack uses, in one place, for the versions pinned in
pyproject.toml (tests/test_typer_compat.py fails loudly when an installed release moves one).

What they are for: start-up time (a parameter's value converted without building Typer's
Pydantic adapter; only the command being run built) and help screens without internal
type names (`<str>`, `<bool>`, usage lines like `{TRIP}`).
"""

from __future__ import annotations

import copy

from typer._click.exceptions import BadParameter, ClickException, UsageError  # noqa: F401  (Typer's own copy of Click)

WRITTEN_FOR = {"typer": (0, 29), "rich": (13, 15)}  # Typer minor release; Rich major releases, first and last

# The private attributes and functions used below, for the test that checks them.
PRIVATE_NAMES = {
    "typer._coercion": ["build_runtime_param"],
    "typer.core": ["TyperArgument._usage_display_name", "_TyperParameter.display_type_rich"],
    "typer.models": ["TyperInfo.typer_instance"],
}


def runtime_converter(param):
    """The converter Typer set on a parameter (None: Typer builds its own on first use)."""
    return getattr(param, "_runtime_param", "absent")


def set_runtime_converter(param, converter) -> None:
    param._runtime_param = converter


def typer_converter(param):
    """Typer's own converter for a parameter (builds its Pydantic adapter)."""
    from typer._coercion import build_runtime_param

    return build_runtime_param(param.type_descriptor)


def plain_help(param) -> None:
    """Help for `param` without internal type names: its metavar, or a plain word."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:
        return
    annotation = descriptor.annotation
    word = {int: "N", float: "NUMBER", str: "TEXT"}.get(annotation, "TEXT" if annotation == list[str] else None)
    is_argument = hasattr(param, "_usage_display_name")
    shown = None if is_argument else (param.metavar or word)  # (an argument's name is its metavar)
    param.display_type_rich = lambda ctx=None: shown
    if is_argument:  # usage: NAME, [NAME], NAME...
        name = param.metavar or param.name.upper()
        name = name if param.required else f"[{name}]"
        param._usage_display_name = lambda: name + ("..." if param.nargs != 1 else "")


# --- the app's registered commands (to build only the command being run) -------------------


def commands_of(app) -> list:
    return list(app.registered_commands)


def groups_of(app) -> list:
    return list(app.registered_groups)


def has_root_callback(app) -> bool:
    return app.registered_callback is not None


def with_commands(app, commands: list, groups: list):
    """A copy of `app` holding only these commands and groups of commands."""
    only = copy.copy(app)
    only.registered_commands, only.registered_groups = list(commands), list(groups)
    return only
