"""triptrack's command line: a thin layer over the library (see triptrack.edits.common, storage...).

Each module below registers its commands on the Typer app (cli.application) when imported.
`main` imports only the module of the command being run (start-up time); `triptrack.cli.app`
is the app with every command, for tests and other programs.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

# Each command (or group of commands) -> the modules that register it (tests/test_fast_cli_layer.py
# holds this table to the app).
COMMAND_MODULES = {
    "show": ("view_commands",), "list": ("view_commands",),
    "add-stop": ("edit_commands",), "export": ("export_commands",),
    "history": ("history_commands",), "undo": ("history_commands",), "redo": ("history_commands",),
    "validate": ("manage_commands",), "trip": ("manage_commands", "trip_date_commands"),
    "official": ("manage_commands",), "map": ("map_commands",),
    "check": ("plan_commands",), "timeline": ("plan_commands",), "compare": ("plan_commands",),
    "stats": ("plan_commands",), "now": ("planner_commands",), "calendar": ("planner_commands",),
    "publish": ("publish_commands",), "init": ("setup_commands",), "where": ("setup_commands",),
    "import": ("import_commands",), "stop": ("stop_commands",), "obligation": ("stop_commands",),
    "topic": ("stop_commands",), "meeting": ("stop_commands",),
}


def register(modules: tuple[str, ...] | None = None):
    """The app, once these command modules (every `*_commands` module when None) have registered
    their commands."""
    if modules is None:
        from pkgutil import iter_modules

        modules = tuple(sorted(m.name for m in iter_modules(__path__) if m.name.endswith("_commands")))
    for name in modules:
        import_module(f"triptrack.cli.{name}")
    return import_module("triptrack.cli.application").app


def __getattr__(name: str):
    if name == "app":  # `from triptrack.cli import app`: the whole app
        return register()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _modules_for(args: list[str]) -> tuple[str, ...] | None:
    """The command modules that `args` needs; None (all of them) for a listing, shell
    completion, or anything not plainly one command."""
    from triptrack.cli.one_command import command_name, completing

    if completing():
        return None
    return COMMAND_MODULES.get(command_name(args) or "")


def main() -> None:
    import atexit
    import gc

    from triptrack.cli import output_failure
    from triptrack.cli.one_command import app_for

    # A run is short and makes few reference cycles, so the cycle collector runs every 100,000
    # new objects rather than every 700 (as mypy tunes it): at 700 it walked the objects of
    # each import and each parsed trip again and again, a tenth of a `show`. At exit Python
    # collects once more, walking everything still alive (15-25 ms after a `show`, 35 after a
    # `list` of 11,000 trips), all of which the process frees anyway: exit handlers end by
    # freezing it (files are still closed, handlers still run).
    gc.set_threshold(100_000, 20, 20)
    atexit.unregister(gc.freeze)  # (once, however often main runs in one process)
    atexit.register(gc.freeze)
    try:
        args = sys.argv[1:]
        app_for(register(_modules_for(args)), args)()  # builds only the command being run (start-up time)
    except (OSError, output_failure.EscapedOSError) as exc:  # stdout full or closed, or an unexpected file error
        if os.environ.get("TRIPTRACK_DEBUG"):
            raise
        error = exc.error if isinstance(exc, output_failure.EscapedOSError) else exc
        sys.exit(output_failure.after_output_error(error))
    except Exception as exc:  # a bug: one line, not a traceback (TRIPTRACK_DEBUG=1 shows it)
        if os.environ.get("TRIPTRACK_DEBUG"):
            raise
        sys.exit(output_failure.after_unexpected(exc))
