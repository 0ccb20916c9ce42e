"""triptrack's command line: a thin layer over the library (see triptrack.edits.common, storage...)."""

from triptrack.cli import (  # noqa: F401  (importing a module registers its commands)
    edit_commands,
    export_commands,
    history_commands,
    import_commands,
    manage_commands,
    map_commands,
    plan_commands,
    planner_commands,
    publish_commands,
    setup_commands,
    stop_commands,
    trip_date_commands,
    view_commands,
)
from triptrack.cli.app import app


def main() -> None:
    import os
    import sys

    from triptrack.cli import output_failure
    from triptrack.cli.one_command import app_for

    try:
        app_for(app, sys.argv[1:])()  # builds only the command being run (start-up time)
    except (OSError, output_failure.EscapedOSError) as exc:  # stdout full or closed, or an unexpected file error
        if os.environ.get("TRIPTRACK_DEBUG"):
            raise
        error = exc.error if isinstance(exc, output_failure.EscapedOSError) else exc
        sys.exit(output_failure.after_output_error(error))
    except Exception as exc:  # a bug: one line, not a traceback (TRIPTRACK_DEBUG=1 shows it)
        if os.environ.get("TRIPTRACK_DEBUG"):
            raise
        sys.exit(output_failure.after_unexpected(exc))
