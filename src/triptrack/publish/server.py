"""Talking to the CalDAV server, with the `caldav` library: find the calendar, read what
triptrack put there, and carry out a plan, one event at a time.

Every failure becomes one PublishError line saying what went wrong and what was already
sent. Nothing is sent twice: a plan is made from what the server holds, so running the
same command again after a failure sends exactly what is still missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from triptrack.errors import TriptrackError
from triptrack.publish.credentials import PASSWORD_VARIABLE, USER_VARIABLE, Login
from triptrack.publish.events import DIGEST_PROPERTY, TRIP_PROPERTY, OutgoingEvent
from triptrack.publish.plan import ExistingEvent, Plan

TIMEOUT_SECONDS = 30
CALENDAR_TYPE = "{urn:ietf:params:xml:ns:caldav}calendar"


class PublishError(TriptrackError):
    """The server could not be reached, refused us, or rejected an event."""


class LoginNeeded(PublishError):
    """401 without credentials: the CLI may ask for them and try again."""


@dataclass
class Sent:
    created: list[OutgoingEvent] = field(default_factory=list)
    updated: list[OutgoingEvent] = field(default_factory=list)
    deleted: list[ExistingEvent] = field(default_factory=list)

    def words(self) -> str:
        return f"{len(self.created)} created, {len(self.updated)} changed, {len(self.deleted)} deleted"


def explain(exc: BaseException, url: str, login: Login) -> PublishError:
    """One line for what went wrong while talking to `url`."""
    from caldav.lib import error

    host = urlsplit(url).netloc
    reason = str(getattr(exc, "reason", "") or "")
    if isinstance(exc, error.AuthorizationError) and "forbidden" not in reason.lower():
        if not login.given:
            return LoginNeeded(
                f"{host} asks for a login (401): set {USER_VARIABLE} and {PASSWORD_VARIABLE}, "
                f"add {urlsplit(url).hostname} to ~/.netrc, or run in a terminal to be asked"
            )
        return PublishError(f"{host} refused the login of {login.username!r} from {login.source} (401 Unauthorized)")
    if isinstance(exc, error.AuthorizationError):
        who = f"{login.username!r}" if login.given else "an anonymous user"
        return PublishError(f"{url}: {who} may not use this (403 Forbidden)")
    if isinstance(exc, error.NotFoundError):
        return PublishError(f"{url}: not found (404): check the address, or give the server's address and --calendar NAME")
    if isinstance(exc, error.DAVError):
        status = getattr(exc, "status", None)
        said = reason if reason and reason != "no reason" else ""  # (the library's word for none)
        conditions = ", ".join(str(c).rsplit("}", 1)[-1] for c in getattr(exc, "preconditions", None) or [])
        what = "; ".join(part for part in (f"status {status}" if status else "", said, conditions) if part)
        return PublishError(f"{url}: the server refused it ({what or type(exc).__name__})")
    if isinstance(exc, OSError):
        return PublishError(f"cannot reach {host}: the server is down or the address is wrong")
    return PublishError(f"{url}: not a CalDAV server's answer ({type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''})")


class CalendarServer:
    def __init__(self, url: str, calendar_name: str | None, login: Login):
        self.url, self.calendar_name, self.login = url, calendar_name, login
        self.client = self.calendar = None
        self.shown = calendar_name or url

    def close(self) -> None:
        """Ends the HTTP session (and the connection watcher thread it runs)."""
        if self.client is not None:
            self.client.close()
            self.client = None

    def _guard(self, action):
        try:
            return action()
        except TriptrackError:
            raise
        except Exception as exc:  # the library raises its own, niquests' and lxml's errors
            raise explain(exc, self.url, self.login) from None

    def open(self) -> None:
        import caldav

        if self.login.username is not None and self.login.password is None:  # else the HTTP library would
            host = urlsplit(self.url).hostname  # log in as whoever ~/.netrc names for the host
            raise LoginNeeded(
                f"no password for {self.login.username!r} at {host}: set {PASSWORD_VARIABLE}, "
                f"add a 'machine {host} login {self.login.username}' line to ~/.netrc, or run in a terminal to be asked"
            )

        client = self.client = caldav.DAVClient(
            url=self.url, username=self.login.username, password=self.login.password, timeout=TIMEOUT_SECONDS
        )
        if self.calendar_name is None:
            calendar = client.calendar(url=self.url)
            kinds = self._guard(lambda: calendar.get_properties([_resource_type()])).get("{DAV:}resourcetype") or []
            if CALENDAR_TYPE not in kinds:
                raise PublishError(f"{self.url} is not a calendar: give the calendar's own address, or --calendar NAME")
            self.shown = self._guard(calendar.get_display_name) or self.url
        else:
            calendars = self._guard(lambda: client.principal().calendars())
            names = {}
            for calendar in calendars:
                name = self._guard(calendar.get_display_name) or ""
                names[name] = calendar
                names.setdefault(unquote(str(calendar.url).rstrip("/").rsplit("/", 1)[-1]), calendar)
            calendar = names.get(self.calendar_name)
            if calendar is None:
                known = sorted(n for n in names if n) or ["none"]
                raise PublishError(
                    f"no calendar named {self.calendar_name!r} at {urlsplit(self.url).netloc}; calendars there: {', '.join(known)}"
                )
        self.calendar = calendar

    def existing(self) -> list[ExistingEvent]:
        from icalendar import Calendar

        found = []
        for item in self._guard(self.calendar.events):
            try:
                parsed = Calendar.from_ical(item.data)
            except ValueError:
                continue  # not ours to read, and never ours to touch
            for event in parsed.walk("VEVENT"):
                found.append(
                    ExistingEvent(
                        str(event.get("UID", "")),
                        str(event.get(TRIP_PROPERTY, "")),
                        str(event.get(DIGEST_PROPERTY, "")),
                        str(event.get("SUMMARY", "")),
                        item,
                    )
                )
                break
        return found

    def carry_out(self, plan: Plan, on_sent) -> Sent:
        """Create, change and delete as planned; `on_sent(kind, event)` after each success."""
        sent = Sent()
        step = ("", None)

        def run(kind: str, event, action) -> None:
            nonlocal step
            step = (kind, event)
            action()
            on_sent(kind, event)

        try:
            for event in plan.create:
                run("create", event, lambda e=event: self.calendar.add_event(e.ical))
                sent.created.append(event)
            for event, there in plan.update:
                run("change", event, lambda e=event, t=there: _replace(t.handle, e.ical))
                sent.updated.append(event)
            for there in plan.delete:
                run("delete", there, lambda t=there: t.handle.delete())
                sent.deleted.append(there)
        except Exception as exc:
            if isinstance(exc, TriptrackError):
                raise
            kind, event = step
            problem = explain(exc, self.url, self.login)
            raise PublishError(
                f"could not {kind} {event.summary!r}: {problem}; sent before it: {sent.words()}; "
                "run the same command again to finish"
            ) from None
        return sent


def _replace(handle, ical: str) -> None:
    handle.data = ical
    handle.save()


def _resource_type():
    from caldav.elements import dav

    return dav.ResourceType()
