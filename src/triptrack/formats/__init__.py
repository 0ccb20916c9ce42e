"""Export formats: one module per format, found through this registry.

Each module defines `NAME`, `EXTENSION`, `DESCRIPTION` and
`export(catalog, trip) -> str`. Modules are imported only when used.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

EXPORTERS: dict[str, str] = {
    "csv": "triptrack.formats.csv_export",
    "json": "triptrack.formats.json_doc",
}


def exporter(name: str) -> ModuleType:
    return import_module(EXPORTERS[name])
