"""The small places (GeoNames' cities500) an import looks up: the file is scanned in parts on two
cores, and what it finds is what one plain reading of every row finds."""

from __future__ import annotations

import json
import random

from triptrack.gazetteer import fold
from triptrack.importers import historian_small_places


def _rows(count: int) -> dict:
    rng = random.Random(5)
    names = ["Davos", "Aviano", "Kangerlussuaq", "Christiansted", "St. John's", "La Malbaie", "Zürich", "Port of Spain", "Lagos"]
    rows = {}
    for number in range(count):
        name = rng.choice(names) + ("" if rng.random() < 0.5 else f" {number}")
        rows[str(number)] = {
            "geonameid": number, "name": name, "latitude": rng.uniform(-60, 60), "longitude": rng.uniform(-170, 170),
            "countrycode": rng.choice(["CH", "IT", "GL", "VI", "CA", "TT", "NG"]), "population": rng.choice([0, 600, 5000, 5000]),
            "timezone": rng.choice(["Europe/Zurich", "America/Toronto", ""]), "admin1code": rng.choice(["01", "", "ZH"]),
            "alternatenames": rng.sample([n.upper() for n in names] + ["Sankt Moritz", "Old Town"], 2),
        }
    return rows


def _plainly(rows: dict, wanted: set[tuple[str, str]]) -> dict:
    """The rule, row by row: a row whose text holds the first word of a wanted name of its country,
    with people and a zone, is placed under each of its names that is wanted; most populous first."""
    words = {(name.split(" ")[0], code) for name, code in wanted}
    found: dict = {}
    for row in rows.values():
        code, text = row["countrycode"], json.dumps(row).lower()
        if not any(word in text for word, country in words if country == code) or not row["timezone"] or not row["population"]:
            continue
        for name in {row["name"], *row["alternatenames"]}:
            if (fold(name), code) in wanted:
                found.setdefault((fold(name), code), {})[row["geonameid"]] = (row["name"], row["population"], row["admin1code"])
    return {key: sorted(by_id.values(), key=lambda t: (-t[1], t[0])) for key, by_id in found.items()}


def test_the_scan_in_parts_finds_what_a_plain_reading_finds(tmp_path, monkeypatch):
    rows = _rows(3000)
    path = tmp_path / "cities500.json"
    path.write_text(json.dumps(rows), encoding="utf-8")  # as GeoNames' list is written: one line, ASCII
    monkeypatch.setattr("triptrack.core.countries.geonames_file", lambda name: path)
    wanted = {(fold(name), code) for name in ("Davos", "St. John's", "la malbaie", "Zurich", "sankt moritz", "Lagos 17")
              for code in ("CH", "CA", "NG")}
    found = historian_small_places._read(wanted)
    got = {key: [(s.place.city, s.population, s.region) for s in places] for key, places in found.items()}
    expected = _plainly(rows, wanted)
    assert got == expected
    assert sum(len(places) for places in expected.values()) > 300  # rows from every part of the file
    for places in found.values():
        assert all(s.place.tz for s in places) and all(s.place.lat == round(s.place.lat, 5) for s in places)
