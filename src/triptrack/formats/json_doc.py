"""JSON: the document `show --json` prints and `export --format json` writes."""

from __future__ import annotations

import json

from triptrack.core.legs import Travel
from triptrack.core.model import Catalog, Official, Trip

NAME = "json"
EXTENSION = ".json"
DESCRIPTION = "the trip as one JSON object (the same as show --json)"


def official_doc(official: Official | None, official_id: str) -> dict:
    if official is None:
        return {"id": official_id, "name": official_id, "title": ""}
    doc = {"id": official.id, "name": official.name, "title": official.title}
    if official.home:
        doc["home"] = {"city": official.home.city, "country": official.home.country, "tz": official.home.tz}
    return doc


def trip_document(catalog: Catalog, trip: Trip) -> dict:
    stops = []
    for stop, km in zip(trip.stops, catalog.distances_to_stops(trip)):
        stops.append(
            {
                "city": stop.city,
                "country": stop.place.country,
                "tz": stop.place.tz,
                "lat": stop.place.lat,
                "lon": stop.place.lon,
                "arrive": stop.arrive.iso(),
                "depart": stop.depart.iso() if stop.depart else None,
                "topics": list(stop.topics),
                "meetings": list(stop.meetings),
                "notes": stop.notes,
                "ref": stop.ref or None,
                "approximate": stop.approximate,
                "travel": travel_doc(stop.travel),
                "distance_km": round(km, 1) if km is not None else None,
            }
        )
    return {
        "id": trip.id,
        "title": trip.title,
        "official": official_doc(catalog.officials.get(trip.official), trip.official),
        "status": trip.status,
        "leaves": trip.leaves.iso() if trip.leaves else None,
        "returns": trip.returns.iso() if trip.returns else None,
        "start": trip.first_day.isoformat() if trip.first_day else None,
        "end": trip.last_day.isoformat() if trip.last_day else None,
        "sources": list(trip.sources),
        "notes": trip.notes,
        "version_of": trip.version_of or None,
        "stops": stops,
        "travel_home": travel_doc(trip.travel_home),
        "obligations": _obligations(catalog, trip),
    }


def travel_doc(travel: Travel | None) -> dict | None:
    """How a leg is travelled, as written (`text`) and in parts; times with their offsets."""
    if travel is None:
        return None
    minutes = int(travel.duration.total_seconds() // 60) if travel.duration is not None else None
    return {
        "text": travel.text(), "mode": travel.mode, "number": travel.number or None, "duration_minutes": minutes,
        "departs": travel.departs.iso() if travel.departs is not None else None,
        "arrives": travel.arrives.iso() if travel.arrives is not None else None,
    }


def _obligations(catalog: Catalog, trip: Trip) -> list[dict]:
    """Each obligation with its outcome: the verdict and margin every other output shows."""
    from triptrack.core.obligations import outcome_data, outcome_words
    from triptrack.core.travel import obligation_outcomes

    out = []
    for outcome in obligation_outcomes(catalog, trip):
        o = outcome.obligation
        figures = outcome_data(outcome)
        out.append({
            "what": o.what, "where": o.where, "when": o.when.iso(), "tz": o.when.tz, "at_stop": o.at_stop,
            "stop": outcome.last.stop + 1 if outcome.at_stop and outcome.last else None,
            "outcome": figures["status"], "margin_minutes": figures["margin_minutes"], "verdict": outcome_words(outcome),
        })
    return out


def trip_summary(catalog: Catalog, trip: Trip) -> dict:
    return {
        "id": trip.id,
        "title": trip.title,
        "official": official_doc(catalog.officials.get(trip.official), trip.official),
        "start": trip.first_day.isoformat() if trip.first_day else None,
        "end": trip.last_day.isoformat() if trip.last_day else None,
        "cities": trip.route(),
    }


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export(catalog: Catalog, trip: Trip) -> str:
    return dumps(trip_document(catalog, trip))
