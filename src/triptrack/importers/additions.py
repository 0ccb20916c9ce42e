"""The one way importers write: new officials and trips appended to the data file.

`add_to_file` runs inside `storage.edit` (file lock, re-read, validation of the
result, atomic replace), so a plan is always made against the file as it is at
that moment. New entries are spliced in as text after the existing ones: comments,
layout and every byte already in the file stay as they were. When there is nothing
new, nothing is written at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from triptrack.core.model import Catalog, Official, Trip
from triptrack.datafile import store as storage
from triptrack.datafile.schema import official_data, trip_data
from triptrack.datafile.splice import add_mapping_entries
from triptrack.datafile.syntax import compose


@dataclass
class Additions:
    """What an import adds: officials and trips that are not in the file yet."""

    officials: list[Official] = field(default_factory=list)
    trips: list[Trip] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.officials or self.trips)


class _NothingNew(Exception):
    pass


def splice(text: str, root, catalog: Catalog, additions: Additions, shown: str) -> str:
    """The file's text with the additions appended under `officials:` and `trips:`."""
    if additions.officials:
        text = add_mapping_entries(text, root, "officials", [(o.id, official_data(o)) for o in additions.officials])
        root = compose(text, shown)
    homes = {o.id: o.home_tz for o in (*catalog.officials.values(), *additions.officials)}
    entries = [(t.id, trip_data(t, homes.get(t.official, "UTC"))) for t in additions.trips]
    return add_mapping_entries(text, root, "trips", entries)


def add_to_file(
    source: storage.DataSource, plan: Callable[[Catalog], Additions]
) -> tuple[Additions, storage.Document | None]:
    """Make the plan against the locked file and append it; (additions, None) when nothing is new."""
    made: list[Additions] = []

    def change(document: storage.Document) -> str:
        additions = plan(document.catalog)
        made.append(additions)
        if not additions:
            raise _NothingNew
        return splice(document.text, document.root, document.catalog, additions, source.display)

    try:
        document = storage.edit(source, change)
    except _NothingNew:
        return made[0], None
    return made[0], document
