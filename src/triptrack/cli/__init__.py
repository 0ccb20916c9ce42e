"""triptrack's command line: a thin layer over the library (see triptrack.editing, storage...)."""

from triptrack.cli import edit_commands, export_commands, view_commands  # noqa: F401  (registers commands)
from triptrack.cli import manage_commands, stop_commands  # noqa: F401  (registers commands)
from triptrack.cli.app import app


def main() -> None:
    app()
