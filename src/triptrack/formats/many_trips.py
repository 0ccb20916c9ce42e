"""`export --all`: many trips in one file, in any of the export formats.

* CSV: one header, then every trip's rows (the `trip` column tells them apart);
  `import csv` reads back one trip per file, so this is for spreadsheets.
* JSON: a list of the documents `show --json` prints.
* ICS: one calendar holding every trip's events (their UIDs stay those of the
  single-trip export, so a calendar that had one trip updates it) and each zone once.
* GeoJSON: one FeatureCollection; every feature carries its trip's id.
* Markdown: each trip's briefing, one after the other, under a heading that lists them.
"""

from __future__ import annotations

from triptrack.core.model import Catalog, Trip


def export_all(name: str, catalog: Catalog, trips: list[Trip], *, raw: bool = False) -> str:
    return _WRITERS[name](catalog, trips, raw)


def can_write(name: str) -> bool:
    """Whether --all writes this format (the html briefing is a page for one trip)."""
    return name in _WRITERS


def _csv(catalog: Catalog, trips: list[Trip], raw: bool) -> str:
    from triptrack.formats.csv_export import rows, written_table

    return written_table([row for trip in trips for row in rows(catalog, trip)], raw=raw)


def _json(catalog: Catalog, trips: list[Trip], raw: bool) -> str:
    from triptrack.formats.json_doc import dumps, trip_document

    return dumps([trip_document(catalog, trip) for trip in trips])


def _ics(catalog: Catalog, trips: list[Trip], raw: bool) -> str:
    from datetime import datetime, timedelta, timezone

    from icalendar import Calendar

    from triptrack import __version__
    from triptrack.formats.ics_export import calendar

    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    merged = Calendar()
    merged.add("prodid", f"-//triptrack//triptrack {__version__}//EN")
    merged.add("version", "2.0")
    merged.add("calscale", "GREGORIAN")
    merged.add("method", "PUBLISH")
    merged.add("x-wr-calname", f"triptrack: {len(trips)} trips")
    days = []
    for trip in trips:  # each zone once, defined over every trip's days (one trip's definition
        for component in calendar(catalog, trip, stamp).subcomponents:  # covers its year only)
            if component.name != "VTIMEZONE":
                merged.add_component(component)
        days += [day for day in (trip.first_day, trip.last_day) if day is not None]
        days += [obligation.when.day for obligation in trip.obligations]
    if days:
        merged.add_missing_timezones(first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366))
    return merged.to_ical().decode("utf-8")


def _geojson(catalog: Catalog, trips: list[Trip], raw: bool) -> str:
    import json

    from triptrack.formats.geojson_export import collection

    features = []
    for trip in trips:
        for feature in collection(catalog, trip)["features"]:
            feature["properties"].setdefault("trip", trip.id)
            features.append(feature)
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2) + "\n"


def _markdown(catalog: Catalog, trips: list[Trip], raw: bool) -> str:
    from triptrack.core.wording import counted
    from triptrack.formats.markdown_export import export, text

    listing = [f"- `{trip.id}`: {text(trip.title)}" for trip in trips]
    parts = ["\n".join([f"# {counted(len(trips), 'trip')}", "", *listing]) + "\n"]
    parts += [export(catalog, trip) for trip in trips]
    return "\n---\n\n".join(parts)


_WRITERS = {"csv": _csv, "json": _json, "ics": _ics, "geojson": _geojson, "md": _markdown}
