"""Drawing once and keeping a copy: what a view prints, saved as SVG, HTML or text.

Any view can use `print_and_save(renderable, save_path)`: it prints as usual and,
given a path, writes what was drawn there, in the format its extension names
(.svg for a picture to paste into a briefing, .html, or .txt). The file is
written atomically; a path that cannot be written is reported, not a traceback.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, RenderableType

from triptrack.errors import InputError
from triptrack.render.console import make_console

SAVE_FORMATS = {".svg": "svg", ".html": "html", ".htm": "html", ".txt": "text"}


def save_format(path: Path) -> str:
    """'svg', 'html' or 'text' for the path's extension; InputError for anything else."""
    kind = SAVE_FORMATS.get(Path(path).suffix.lower())
    if kind is None:
        raise InputError(f"--save {path}: give a file ending in .svg, .html or .txt")
    return kind


def recorded_text(console: Console, kind: str, title: str) -> str:
    if kind == "svg":
        return console.export_svg(title=title)
    if kind == "html":
        return console.export_html()
    return console.export_text()


def print_and_save(renderable: RenderableType, save_path: Path | None = None, *, title: str = "triptrack") -> None:
    """Print `renderable`; with `save_path`, also write what was drawn there."""
    if save_path is None:
        make_console().print(renderable)
        return
    kind = save_format(save_path)
    console = make_console(record=True)
    console.print(renderable)
    from triptrack.datafile.atomic_file import atomic_write

    target = Path(save_path)
    try:
        atomic_write(target.resolve(), recorded_text(console, kind, title))
    except OSError as exc:
        raise InputError(f"cannot write {save_path}: {exc.strerror or exc}") from None
