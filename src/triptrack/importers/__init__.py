"""Importers: other records turned into officials and trips, found through this registry.

Each module defines `NAME` and `DESCRIPTION`, reads its input completely (refusing
a bad file with its name and line before anything is written) and adds to the data
file through `triptrack.importers.additions.add_to_file`, which appends text and
never rewrites what is already there. Modules are imported only when used.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

IMPORTERS: dict[str, str] = {
    "historian": "triptrack.importers.historian",
    "csv": "triptrack.importers.csv_import",
}


def importer(name: str) -> ModuleType:
    return import_module(IMPORTERS[name])
