"""`triptrack validate`: every problem in the data file, each with its line.

Reading stops at the first problem of syntax (bytes that are not UTF-8 text, a YAML
error: the parser cannot go on after one). Past that, each official, trip, stop and
obligation is checked on its own, so every schema problem is reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from triptrack.core.model import Catalog
from triptrack.core.wording import counted
from triptrack.datafile import store as storage
from triptrack.datafile.schema import catalog_from_node, catalog_problems
from triptrack.datafile.syntax import compose, decode
from triptrack.errors import DataFileError


@dataclass
class Report:
    shown: str  # the file that was checked
    problems: list[DataFileError] = field(default_factory=list)
    catalog: Catalog | None = None
    note: str = ""

    def summary(self) -> str:
        catalog = self.catalog or Catalog()
        stops = sum(len(trip.stops) for trip in catalog.trips.values())
        return (
            f"ok: {counted(len(catalog.officials), 'official')}, {counted(len(catalog.trips), 'trip')}, "
            f"{counted(stops, 'stop')}"
        )


def check(source: storage.DataSource) -> Report:
    shown, path, note = source.display, source.path, ""
    if not path.exists() and not path.is_dir():
        if source.seed is None:
            return Report(shown, [DataFileError(shown, None, "does not exist")])
        note = f"{shown} does not exist yet; checked the sample it will start from"
        shown, path = str(source.seed), source.seed
    try:
        raw = storage._read_bytes(path, shown)
        if raw is None:
            raise DataFileError(shown, None, "does not exist")
        root = compose(decode(raw, shown), shown)
    except DataFileError as exc:
        return Report(shown, [exc], note=note)
    problems = catalog_problems(root, shown)
    if problems:
        return Report(shown, problems, note=note)
    return Report(shown, [], catalog_from_node(root, shown), note)
