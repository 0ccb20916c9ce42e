"""list --search everywhere (accents, case, other names of a city, countries) and list --on DATE."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from conftest import PINNED_ENV, digest, invoke
from hypothesis import given
from hypothesis import strategies as st

from triptrack.core.search import fold

MORE_TRIPS = """
  spring-tour:
    title: Spring tour
    official: blinken
    status: planned
    leaves: 2025-03-02
    returns: 2025-03-08
    stops:
      - city: Kyiv
        country: UA
        tz: Europe/Kyiv
        arrive: 2025-03-03 09:00
        depart: 2025-03-04 18:00
      - city: São Paulo
        country: BR
        tz: America/Sao_Paulo
        arrive: 2025-03-06
        meetings:
          - Governor Tarcísio de Freitas
  old-names:
    title: Autumn 1995
    official: blinken
    stops:
      - city: Kiev
        country: UA
        tz: Europe/Kiev
        arrive: 1995-10-02
"""


@pytest.fixture
def more(cli):
    with open(cli.data, "a", encoding="utf-8") as handle:
        handle.write(MORE_TRIPS)
    return cli


def _ids(cli, *args) -> list[str]:
    result = cli("list", *args, "--json")
    assert result.exit_code == 0, result.output
    return [trip["id"] for trip in json.loads(result.stdout)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kyiv", ["old-names", "spring-tour"]),  # and Kiev, under its other name
        ("Kiev", ["old-names", "spring-tour"]),
        ("KYÏV", ["old-names", "spring-tour"]),
        ("ukraine", ["blinken-final", "old-names", "spring-tour"]),  # a country by name (and a topic in the plan)
        ("UA", ["old-names", "spring-tour"]),  # a country by code (a short text matches whole words only)
        ("sao paulo", ["spring-tour"]),
        ("SÃO PAULO", ["spring-tour"]),
        ("brazil", ["spring-tour"]),
        ("tarcisio", ["spring-tour"]),  # a meeting, without its accent
        ("spring", ["spring-tour"]),  # a title
        ("antony", ["blinken-final", "blinken-final-record", "old-names", "spring-tour"]),  # the official's name
        ("jean noel barrot", ["blinken-final-record"]),  # a meeting, punctuation and accents aside
        ("jimmy carter", ["blinken-final", "blinken-final-record"]),  # an obligation
        ("Vatican", ["blinken-final-record"]),
    ],
)
def test_search_finds_it_everywhere(more, text, expected):
    assert sorted(_ids(more, "--search", text)) == expected


def test_a_short_text_with_punctuation_matches_its_words_in_order(more):
    """'G-7' folds to the two words 'g 7': a short text is still whole words, now in a row."""
    assert more("topic", "add", "spring-tour", "1", "G-7 Economic Summit; the E.U. position").exit_code == 0
    assert _ids(more, "--search", "G-7") == ["spring-tour"]
    assert _ids(more, "--search", "e.u.") == ["spring-tour"]
    assert _ids(more, "--search", "7 e") == []  # (the words in a row, whole: not across 'summit; the')
    assert _ids(more, "--search", "umm") == []  # inside 'Summit': a short text is never part of a word


def test_search_combines_with_the_other_filters(more):
    assert _ids(more, "--search", "ukraine", "--from", "2025-03") == ["spring-tour"]
    assert _ids(more, "--search", "kyiv", "--country", "BR") == ["spring-tour"]


def test_fold():
    assert fold("São Paulo") == "sao paulo"
    assert fold("  Jean-Noël  BARROT ") == "jean noel barrot"


def test_a_search_of_only_punctuation_is_refused(more):
    before = digest(more.data)
    result = more("list", "--search", "--- !")
    assert result.exit_code == 1
    assert result.stderr == "triptrack: error: --search '--- !': give some letters or digits to look for\n"
    assert digest(more.data) == before


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_on_a_day_tells_who_is_where(more):
    result = more("list", "--on", "2025-01-07")
    assert result.exit_code == 0, result.output
    flat = _flat(result.stdout)
    assert "Who is where on Tue 7 Jan 2025" in flat
    assert "Antony J. Blinken blinken-final Tokyo (JP) · travels" in flat
    assert "Antony J. Blinken blinken-final-record Tokyo (JP)" in flat


def test_on_the_day_of_leaving_of_coming_back_and_in_between(more):
    assert "blinken-final Washington (home), leaving" in _flat(more("list", "--on", "2025-01-05").stdout)
    back = _flat(more("list", "--on", "2025-01-09").stdout)
    assert "blinken-final Washington (home), coming back ◆ State funeral of former President Jimmy Carter" in back
    assert "blinken-final-record Rome (IT) ◆ State funeral" in back
    two = _flat(more("list", "--on", "2025-01-10").stdout)
    assert "Rome (IT), Vatican City (VA)" in two
    assert "blinken-final " not in two  # back home the day before
    gap = json.loads(more("list", "--on", "2025-03-05", "--json").stdout)
    assert gap == [{
        "trip": "spring-tour", "official": "blinken", "day": "2025-03-05",
        "where": "travelling: Kyiv → São Paulo", "stops": [], "travel": True, "obligations": [],
    }]


def test_on_combines_with_filters_and_says_when_no_one_travels(more):
    on_7th = json.loads(more("list", "--on", "2025-01-07", "--country", "VA", "--json").stdout)
    assert [d["trip"] for d in on_7th] == ["blinken-final-record"]  # the trip that goes to the Vatican
    result = more("list", "--on", "2030-01-01")
    assert result.exit_code == 0
    assert "No one is on a trip on Tue 1 Jan 2030" in result.stdout


@pytest.mark.parametrize("width", [60, 80, 160])
def test_on_fits_the_terminal(more, width):
    result = invoke(["--data", str(more.data), "list", "--on", "2025-01-09"], env={**PINNED_ENV, "COLUMNS": str(width)})
    assert result.exit_code == 0
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= width
    assert "Rome (IT)" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--on", "2025-01"), "--on '2025-01': give a date with its year, like 2025-01-07"),
        (("--on", "Jan 7"), "--on 'Jan 7': give a date with its year, like 2025-01-07"),
        (("--on", "2025-13-01"), "--on '2025-13-01' is not a date"),
        (("--on", "2025-01-07", "--official", "nobody"), "--official: no official 'nobody' (known: blinken)"),
    ],
)
def test_on_bad_input(more, args, message):
    before = digest(more.data)
    result = more("list", *args)
    assert result.exit_code == 1
    assert result.stderr == f"triptrack: error: {message}\n"
    assert digest(more.data) == before


ACCENTED = st.text(alphabet="aeiouncAEIOUNCáéíóúñçÁÉÍÓÚÑÇãõâêô", min_size=4, max_size=12)


@given(word=ACCENTED)
def test_a_word_is_found_whatever_its_accents_and_case(word):
    from triptrack.core.model import Catalog, Trip
    from triptrack.core.search import Search

    trip = Trip("t", f"Visit to {word} and back", "o")
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    catalog = Catalog(trips={"t": trip})
    assert Search.build(catalog, plain.upper()).matches(trip)
    assert Search.build(catalog, word.swapcase()).matches(trip)
    assert not Search.build(catalog, plain + "xyzzy").matches(trip)


@given(st.integers(0, 20), st.integers(0, 5))
def test_every_day_of_a_stop_is_in_its_days(offset, length):
    from datetime import date, timedelta

    from triptrack.core.localtime import When
    from triptrack.core.model import Catalog, Place, Stop, Trip
    from triptrack.core.whereabouts import trip_days

    arrive = date(2025, 1, 1) + timedelta(days=offset)
    leaves = arrive + timedelta(days=length)
    place = Place("Tokyo", "JP", "Asia/Tokyo")
    trip = Trip("t", "T", "o", stops=[Stop(place, When(arrive, None, place.tz), When(leaves, None, place.tz))])
    days = trip_days(Catalog(), trip, date(2025, 1, 1), date(2025, 1, 31))
    expected = {arrive + timedelta(days=k) for k in range(length + 1) if arrive + timedelta(days=k) <= date(2025, 1, 31)}
    assert set(days) == expected
    assert all(days[d].code == "JP" for d in expected)
    assert days[arrive].travel and days[min(leaves, date(2025, 1, 31))].travel == (leaves <= date(2025, 1, 31))


@pytest.mark.parametrize("args", [
    ["list", "--on", "07/01/2025"],
    ["list", "--from", "07/01/2025", "--to", "09/01/2025"],
    ["calendar", "--from", "02/01/2025", "--to", "20/01/2025"],
    ["stats", "--from", "02/01/2025"],
])
def test_the_filters_read_a_numeric_date_in_the_order_date_order_sets(more, args):
    """As now --at does: 07/01/2025 is 7 January with --date-order dmy, and refused as ambiguous without it."""
    iso = [re.sub(r"(\d\d)/(\d\d)/(\d{4})", r"\3-\2-\1", arg) for arg in args]
    assert more("--date-order", "dmy", *args).stdout == more(*iso).stdout != ""
    before = digest(more.data)
    refused = more(*args)
    assert refused.exit_code == 1 and "is ambiguous" in refused.stderr and "--date-order dmy|mdy" in refused.stderr
    assert refused.stderr.count("\n") == 1 and digest(more.data) == before
