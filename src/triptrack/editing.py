"""Changes to trips, as plain functions over a data source (the CLI is a thin layer on top)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from triptrack import storage
from triptrack.errors import InputError, NotFoundError
from triptrack.localtime import When, parse_user, zone
from triptrack.model import Catalog, Place, Stop, Trip
from triptrack.schema import stop_data
from triptrack.yamledit import insert_list_item


def find_trip(catalog: Catalog, trip_id: str, shown_path: str = "") -> Trip:
    """The trip called `trip_id`, or NotFoundError naming the closest ids."""
    trip = catalog.trips.get(trip_id)
    if trip is not None:
        return trip
    where = f" in {shown_path}" if shown_path else ""
    close = difflib.get_close_matches(trip_id, list(catalog.trips), n=3, cutoff=0.5)
    if close:
        hint = f"; did you mean {', '.join(close)}?"
    elif catalog.trips:
        hint = " ('triptrack list' shows the trips)"
    else:
        hint = " (the file has no trips yet)"
    raise NotFoundError(f"no trip {trip_id!r}{where}{hint}")


@dataclass
class PlaceRequest:
    """A place as a person gives it on the command line."""

    city: str
    country: str | None = None
    tz: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class ResolvedPlace:
    place: Place
    notes: list[str] = field(default_factory=list)  # what a person should be told


def resolve_place(request: PlaceRequest) -> ResolvedPlace:
    """Find the place in the gazetteer, or take it as given when the zone is given."""
    from triptrack import gazetteer

    country = request.country.upper() if request.country else None
    if country and (len(country) != 2 or not country.isalpha()):
        raise InputError(f"--country {request.country!r}: give an ISO 3166-1 alpha-2 code, e.g. FR or US")
    if request.tz:
        try:
            zone(request.tz)
        except ValueError as exc:
            raise InputError(f"--tz: {exc}") from None
    if (request.lat is None) != (request.lon is None):
        raise InputError("give both --lat and --lon, or neither")
    manual = request.tz and country and request.lat is not None
    if not manual:
        try:
            match = gazetteer.lookup(request.city, country)
        except NotFoundError:
            if not (request.tz and country):
                raise
        else:
            place = match.city.place()
            notes = [match.explanation(request.city)] if match.ambiguous and not country else []
            if request.tz and request.tz != place.tz:
                notes.append(f"time zone {request.tz} as given (the gazetteer has {place.tz})")
                place.tz = request.tz
            if request.lat is not None:
                place.lat, place.lon = request.lat, request.lon
            return ResolvedPlace(place, notes)
    place = Place(request.city, country, request.tz, request.lat, request.lon)
    notes = [] if place.has_coordinates else ["no coordinates given: distances to this stop are unknown"]
    return ResolvedPlace(place, notes)


def parse_time(text: str, tz: str, option: str) -> When:
    try:
        return parse_user(text, tz)
    except ValueError as exc:
        raise InputError(f"{option}: {exc}") from None


def check_order(arrive: When, depart: When | None) -> None:
    if depart is None:
        return
    if depart.day < arrive.day or (
        depart.day == arrive.day and arrive.at and depart.at and depart.aware() < arrive.aware()
    ):
        raise InputError(f"--depart {depart.text()} is before --arrive {arrive.text()}")


def build_stop(
    request: PlaceRequest,
    arrive: str,
    depart: str | None = None,
    topics: list[str] | None = None,
    meetings: list[str] | None = None,
    notes: str = "",
) -> tuple[Stop, list[str]]:
    """A Stop from command-line values (times are local at the place)."""
    resolved = resolve_place(request)
    tz = resolved.place.tz
    arrival = parse_time(arrive, tz, "--arrive")
    departure = parse_time(depart, tz, "--depart") if depart else None
    check_order(arrival, departure)
    for label, items in (("--topic", topics or []), ("--meeting", meetings or [])):
        for item in items:
            if not item.strip() or "\n" in item:
                raise InputError(f"{label} {item!r}: give one non-empty line")
    stop = Stop(
        resolved.place,
        arrival,
        departure,
        topics=[t.strip() for t in topics or []],
        meetings=[m.strip() for m in meetings or []],
        notes=notes,
    )
    return stop, resolved.notes


def add_stop(source: storage.DataSource, trip_id: str, stop: Stop) -> tuple[int, Trip]:
    """Insert `stop` into the trip in chronological place; returns (index, the trip as written)."""
    from triptrack.trip_edit import edit_trip  # touches only this trip's text when it can

    placed: list[int] = []

    def change(text: str, node, trip: Trip) -> str:
        index = trip.insertion_index(stop)
        placed.append(index)
        return insert_list_item(text, node, "stops", index, stop_data(stop))

    trip = edit_trip(source, trip_id, change)
    return placed[-1], trip
