"""What a map of a trip shows: its numbered places, the route between them, and what is missing.

The route runs home -> each stop -> home, as great-circle arcs. A stop without
coordinates cannot be drawn: the route goes from the place before it straight to
the place after it, and `missing` names it so that every map can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from triptrack.core.model import Catalog, Trip
from triptrack.maps.geometry import Position, View, great_circle, view_around


@dataclass(frozen=True)
class Marker:
    label: str  # "1", "2", ... for stops; "H" for home
    city: str
    country: str
    position: Position
    home: bool = False


@dataclass
class TripMap:
    trip_id: str
    title: str
    markers: list[Marker] = field(default_factory=list)
    legs: list[list[Position]] = field(default_factory=list)  # one great-circle arc per leg
    missing: list[str] = field(default_factory=list)  # places without coordinates, in words

    @property
    def view(self) -> View:
        return view_around([p for leg in self.legs for p in leg] + [m.position for m in self.markers])

    def shortfall(self) -> str:
        """What the map could not draw, in one sentence ('' when nothing is missing)."""
        if not self.missing:
            return ""
        if not self.markers:
            return f"Nothing of {self.trip_id} could be placed on the map: no coordinates for {', '.join(self.missing)}."
        return f"Not on the map (no coordinates): {', '.join(self.missing)}."


def trip_map(catalog: Catalog, trip: Trip) -> TripMap:
    drawn = TripMap(trip.id, trip.title)
    home = catalog.home_of(trip)
    route: list[Position] = []
    if home is not None and trip.stops:
        if home.has_coordinates:
            drawn.markers.append(Marker("H", home.city, home.country, (home.lon, home.lat), home=True))
            route.append((home.lon, home.lat))
        else:
            drawn.missing.append(f"{home.city} (home)")
    for number, stop in enumerate(trip.stops, start=1):
        place = stop.place
        if not place.has_coordinates:
            drawn.missing.append(f"{number}. {place.city}")
            continue
        drawn.markers.append(Marker(str(number), place.city, place.country, (place.lon, place.lat)))
        route.append((place.lon, place.lat))
    if home is not None and home.has_coordinates and len(route) > 1:
        route.append((home.lon, home.lat))
    drawn.legs = [great_circle(a, b) for a, b in zip(route, route[1:]) if a != b]
    return drawn
