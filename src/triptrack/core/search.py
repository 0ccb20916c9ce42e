"""`list --search`: find trips by any word about them, accents and case aside.

A trip matches when the text appears in its id, title, notes or sources, in its
official's id, name or title, in a stop's city, topics, meetings or notes, in an
obligation, or names a country it visits (by ISO code, "JP", or by name, "ukraine").
A city's other names come from the offline place index when it is given one
(`places`): "Kiev" finds a stop written "Kyiv", "Peking" finds "Beijing".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from triptrack.core.model import Catalog, Trip

_NOT_WORD = re.compile(r"[\W_]+")

SHORT = 3  # a text this short matches whole words only

Places = Callable[[str, "str | None"], Iterable[tuple[str, str]]]


def fold(text: str) -> str:
    """Accents removed, case folded, punctuation as single spaces: 'São Paulo' -> 'sao paulo'."""
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def country_codes_named(needle: str) -> frozenset[str]:
    """The ISO codes whose country name contains the folded `needle` (or that are it, for two letters)."""
    from triptrack.core.countries import _countries

    found = set()
    for code, entry in _countries().items():
        if (len(needle) == 2 and needle == code.casefold()) or (len(needle) > 2 and needle in fold(entry["name"])):
            found.add(code)
    return frozenset(found)


@dataclass(frozen=True)
class Search:
    text: str
    needle: str  # folded
    officials: frozenset[str]  # ids of the officials the text names
    countries: frozenset[str]  # codes of the countries it names
    cities: frozenset[tuple[str, str]]  # (folded main name, country) of the cities it is a name of
    places: Places | None = None
    _seen: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, catalog: Catalog, text: str, places: Places | None = None) -> Search:
        """`places(name, country)` gives (main name, country code) of each city called `name`."""
        needle = fold(text)
        officials = frozenset(
            official.id
            for official in catalog.officials.values()
            if any(needle in fold(value) for value in (official.id, official.name, official.title) if value)
        )
        cities = frozenset((fold(name), country) for name, country in places(text, None)) if places else frozenset()
        return cls(text, needle, officials, country_codes_named(needle), cities, places)

    def _same_city(self, city: str, country: str) -> bool:
        """True when the stop's city is one the text names, under any of its names."""
        if (fold(city), country) in self.cities:
            return True
        if self.places is None or country not in {c for _name, c in self.cities}:
            return False
        key = (city, country)
        if key not in self._seen:  # each city is looked up once, however many stops it has
            self._seen[key] = any((fold(name), c) in self.cities for name, c in self.places(city, country))
        return self._seen[key]

    def matches(self, trip: Trip) -> bool:
        if trip.official in self.officials:
            return True
        texts = [trip.id, trip.title, trip.notes, *trip.sources]
        for obligation in trip.obligations:
            texts += [obligation.what, obligation.where]
        for stop in trip.stops:
            if stop.place.country in self.countries or (self.cities and self._same_city(stop.city, stop.place.country)):
                return True
            texts += [stop.city, stop.notes, *stop.topics, *stop.meetings]
        needle = self.needle
        if len(needle) <= SHORT:  # 'UA', 'EU', 'UN', 'G-7' ('g 7'): whole words, or they would match inside any word
            padded = f" {needle} "
            return any(padded in f" {fold(text)} " for text in texts if text)
        return any(needle in fold(text) for text in texts if text)
