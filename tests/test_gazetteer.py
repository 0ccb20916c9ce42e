"""The offline gazetteer: folding names, choosing among namesakes, capitals, close names."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triptrack import gazetteer
from triptrack.errors import NotFoundError


@pytest.mark.parametrize(
    "name, key",
    [("São Paulo", "sao paulo"), ("Washington, D.C.", "washington d c"), ("ZÜRICH", "zurich"), ("Αθήνα", "αθηνα"), ("  Tel-Aviv ", "tel aviv")],
)
def test_fold(name, key):
    assert gazetteer.fold(name) == key


@given(st.text(st.characters(codec="utf-8"), max_size=12))
def test_fold_is_its_definition_for_any_text(name):
    """fold's fast paths (ASCII in C; marks dropped by a table filled as met) are the plain rule."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert gazetteer.fold(name) == re.sub(r"[\W_]+", " ", stripped.casefold()).strip()


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
