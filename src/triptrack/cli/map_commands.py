"""The command that draws a trip on a map: map."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from triptrack.cli.application import app, settings
from triptrack.cli.options import TripArg


@app.command(
    "map",
    epilog="Examples: triptrack map blinken-final · triptrack map blinken-final -o route.svg",
)
def map_command(
    ctx: typer.Context,
    trip_id: TripArg,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE.svg", help="Write the map as SVG (for a slide) instead of drawing it here.")
    ] = None,
) -> None:
    """Draw a trip on a world map: the route as great-circle arcs, the stops numbered and named."""
    if output is not None and output.suffix.lower() != ".svg":
        raise typer.BadParameter(f"{output}: the map is written as SVG; give a file ending in .svg", param_hint="'-o'")
    from triptrack.datafile import store
    from triptrack.edits.common import find_trip
    from triptrack.maps.trip_map import trip_map

    source = settings(ctx).source()
    catalog = store.load(source)
    drawn = trip_map(catalog, find_trip(catalog, trip_id, source.display))
    if output is None:
        from triptrack.maps.braille import render
        from triptrack.render.console import make_console

        console = make_console()
        console.print(render(drawn, console.width))
        return
    from triptrack.datafile.atomic_file import atomic_write
    from triptrack.errors import InputError
    from triptrack.maps.svg import render

    try:
        atomic_write(output.resolve(), render(drawn))
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror}") from None
    if drawn.shortfall():
        typer.echo(drawn.shortfall(), err=True)
    typer.echo(f"Wrote the map of {drawn.trip_id} ({len(drawn.markers)} places) to {output}", err=True)
