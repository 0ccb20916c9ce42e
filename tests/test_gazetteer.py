"""The offline gazetteer: folding names, choosing among namesakes, capitals, close names."""

from __future__ import annotations

import pytest

from triptrack import gazetteer
from triptrack.errors import NotFoundError


@pytest.mark.parametrize(
    "name, key",
    [("São Paulo", "sao paulo"), ("Washington, D.C.", "washington d c"), ("ZÜRICH", "zurich"), ("Αθήνα", "αθηνα"), ("  Tel-Aviv ", "tel aviv")],
)
def test_fold(name, key):
    assert gazetteer.fold(name) == key


@pytest.mark.parametrize(
    "name, country, expected",
    [
        ("Paris", None, ("Paris", "FR", "Europe/Paris")),
        ("Paris", "US", ("Paris", "US", "America/Chicago")),
        ("Kiev", None, ("Kyiv", "UA", "Europe/Kyiv")),
        ("Peking", None, ("Beijing", "CN", "Asia/Shanghai")),
        ("sao paulo", None, ("São Paulo", "BR", "America/Sao_Paulo")),
        ("Kathmandu", None, ("Kathmandu", "NP", "Asia/Kathmandu")),
        ("Apia", None, ("Apia", "WS", "Pacific/Apia")),
        ("Washington", None, ("Washington", "US", "America/New_York")),
    ],
)
def test_lookup(name, country, expected):
    city = gazetteer.lookup(name, country).city
    assert (city.name, city.country, city.tz) == expected


def test_capitals_smaller_than_15000_people_are_there():
    vatican = gazetteer.lookup("Vatican City").city
    assert vatican.capital and vatican.country == "VA" and vatican.population < 15000


def test_a_main_name_beats_an_alternate_name_of_a_similar_city():
    match = gazetteer.lookup("Rome")
    assert match.city.country == "IT"
    assert "Rome (GA, US)" in match.explanation("Rome")


def test_unknown_names_get_close_suggestions():
    with pytest.raises(NotFoundError, match=r"did you mean Seoul \(KR\)"):
        gazetteer.lookup("Seooul")
    with pytest.raises(NotFoundError, match="unknown city 'Xqzzyville' in FR"):
        gazetteer.lookup("Xqzzyville", "FR")


def test_the_row_scan_finds_exactly_one_countrys_rows():
    rows = dict(gazetteer._rows_in_countries("cities500.json", {"VA"}))
    assert rows and {row["countrycode"] for row in rows.values()} == {"VA"}
    assert "Vatican City" in {row["name"] for row in rows.values()}
