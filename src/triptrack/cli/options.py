"""Options that several commands share."""

from __future__ import annotations

from typing import Annotated

import typer

from triptrack.cli import completion

TripArg = Annotated[str, typer.Argument(metavar="TRIP", help="The trip's id.", autocompletion=completion.trip_ids)]
OfficialArg = Annotated[
    str, typer.Argument(metavar="OFFICIAL", help="The official's id.", autocompletion=completion.official_ids)
]

SAVE_OPTION = typer.Option(
    "--save", metavar="FILE", help="Also save what is drawn: FILE.svg (a picture), FILE.html or FILE.txt."
)

TZ_OPTION = typer.Option(
    "--tz",
    metavar="home|local|UTC|ZONE",
    help="Show times in each stop's own zone (local, the default), the official's home zone, UTC, "
    "or any IANA zone such as Asia/Kathmandu.",
)

FORCE_OPTION = typer.Option("--force", help="Replace the file written if it exists (a terminal is asked instead).")
