"""Commands about the data file itself: init, where."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from triptrack.cli.application import app, settings


@app.command(epilog="Examples: triptrack init · triptrack init trips.yaml --empty")
def init(
    ctx: typer.Context,
    path: Annotated[
        Optional[Path],
        typer.Argument(help="Where to create the file (default: the data file in use, see 'triptrack where')."),
    ] = None,
    empty: Annotated[
        bool, typer.Option("--empty", help="Start with no trips and a commented template instead of the sample.")
    ] = False,
) -> None:
    """Start a new data file, with the sample trips or an empty commented template."""
    from triptrack.datafile.setup import init_file

    target = path or settings(ctx).source().path
    init_file(target, with_sample=not empty)
    what = "an empty template" if empty else "the sample trips"
    typer.echo(f"Created {target} with {what}.")


@app.command(epilog="Example: triptrack where")
def where(ctx: typer.Context) -> None:
    """Print which data file is in use, and why."""
    from triptrack.datafile.setup import describe_source

    for line in describe_source(settings(ctx).source()):
        typer.echo(line)
