"""A trip as the calendar objects triptrack publishes: one VCALENDAR per event.

The events are those of `export --format ics` (a stop in its own zone, a leg with both
times known, an obligation at its hour) with the same stable UIDs. A CalDAV server keeps
each event as its own resource, so each goes in its own VCALENDAR with the VTIMEZONEs
it refers to. Two properties mark an event as triptrack's:

- X-TRIPTRACK-TRIP: the trip's id, so a re-publish finds the events of that trip (and
  only those: an event without it, or with a UID triptrack did not make, is never touched);
- X-TRIPTRACK-DIGEST: a hash of the event's content, so a re-publish sends only what changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from triptrack.core.model import Catalog, Trip

TRIP_PROPERTY = "X-TRIPTRACK-TRIP"
DIGEST_PROPERTY = "X-TRIPTRACK-DIGEST"
UID_SUFFIX = "@triptrack"


@dataclass(frozen=True)
class OutgoingEvent:
    trip_id: str
    uid: str
    summary: str
    start: str  # when it starts, in words, for the report
    digest: str
    ical: str  # the whole VCALENDAR to PUT


def _start_words(event) -> str:
    from triptrack.core.localtime import day_words, moment_words

    start = event.decoded("dtstart")
    return moment_words(start, year=True) if isinstance(start, datetime) else day_words(start, year=True)


def outgoing_events(catalog: Catalog, trip: Trip, stamp: datetime | None = None) -> list[OutgoingEvent]:
    from icalendar import Calendar

    from triptrack.formats.ics_export import calendar

    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    whole = calendar(catalog, trip, stamp)
    zones = {str(tz["TZID"]): tz for tz in whole.walk("VTIMEZONE")}
    out = []
    for event in whole.walk("VEVENT"):
        content = event.to_ical().decode("utf-8")
        lines = [line for line in content.splitlines() if not line.startswith("DTSTAMP")]
        digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:32]
        event.add(TRIP_PROPERTY.lower(), trip.id)
        event.add(DIGEST_PROPERTY.lower(), digest)
        single = Calendar()
        for key in ("prodid", "version", "calscale"):
            single.add(key, whole[key])
        used = {zone_id for zone_id in zones if f"TZID={zone_id}:" in content or f"TZID={zone_id};" in content}
        for zone_id in sorted(used):
            single.add_component(zones[zone_id])
        single.add_component(event)
        out.append(
            OutgoingEvent(trip.id, str(event["UID"]), str(event["SUMMARY"]), _start_words(event), digest, single.to_ical().decode("utf-8"))
        )
    return out
