"""Places where they were: 54 Historian records and where each really is.

Each row is a record as the Office of the Historian wrote it (id, country id and name,
locale, first day) and the truth it is tested against: the country it is in today and
a GeoNames place (cities500: the town itself, or for a place GeoNames' lists lack, the
town next to it), with how far off the stop may be: 50 km or less for a town, the
region's or island's size for a region or island. `approximate` is what the stop must
be flagged. The rows cover colonies recorded under the ruling country, region
qualifiers, islands, bays, air bases and resorts, a wrong country and locales naming
places far apart. They run without ../shared; one test checks them against the XML
when it is there.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from triptrack.core.geo import distance_km
from triptrack.importers.historian_resolver import PlaceResolver

# (record id, country id, country as recorded, locale, start, true country, GeoNames town, lat, lon, km, approximate)
RECORDS = [
    ('1201', 'denmark', 'Denmark', 'St. Thomas', '1912-03-30', 'VI', 'Charlotte Amalie', 18.342, -64.931, 20, False),  # colony: St. Thomas, Danish West Indies
    ('314', 'france', 'France', 'St. Martin Island (West Indies)', '1989-12-16', 'MF', 'Marigot', 18.068, -63.083, 15, False),  # colony: Saint-Martin, recorded under France
    ('1788', 'united-kingdom', 'United Kingdom', 'Newfoundland, Labrador', '1905-08-01', 'CA', "St. John's", 47.565, -52.709, 450, True),  # colony: Newfoundland, recorded under the United Kingdom; a region
    ('1914', 'denmark', 'Denmark', 'St. Thomas, St. Croix, Frederikstadt, Christianstadt (Virgin Islands)', '1866-01-09', 'VI', 'Charlotte Amalie', 18.342, -64.931, 30, False),  # colony: the Danish West Indies' towns
    ('325', 'united-kingdom', 'United Kingdom', 'Bermuda', '1990-04-13', 'BM', 'Hamilton', 32.295, -64.783, 15, False),  # territory: Bermuda under the United Kingdom
    ('804', 'united-kingdom', 'United Kingdom', 'Malta', '1956-03-03', 'MT', 'Valletta', 35.9, 14.515, 30, False),  # colony: Malta under the United Kingdom
    ('23', 'united-kingdom', 'United Kingdom', 'Hong Kong', '1997-06-29', 'HK', 'Hong Kong', 22.278, 114.175, 30, False),  # colony: Hong Kong under the United Kingdom
    ('248', 'netherlands', 'Netherlands', 'Curacao (Antilles)', '2000-08-19', 'CW', 'Willemstad', 12.122, -68.886, 30, False),  # Curacao recorded under the Netherlands
    ('1706', 'netherlands-antilles', 'Netherlands Antilles', 'Aruba', '1970-02-22', 'AW', 'Oranjestad', 12.524, -70.027, 20, False),  # Aruba recorded under the Netherlands Antilles
    ('1082', 'france', 'France', 'Martinique', '1974-12-14', 'MQ', 'Fort-de-France', 14.604, -61.074, 40, False),  # Martinique recorded under France
    ('3307', 'france', 'France', 'Dakar (Senegal)', '1952-07-01', 'SN', 'Dakar', 14.694, -17.444, 20, False),  # Dakar recorded under France
    ('967', 'france', 'France', 'Algiers (Algeria)', '1943-10-15', 'DZ', 'Algiers', 36.732, 3.087, 20, False),  # Algiers recorded under France
    ('1917', 'spain', 'Spain', 'Havana (Cuba)', '1866-01-20', 'CU', 'Havana', 23.133, -82.383, 20, False),  # Havana recorded under Spain
    ('733', 'united-kingdom', 'United Kingdom', 'Bridgetown (Barbados)', '1920-12-10', 'BB', 'Bridgetown', 13.107, -59.62, 20, False),  # Barbados recorded under the United Kingdom
    ('3309', 'united-kingdom', 'United Kingdom', 'Port-of-Spain (Trinidad)', '1952-07-08', 'TT', 'Port of Spain', 10.667, -61.519, 20, False),  # Trinidad recorded under the United Kingdom
    ('1204', 'united-kingdom', 'United Kingdom', 'Kingston, Port Antonio', '1912-04-08', 'JM', 'Kingston', 17.997, -76.794, 20, False),  # Jamaica recorded under the United Kingdom
    ('4002', 'denmark', 'Denmark (Greenland)', 'Kangerlussuaq', '2021-05-20', 'GL', 'Kangerlussuaq', 67.009, -50.689, 20, False),  # a small place in Greenland
    ('1421', 'denmark', 'Denmark (Greenland)', 'Igaliku', '2004-08-06', 'GL', 'Qaqortoq', 60.718, -46.036, 50, False),  # Igaliku: not in GeoNames' lists; Qaqortoq is its nearest town
    ('331', 'united-kingdom', 'United Kingdom', 'Turnberry (Scotland)', '1990-06-06', 'GB', 'Girvan', 55.243, -4.856, 15, False),  # region qualifier: Turnberry (Scotland); Girvan is next to it
    ('1302', 'canada', 'Canada', 'Gander (Newfoundland)', '2002-05-13', 'CA', 'Gander', 48.956, -54.616, 20, False),  # region qualifier: Gander (Newfoundland)
    ('649', 'canada', 'Canada', 'Halifax (Nova Scotia)', '1995-06-15', 'CA', 'Halifax', 44.643, -63.577, 20, False),  # region qualifier: Halifax (Nova Scotia), not Halifax, England
    ('3009', 'canada', 'Canada', 'Niagara Falls (Ontario)', '2009-06-13', 'CA', 'Niagara Falls', 43.1, -79.066, 20, False),  # region qualifier: Niagara Falls (Ontario), not New York's
    ('3099', 'canada', 'Canada', 'Wakefield (Quebec)', '2010-12-13', 'CA', 'Wakefield', 45.667, -75.833, 20, False),  # region qualifier: Wakefield (Quebec), not Wakefield, England
    ('1310', 'canada', 'Canada', 'Whistler (British Columbia)', '2002-06-12', 'CA', 'Whistler', 50.118, -122.954, 20, False),  # region qualifier: Whistler (British Columbia)
    ('2029', 'canada', 'Canada', 'Calgary (Alberta)', '1985-10-27', 'CA', 'Calgary', 51.05, -114.085, 20, False),  # region qualifier: Calgary (Alberta)
    ('2097', 'canada', 'Canada', 'Windsor (Ontario)', '1987-07-02', 'CA', 'Windsor', 42.3, -83.017, 20, False),  # region qualifier: Windsor (Ontario), not Windsor, England
    ('1548', 'united-kingdom', 'United Kingdom', 'Prestwick (Scotland)', '2006-06-27', 'GB', 'Prestwick', 55.483, -4.617, 20, False),  # region qualifier: Prestwick (Scotland)
    ('1338', 'united-kingdom', 'United Kingdom', 'Belfast, Hillsborough (Northern Ireland)', '2003-04-07', 'GB', 'Belfast', 54.597, -5.925, 20, False),  # region qualifier: Northern Ireland
    ('1561', 'canada', 'Canada', 'Halifax, Stellarton (Nova Scotia)', '2006-09-11', 'CA', 'Halifax', 44.643, -63.577, 20, True),  # Halifax, Stellarton (Nova Scotia): 125 km apart
    ('1963', 'mexico', 'Mexico', 'La Paz (Baja California)', '1983-08-14', 'MX', 'La Paz', 24.142, -110.313, 20, False),  # La Paz (Baja California): the peninsula's La Paz, not Bolivia's
    ('1740', 'portugal', 'Portugal', 'Terceira Island (Azores)', '1971-12-12', 'PT', 'Angra do Heroísmo', 38.654, -27.218, 30, False),  # island: Terceira Island (Azores)
    ('4075', 'indonesia', 'Indonesia', 'Bali', '2022-07-07', 'ID', 'Denpasar', -8.65, 115.217, 100, True),  # island: Bali, not Jakarta
    ('3217', 'mexico', 'Mexico', 'Los Cabos', '2012-02-19', 'MX', 'Cabo San Lucas', 22.891, -109.912, 40, False),  # resort: Los Cabos, not Mexico City
    ('1890', 'vietnam', 'Vietnam', 'Cam Ranh Bay', '1966-10-26', 'VN', 'Cam Ranh', 11.921, 109.159, 25, False),  # bay: Cam Ranh Bay, not Hanoi
    ('3018', 'cape-verde', 'Cape Verde', 'Sal', '2009-08-14', 'CV', 'Espargos', 16.755, -22.945, 20, False),  # island: Sal, not Praia
    ('4195', 'greece', 'Greece', 'Crete', '2024-01-06', 'GR', 'Irákleion', 35.328, 25.143, 150, True),  # island: Crete, not Athens
    ('3088', 'china', 'China, People’s Republic of', 'Hainan', '2010-10-30', 'CN', 'Haikou', 20.034, 110.347, 250, True),  # island province: Hainan, not Beijing
    ('3867', 'micronesia', 'Micronesia, Federated States of', 'Pohnpei', '2019-08-05', 'FM', 'Kolonia', 6.964, 158.206, 20, False),  # island: Pohnpei
    ('3797', 'canada', 'Canada', 'Charlevoix', '2018-06-09', 'CA', 'La Malbaie', 47.654, -70.153, 40, False),  # area: Charlevoix (G7 2018), not Ottawa
    ('971', 'canada', 'Canada', 'Ft. Erie', '1927-08-07', 'CA', 'Fort Erie', 42.9, -78.933, 15, False),  # abbreviation: Ft. Erie
    ('3649', 'saudi-arabia', 'Saudi Arabia', 'Hafr al-Batin', '2016-03-11', 'SA', 'Hafar Al-Batin', 28.433, 45.971, 15, False),  # spelling: Hafr al-Batin
    ('3757', 'afghanistan', 'Afghanistan', 'Bagram', '2017-10-23', 'AF', 'Charikar', 35.014, 69.171, 25, False),  # air base: Bagram, not Kabul; Charikar is its nearest town
    ('2001', 'united-kingdom', 'United Kingdom', 'Chevening', '1984-12-11', 'GB', 'Sevenoaks', 51.273, 0.189, 15, False),  # country house: Chevening; Sevenoaks is next to it
    ('847', 'united-kingdom', 'United Kingdom', 'Brize Norton', '1958-10-19', 'GB', 'Carterton', 51.759, -1.594, 10, False),  # air base: Brize Norton; Carterton is next to it
    ('4073', 'germany', 'Germany', 'Schloss Elmau', '2022-06-25', 'DE', 'Garmisch-Partenkirchen', 47.492, 11.096, 15, False),  # castle hotel: Schloss Elmau (G7 2015)
    ('698', 'lebanon', 'Lebanon', 'Shtoura', '1996-04-24', 'LB', 'Zahlé', 33.847, 35.902, 15, False),  # Shtoura, in the Bekaa next to Zahle
    ('1478', 'kuwait', 'Kuwait', 'Camp Doha', '2005-05-15', 'KW', 'Kuwait City', 29.367, 47.974, 25, False),  # base: Camp Doha, by Kuwait City
    ('4240', 'jordan', 'Jordan', 'Sweimeh, Dead Sea', '2024-06-11', 'JO', 'Mādabā', 31.716, 35.794, 30, False),  # resort: Sweimeh on the Dead Sea
    ('4008', 'united-kingdom', 'United Kingdom', 'Cornwall', '2021-06-10', 'GB', 'Truro', 50.265, -5.054, 100, True),  # region: Cornwall, not London
    ('4242', 'italy', 'Italy', 'Apulia', '2024-06-13', 'IT', 'Bari', 41.121, 16.87, 250, True),  # region: Apulia, not Rome
    ('2139', 'saudi-arabia', 'Saudi Arabia', 'Qasim', '1988-04-07', 'SA', 'Buraydah', 26.326, 43.975, 200, True),  # region: Qasim, not Riyadh
    ('160', 'bahrain', 'Bahrain', 'Dhahran', '1999-07-27', 'SA', 'Dhahran', 26.289, 50.114, 15, False),  # wrong country: Dhahran recorded under Bahrain
    ('161', 'italy', 'Italy', 'Rome, Aviano', '1999-07-28', 'IT', 'Rome', 41.892, 12.511, 20, True),  # several places: Rome, Aviano (465 km apart)
    ('752', 'saudi-arabia', 'Saudi Arabia', 'Riyadh, Dhahran', '1953-05-18', 'SA', 'Riyadh', 24.688, 46.722, 20, True),  # several places: Riyadh, Dhahran (384 km apart)
]


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    resolver = PlaceResolver()
    resolver.prepare(sorted({(row[1], row[2], row[3]) for row in RECORDS}))
    return resolver


def test_the_table_is_big_enough():
    assert len(RECORDS) >= 40 and len({row[0] for row in RECORDS}) == len(RECORDS)


@pytest.mark.parametrize("row", RECORDS, ids=[f"{row[0]}-{row[3]}" for row in RECORDS])
def test_each_record_is_placed_where_it_was(resolver, row):
    record_id, country_id, recorded, locale, start, country, town, lat, lon, km, approximate = row
    found = resolver.resolve(country_id, recorded, locale, date.fromisoformat(start))
    off = distance_km(found.place.lat, found.place.lon, lat, lon)
    assert found.place.country == country, f"record {record_id} {locale!r}: in {found.place.country}, not {country}"
    assert off <= km, f"record {record_id} {locale!r}: {off:,.0f} km from {town} (at most {km})"
    assert found.approximate == approximate, f"record {record_id} {locale!r}: approximate={found.approximate}"
    assert found.place.city == ", ".join(p.strip() for p in locale.split(",") if p.strip())  # every named place kept
    from triptrack import gazetteer

    zone_of = gazetteer.nearest(lat, lon, country)
    if zone_of is not None and zone_of.place().distance_to(found.place) < 300:
        assert found.place.tz == zone_of.tz, f"record {record_id}: zone {found.place.tz}, {zone_of.name} is in {zone_of.tz}"
    if found.place.country != _recorded_code(country_id, recorded):
        assert "Country as recorded:" in found.note  # the record's own country is never dropped silently


def _recorded_code(country_id: str, recorded: str) -> str:
    from triptrack.importers.historian_places import iso_code

    return iso_code(country_id, recorded)


SHARED = Path(os.environ.get("TRIPTRACK_SHARED", Path(__file__).resolve().parents[2] / "shared"))
TRAVELS = SHARED / "data" / "history-state-gov" / "secretary-travels"


@pytest.mark.skipif(not TRAVELS.is_dir(), reason="the Office of the Historian data is not in ../shared")
def test_the_table_says_what_the_xml_says():
    from triptrack.importers.historian import read_files

    by_id = {r.id: r for r in read_files(sorted(TRAVELS.glob("*.xml")))}
    for record_id, country_id, recorded, locale, start, *_truth in RECORDS:
        record = by_id[record_id]
        assert (record.country_id, record.country_name, record.locale, record.start.isoformat()) == (
            country_id, recorded, locale, start
        ), record_id
