"""Looking the names of Historian records up: towns, regions, areas, landmarks, next door.

`PlaceLookups` answers one question at a time (a town called X in country C, in
admin1 region R; the region a qualifier names; a landmark or area; the countries
next door), caching every gazetteer question; `historian_resolver.PlaceResolver`
puts the answers together for a whole record.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from triptrack.core.model import Place
from triptrack.errors import InputError
from triptrack.importers.historian_areas import (
    DIVISIONS_ALSO,
    LANDMARKS,
    area,
    areas_named,
    us_state,
)
from triptrack.importers.historian_places import (
    CITY_STATES,
    STAND_INS,
)
from triptrack.importers.historian_small_places import SmallPlace

NEXT_DOOR_KM = 500.0  # a country whose capital is this close counts as next door (Bahrain and Saudi Arabia)


@dataclass(frozen=True)
class Region:
    """A region qualifier: 'Newfoundland' is admin1 05 of CA, with St. John's as its main town."""

    name: str
    code: str
    admin1: frozenset[str]  # its GeoNames admin1 code (two for "Baja California", the peninsula)
    town: Place
    reach: float


@dataclass(frozen=True)
class Found:
    place: Place
    reach: float = 0.0  # how far the named thing reaches from `place` (km)
    note: str = ""


# Places in the records that the gazetteer knows by another name (renamed or misspelt).
PLACE_ALIASES: dict[tuple[str, str], str] = {
    ("west berlin", "DE"): "Berlin", ("east berlin", "DE"): "Berlin", ("kishenev", "MD"): "Chisinau",
    ("tblisi", "GE"): "Tbilisi", ("st maartin", "SX"): "Philipsburg", ("raratonga", "CK"): "Avarua",
    ("djibouti city", "DJ"): "Djibouti", ("cheju island", "KR"): "Jeju City", ("salisbury", "ZW"): "Harare",
    ("alma ata", "KZ"): "Almaty", ("hafr al batin", "SA"): "Hafar Al-Batin", ("frederikstadt", "VI"): "Frederiksted",
    ("christianstadt", "VI"): "Christiansted", ("st martin island", "MF"): "Marigot",
}


def alias(name: str, code: str) -> str:
    from triptrack.gazetteer import fold

    return PLACE_ALIASES.get((fold(name), code), name)


def reach_of_country(code: str) -> float:
    """How far a country reaches from its capital, roughly: the radius of a disc of its area."""
    from triptrack.core.countries import _countries

    area_km2 = float((_countries().get(code) or {}).get("areakm2") or 0)
    return 0.0 if code in CITY_STATES else math.sqrt(area_km2 / math.pi)


class PlaceLookups:
    """One name at a time, every answer cached."""

    def __init__(self) -> None:
        self._lookups: dict[tuple[str, str, str | None], Place | None] = {}
        self._small: dict[tuple[str, str], list[SmallPlace]] = {}
        self._anchors: dict[str, Place] = {}
        self._regions: dict[str, str] = {}  # town's "name|code" -> its admin1 code
        self._next_door: dict[str, list[str]] = {}

    # -- looking one name up in one country ---------------------------------------------
    def _gazetteer(self, name: str, code: str, region: frozenset[str] | None = None) -> Place | None:
        key = (name, code, region)
        if key not in self._lookups:
            from triptrack import gazetteer

            found = gazetteer.candidates(alias(name, code), code) if name else []
            if region is not None:
                found = [c for c in found if c.region in region]
            self._lookups[key] = found[0].place() if found else None
        return self._lookups[key]

    def lookup(self, name: str, code: str, region: frozenset[str] | None = None) -> Place | None:
        """A town called `name` in `code` (in admin1 `region` if given): gazetteer, then small places."""
        return self._gazetteer(name, code, region) or self.small_place(name, code, region)

    def small_place(self, name: str, code: str, region: frozenset[str] | None = None) -> Place | None:
        """A place of 500+ people called `name` in `code` (read by `prepare`)."""
        from triptrack.gazetteer import fold

        for key in (fold(name), fold(alias(name, code))):
            small = [s for s in self._small.get((key, code), []) if region is None or s.region in region]
            if small:
                return small[0].place
        return None

    def nearest_town(self, name: str, codes: list[str], near: Place) -> Found | None:
        """Of the towns called `name` in `codes` (gazetteer and small places), the nearest to `near`."""
        from triptrack import gazetteer
        from triptrack.gazetteer import fold

        towns = []
        for code in codes:
            towns += [c.place() for c in gazetteer.candidates(alias(name, code), code)]
            towns += [s.place for s in self._small.get((fold(alias(name, code)), code), [])]
        known = [(near.distance_to(t), t) for t in towns if near.distance_to(t) is not None]
        return Found(min(known, key=lambda pair: pair[0])[1]) if known else None

    def _town_region(self, town: str, code: str) -> str | None:
        """The admin1 code of a town (the region an area's main town is in)."""
        key = f"{town}|{code}"
        if key not in self._regions:
            from triptrack import gazetteer
            from triptrack.gazetteer import fold

            cities = gazetteer.candidates(town, code)
            small = self._small.get((fold(town), code), [])
            self._regions[key] = cities[0].region if cities else (small[0].region if small else "")
        return self._regions[key] or None

    def anchor(self, code: str) -> Place:
        """The country's capital (or stand-in): where an unplaced record is put."""
        if code not in self._anchors:
            from triptrack.core.countries import capital_of

            place = None
            capital = capital_of(code)
            if capital:
                place = self._gazetteer(capital, code)
            if place is None and code in STAND_INS:
                city, lat, lon, tz = STAND_INS[code]
                place = Place(city, code, tz, lat, lon)
            if place is None:
                raise InputError(f"no capital known for country {code}: add one to historian_places.STAND_INS")
            self._anchors[code] = place
        return self._anchors[code]

    # -- regions, areas, landmarks, next door ----------------------------------------------
    def region(self, hint: str, codes: list[str]) -> Region | None:
        """The region a qualifier names, in one of `codes`, else anywhere it is the only one."""
        from triptrack import gazetteer
        from triptrack.gazetteer import fold

        folded = fold(hint)
        for code in [*codes, *(c for c in areas_named(folded) if c not in codes)]:
            state = us_state(code, folded)
            if state:
                city = gazetteer.largest_in_region("US", state)
                if city:
                    return Region(hint, code, frozenset({state}), city.place(), 1000.0)
            known = area(code, folded)
            if known and (code in codes or len(areas_named(folded)) == 1):
                town = self.lookup(known[0], code)
                towns = (known[0], *DIVISIONS_ALSO.get((code, folded), ()))
                admin1 = frozenset(filter(None, (self._town_region(t, code) for t in towns)))
                if town is not None and admin1:
                    return Region(hint, code, admin1, town, known[1])
        return None

    def _area(self, name: str, code: str) -> Found | None:
        from triptrack.gazetteer import fold

        folded = fold(name)
        landmark = LANDMARKS.get((code, folded))
        if landmark:
            shown, lat, lon = landmark
            return Found(Place(shown, code, self._zone_near(lat, lon, code), lat, lon))
        known = area(code, folded)
        if known:
            town = self.lookup(known[0], code)
            if town is not None:
                return Found(town, known[1], f"{name} is placed at {town.city}, its main town.")
        return None

    def _zone_near(self, lat: float, lon: float, code: str) -> str:
        from triptrack import gazetteer

        city = gazetteer.nearest(lat, lon, code)
        return city.tz if city else self.anchor(code).tz

    def next_door(self, code: str) -> list[str]:
        """Land neighbours, and countries whose capital is within NEXT_DOOR_KM of this one's."""
        if code not in self._next_door:
            from triptrack.core.countries import _countries

            countries = _countries()
            out = [c for c in (countries.get(code, {}).get("neighbours") or "").split(",") if c in countries]
            home = self._anchor_or_none(code)
            for other in countries:
                if other == code or other in out:
                    continue
                capital = self._anchor_or_none(other)
                km = home.distance_to(capital) if home and capital else None
                if km is not None and km <= NEXT_DOOR_KM:
                    out.append(other)
            self._next_door[code] = out
        return self._next_door[code]

    def _anchor_or_none(self, code: str) -> Place | None:
        try:
            return self.anchor(code)
        except InputError:
            return None
