"""What publish decides to send, without a server: events, digests, the plan, the login."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from triptrack.datafile import store
from triptrack.errors import InputError
from triptrack.publish import credentials
from triptrack.publish.events import outgoing_events
from triptrack.publish.plan import ExistingEvent, plan


@pytest.fixture
def catalog(data_file):
    return store.load(store.locate(str(data_file)))


def _there(event, digest=None, trip=None) -> ExistingEvent:
    return ExistingEvent(event.uid, event.trip_id if trip is None else trip, digest or event.digest, event.summary)


def test_each_event_is_its_own_calendar_with_the_zones_it_uses(catalog):
    events = outgoing_events(catalog, catalog.trips["blinken-final"])
    assert [e.summary for e in events] == ["Seoul, South Korea", "Tokyo, Japan", "Paris, France", "State funeral of former President Jimmy Carter"]
    funeral = Calendar.from_ical(events[-1].ical)
    assert [str(z["TZID"]) for z in funeral.walk("VTIMEZONE")] == ["America/New_York"]
    assert len(funeral.walk("VEVENT")) == 1
    assert str(funeral.walk("VEVENT")[0]["X-TRIPTRACK-TRIP"]) == "blinken-final"
    assert Calendar.from_ical(events[0].ical).walk("VTIMEZONE") == []  # an all-day stop needs none
    assert len({e.uid for e in events}) == 4 and all(e.uid.endswith("@triptrack") for e in events)


def test_the_digest_ignores_the_stamp_and_follows_the_content(catalog):
    from datetime import datetime, timezone

    trip = catalog.trips["blinken-final"]
    early = outgoing_events(catalog, trip, datetime(2025, 1, 1, tzinfo=timezone.utc))
    late = outgoing_events(catalog, trip, datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert [e.digest for e in early] == [e.digest for e in late]
    trip.stops[1].topics.append("One more topic")
    changed = outgoing_events(catalog, trip)
    assert [a.digest == b.digest for a, b in zip(early, changed)] == [True, False, True, True]


def test_the_plan_touches_only_triptracks_events_of_the_trips_published(catalog):
    final = outgoing_events(catalog, catalog.trips["blinken-final"])
    record = outgoing_events(catalog, catalog.trips["blinken-final-record"])
    seoul, tokyo, paris, _funeral = final
    existing = [
        _there(seoul),  # unchanged
        _there(tokyo, digest="old"),  # changed
        ExistingEvent("gone@triptrack", "blinken-final", "x", "Kyiv, Ukraine"),  # a deleted stop
        ExistingEvent("lunch@example.org", "", "", "Team lunch"),  # someone else's
        ExistingEvent("odd@example.org", "blinken-final", "", "Not our UID"),  # names the trip, not our UID
        _there(record[0]),  # another trip's: not being published
        ExistingEvent(paris.uid, "", "", "Paris, France"),  # from an imported .ics export: ours by UID
    ]
    todo = plan(final, existing, {"blinken-final"})
    assert [e.summary for e in todo.create] == ["State funeral of former President Jimmy Carter"]
    assert [e.summary for e, _ in todo.update] == ["Tokyo, Japan", "Paris, France"]
    assert [e.summary for e in todo.delete] == ["Kyiv, Ukraine"]
    assert [e.summary for e in todo.unchanged] == ["Seoul, South Korea"]
    assert not todo.empty
    assert plan(final, [_there(e) for e in final], {"blinken-final"}).empty


def test_login_from_the_environment_before_netrc(monkeypatch, _isolated_home):
    (_isolated_home / ".netrc").write_text("machine dav.example.org login carol password fromnetrc\n")
    monkeypatch.delenv(credentials.USER_VARIABLE, raising=False)
    monkeypatch.delenv(credentials.PASSWORD_VARIABLE, raising=False)
    assert credentials.from_environment_or_netrc("https://dav.example.org/") == credentials.Login("carol", "fromnetrc", "~/.netrc")
    assert not credentials.from_environment_or_netrc("https://other.example.org/").given
    monkeypatch.setenv(credentials.USER_VARIABLE, "dave")
    assert not credentials.from_environment_or_netrc("https://dav.example.org/").given  # netrc is for carol, not dave
    monkeypatch.setenv(credentials.PASSWORD_VARIABLE, "fromenv")
    assert credentials.from_environment_or_netrc("https://dav.example.org/") == credentials.Login("dave", "fromenv", "$TRIPTRACK_CALDAV_PASSWORD")


def test_a_password_without_its_user_is_refused(monkeypatch):
    monkeypatch.delenv(credentials.USER_VARIABLE, raising=False)
    monkeypatch.setenv(credentials.PASSWORD_VARIABLE, "secret")
    with pytest.raises(InputError, match="set \\$TRIPTRACK_CALDAV_USER too"):
        credentials.from_environment_or_netrc("https://dav.example.org/")
    assert credentials.from_environment_or_netrc("https://erin@dav.example.org/").username == "erin"  # the URL may name the user


def test_a_broken_netrc_is_one_clear_error(monkeypatch, _isolated_home):
    monkeypatch.delenv(credentials.PASSWORD_VARIABLE, raising=False)
    (_isolated_home / ".netrc").write_text("machine dav.example.org login carol\nbogus token\n")
    with pytest.raises(InputError, match=r"cannot read .*\.netrc"):
        credentials.from_environment_or_netrc("https://dav.example.org/")


@pytest.mark.parametrize(
    "url, message",
    [("https://u:pw@dav.example.org/", "holds a password"), ("dav.example.org", "is not a CalDAV address"), ("file:///x", "is not a CalDAV address")],
)
def test_addresses_refused(url, message):
    with pytest.raises(InputError, match=message):
        credentials.check_url(url)
