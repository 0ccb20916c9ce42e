"""The default travel model against real scheduled nonstops.

Each row is a real nonstop with its published scheduled block time (gate to gate, from
the airlines' timetables, rounded to 5 min; winter schedules where they differ). Cities are
the gazetteer's city centres, as a planner's data file has them. The model must:

- never call a real nonstop impossible (its fastest time is at most the scheduled one);
- never pass the same leg scheduled at twice its real speed (half the block time is a problem);
- leave a real schedule clean (no "at risk" warning) when the typical time allows it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from triptrack.core.checks import PROBLEM, WARNING, check_trip
from triptrack.core.geo import distance_km
from triptrack.core.localtime import When
from triptrack.core.model import Catalog, Official, Place, Stop, Trip
from triptrack.core.travel import estimate

CITIES = {
    "Washington": ("US", "America/New_York", 38.89511, -77.03637),
    "Brussels": ("BE", "Europe/Brussels", 50.85045, 4.34878),
    "Paris": ("FR", "Europe/Paris", 48.85341, 2.3488),
    "Tokyo": ("JP", "Asia/Tokyo", 35.6895, 139.69171),
    "Frankfurt": ("DE", "Europe/Berlin", 50.11552, 8.68417),
    "Singapore": ("SG", "Asia/Singapore", 1.28967, 103.85007),
    "Madrid": ("ES", "Europe/Madrid", 40.4165, -3.70256),
    "São Paulo": ("BR", "America/Sao_Paulo", -23.5475, -46.63611),
    "Rome": ("IT", "Europe/Rome", 41.89193, 12.51133),
    "Cairo": ("EG", "Africa/Cairo", 30.06263, 31.24967),
    "London": ("GB", "Europe/London", 51.50853, -0.12574),
    "New York": ("US", "America/New_York", 40.71427, -74.00597),
    "Los Angeles": ("US", "America/Los_Angeles", 34.05223, -118.24368),
    "Sydney": ("AU", "Australia/Sydney", -33.86785, 151.20732),
    "Dubai": ("AE", "Asia/Dubai", 25.07725, 55.30927),
    "Doha": ("QA", "Asia/Qatar", 25.28545, 51.53096),
    "Auckland": ("NZ", "Pacific/Auckland", -36.84853, 174.76349),
    "Warsaw": ("PL", "Europe/Warsaw", 52.22977, 21.01178),
    "Rzeszów": ("PL", "Europe/Warsaw", 50.04132, 21.99901),
    "Amsterdam": ("NL", "Europe/Amsterdam", 52.37403, 4.88969),
}

# (from, to, scheduled block time, the flight it comes from)
NONSTOPS = [
    ("Washington", "Brussels", "7h40", "UA950 IAD-BRU, eastbound"),
    ("Brussels", "Washington", "8h55", "UA951 BRU-IAD, westbound"),
    ("Washington", "Paris", "7h30", "AF55 IAD-CDG"),
    ("Paris", "Washington", "8h35", "AF54 CDG-IAD"),
    ("Tokyo", "Paris", "14h15", "AF279 HND-CDG (routed around Russia since 2022)"),
    ("Paris", "Tokyo", "13h50", "AF274 CDG-HND"),
    ("Frankfurt", "Singapore", "11h55", "LH778 FRA-SIN"),
    ("Singapore", "Frankfurt", "13h00", "SQ26 SIN-FRA"),
    ("Madrid", "São Paulo", "10h20", "IB6827 MAD-GRU"),
    ("São Paulo", "Madrid", "9h45", "IB6824 GRU-MAD"),
    ("Rome", "Cairo", "3h15", "MS792 FCO-CAI"),
    ("Cairo", "Rome", "3h25", "MS791 CAI-FCO"),
    ("London", "New York", "8h05", "BA117 LHR-JFK"),
    ("New York", "London", "6h50", "BA112 JFK-LHR, jet stream behind it"),
    ("Los Angeles", "Tokyo", "11h55", "NH105 LAX-HND"),
    ("Tokyo", "Los Angeles", "9h55", "NH106 HND-LAX"),
    ("Sydney", "Los Angeles", "13h35", "QF11 SYD-LAX"),
    ("Los Angeles", "Sydney", "14h50", "QF12 LAX-SYD"),
    ("Dubai", "London", "7h40", "EK1 DXB-LHR"),
    ("London", "Dubai", "6h55", "EK2 LHR-DXB"),
    ("Doha", "Auckland", "16h10", "QR920 DOH-AKL"),
    ("Auckland", "Doha", "17h30", "QR921 AKL-DOH"),
    ("Washington", "New York", "1h15", "AA shuttle DCA-LGA"),
    ("Paris", "London", "1h15", "AF1080 CDG-LHR"),
    ("Warsaw", "Rzeszów", "0h55", "LO3803 WAW-RZE"),
    ("Brussels", "Amsterdam", "0h50", "KL1722 BRU-AMS"),
]


def _hours(text: str) -> timedelta:
    hours, minutes = text.split("h")
    return timedelta(hours=int(hours), minutes=int(minutes or 0))


def _place(city: str) -> Place:
    country, tz, lat, lon = CITIES[city]
    return Place(city, country, tz, lat, lon)


def _local(moment: datetime, tz: str) -> When:
    from triptrack.core.localtime import zone

    local = moment.astimezone(zone(tz))
    return When(local.date(), local.time().replace(tzinfo=None), tz, local.fold)


def _flight(origin: str, destination: str, takes: timedelta) -> list:
    """check's findings for a trip that leaves `origin` and reaches `destination` `takes` later."""
    a, b = _place(origin), _place(destination)
    off = datetime(2025, 3, 3, 23, 0, tzinfo=timezone.utc)
    stops = [
        Stop(a, _local(off - timedelta(days=1), a.tz), _local(off, a.tz)),
        Stop(b, _local(off + takes, b.tz)),
    ]
    catalog = Catalog({"x": Official("x", "X")}, {})
    trip = Trip("flight", "Flight", "x", stops=stops)
    return [f for f in check_trip(catalog, trip) if f.stops == (origin, destination)]


@pytest.mark.parametrize(("origin", "destination", "block", "flight"), NONSTOPS, ids=[f"{a}-{b}" for a, b, *_ in NONSTOPS])
def test_a_real_nonstop_is_never_impossible_nor_fine_at_twice_its_speed(origin, destination, block, flight):
    real = _hours(block)
    km = distance_km(*CITIES[origin][2:], *CITIES[destination][2:])
    how = estimate(km)
    assert how.fastest <= real, f"{flight}: model's fastest {how.fastest} > scheduled {real}"
    assert how.fastest > real / 2, f"{flight}: twice the real speed would pass"
    assert how.typical <= real, f"{flight}: a real schedule would be 'at risk'"
    assert _flight(origin, destination, real) == []  # the real schedule checks clean
    halved = _flight(origin, destination, real / 2)
    assert [f.severity for f in halved] == [PROBLEM], halved
    assert "by air at 1,050 km/h plus 25 min at best" in halved[0].message


def test_the_table_covers_short_medium_and_long_haul_both_ways():
    kms = [distance_km(*CITIES[a][2:], *CITIES[b][2:]) for a, b, *_ in NONSTOPS]
    assert min(kms) < 500 and any(1500 < km < 4000 for km in kms) and max(kms) > 12000
    pairs = {(a, b) for a, b, *_ in NONSTOPS}
    assert len(pairs) >= 24 and sum((b, a) in pairs for a, b in pairs) >= 22  # eleven routes both ways


def test_tighter_than_typical_is_at_risk_and_says_what_it_assumed():
    # Washington -> Brussels in 7 h: faster than any schedule, possible only with luck.
    findings = _flight("Washington", "Brussels", timedelta(hours=7))
    assert [f.severity for f in findings] == [WARNING]
    assert findings[0].message.startswith("at risk: 6,217 km usually takes 7 h 2 min (by air at 950 km/h plus 30 min as usual)")


def test_rome_to_vatican_city_stays_road():
    how = estimate(_place("Rome").distance_to(Place("Vatican City", "VA", "Europe/Vatican", 41.90268, 12.45414)))
    assert how.mode == "road"
    assert how.fastest < timedelta(minutes=5)


def test_washington_18_00_to_brussels_08_00_checks_clean_through_the_cli(cli, data_file):
    from extra_trips import add_trips, stop, trip

    brussels = ("Brussels", "BE", "Europe/Brussels", 50.85045, 4.34878)
    add_trips(data_file, trip("brussels", stop(brussels, "2025-03-04 08:00"), leaves="2025-03-03 18:00"))
    result = cli("check", "brussels")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    # Two hours sooner is faster than the fastest realistic flight: a problem, with its assumption.
    add_trips(data_file, trip("brussels-dash", stop(brussels, "2025-03-04 05:00"), leaves="2025-03-03 18:00"))
    dash = cli("check", "brussels-dash")
    assert dash.exit_code == 1
    assert "6,217 km takes at least 6 h 20 min (by air at 1,050 km/h plus 25 min at best)" in dash.stdout
