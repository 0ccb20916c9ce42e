"""Shell completion from the user's own data: trip ids, official ids, export formats.

Each function takes Typer's (ctx, incomplete) and returns (value, help) pairs. They never
raise: a broken or missing data file simply completes nothing.
"""

from __future__ import annotations


def _catalog(ctx):
    """The officials and each trip's summary (its id and title: no stops are read)."""
    from triptrack.datafile import index
    from triptrack.datafile import store as storage

    data = None
    root = ctx.find_root() if ctx is not None else None
    if root is not None:
        data = (root.params or {}).get("data")
    try:
        return index.load(storage.locate(data)).overview()
    except Exception:  # completion must never break the shell
        return None


def trip_ids(ctx, incomplete: str) -> list[tuple[str, str]]:
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    return [(tid, trip.title) for tid, trip in sorted(catalog.trips.items()) if tid.startswith(incomplete)]


def official_ids(ctx, incomplete: str) -> list[tuple[str, str]]:
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    return [(oid, o.name) for oid, o in sorted(catalog.officials.items()) if oid.startswith(incomplete)]


def export_formats(ctx, incomplete: str) -> list[tuple[str, str]]:
    from triptrack.formats import EXPORTERS, exporter

    return [(name, exporter(name).DESCRIPTION) for name in EXPORTERS if name.startswith(incomplete)]
