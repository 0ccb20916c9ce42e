"""GeoJSON (RFC 7946): the trip on a map, for any map viewer (geojson.io, QGIS, GitHub).

A FeatureCollection of a Point per stop (properties: order, city, country, tz,
arrive, depart, topics, meetings, approximate, ref), a Point for the official's
home, and the route home -> stops -> home as a MultiLineString of great-circle
arcs (the way a plane flies), cut where it crosses the 180th meridian as RFC 7946
section 3.1.9 asks, so no viewer draws a line across the whole world. Coordinates
are [longitude, latitude], as the RFC requires. A stop without coordinates has no
Point and is not on the line; the route's `stops_without_coordinates` names it.
"""

from __future__ import annotations

import json

from triptrack.core.model import Catalog, Place, Trip

NAME = "geojson"
EXTENSION = ".geojson"
DESCRIPTION = "a FeatureCollection: a Point per stop and the route as a LineString (for map viewers)"


def position(place: Place) -> list[float]:
    return [round(place.lon, 5), round(place.lat, 5)]


def _point(place: Place, properties: dict) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": position(place)}, "properties": properties}


def route_lines(route: list[list[float]]) -> list[list[list[float]]]:
    """The route's great-circle arcs, as lines cut at the 180th meridian."""
    from triptrack.maps.geometry import great_circle, split_at

    arcs: list[tuple[float, float]] = []
    for (a, b) in zip(route, route[1:]):
        arc = great_circle((a[0], a[1]), (b[0], b[1]))
        arcs.extend(arc if not arcs else arc[1:])
    lines = []
    for piece in split_at(arcs, 180.0):
        line: list[list[float]] = []
        for lon, lat in piece:
            point = [round(lon, 5), round(lat, 5)]
            if not line or point != line[-1]:
                line.append(point)
        if len(line) >= 2:  # (RFC 7946: a line has two positions or more; a route that goes nowhere has none)
            lines.append(line)
    return lines


def collection(catalog: Catalog, trip: Trip) -> dict:
    features = []
    route: list[list[float]] = []
    missing: list[str] = []
    home = catalog.home_of(trip)
    if home is not None and home.has_coordinates:
        features.append(_point(home, {"kind": "home", "city": home.city, "country": home.country, "tz": home.tz}))
        route.append(position(home))
    for order, stop in enumerate(trip.stops, start=1):
        if not stop.place.has_coordinates:
            missing.append(stop.city)
            continue
        features.append(
            _point(
                stop.place,
                {
                    "kind": "stop",
                    "order": order,
                    "city": stop.city,
                    "country": stop.place.country,
                    "tz": stop.place.tz,
                    "arrive": stop.arrive.iso(),
                    "depart": stop.depart.iso() if stop.depart else None,
                    "topics": list(stop.topics),
                    "meetings": list(stop.meetings),
                    "approximate": stop.approximate,
                    "ref": stop.ref or None,
                },
            )
        )
        route.append(position(stop.place))
    if home is not None and home.has_coordinates and len(route) > 1:
        route.append(position(home))
    if len(route) > 1:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "MultiLineString", "coordinates": route_lines(route)},
                "properties": {
                    "kind": "route",
                    "trip": trip.id,
                    "title": trip.title,
                    "official": trip.official,
                    "stops_without_coordinates": missing,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def export(catalog: Catalog, trip: Trip) -> str:
    return json.dumps(collection(catalog, trip), ensure_ascii=False, indent=2) + "\n"
