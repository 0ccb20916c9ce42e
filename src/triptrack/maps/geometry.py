"""Great-circle arcs, cutting lines at a meridian, and choosing what part of the world to show.

Positions are (lon, lat) in degrees, as GeoJSON has them. A route is drawn as the
great circle between each pair of places (the way a plane flies, not a straight
line on the page). A line that crosses the meridian where the map is cut (the
180th for GeoJSON) is split there into two lines, each ending on the cut at the
latitude where the arc meets it, so no line runs across the whole map.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import asin, atan2, cos, degrees, radians, sin, sqrt

Position = tuple[float, float]  # (lon, lat)

STEP_DEGREES = 2.0  # one interpolated point per ~220 km of arc


def _vector(position: Position) -> tuple[float, float, float]:
    lon, lat = radians(position[0]), radians(position[1])
    return cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat)


def _position(x: float, y: float, z: float) -> Position:
    return degrees(atan2(y, x)), degrees(asin(max(-1.0, min(1.0, z / sqrt(x * x + y * y + z * z)))))


def great_circle(start: Position, end: Position, step: float = STEP_DEGREES) -> list[Position]:
    """Points along the shorter great circle from `start` to `end`, both included.

    Longitudes come back in [-180, 180]; the ends keep the longitudes they were given.
    """
    a, b = _vector(start), _vector(end)
    dot = max(-1.0, min(1.0, sum(p * q for p, q in zip(a, b))))
    angle = degrees(_acos(dot))
    if angle < 1e-9:
        return [start, end]
    if 180 - angle < 1e-6:  # antipodes: every great circle is as short; go over the pole nearer the start
        # (from a pole itself, down its meridian over the equator)
        middle = (start[0], 0.0) if abs(start[1]) > 90 - 1e-6 else (start[0], 90.0 if start[1] >= 0 else -90.0)
        first = great_circle(start, middle, step)
        return first[:-1] + great_circle(middle, end, step)
    count = max(1, int(angle / step) + 1)
    sin_angle = sin(radians(angle))
    points = [start]
    for index in range(1, count):
        t = index / count
        wa = sin((1 - t) * radians(angle)) / sin_angle
        wb = sin(t * radians(angle)) / sin_angle
        points.append(_position(*(wa * p + wb * q for p, q in zip(a, b))))
    points.append(end)
    return points


def _acos(value: float) -> float:
    return atan2(sqrt(max(0.0, 1 - value * value)), value)


def wrap(lon: float, low: float) -> float:
    """`lon` moved by whole turns into [low, low + 360)."""
    return (lon - low) % 360.0 + low


def split_at(line: list[Position], cut: float = 180.0) -> list[list[Position]]:
    """`line` with longitudes in [cut - 360, cut], split into pieces where it crosses `cut`.

    Consecutive points are taken to be joined the short way (less than 180 degrees of
    longitude apart), as the points of a great-circle arc are. Each piece that meets
    the cut ends (or starts) exactly on it, at the latitude where the line crosses.
    """
    low = cut - 360.0
    pieces: list[list[Position]] = []
    current: list[Position] = []
    previous: Position | None = None
    for lon, lat in line:
        if previous is None:
            here = (wrap(lon, low), lat)
        else:
            delta = wrap(lon - previous[0], -180.0)  # the short way, -180..180
            unwrapped = previous[0] + delta  # continuous with the point before (no rounding jump)
            if unwrapped >= cut or unwrapped < low:  # crossed the cut between previous and here
                edge = cut if unwrapped >= cut else low
                t = (edge - previous[0]) / delta
                lat_at = previous[1] + t * (lat - previous[1])
                current.append((edge, lat_at))
                pieces.append(current)
                current = [(low if edge == cut else cut, lat_at)]
                unwrapped += -360.0 if edge == cut else 360.0
            here = (unwrapped, lat)
        if not current or current[-1] != here:
            current.append(here)
        previous = here
    if current:
        pieces.append(current)
    return [piece for piece in pieces if len(piece) > 1 or len(pieces) == 1]


@dataclass(frozen=True)
class View:
    """The part of the world a map shows: longitudes from `west` to `east` (east may pass 180,
    when the map is centred on the Pacific) and latitudes from `south` to `north`."""

    west: float
    east: float
    south: float
    north: float

    @property
    def cut(self) -> float:
        """The meridian opposite the map's centre, where lines are split."""
        return (self.west + self.east) / 2 + 180.0

    @property
    def aspect(self) -> float:
        """Width over height of the map on the page (equirectangular, true to scale at mid-latitude)."""
        middle = radians((self.south + self.north) / 2)
        return (self.east - self.west) * max(0.2, cos(middle)) / (self.north - self.south)

    def place(self, lon: float) -> float:
        """`lon` as a longitude on this map (within a turn of its centre)."""
        return wrap(lon, self.cut - 360.0)


MIN_SPAN = 40.0  # degrees of longitude: the 1:110m outlines are too coarse to zoom in further
MAX_LAT, MIN_LAT = 84.0, -60.0


def view_around(positions: list[Position]) -> View:
    """The smallest view that holds all `positions`, with a margin, centred where the
    largest empty band of longitude leaves room (over the Pacific for a trip to Asia)."""
    if not positions:
        return View(-180.0, 180.0, MIN_LAT, MAX_LAT)
    lons = sorted(wrap(lon, -180.0) for lon, _ in positions)
    gaps = [(lons[(i + 1) % len(lons)] - lons[i]) % 360.0 or (360.0 if len(lons) == 1 else 0.0) for i in range(len(lons))]
    widest = max(range(len(lons)), key=lambda i: gaps[i])
    west = lons[(widest + 1) % len(lons)]
    span = 360.0 - gaps[widest]
    east = west + span
    margin = max(span * 0.08, 4.0)
    west, east = west - margin, east + margin
    if east - west < MIN_SPAN:
        middle = (west + east) / 2
        west, east = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
    if east - west >= 360.0:
        middle = (west + east) / 2
        west, east = middle - 180.0, middle + 180.0
    lats = [lat for _, lat in positions]
    south, north = min(lats), max(lats)
    lat_margin = max((north - south) * 0.12, 4.0)
    south, north = max(MIN_LAT, south - lat_margin), min(MAX_LAT, north + lat_margin)
    min_height = (east - west) / 3
    if north - south < min_height:
        middle = (south + north) / 2
        south, north = middle - min_height / 2, middle + min_height / 2
        if south < MIN_LAT:
            south, north = MIN_LAT, MIN_LAT + min_height
        if north > MAX_LAT:
            south, north = MAX_LAT - min_height, MAX_LAT
    return View(west, east, max(-90.0, south), min(90.0, north))
