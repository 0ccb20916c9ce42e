"""Two trips side by side, stop by stop: what was added, dropped, moved or discussed differently,
and which obligations one meets and the other misses (e.g. a plan against its record).

Stops are paired by place (city and country) in order, the way `diff` pairs lines, so a
stop inserted in the middle does not shift every later pair.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import timedelta

from triptrack.core.localtime import When, utc
from triptrack.core.model import Catalog, Stop, Trip
from triptrack.core.travel import Outcome, obligation_outcomes

ADDED, DROPPED, CHANGED, SAME = "added", "dropped", "changed", "same"


@dataclass(frozen=True)
class TimeChange:
    field: str  # "arrive" or "depart"
    a: When | None
    b: When | None

    @property
    def shift(self) -> timedelta | None:
        """B minus A: exact when both have hours, whole days when both are dates; else None."""
        if self.a is None or self.b is None or self.a.date_only != self.b.date_only:
            return None
        if self.a.date_only:
            return timedelta(days=(self.b.day - self.a.day).days)
        return utc(self.b.aware()) - utc(self.a.aware())


@dataclass
class StopPair:
    a: Stop | None
    b: Stop | None
    a_number: int | None = None  # 1-based position in its trip
    b_number: int | None = None
    times: list[TimeChange] = field(default_factory=list)
    topics: tuple[list[str], list[str]] = ([], [])  # (only in A, only in B)
    meetings: tuple[list[str], list[str]] = ([], [])

    @property
    def change(self) -> str:
        if self.a is None:
            return ADDED
        if self.b is None:
            return DROPPED
        differs = self.times or any(self.topics) or any(self.meetings)
        return CHANGED if differs else SAME


@dataclass(frozen=True)
class ObligationPair:
    what: str
    when: When
    a: Outcome | None  # None: the trip does not have this obligation
    b: Outcome | None

    @property
    def differs(self) -> bool:
        status = [o.status if o else None for o in (self.a, self.b)]
        return status[0] != status[1]


@dataclass
class Comparison:
    a: Trip
    b: Trip
    fields: list[tuple[str, str | None, str | None]]  # trip-level differences: (name, in A, in B)
    stops: list[StopPair]
    obligations: list[ObligationPair]

    def count(self, change: str) -> int:
        return sum(pair.change == change for pair in self.stops)

    @property
    def moved(self) -> int:
        return sum(bool(pair.times) for pair in self.stops)


def _key(stop: Stop) -> tuple[str, str]:
    return stop.city.casefold(), stop.place.country


def _only(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    return [x for x in a if x not in b], [x for x in b if x not in a]


def _same_time(a: When | None, b: When | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.date_only or b.date_only:
        return a.date_only == b.date_only and a.day == b.day
    return utc(a.aware()) == utc(b.aware())


def pair_stops(a: Trip, b: Trip) -> list[StopPair]:
    matcher = difflib.SequenceMatcher(None, [_key(s) for s in a.stops], [_key(s) for s in b.stops], autojunk=False)
    pairs: list[StopPair] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(a1, a2), range(b1, b2)):
                x, y = a.stops[i], b.stops[j]
                times = [
                    TimeChange(name, p, q)
                    for name, p, q in (("arrive", x.arrive, y.arrive), ("depart", x.depart, y.depart))
                    if not _same_time(p, q)
                ]
                pairs.append(StopPair(x, y, i + 1, j + 1, times, _only(x.topics, y.topics), _only(x.meetings, y.meetings)))
            continue
        pairs += [StopPair(a.stops[i], None, a_number=i + 1) for i in range(a1, a2)]
        pairs += [StopPair(None, b.stops[j], b_number=j + 1) for j in range(b1, b2)]
    return pairs


def _pair_obligations(catalog: Catalog, a: Trip, b: Trip) -> list[ObligationPair]:
    by_a = {o.obligation.what: o for o in obligation_outcomes(catalog, a)}
    by_b = {o.obligation.what: o for o in obligation_outcomes(catalog, b)}
    out = []
    for what in list(by_a) + [w for w in by_b if w not in by_a]:
        first = by_a.get(what) or by_b[what]
        out.append(ObligationPair(what, first.obligation.when, by_a.get(what), by_b.get(what)))
    return out


def _trip_fields(a: Trip, b: Trip) -> list[tuple[str, str | None, str | None]]:
    def text(when: When | None) -> str | None:
        return when.text() if when else None

    rows = [
        ("title", a.title, b.title),
        ("official", a.official, b.official),
        ("status", a.status, b.status),
        ("leaves", text(a.leaves), text(b.leaves)),
        ("returns", text(a.returns), text(b.returns)),
    ]
    return [row for row in rows if row[1] != row[2]]


def compare(catalog: Catalog, a: Trip, b: Trip) -> Comparison:
    return Comparison(a, b, _trip_fields(a, b), pair_stops(a, b), _pair_obligations(catalog, a, b))


def _stop_data(stop: Stop | None, number: int | None) -> dict | None:
    if stop is None:
        return None
    return {
        "number": number,
        "city": stop.city,
        "country": stop.place.country,
        "arrive": stop.arrive.iso(),
        "depart": stop.depart.iso() if stop.depart else None,
    }


def _outcome_data(outcome: Outcome | None) -> dict | None:
    if outcome is None:
        return None
    from triptrack.core.obligations import outcome_data

    return outcome_data(outcome)


def comparison_data(comparison: Comparison) -> dict:
    """The comparison as plain data, for `compare --json`."""
    stops = []
    for pair in comparison.stops:
        moved = []
        for change in pair.times:
            shift = change.shift
            moved.append({
                "field": change.field,
                "a": change.a.iso() if change.a else None,
                "b": change.b.iso() if change.b else None,
                "shift_minutes": int(shift.total_seconds() // 60) if shift is not None else None,
            })
        stops.append({
            "change": pair.change,
            "a": _stop_data(pair.a, pair.a_number),
            "b": _stop_data(pair.b, pair.b_number),
            "moved": moved,
            "topics": {"only_a": pair.topics[0], "only_b": pair.topics[1]},
            "meetings": {"only_a": pair.meetings[0], "only_b": pair.meetings[1]},
        })
    return {
        "a": {"id": comparison.a.id, "title": comparison.a.title, "status": comparison.a.status},
        "b": {"id": comparison.b.id, "title": comparison.b.title, "status": comparison.b.status},
        "trip": [{"field": name, "a": x, "b": y} for name, x, y in comparison.fields],
        "stops": stops,
        "obligations": [
            {"what": p.what, "when": p.when.iso(), "a": _outcome_data(p.a), "b": _outcome_data(p.b), "differs": p.differs}
            for p in comparison.obligations
        ],
        "summary": {
            "added": comparison.count(ADDED),
            "dropped": comparison.count(DROPPED),
            "moved": comparison.moved,
            "changed": comparison.count(CHANGED),
            "same": comparison.count(SAME),
            "obligations_differ": sum(p.differs for p in comparison.obligations),
        },
    }
