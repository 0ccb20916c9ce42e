"""`trip shift` and `trip copy`: a trip that slips by days, last year's trip as a template."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from triptrack.cli.application import settings
from triptrack.cli.interaction import report
from triptrack.cli.manage_commands import NewIdArg, trip_app
from triptrack.cli.options import TripArg

ShiftArg = Annotated[str, typer.Argument(metavar="SHIFT", help="Whole days or weeks with a sign: +2d, -1d, +1w.")]


@trip_app.command(
    "shift",
    context_settings={"ignore_unknown_options": True},  # so that -1d is the shift, not an option
    epilog="Examples: triptrack trip shift blinken-final +2d · triptrack trip shift blinken-final -1d",
)
def trip_shift(ctx: typer.Context, trip_id: TripArg, shift: ShiftArg) -> None:
    """Move a trip by whole days: every stop, leaves/returns and obligation, keeping local wall times."""
    from triptrack.edits.trip_dates import shift_trip

    data = settings(ctx).source()
    report(shift_trip(data, trip_id, shift), data.display)


@trip_app.command(
    "copy",
    epilog="Examples: triptrack trip copy blinken-final tour-2026 --start 2026-01-05 · "
    "triptrack trip copy blinken-final again --shift +7d",
)
def trip_copy(
    ctx: typer.Context,
    trip_id: TripArg,
    new_id: NewIdArg = None,
    shift: Annotated[Optional[str], typer.Option("--shift", metavar="SHIFT", help="Move the copy by whole days or weeks: +7d, -1w.")] = None,
    start: Annotated[Optional[str], typer.Option("--start", metavar="DATE", help="Move the copy so that it begins on DATE (YYYY-MM-DD).")] = None,
) -> None:
    """Copy a trip as a new plan (stops, agendas, obligations; no sources or record refs), moved in time."""
    from triptrack.cli.interaction import need
    from triptrack.edits.trip_dates import copy_trip

    data = settings(ctx).source()
    new_id = need(new_id, "New trip id", "NEW")
    report(copy_trip(data, trip_id, new_id, shift, start), data.display)
