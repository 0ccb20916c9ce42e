"""publish against a real CalDAV server (Radicale), read back with the caldav client and icalendar."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import digest
from icalendar import Calendar
from radicale_server import MAX_REQUEST, free_port, start

FOREIGN = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//someone else//EN
BEGIN:VEVENT
UID:team-lunch-1@example.org
DTSTAMP:20250101T000000Z
DTSTART:20250107T120000Z
DTEND:20250107T130000Z
SUMMARY:Team lunch (not triptrack's)
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    server = start(tmp_path_factory.mktemp("radicale"))
    yield server
    server.process.terminate()
    server.process.wait(timeout=10)


@pytest.fixture
def team(radicale, request):
    """A fresh calendar for each test, holding one event someone else made."""
    name = f"Team {request.node.name}"[:60]
    radicale.make_calendar(name, FOREIGN)
    return name


@pytest.fixture
def alice(monkeypatch):
    monkeypatch.setenv("TRIPTRACK_CALDAV_USER", "alice")
    monkeypatch.setenv("TRIPTRACK_CALDAV_PASSWORD", "secret")


def _read_back(radicale, name: str) -> dict[str, tuple[object, str]]:
    """summary -> (the VEVENT, the raw resource) for every event on the calendar."""
    out = {}
    for data in radicale.resources(name):
        event = next(iter(Calendar.from_ical(data).walk("VEVENT")))
        out[str(event["SUMMARY"])] = (event, data)
    return out


def test_publish_edit_delete_and_publish_again(cli, data_file, radicale, team, alice):
    first = cli("publish", radicale.url, "--calendar", team, "blinken-final")
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[-1].endswith("4 created, 0 changed, 0 deleted, 0 unchanged.")
    events = _read_back(radicale, team)
    assert set(events) == {
        "Seoul, South Korea", "Tokyo, Japan", "Paris, France",
        "State funeral of former President Jimmy Carter", "Team lunch (not triptrack's)",
    }
    funeral = events["State funeral of former President Jimmy Carter"][0]
    assert funeral["DTSTART"].dt == datetime(2025, 1, 9, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    assert funeral["DTSTART"].params["TZID"] == "America/New_York"
    assert "BEGIN:VTIMEZONE" in events["State funeral of former President Jimmy Carter"][1]
    assert str(events["Tokyo, Japan"][0]["X-TRIPTRACK-TRIP"]) == "blinken-final"
    uids = {summary: str(event["UID"]) for summary, (event, _) in events.items()}
    seoul_before = events["Seoul, South Korea"][1]

    assert cli("stop", "edit", "blinken-final", "2", "--arrive", "2025-01-07 09:30", "--depart", "2025-01-07 21:00").exit_code == 0
    assert cli("stop", "delete", "blinken-final", "3", "--yes").exit_code == 0
    dry = cli("publish", radicale.url, "--calendar", team, "blinken-final", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would change: Tokyo, Japan" in dry.stdout and "would delete: Paris, France" in dry.stdout
    assert "would create 0, change 1, delete 1; 2 unchanged" in dry.stdout
    assert "Paris, France" in _read_back(radicale, team)  # a dry run sends nothing

    again = cli("publish", radicale.url, "--calendar", team, "blinken-final")
    assert again.exit_code == 0, again.output
    assert "0 created, 1 changed, 1 deleted, 2 unchanged." in again.stdout
    events = _read_back(radicale, team)
    assert "Paris, France" not in events
    tokyo = events["Tokyo, Japan"][0]
    assert tokyo["DTSTART"].dt == datetime(2025, 1, 7, 9, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert str(tokyo["UID"]) == uids["Tokyo, Japan"]  # updated in place, not duplicated
    assert events["Seoul, South Korea"][1] == seoul_before  # not sent again
    assert "Team lunch (not triptrack's)" in events  # never touched

    steady = cli("publish", radicale.url, "--calendar", team, "blinken-final")
    assert steady.stdout.splitlines() == [
        f"Published blinken-final to {team} at {radicale.url[7:-1]}: 0 created, 0 changed, 0 deleted, 3 unchanged."
    ]


def test_the_calendar_address_itself_and_list_filters(cli, radicale, team, alice):
    address = radicale.calendar_url(team)
    result = cli("publish", address, "--official", "blinken", "--from", "2025-01")
    assert result.exit_code == 0, result.output
    assert "Published 2 trips" in result.stdout
    assert len(_read_back(radicale, team)) == 1 + 6  # the foreign event + Seoul, Tokyo, Paris, Rome, Vatican, funeral (one UID per trip)


def test_login_from_netrc(cli, radicale, team, _isolated_home):
    netrc = _isolated_home / ".netrc"
    netrc.write_text("machine 127.0.0.1 login alice password secret\n", encoding="utf-8")
    netrc.chmod(0o600)
    result = cli("publish", radicale.url, "--calendar", team, "blinken-final")
    assert result.exit_code == 0, result.output


def test_a_user_named_without_a_password_is_never_replaced_by_netrcs(cli, data_file, radicale, team, monkeypatch, _isolated_home):
    """TRIPTRACK_CALDAV_USER=bob and ~/.netrc holding alice for the host: the HTTP library
    logged in as alice on its own, and published into her calendar."""
    netrc = _isolated_home / ".netrc"
    netrc.write_text("machine 127.0.0.1 login alice password secret\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("TRIPTRACK_CALDAV_USER", "bob")
    _refused(cli, data_file, [radicale.url, "--calendar", team, "blinken-final"], "no password for 'bob' at 127.0.0.1")
    assert "Seoul, South Korea" not in _read_back(radicale, team)


def test_login_asked_for_in_a_terminal(cli, radicale, team, monkeypatch):
    from triptrack.cli import interaction

    monkeypatch.setattr(interaction, "interactive", lambda: True)
    result = cli("publish", radicale.url, "--calendar", team, "blinken-final", input="alice\nsecret\n")
    assert result.exit_code == 0, result.output
    assert "User name for 127.0.0.1" in result.output and "secret" not in result.output


def _refused(cli, data_file, args, message: str):
    before = digest(data_file)
    result = cli("publish", *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("triptrack: error: ") and len(result.stderr.splitlines()) == 1, result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert digest(data_file) == before
    return result


def test_what_goes_wrong_is_one_line_and_exit_1(cli, data_file, radicale, team, monkeypatch):
    down = f"http://127.0.0.1:{free_port()}/"
    _refused(cli, data_file, [radicale.url, "--calendar", team, "blinken-final"], "asks for a login (401)")
    monkeypatch.setenv("TRIPTRACK_CALDAV_USER", "alice")
    monkeypatch.setenv("TRIPTRACK_CALDAV_PASSWORD", "wrong")
    _refused(cli, data_file, [radicale.url, "--calendar", team, "blinken-final"], "refused the login of 'alice' from $TRIPTRACK_CALDAV_PASSWORD (401")
    monkeypatch.setenv("TRIPTRACK_CALDAV_PASSWORD", "secret")
    _refused(cli, data_file, [down, "--calendar", team, "blinken-final"], "cannot reach 127.0.0.1")
    _refused(cli, data_file, [radicale.url + "bob/", "blinken-final"], "may not use this (403 Forbidden)")
    _refused(cli, data_file, [radicale.url, "--calendar", "Nope", "blinken-final"], f"no calendar named 'Nope' at {radicale.url[7:-1]}; calendars there: ")
    _refused(cli, data_file, [radicale.url + "alice/", "blinken-final"], "is not a calendar")
    _refused(cli, data_file, [radicale.url + "alice/no-such/", "blinken-final"], "not found (404)")
    _refused(cli, data_file, ["http://alice:secret@127.0.0.1/", "blinken-final"], "the address holds a password")
    _refused(cli, data_file, ["ftp://127.0.0.1/", "blinken-final"], "is not a CalDAV address")
    _refused(cli, data_file, [radicale.url, "--calendar", team, "blinken-fnial"], "blinken-final")
    assert cli("publish", radicale.url, "--calendar", team).exit_code == 2  # which trips?
    assert cli("publish", radicale.url, "--calendar", team, "blinken-final", "--all").exit_code == 2


def test_a_rejected_event_reports_what_was_sent_and_a_rerun_completes(cli, data_file, radicale, team, alice):
    before = digest(data_file)
    huge = "x" * (MAX_REQUEST + 1000)
    assert cli("stop", "edit", "blinken-final", "2", "--notes", huge).exit_code == 0
    failed = cli("publish", radicale.url, "--calendar", team, "blinken-final")
    assert failed.exit_code == 1
    assert failed.stderr.startswith("triptrack: error: could not create 'Tokyo, Japan': ")
    assert "the server refused it (status 413" in failed.stderr  # (not "the server answered no reason")
    assert "sent before it: 1 created, 0 changed, 0 deleted; run the same command again to finish" in failed.stderr
    assert failed.stdout == "  created: Seoul, South Korea (Mon 6 Jan 2025)\n"
    assert set(_read_back(radicale, team)) == {"Seoul, South Korea", "Team lunch (not triptrack's)"}

    assert cli("stop", "edit", "blinken-final", "2", "--notes", "Shorter.").exit_code == 0
    done = cli("publish", radicale.url, "--calendar", team, "blinken-final")
    assert done.exit_code == 0, done.output
    assert "3 created, 0 changed, 0 deleted, 1 unchanged." in done.stdout
    assert len(_read_back(radicale, team)) == 5
    assert digest(data_file) != before  # (the edits above; publish itself never writes the data file)


def test_a_leg_with_both_times_known_is_an_event_in_its_two_zones(cli, radicale, team, alice):
    for args in (
        ("Rome", "--arrive", "2025-01-09 18:00", "--depart", "2025-01-10 11:30"),
        ("Vatican City", "--arrive", "2025-01-10 12:15", "--depart", "2025-01-10 15:00"),
    ):
        assert cli("add-stop", "blinken-final", *args).exit_code == 0
    result = cli("publish", radicale.url, "--calendar", team, "blinken-final")
    assert result.exit_code == 0, result.output
    assert "  created: Travel: Rome → Vatican City (Fri 10 Jan 2025 11:30 CET)" in result.stdout
    leg = _read_back(radicale, team)["Travel: Rome → Vatican City"][0]
    assert leg["DTSTART"].dt == datetime(2025, 1, 10, 11, 30, tzinfo=ZoneInfo("Europe/Rome"))
    assert leg["DTEND"].dt == datetime(2025, 1, 10, 12, 15, tzinfo=ZoneInfo("Europe/Vatican"))


def test_publish_leaves_no_connection_thread_behind(cli, radicale, team, alice):
    import threading
    import time

    def watchers() -> int:
        deadline = time.monotonic() + 5  # a closed session's watcher ends within its poll interval
        while True:
            alive = [t for t in threading.enumerate() if "idle_conn_watch" in t.name]
            if not alive or time.monotonic() > deadline:
                return len(alive)
            time.sleep(0.05)

    assert watchers() == 0  # (the fixture's own clients are closed too)
    assert cli("publish", radicale.url, "--calendar", team, "blinken-final").exit_code == 0
    assert cli("publish", radicale.url, "--calendar", "Nope", "blinken-final").exit_code == 1
    assert watchers() == 0  # every HTTP session publish opened was closed
