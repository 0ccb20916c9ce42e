"""triptrack's command line: a thin layer over the library (see triptrack.edits.common, storage...)."""

from triptrack.cli import (  # noqa: F401  (importing a module registers its commands)
    edit_commands,
    export_commands,
    import_commands,
    manage_commands,
    map_commands,
    plan_commands,
    publish_commands,
    setup_commands,
    stop_commands,
    view_commands,
)
from triptrack.cli.app import app


def main() -> None:
    import sys

    from triptrack.cli.one_command import app_for

    app_for(app, sys.argv[1:])()  # builds only the command being run (start-up time)
