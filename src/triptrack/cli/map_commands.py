"""The command that draws a trip on a map: map."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from triptrack.cli.application import app, settings
from triptrack.cli.options import FORCE_OPTION, TripArg


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
    force: Annotated[bool, FORCE_OPTION] = False,
) -> None:
    """Draw a trip on a world map: the route as great-circle arcs, the stops numbered and named."""
    if output is not None and output.suffix.lower() != ".svg":
        raise typer.BadParameter(f"{output}: the map is written as SVG; give a file ending in .svg", param_hint="'-o'")
    from triptrack.datafile import store
    from triptrack.maps.trip_map import trip_map

    source = settings(ctx).source()
    target = None
    if output is not None:
        from triptrack.cli.interaction import output_target

        target = output_target(output, source, force)
    drawn = trip_map(*store.load_trip(source, trip_id))
    if output is None:
        from triptrack.maps.braille import render
        from triptrack.render.console import make_console

        console = make_console()
        console.print(render(drawn, console.width))
        return
    from triptrack.datafile import output_file
    from triptrack.maps.svg import render

    output_file.write(target, render(drawn), "-o", output)
    if drawn.shortfall():
        typer.echo(drawn.shortfall(), err=True)
    typer.echo(f"Wrote the map of {drawn.trip_id} ({len(drawn.markers)} places) to {output}", err=True)
