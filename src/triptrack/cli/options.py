"""Options that several commands share."""

from __future__ import annotations

import typer

SAVE_OPTION = typer.Option(
    "--save", metavar="FILE", help="Also save what is drawn: FILE.svg (a picture), FILE.html or FILE.txt."
)
