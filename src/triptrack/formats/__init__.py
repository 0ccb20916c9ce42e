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
    "ics": "triptrack.formats.ics_export",
    "geojson": "triptrack.formats.geojson_export",
    "md": "triptrack.formats.markdown_export",
    "html": "triptrack.formats.html_export",
}


def exporter(name: str) -> ModuleType:
    return import_module(EXPORTERS[name])


def format_for_path(path) -> str | None:
    """The format whose EXTENSION the path ends with ('blinken.ics' -> 'ics'), if any."""
    from pathlib import Path

    suffix = Path(path).suffix.lower()
    for name in EXPORTERS:
        if exporter(name).EXTENSION == suffix:
            return name
    return None
