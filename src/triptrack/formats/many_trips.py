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
    import csv
    import io

    from triptrack.formats.csv_export import COLUMNS, NUMERIC, neutralise, rows

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for trip in trips:
        for row in rows(catalog, trip):
            writer.writerow(row if raw else [c if i in NUMERIC else neutralise(c) for i, c in enumerate(row)])
    return buffer.getvalue()


def _json(catalog: Catalog, trips: list[Trip], raw: bool) -> str:
    from triptrack.formats.json_doc import dumps, trip_document

    return dumps([trip_document(catalog, trip) for trip in trips])


def _ics(catalog: Catalog, trips: list[Trip], raw: bool) -> str:
    from datetime import datetime, timezone

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
    zones: set[str] = set()
    for trip in trips:
        for component in calendar(catalog, trip, stamp).subcomponents:
            if component.name == "VTIMEZONE":
                if str(component["TZID"]) in zones:
                    continue
                zones.add(str(component["TZID"]))
            merged.add_component(component)
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
