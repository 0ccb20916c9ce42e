"""The world's land at small scale: Natural Earth's 1:110m land polygons (public domain).

They ship with triptrack as `mapdata/land-110m.json`, the TopoJSON of the world-atlas
package (Mike Bostock, ISC licence) built from Natural Earth 5; 55 kB, read only when a
map is drawn. Antarctica is left out: no map of a trip reaches that far south.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from triptrack.maps.geometry import Position

DATA = "land-110m.json"


@lru_cache(maxsize=1)
def rings() -> tuple[tuple[Position, ...], ...]:
    """Every outer and inner ring of the land polygons, as closed (lon, lat) rings."""
    import json

    topology = json.loads(files("triptrack.mapdata").joinpath(DATA).read_text(encoding="utf-8"))
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for encoded in topology["arcs"]:  # quantized and delta-encoded (TopoJSON spec 2.1.5)
        x = y = 0
        points = []
        for dx, dy in encoded:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)

    def arc(index: int) -> list[Position]:
        return arcs[index] if index >= 0 else arcs[~index][::-1]

    out = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring_arcs in polygon:
                ring: list[Position] = []
                for index in ring_arcs:
                    points = arc(index)
                    ring.extend(points if not ring else points[1:])  # arcs share their end points
                if ring and max(lat for _, lat in ring) > -60:
                    out.append(tuple(ring))
    return tuple(out)


def on_cut(a: Position, b: Position) -> bool:
    """A segment that lies along the 180th meridian: where the data cuts a polygon, not a coast."""
    return abs(a[0]) == 180.0 and a[0] == b[0]
