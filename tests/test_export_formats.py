"""export --format ics / geojson / md, each read back by a real reader of that format."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import digest
from icalendar import Calendar


@pytest.fixture
def timed_cli(cli):
    """The announced trip plus two timed stops, so there is a leg with both ends known."""
    for args in (
        ("Rome", "--arrive", "2025-01-09 18:00", "--depart", "2025-01-10 11:30"),
        ("Vatican City", "--arrive", "2025-01-10 12:15", "--depart", "2025-01-10 15:00"),
    ):
        result = cli("add-stop", "blinken-final", *args)
        assert result.exit_code == 0, result.output
    return cli


def _events(text: str) -> dict[str, object]:
    calendar = Calendar.from_ical(text)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_ics_has_a_stop_per_event_in_its_own_zone(timed_cli):
    result = timed_cli("export", "blinken-final", "--format", "ics")
    assert result.exit_code == 0, result.output
    events = _events(result.stdout)
    seoul = events["Seoul, South Korea"]
    assert seoul["DTSTART"].dt == date(2025, 1, 6) and seoul["DTEND"].dt == date(2025, 1, 7)  # all-day, end exclusive
    assert seoul["DTSTART"].params["VALUE"] == "DATE"
    rome = events["Rome, Italy"]
    assert rome["DTSTART"].dt == datetime(2025, 1, 9, 18, 0, tzinfo=ZoneInfo("Europe/Rome"))
    assert rome["DTSTART"].params["TZID"] == "Europe/Rome"
    assert rome["DTEND"].dt == datetime(2025, 1, 10, 11, 30, tzinfo=ZoneInfo("Europe/Rome"))
    assert "Seoul" in str(seoul["LOCATION"]) and seoul["GEO"].latitude == pytest.approx(37.566)
    funeral = events["State funeral of former President Jimmy Carter"]
    assert funeral["DTSTART"].dt == datetime(2025, 1, 9, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    assert funeral["DTSTART"].params["TZID"] == "America/New_York"
    assert "Washington National Cathedral" in str(funeral["LOCATION"])
    assert seoul["STATUS"] == "TENTATIVE"  # an announced trip


def test_ics_legs_only_where_both_times_are_known(timed_cli):
    events = _events(timed_cli("export", "blinken-final", "--format", "ics").stdout)
    legs = {summary: event for summary, event in events.items() if summary.startswith("Travel:")}
    assert list(legs) == ["Travel: Rome → Vatican City"]
    leg = legs["Travel: Rome → Vatican City"]
    assert leg["DTSTART"].dt == datetime(2025, 1, 10, 11, 30, tzinfo=ZoneInfo("Europe/Rome"))
    assert leg["DTEND"].dt == datetime(2025, 1, 10, 12, 15, tzinfo=ZoneInfo("Europe/Vatican"))


def test_ics_times_in_a_fold_are_exact_when_read_back(cli, data_file):
    """1 Nov 2025, New York: 01:00-02:00 happens twice. RFC 5545 reads a repeated wall time
    as the first, so the second is written in UTC; a stay and a leg across the fold are timed."""
    from datetime import timezone

    from extra_trips import NEW_YORK, add_trips, stop, trip

    newark = ("Newark", "US", "America/New_York", 40.735, -74.172)
    add_trips(data_file, trip("fold", stop(newark, "2025-11-02 01:45-04:00", "2025-11-02 01:05-05:00"),
                              stop(NEW_YORK, "2025-11-02 01:40-05:00"),
                              obligations="- what: Call\n  when: 2025-11-02 01:50-05:00"))
    assert cli("stop", "edit", "fold", "1", "--depart", "2025-11-02 01:10-05:00").exit_code == 0  # 25 min after 01:45 EDT
    events = _events(cli("export", "fold", "--format", "ics").stdout)
    utc = timezone.utc
    stay = events["Newark, United States"]
    assert (stay["DTSTART"].dt.astimezone(utc), stay["DTEND"].dt.astimezone(utc)) == (
        datetime(2025, 11, 2, 5, 45, tzinfo=utc), datetime(2025, 11, 2, 6, 10, tzinfo=utc))
    leg = events["Travel: Newark → New York"]
    assert leg["DTEND"].dt.astimezone(utc) == datetime(2025, 11, 2, 6, 40, tzinfo=utc)
    assert events["Call"]["DTSTART"].dt.astimezone(utc) == datetime(2025, 11, 2, 6, 50, tzinfo=utc)
    assert cli("stop", "edit", "fold", "1", "--depart", "2025-11-02 01:50-04:00").exit_code == 0  # 5 min there
    before = digest(data_file)
    refused = cli("stop", "edit", "fold", "1", "--depart", "2025-11-02 01:30-04:00")  # before arriving at 01:45 EDT
    assert refused.exit_code == 1 and "is before" in refused.stderr
    assert digest(data_file) == before


def test_ics_carries_every_zone_it_uses(timed_cli):
    raw = timed_cli("export", "blinken-final", "--format", "ics").stdout_bytes
    text = raw.decode("utf-8")
    calendar = Calendar.from_ical(text)
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    used = set(re.findall(r";TZID=([^:;]+)", text))
    assert used == {"Europe/Rome", "Europe/Vatican", "America/New_York"} and used <= defined
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"\r\nEND:VCALENDAR\r\n")  # RFC 5545 lines


def test_ics_uids_are_stable_and_unique(timed_cli):
    first = _events(timed_cli("export", "blinken-final", "--format", "ics").stdout)
    second = _events(timed_cli("export", "blinken-final", "--format", "ics").stdout)
    uids = {summary: str(event["UID"]) for summary, event in first.items()}
    assert uids == {summary: str(event["UID"]) for summary, event in second.items()}
    assert len(set(uids.values())) == len(uids) and all(uid.endswith("@triptrack") for uid in uids.values())
    # A stop added earlier in the trip does not change the others' UIDs (a calendar updates them).
    assert timed_cli("add-stop", "blinken-final", "Osaka", "--arrive", "2025-01-07").exit_code == 0
    third = _events(timed_cli("export", "blinken-final", "--format", "ics").stdout)
    assert all(str(third[summary]["UID"]) == uid for summary, uid in uids.items())
    assert len(third) == len(first) + 1


def test_geojson_points_and_route_in_lon_lat_order(timed_cli):
    result = timed_cli("export", "blinken-final", "--format", "geojson")
    doc = json.loads(result.stdout)
    assert doc["type"] == "FeatureCollection"
    kinds = [f["properties"]["kind"] for f in doc["features"]]
    assert kinds == ["home", "stop", "stop", "stop", "stop", "stop", "route"]
    seoul = doc["features"][1]
    assert seoul["geometry"] == {"type": "Point", "coordinates": [126.978, 37.566]}  # [lon, lat]
    assert seoul["properties"]["city"] == "Seoul" and seoul["properties"]["arrive"] == "2025-01-06"
    assert any("3.64 billion" in t for t in doc["features"][2]["properties"]["topics"])
    route = doc["features"][-1]["geometry"]
    assert route["type"] == "MultiLineString"  # great-circle arcs, cut at the 180th meridian
    line = [point for piece in route["coordinates"] for point in piece]
    assert line[0] == line[-1] == [-77.036, 38.895]  # home -> ... -> home
    for place in doc["features"][:-1]:
        assert place["geometry"]["coordinates"] in line
    for feature in doc["features"]:
        coordinates = feature["geometry"]["coordinates"]
        points = [coordinates] if feature["geometry"]["type"] == "Point" else [p for piece in coordinates for p in piece]
        for lon, lat in points:
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_leaves_out_a_stop_without_coordinates(cli):
    added = cli("add-stop", "blinken-final", "Nowhere Base", "--country", "US", "--tz", "America/Chicago", "--arrive", "2025-01-09")
    assert added.exit_code == 0, added.output
    doc = json.loads(cli("export", "blinken-final", "--format", "geojson").stdout)
    cities = [f["properties"].get("city") for f in doc["features"] if f["properties"]["kind"] == "stop"]
    assert cities == ["Seoul", "Tokyo", "Paris"]
    assert doc["features"][-1]["properties"]["stops_without_coordinates"] == ["Nowhere Base"]


def _table_rows(markdown: str) -> list[list[str]]:
    rows = []
    for line in markdown.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            rows.append([cell.strip().replace("\\|", "|") for cell in cells])
    return rows


def test_markdown_briefing(timed_cli):
    text = timed_cli("export", "blinken-final", "--format", "md").stdout
    assert text.startswith("# Final overseas trip as Secretary of State (as announced)\n")
    rows = _table_rows(text)
    assert rows[0] == ["#", "Place", "Country", "Arrives", "Departs", "Leg"]
    assert all(len(row) == 6 for row in rows)
    assert [row[1] for row in rows[1:]] == ["Washington (home)", "Seoul", "Tokyo", "Paris", "Rome", "Vatican City", "Washington (home)"]
    assert rows[5][3] == "Thu 9 Jan 2025 18:00 CET" and rows[2][5] == "11,165 km"
    for heading in ("## Itinerary", "## Agenda", "### 2. Tokyo", "## Obligations", "## Sources"):
        assert f"\n{heading}\n" in text
    assert "**State funeral of former President Jimmy Carter**" in text and "10:00 EST" in text


def test_markdown_escapes_what_would_break_it(cli, data_file):
    text = data_file.read_text(encoding="utf-8")
    text = text.replace("      - city: Tokyo\n", "      - city: Tokyo | Haneda\n", 1)
    text = text.replace("          - A deepening U.S.-Japan alliance\n", "          - <b>bold</b> & more\n", 1)
    data_file.write_text(text, encoding="utf-8")
    markdown = cli("export", "blinken-final", "--format", "md").stdout
    rows = _table_rows(markdown)
    assert all(len(row) == 6 for row in rows)
    assert rows[3][1] == "Tokyo | Haneda"
    assert "- &lt;b&gt;bold&lt;/b&gt; &amp; more" in markdown and "<b>" not in markdown


def test_markdown_keeps_the_files_text_as_text_when_rendered(cli, data_file):
    """Rendered by a CommonMark parser (markdown-it, which Rich uses), text from the file makes
    no link, image, emphasis, heading or code block, and reads as written."""
    from markdown_it import MarkdownIt

    for args in (["topic", "add", "blinken-final", "1", "[click](javascript:alert(1)) ![x](http://t/p.png) **bold** `code`"],
                 ["trip", "edit", "blinken-final", "--notes", "# heading\n[ref]: javascript:x\n1. first\n- item\n```"]):
        assert cli(*args).exit_code == 0
    markdown = cli("export", "blinken-final", "--format", "md").stdout
    html = MarkdownIt().render(markdown)
    assert "<a " not in html and "<img" not in html and "<h1>heading" not in html and "<pre>" not in html
    assert "<strong>bold</strong>" not in html and "<code>code</code>" not in html and "<ol>" not in html
    assert "[click](javascript:alert(1)) ![x](http://t/p.png) **bold** `code`" in html
    assert "# heading" in html and "1. first" in html and "- item" in html


def test_markdown_makes_no_table_code_or_link_of_the_files_text_in_github_flavour(cli, data_file):
    """GitHub's Markdown also makes tables of `| a | b |` lines, links of bare web addresses,
    and code of an indented line after a blank one."""
    from markdown_it import MarkdownIt

    notes = "Before\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n    indented code\n\nsee http://example.org and www.example.org, press@state.gov"
    assert cli("trip", "edit", "blinken-final", "--notes", notes).exit_code == 0
    assert cli("stop", "edit", "blinken-final", "1", "--notes", "| x | y |\n|---|---|").exit_code == 0
    markdown = cli("export", "blinken-final", "--format", "md").stdout
    html = MarkdownIt("gfm-like").render(markdown)
    assert html.count("<table>") == 1  # the itinerary's own, and no other
    assert html.count("<code>") == 1 and "<code>blinken-final</code>" in html  # the trip's id, and no other
    assert "<a " not in html and "<pre>" not in html
    assert "http://example.org" in html and "www.example.org" in html and "| a | b |" in html and "indented code" in html
    assert "press@state.gov" in html and "U.S." in markdown  # (an e-mail address is not a link; 'U.S.' reads as written)


def test_format_from_the_output_extension(cli, tmp_path, data_file):
    for name, check in (("b.ics", "BEGIN:VCALENDAR"), ("b.geojson", '"FeatureCollection"'), ("b.md", "# Final"), ("b.json", '"id": "blinken-final"')):
        result = cli("export", "blinken-final", "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert check in (tmp_path / name).read_text(encoding="utf-8")
    before = digest(data_file)
    bad = cli("export", "blinken-final", "--format", "pdf")
    assert bad.exit_code == 2 and "csv" in bad.stderr and "geojson" in bad.stderr
    assert digest(data_file) == before


def test_ics_all_day_stops_span_their_days(cli):
    events = _events(cli("export", "blinken-final-record", "--format", "ics").stdout)
    rome = events["Rome, Italy"]
    assert (rome["DTSTART"].dt, rome["DTEND"].dt) == (date(2025, 1, 9), date(2025, 1, 11))  # 9 and 10 January
    assert "Meeting: European counterparts" in str(rome["DESCRIPTION"])
    assert str(events["Vatican City, Vatican"]["STATUS"]) == "CONFIRMED"  # a recorded trip


def test_ics_uids_stay_unique_when_two_stops_share_a_record(cli, data_file):
    """Rome and the Vatican from one Historian record: both had one UID, and publishing kept one."""
    from extra_trips import PARIS, add_trips, stop, trip

    rome = ("Rome", "IT", "Europe/Rome", 41.89, 12.48)
    shared = "\n  ref: historian:4278"
    add_trips(data_file, trip("shared", stop(rome, "2025-01-09 18:00", "2025-01-10 11:00") + shared,
                              stop(("Vatican City", "VA", "Europe/Vatican", 41.9, 12.45), "2025-01-10 12:00", "2025-01-10 15:00") + shared,
                              stop(PARIS, "2025-01-11 09:00", "2025-01-11 09:00") + "\n  ref: 'Paris#1'"))
    events = Calendar.from_ical(cli("export", "shared", "--format", "ics").stdout).walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)) == 3 + 2 + 0  # three stops, two timed legs, no obligation
    paris = next(e for e in events if str(e["SUMMARY"]) == "Paris, France")
    assert "DTEND" not in paris  # arrives and leaves at the same minute: an event at a moment (RFC 5545: DTEND > DTSTART)


def test_geojson_lines_have_two_positions_or_are_left_out(cli, data_file):
    from extra_trips import add_trips, stop, trip

    washington = ("Washington", "US", "America/New_York", 38.895, -77.036)  # (at home: the route goes nowhere)
    add_trips(data_file, trip("at-home", stop(washington, "2025-02-01")))
    doc = json.loads(cli("export", "at-home", "--format", "geojson").stdout)
    (route,) = [f for f in doc["features"] if f["properties"].get("kind") == "route"]
    assert all(len(line) >= 2 for line in route["geometry"]["coordinates"])
