"""Where a Historian record happened: its country id and locale -> a Place, and how sure.

- the country id gives the ISO code (`historian_places`); a record of a state that
  no longer exists (the U.S.S.R., Yugoslavia...) or of a colony recorded under the
  ruling country (St. Thomas under Denmark, Newfoundland under the United Kingdom) is
  placed where it is, with today's country and zone, and the record's country kept
  in the notes ("Country as recorded: Denmark.");
- a locale is split on commas. A region named in brackets or after a comma ("Gander
  (Newfoundland)", "Wakefield, Quebec", "Turnberry (Scotland)") is a qualifier: it
  restricts every town of the locale to that region (its GeoNames admin1 division),
  and places the stop at the region's main town when none is found;
- each other piece is looked up, in the country, the country named in brackets
  ("Havana (Cuba)") and the territories recorded under it: in the gazetteer (cities
  of 15,000+), among GeoNames' places of 500+ people, by other spellings ("St." for
  "Saint", "Cam Ranh Bay" at Cam Ranh), among the landmarks and areas of
  `historian_areas` (Bali at Denpasar, Sal at Espargos), and anywhere for an area
  with a name of its own (Newfoundland). The first piece found gives the coordinates
  and zone; the stop keeps the whole locale as its city name;
- nothing found in the country: a place of that name next door (a land neighbour, or
  a country whose capital is within 500 km) is taken, the record's country noted
  (Dhahran, recorded under Bahrain, is in Saudi Arabia);
- an empty locale, or one naming a country ("Bermuda"), is that country's capital;
  anything else not found falls back to the capital, flagged approximate and said
  so in the notes. Nothing is ever dropped.

A stop is flagged approximate only when its place is: an area reaching more than
50 km from the town that stands for it, a country larger than that around its
capital, a capital standing in for a place not found, or a locale naming places
more than 100 km apart (the others are named in the notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from triptrack.core.model import Place
from triptrack.errors import InputError
from triptrack.importers.historian_areas import (
    APPROXIMATE_KM,
    AREAS,
    areas_named,
    name_variants,
)
from triptrack.importers.historian_lookups import (
    Found,
    PlaceLookups,
    Region,
    alias,
    reach_of_country,
)
from triptrack.importers.historian_places import (
    ALSO_SEARCHED,
    BRACKETED,
    country_by_name,
    is_historic,
    iso_code,
    locale_pieces,
)
from triptrack.importers.historian_small_places import small_places

FAR_APART_KM = 100.0  # places of one locale further apart than this: the stop is approximate
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+")  # D.F., D.C.: a district's initials, not a place
WORLD_CITY = 50_000  # a town not in the record's country is sought anywhere when at least this big


@dataclass(frozen=True)
class Resolution:
    place: Place
    approximate: bool
    note: str = ""  # what a reader of the stop should know about the place
    unplaced: bool = False  # no place of the locale was found: the capital stands in
    historic: bool = False  # recorded under a state that no longer exists
    why: str = ""  # why approximate: one of WHY
    moved: bool = False  # placed in another country than the record's (a colony, a successor state, next door)


WHY = {
    "far": "whose locale names places more than 100 km apart",
    "area": "at the main town of a region, island or country larger than that",
    "unplaced": "at places not found (the capital stands in)",
}


@dataclass(frozen=True)
class Locale:
    """A record's locale read: the places it names (each with where to look) and its region qualifier."""

    places: list[tuple[str, list[str]]]
    region: Region | None
    country: str | None = None  # a country named in brackets: "High Rock (Jamaica)"


class PlaceResolver(PlaceLookups):
    """Resolves records' places: `prepare` once for all records, then `resolve` each."""

    def _codes(self, country_id: str, display_name: str) -> list[str]:
        """Where to look, in order: the country named in brackets, the country, related ones."""
        codes = [iso_code(country_id, display_name), *ALSO_SEARCHED.get(country_id, ())]
        bracket = BRACKETED.match(display_name)
        hinted = country_by_name(bracket["hint"]) if bracket else None  # "Denmark (Greenland)"
        return [hinted, *codes] if hinted else codes

    def read_locale(self, codes: list[str], pieces: list[str]) -> Locale:
        """Split the pieces into places to find and a region qualifier ('(Scotland)', ', Quebec')."""
        from triptrack.gazetteer import fold

        places: list[tuple[str, list[str]]] = []
        region: Region | None = None
        country: str | None = None
        for index, piece in enumerate(pieces):
            bracket = BRACKETED.match(piece)
            name = bracket["name"] if bracket else piece
            if bracket:  # "Havana (Cuba)" names a country; "Gander (Newfoundland)" a region
                hinted = country_by_name(bracket["hint"])
                if hinted:
                    places.append((name, [hinted]))  # there and nowhere else
                    country = country or hinted
                    continue
                region = region or self.region(bracket["hint"], codes)
            elif index > 0 and index == len(pieces) - 1 and (hinted := country_by_name(piece)):  # "Hamilton, Bermuda"
                places = [(place, [hinted, *(c for c in search if c != hinted)]) for place, search in places]
                country = country or hinted
                continue
            elif index > 0 and index == len(pieces) - 1 and any(
                (code, fold(piece)) in AREAS and AREAS[(code, fold(piece))][1] >= FAR_APART_KM for code in codes
            ):
                region = region or self.region(piece, codes)  # "Wakefield, Quebec": a province, not a stop
                continue
            if name:
                places.append((name, codes))
        return Locale(places, region, country)

    def find(self, name: str, codes: list[str], region: Region | None) -> Found | None:
        """The place `name` means, from the most faithful reading to the loosest: the name as
        written (a town, then a landmark or area), then its other spellings the same way."""
        from triptrack.gazetteer import fold

        search = [*codes, *([region.code] if region and region.code not in codes else [])]

        def admin1(code: str) -> frozenset[str] | None:
            return region.admin1 if region and region.code == code else None

        for spelling in (name, *name_variants(name)):
            for look in (self._gazetteer, self.small_place):  # a city anywhere searched before a village
                for code in search:
                    town = look(spelling, code, admin1(code))
                    if town is not None:
                        return Found(town)
            for code in search:
                found = self._area(spelling, code)
                if found:
                    return found
            elsewhere = areas_named(fold(spelling))
            if len(elsewhere) == 1:  # an area with a name of its own: Newfoundland, Bali
                return self._area(spelling, elsewhere[0])
        return None

    def prepare(self, places: list[tuple[str, str, str]]) -> None:
        """Read GeoNames' small places once, for every name the main gazetteer lacks: in the
        countries the record names and, in case it names the wrong one, those next door."""
        from triptrack.gazetteer import fold

        wanted: set[tuple[str, str]] = set()
        for country_id, display_name, locale in places:
            try:
                codes = self._codes(country_id, display_name)
                home = iso_code(country_id, display_name)
            except InputError:
                continue  # `resolve` reports it, with the record's file and line
            search, names = list(codes), []
            for piece in locale_pieces(locale):
                bracket = BRACKETED.match(piece)
                names += [bracket["name"] if bracket else piece]
                hinted = country_by_name(bracket["hint"]) if bracket else None
                search += [hinted] if hinted else []
                if bracket and not hinted:  # a region elsewhere: "Gander (Newfoundland)" under the United Kingdom
                    search += [code for code in areas_named(fold(bracket["hint"])) if code not in search]
            pieces = locale_pieces(locale)
            qualified = any(BRACKETED.match(p) for p in pieces) or (
                len(pieces) > 1 and bool(areas_named(fold(pieces[-1])))
            )  # a region restricts the match: the gazetteer's city may not be the one meant
            missing = [name for name in names if qualified or not any(self._gazetteer(name, code) for code in search)]
            if not missing:
                continue  # every place is a city of the main gazetteer
            if len(missing) == len(names):
                search += self.next_door(home)
            spellings = [v for name in missing for v in (name, *name_variants(name))]
            wanted.update((fold(alias(name, code)), code) for name in spellings for code in search)
        wanted.update((fold(town), code) for (code, _name), (town, _reach) in AREAS.items())
        self._small = small_places(wanted)

    def resolve(self, country_id: str, display_name: str, locale: str, start: date) -> Resolution:
        codes = self._codes(country_id, display_name)
        home_code = iso_code(country_id, display_name)
        historic = is_historic(country_id, display_name, start)
        shown = display_name or country_id
        recorded = f"Country as recorded: {shown}{'' if shown.endswith('.') else '.'}"
        pieces = locale_pieces(locale)
        if not pieces:
            capital = self.anchor(codes[0])
            exact = reach_of_country(capital.country) <= APPROXIMATE_KM
            note = "" if exact else f"No place recorded; placed at the capital, {capital.city}."
            note = " ".join(part for part in (recorded if historic else "", note) if part)
            why = "" if exact else "area"
            return Resolution(_copy(capital, capital.city), not exact, note, historic=historic, why=why)
        city = ", ".join(pieces)
        read = self.read_locale(codes, pieces)
        found, first = None, None
        for name, search in read.places:
            found = self.find(name, search, read.region)
            if found:
                first = name
                break
        if found is None:
            for name, _search in read.places:  # a locale that names a country or territory ("Bermuda", "Malta")
                named = country_by_name(name)
                if named:
                    capital = self.anchor(named)
                    found = Found(capital, reach_of_country(named), f"Placed at the capital of {name}, {capital.city}.")
                    first = name
                    break
        astray = None  # a region the town found is not in ("Thessaloniki, Crete")
        if found is None and read.region is not None:
            for name, search in read.places:
                found = self.find(name, search, None)
                if found:
                    first, astray = name, read.region
                    break
        if found is None and read.region is not None:  # "Turnberry (Scotland)": somewhere in Scotland
            region = read.region
            found = Found(region.town, region.reach, f"Not found in {region.name}; placed at its main town, {region.town.city}.")
            first = region.name
        if found is None and read.region is None and read.country is None:  # the name only next door or far away
            for name, _search in read.places:
                found = self._elsewhere(name, home_code)
                if found:
                    first = name
                    break
        if found is None:  # "High Rock (Jamaica)" stands at Kingston, anything else at the record's capital
            code = read.country or codes[0]
            capital = self.anchor(code)
            of = "" if code == home_code else f" of {_country(code)}"
            note = f"Place not found in the gazetteer; placed at the capital{of}, {capital.city}."
            moved = capital.country != home_code
            note = f"{recorded} {note}" if (historic or moved) else note
            return Resolution(
                _copy(capital, city), True, note, unplaced=True, historic=historic, why="unplaced", moved=moved
            )
        why = "area" if found.reach > APPROXIMATE_KM else ""
        moved = found.place.country != home_code
        notes = [recorded] if (historic or moved) else []
        notes += [found.note] if found.note else []
        placed_at_one = any(name == first for name, _search in read.places)  # (not at a region's or country's town)
        far = self._far_apart(found.place, [p for p in read.places if p[0] != first], read.region, placed_at_one)
        if astray is not None:
            km = found.place.distance_to(astray.town)
            far += [f"{astray.name} ({km:,.0f} km away)"] if km is not None and km > FAR_APART_KM else []
        names = [name for name, _search in read.places]
        before = names[: names.index(first)] if placed_at_one else []  # named before the place found, and not found
        passed_over = any(x.startswith(f"{name} (") for name in before for x in far)  # ("Incirlik, Ankara")
        if far:
            notes.append(f"Placed at {first}; the locale also names {', '.join(far)}.")
        if passed_over or any(not x.endswith("(not found)") for x in far):  # (a place not found after the one
            why = why or "far"  # found is only named: "London, Chequers" is not thereby far off)
        place = _copy(found.place, city)
        return Resolution(place, bool(why), " ".join(notes), historic=historic, why=why, moved=moved)

    def _far_apart(self, place: Place, others: list[tuple[str, list[str]]], region: Region | None, unfound: bool = True) -> list[str]:
        """'Aviano (480 km away)' for the other places of the locale more than FAR_APART_KM away
        (of the towns so named, the nearest: Montebello, Quebec, not Montebello, British Columbia),
        and, with `unfound`, 'Incirlik (not found)' for those the gazetteer does not know: they may be as far."""
        out = []
        for name, search in others:
            found = self.nearest_town(name, search, place) or self.find(name, search, region)
            named = country_by_name(name) if found is None else None  # "Hong Kong, Shenzhen" under China
            found = Found(self.anchor(named)) if named else found
            km = place.distance_to(found.place) if found else None
            if found is None and unfound and not _ABBREVIATION.fullmatch(name):  # ("Mexico, D.F.")
                out.append(f"{name} (not found)")
            elif km is not None and km > FAR_APART_KM:
                out.append(f"{name} ({km:,.0f} km away)")
        return out

    def _elsewhere(self, name: str, home_code: str) -> Found | None:
        """A town called `name` outside the record's country: next door (Dhahran, recorded under
        Bahrain), or anywhere when it is a city of WORLD_CITY people or more and far bigger than
        any namesake next door (Dakar under France, Lagos under the United Kingdom: a colony
        recorded under the ruling country, whose own code is not known to the record)."""
        from triptrack import gazetteer

        near = next(((town, code) for code in self.next_door(home_code) if (town := self.lookup(name, code))), None)
        near_people = max((c.population for c in gazetteer.candidates(alias(name, near[1]), near[1])), default=0) if near else 0
        world = next((c for c in gazetteer.candidates(name) if c.country != home_code), None)
        if world is not None and world.population >= max(WORLD_CITY, 10 * near_people):
            return Found(world.place(), 0.0, f"{name} is in {_country(world.country)}.")
        return Found(near[0], 0.0, f"{name} is in {_country(near[1])}.") if near else None


def _country(code: str) -> str:
    from triptrack.core.countries import country_name

    return country_name(code)


def _copy(place: Place, city: str) -> Place:
    return Place(city, place.country, place.tz, place.lat, place.lon)
