"""The Historian importer's parts: country ids, places, remarks, journeys."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from triptrack.errors import InputError
from triptrack.importers.historian import Record
from triptrack.importers.historian_journeys import (
    group_journeys,
    month_span,
    record_list,
)
from triptrack.importers.historian_places import (
    ISO_CODES,
    country_by_name,
    is_historic,
    iso_code,
    locale_pieces,
)
from triptrack.importers.historian_remarks import meetings
from triptrack.importers.historian_resolver import PlaceResolver

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "history-state-gov" / "secretary-travels"


def test_country_ids_map_to_iso_codes():
    assert iso_code("korea-south") == "KR" and iso_code("holy-see") == "VA" and iso_code("russia") == "RU"
    assert iso_code("yugoslavia") == "RS" and iso_code("german-democratic-republic") == "DE"
    assert iso_code("czechoslovakia") == "CZ" and iso_code("turkiye") == "TR" and iso_code("west-bank") == "PS"
    assert iso_code("new-caledonia", "New Caledonia") == "NC"  # not in the table: found by its name
    with pytest.raises(InputError, match="unknown Historian country id 'atlantis'"):
        iso_code("atlantis", "Atlantis")
    assert country_by_name("The Bahamas") == "BS" and country_by_name("Trinidad") == "TT"


@pytest.mark.skipif(not SHARED.is_dir(), reason="the Office of the Historian data is not in ../shared")
def test_every_country_id_in_the_secretaries_files_is_in_the_table():
    ids = {
        country.get("id")
        for path in SHARED.glob("*.xml")
        for country in ET.parse(path).getroot().iter("country")
    }
    assert len(ids) == 177 and ids <= set(ISO_CODES)


def test_every_iso_code_in_the_table_has_a_place_to_stand_in():
    resolver = PlaceResolver()
    for code in sorted(set(ISO_CODES.values())):
        anchor = resolver.anchor(code)
        assert anchor.country == code and anchor.has_coordinates and anchor.tz


def test_historic_states():
    assert is_historic("russia", "U.S.S.R.", date(1992, 1, 27))  # by its name, even after the end
    assert is_historic("russia", "Russia", date(1905, 8, 1))  # the Russian Empire
    assert not is_historic("russia", "Russia", date(2003, 5, 30))
    assert is_historic("germany", "Germany, Federal Republic of", date(1989, 5, 30))
    assert not is_historic("germany", "Germany", date(1999, 1, 1))
    assert is_historic("yugoslavia", "Yugoslavia", date(1996, 2, 4)) and not is_historic("japan", "Japan", date(1900, 1, 1))


def test_locales_are_split_and_normalised():
    assert locale_pieces("Rome, Anagni , Fiuggi") == ["Rome", "Anagni", "Fiuggi"]
    assert locale_pieces("  ") == [] and locale_pieces("Tel  Aviv,") == ["Tel Aviv"]


def test_places_resolve_where_they_are():
    resolver = PlaceResolver()
    resolver.prepare([("spain", "Spain", "Havana (Cuba)"), ("denmark", "Denmark (Greenland)", "Nuuk")])
    havana = resolver.resolve("spain", "Spain", "Havana (Cuba)", date(1866, 1, 20))
    assert (havana.place.city, havana.place.country, havana.place.tz) == ("Havana (Cuba)", "CU", "America/Havana")
    assert not havana.approximate and havana.note == "Country as recorded: Spain."
    nuuk = resolver.resolve("denmark", "Denmark (Greenland)", "Nuuk", date(2011, 5, 11))
    assert nuuk.place.country == "GL" and not nuuk.approximate
    bermuda = resolver.resolve("united-kingdom", "United Kingdom", "Bermuda", date(1922, 2, 17))
    # Bermuda is 53 km2: its capital is never far from where a visitor was.
    assert bermuda.place.country == "BM" and not bermuda.approximate and "capital of Bermuda" in bermuda.note
    bahamas = resolver.resolve("united-kingdom", "United Kingdom", "The Bahamas", date(1961, 1, 1))
    assert bahamas.place.country == "BS" and bahamas.approximate  # 13,940 km2 of islands around Nassau
    berlin = resolver.resolve("germany", "Germany", "West Berlin", date(1985, 12, 14))
    assert berlin.place.lat == pytest.approx(52.52, abs=0.05) and berlin.historic and not berlin.approximate
    empty = resolver.resolve("france", "France", "", date(2000, 1, 1))
    assert empty.place.city == "Paris" and empty.approximate and "No place recorded" in empty.note


@pytest.mark.parametrize(
    ("remarks", "people"),
    [
        ("Met with President Oduber, Foreign Minister Facio, and with Central American Foreign Ministers.",
         ["President Oduber", "Foreign Minister Facio", "Central American Foreign Ministers"]),
        ("Met with the Foreign Ministers of China and Russia and attended ASEAN Post- Ministerial Conference.",
         ["the Foreign Ministers of China and Russia"]),
        ("Attended the U.S.-Japan Security Consultative Committee meeting and met with\n   Minister for "
         "Foreign Affairs Toshimitsu Motegi.", ["Minister for Foreign Affairs Toshimitsu Motegi"]),
        ("Met with Prime Minister Meir to discuss the Middle East peace process.", ["Prime Minister Meir"]),
        ("Met with President Michael D. Higgins and Prime Minister Leo Varadkar.",
         ["President Michael D. Higgins", "Prime Minister Leo Varadkar"]),
        ("Met with Israeli Prime Minister Netanyahu and Palestinian President Abbas.",
         ["Israeli Prime Minister Netanyahu", "Palestinian President Abbas"]),
        ("Also met with the Egyptian and Israeli Foreign Ministers at Leeds Castle, July 18.",
         ["the Egyptian and Israeli Foreign Ministers at Leeds Castle"]),
        ("Met with President Tudjman and appealed for the return of Serb refugees.", ["President Tudjman"]),
        ("Met with Pope Francis. Later met with Pope Francis.", ["Pope Francis"]),
        ("Attended the NATO summit.", []),
    ],
)
def test_meetings_are_read_conservatively(remarks, people):
    assert meetings(remarks) == people


def _record(number: int, start: str, end: str) -> Record:
    return Record(str(number), "secretary", "doe", "Doe", date.fromisoformat(start), date.fromisoformat(end),
                  "france", "France", "Paris", "", "x.xml", 1)


def test_journeys_split_on_gaps_longer_than_the_limit():
    records = [_record(3, "2024-01-05", "2024-01-05"), _record(1, "2024-01-01", "2024-01-03"),
               _record(2, "2024-01-04", "2024-01-04"), _record(4, "2024-01-02", "2024-01-02")]
    assert [[r.id for r in j] for j in group_journeys(records, 1)] == [["1", "4", "2", "3"]]
    assert [[r.id for r in j] for j in group_journeys(records, 0)] == [["1", "4"], ["2"], ["3"]]
    later = [*records, _record(5, "2024-01-08", "2024-01-08")]
    assert [[r.id for r in j] for j in group_journeys(later, 2)] == [["1", "4", "2", "3"], ["5"]]
    assert len(group_journeys(later, 3)) == 1


def test_titles_and_sources_read_well():
    assert month_span(date(2025, 1, 6), date(2025, 1, 10)) == "January 2025"
    assert month_span(date(2021, 3, 30), date(2021, 4, 2)) == "March–April 2021"
    assert month_span(date(2024, 12, 30), date(2025, 1, 2)) == "December 2024 – January 2025"
    assert record_list([4279, 4275, 4276, 4277, 4278]) == "4275-4279"
    assert record_list([3992, 4019, 3993]) == "3992-3993, 4019"
