"""What a publish does: the events to create, change and delete, given what the calendar holds.

An event already on the calendar belongs to triptrack only when its UID ends in
`@triptrack`. It is changed when it has the UID of an event being published (it may
have come from an imported `export --format ics`), and deleted only when it also names
one of the trips being published in X-TRIPTRACK-TRIP and that trip no longer has it.
Everything else on the calendar (other people's events, other trips') is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from triptrack.publish.events import UID_SUFFIX, OutgoingEvent


@dataclass(frozen=True)
class ExistingEvent:
    uid: str
    trip_id: str  # '' when the event does not name a trip
    digest: str
    summary: str
    handle: object = None  # the server's object, to change or delete it

    @property
    def ours(self) -> bool:
        return self.uid.endswith(UID_SUFFIX) and bool(self.trip_id)


@dataclass
class Plan:
    create: list[OutgoingEvent] = field(default_factory=list)
    update: list[tuple[OutgoingEvent, ExistingEvent]] = field(default_factory=list)
    delete: list[ExistingEvent] = field(default_factory=list)
    unchanged: list[OutgoingEvent] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.create or self.update or self.delete)


def plan(wanted: list[OutgoingEvent], existing: list[ExistingEvent], trip_ids: set[str]) -> Plan:
    uids = {event.uid for event in wanted}
    mine = {
        event.uid: event
        for event in existing
        if event.uid.endswith(UID_SUFFIX) and (event.uid in uids or (event.ours and event.trip_id in trip_ids))
    }
    result = Plan()
    for event in wanted:
        there = mine.pop(event.uid, None)
        if there is None:
            result.create.append(event)
        elif there.digest != event.digest:
            result.update.append((event, there))
        else:
            result.unchanged.append(event)
    result.delete = list(mine.values())
    return result
