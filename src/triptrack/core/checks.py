"""`triptrack check`: what cannot happen in a trip, found before anyone says so.

Each finding is a `problem` (the trip cannot happen as written; `check` exits 1) or a
`warning` (it can, but only just; fails the check only with --strict). Findings:

- stops out of order, stays that overlap, a departure before its arrival, and a
  date-only time on a day its zone skipped (Pacific/Apia has no 30 Dec 2011). A stop
  whose stay lies inside another's, within reach of it, is an excursion from it (see
  `triptrack.core.excursions`), not an overlap: legs are judged from the host;
- legs that cannot be travelled in the time between leaving one place and reaching the
  next, including home -> first stop (trip `leaves`) and last stop -> home (`returns`).
  Each leg has a fastest and a typical time (see `triptrack.core.travel`, calibrated
  on real scheduled flights), from how it is written to be travelled, or by air (road
  for short hops). Date-only times are judged on their best case (earliest departure,
  latest arrival): quicker than the fastest even then is a problem; quicker than the
  typical is a warning ("at risk"). Written departure and arrival times must fit
  between leaving one place and reaching the next;
- return obligations that can no longer be met: the earliest possible arrival home
  (leaving the last stop at the earliest, plus the minimum travel time, and no sooner
  than the trip's `returns`) against the obligation's time. On a trip whose status is
  `completed` or `recorded` a missed obligation is history, not a mistake in the
  data: it is a warning;
- an official, a country or a time zone that does not exist; coordinates more than
  100 km from every gazetteer city of that name in that country; a zone whose offset at
  the stop's date differs from the gazetteer city's zone. Approximate places, and cities
  the gazetteer does not know, are not compared.

On a trip whose status is `recorded` every finding is a warning: a record of what
happened cannot be corrected, only read, so `check` exits 0 on an import and --strict
still lists what the record gets wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from triptrack.core.countries import is_country
from triptrack.core.display_zone import DisplayZone
from triptrack.core.excursions import without_excursions
from triptrack.core.findings import (  # noqa: F401
    HISTORY,
    PROBLEM,
    RECORDED,
    WARNING,
    Finding,
    load_failure,
)
from triptrack.core.findings import Clock as _Clock
from triptrack.core.localtime import (
    When,
    day_skipped,
    offset_text,
    utc,
    zone,
)
from triptrack.core.model import Catalog, Place, Trip
from triptrack.core.obligations import format_span
from triptrack.core.travel import (
    Leg,
    Point,
    Route,
    obligation_outcomes,
    points,
    route,
)
from triptrack.core.wording import counted

PLACE_TOLERANCE_KM = 100.0

# The cities a name can mean in a country, likeliest first (gazetteer.candidates: each has
# place(), label(), lat, lon and tz). The caller passes it: the rules do not open the place index.
PlaceLookup = Callable[[str, str], list]


def _room(delta: timedelta) -> str:
    return f"there are only {format_span(delta)}" if delta > timedelta(0) else "there is no time at all"


def _order(leg: Leg, clock: _Clock) -> str | None:
    """Why the two points of a leg are in the wrong order, or None."""
    a, b = leg.origin, leg.destination
    if a.leaves is None or b.arrive is None:
        return None
    if utc(b.arrive.latest()) >= utc(a.leaves.earliest()):
        return None
    if a.stop is None:
        return f"arrives {clock.when(b.arrive)}, before the trip leaves {a.place.city} ({clock.when(a.leaves)})"
    if b.stop is None:
        return f"back in {b.place.city} {clock.when(b.arrive)}, before leaving {a.label} ({clock.when(a.leaves)})"
    if a.arrive is not None and utc(b.arrive.latest()) < utc(a.arrive.earliest()):
        return (
            f"stops out of order: {b.label} (stop {b.stop + 1}) arrives {clock.when(b.arrive)}, "
            f"before {a.label} (stop {a.stop + 1}) arrives {clock.when(a.arrive)}"
        )
    return (
        f"stays overlap: arrives in {b.label} {clock.when(b.arrive)} "
        f"while still in {a.label} (departs {clock.when(a.leaves)})"
    )


def _leg_findings(trip: Trip, leg: Leg, clock: _Clock) -> list[Finding]:
    stops = (leg.origin.label, leg.destination.label)
    order = _order(leg, clock)
    if order:
        return [Finding(PROBLEM, trip.id, stops, order)]
    from triptrack.core.leg_checks import typical_words, written_times, written_too_fast

    written = written_too_fast(trip, leg) + written_times(trip, leg, clock)
    if written:
        return written
    slack, typical_slack = leg.slack, leg.typical_slack
    written_duration = leg.travel is not None and leg.travel.takes() is not None
    if slack is None or (leg.km is None and not written_duration) or typical_slack >= timedelta(0):
        return []
    best = (
        f"leaving {leg.origin.place.city} {clock.moment(leg.ready, leg.origin.place.tz)} at the earliest, "
        f"reaching {leg.destination.place.city} by {clock.moment(leg.deadline, leg.destination.place.tz)} at the latest"
    )
    distance = f"{leg.km:,.0f} km " if leg.km is not None else ""
    if slack < timedelta(0):
        need = f"{distance}takes at least {format_span(leg.minimum)} ({leg.how.assumption})"
        message = f"cannot be travelled: {need}, but even at best ({best}) {_room(leg.available)}"
        return [Finding(PROBLEM, trip.id, stops, message)]
    need = f"{distance}usually takes {format_span(leg.typical)} ({typical_words(leg)})"
    message = f"at risk: {need}; even at best ({best}) {_room(leg.available)}"
    return [Finding(WARNING, trip.id, stops, message)]


def _obligation_findings(catalog: Catalog, trip: Trip, plan: Route, clock: _Clock) -> list[Finding]:
    out = []
    home = catalog.home_of(trip)
    home_tz = home.tz if home else "UTC"
    for outcome in obligation_outcomes(catalog, trip, plan):
        if outcome.status not in ("missed", "at risk"):
            continue
        if outcome.at_stop:
            from triptrack.core.leg_checks import at_stop_finding

            out.append(at_stop_finding(trip, outcome, clock))
            continue
        obligation, last = outcome.obligation, outcome.last
        due = clock.when(obligation.when, year=True)
        stops = (last.label, f"{home.city} (home)") if home else (last.label,)
        back = (
            f"leaving {last.label} {clock.moment(plan.leaves_last, last.place.tz)} at the earliest, "
            f"the soonest back in {home.city if home else 'home'} is {clock.moment(outcome.back, home_tz)}"
        )
        if not plan.counts_flight_home:
            back += " (not counting the journey home: no coordinates)"
        elif plan.legs and plan.legs[-1].how is not None:
            back += f" ({plan.legs[-1].how.assumption})"
        if outcome.status == "at risk":
            message = f'at risk: only {format_span(outcome.margin)} to spare for "{obligation.what}" ({due}): {back}'
            out.append(Finding(WARNING, trip.id, stops, message))
            continue
        history = trip.status in HISTORY
        verb = "missed" if history else "misses"
        message = f'{verb} "{obligation.what}" ({due}) by {format_span(-outcome.margin)}: {back}'
        out.append(Finding(WARNING if history else PROBLEM, trip.id, stops, message))
    return out


def _time_findings(trip: Trip, point: Point) -> list[Finding]:
    """A date-only time on a day its zone never had."""
    out = []
    times = [("arrive", point.arrive)] + ([("depart", point.leaves)] if point.leaves is not point.arrive else [])
    for name, when in times:
        if when is not None and when.date_only and day_skipped(when.day, when.tz):
            message = f"{name} {when.day}: {when.tz} skipped that day (its clocks jumped over it)"
            out.append(Finding(PROBLEM, trip.id, (point.label,), message))
    return out


def _stop_order(trip: Trip, label: str, arrive: When, depart: When | None, clock: _Clock) -> list[Finding]:
    if depart is None or utc(depart.latest()) >= utc(arrive.earliest()):
        return []
    return [Finding(PROBLEM, trip.id, (label,), f"departs {clock.when(depart)}, before it arrives {clock.when(arrive)}")]


def _place_findings(trip: Trip, label: str, place: Place, at: When, places: PlaceLookup | None) -> list[Finding]:
    """The country exists; the coordinates and zone agree with the city `places` finds."""
    if not is_country(place.country):
        message = f"country {place.country!r} does not exist (ISO 3166-1 alpha-2 codes, e.g. FR)"
        return [Finding(PROBLEM, trip.id, (label,), message)]
    if places is None:
        return []
    cities = places(place.city, place.country)
    if not cities:
        return []
    out = []
    if place.has_coordinates:
        by_distance = sorted((place.distance_to(c.place()), index, c) for index, c in enumerate(cities))
        km, _index, nearest = by_distance[0]
        if km > PLACE_TOLERANCE_KM:
            out.append(Finding(
                PROBLEM, trip.id, (label,),
                f"coordinates {place.lat:.3f}, {place.lon:.3f} are {km:,.0f} km from {nearest.label()} "
                f"({nearest.lat:.3f}, {nearest.lon:.3f} in the gazetteer)",
            ))
        cities = [nearest]
    moment = utc(at.earliest())
    given = moment.astimezone(zone(place.tz))
    if all(moment.astimezone(zone(c.tz)).utcoffset() != given.utcoffset() for c in cities):
        city = cities[0]
        theirs = moment.astimezone(zone(city.tz))
        out.append(Finding(
            PROBLEM, trip.id, (label,),
            f"time zone {place.tz} is at UTC{offset_text(given)} on {at.day}, "
            f"but {city.label()} is in {city.tz} (UTC{offset_text(theirs)})",
        ))
    return out


def check_trip(catalog: Catalog, trip: Trip, *, places: PlaceLookup | None = None, tz: str | None = None) -> list[Finding]:
    """Everything wrong with one trip, in the order a reader meets it. Each place's
    coordinates and zone are compared with the cities `places` finds (gazetteer.candidates),
    when given; countries are always checked. Messages give times in each place's zone, or
    all in `tz`."""
    clock = _Clock(tz)
    official = catalog.officials.get(trip.official)
    if official is None:
        return [Finding(PROBLEM, trip.id, (), f"no official {trip.official!r} in the data file")]
    findings: list[Finding] = []
    if official.country and not is_country(official.country):
        message = f"official {official.id}: country {official.country!r} does not exist"
        findings.append(Finding(PROBLEM, trip.id, (), message))
    if official.home is None and (trip.leaves or trip.returns or trip.obligations):
        message = (
            f"official {official.id} has no home, so the trip's leaves, returns and obligations are read in UTC: "
            f"give one with 'triptrack official edit {official.id} --home CITY'"
        )
        findings.append(Finding(WARNING, trip.id, (), message))
    routed, _excursions = without_excursions(trip)  # legs are judged from the host of a day trip
    plan = route(catalog, routed)
    every_point = points(catalog, trip)
    stop_points = [p for p in every_point if p.stop is not None]
    for point in every_point:
        findings += _time_findings(trip, point)
    for stop, point in zip(trip.stops, stop_points):
        findings += _stop_order(trip, point.label, stop.arrive, stop.depart, clock)
    for leg in plan.legs:
        findings += _leg_findings(trip, leg, clock)
    findings += _obligation_findings(catalog, trip, plan, clock)
    if official.home and trip.stops:
        when = trip.leaves or trip.stops[0].arrive
        findings += _place_findings(trip, plan.points[0].label, official.home, when, places)
    for stop, point in zip(trip.stops, stop_points):
        findings += _place_findings(trip, point.label, stop.place, stop.arrive, None if stop.approximate else places)
    if trip.status == RECORDED:  # history cannot be fixed: what the record says is shown, not failed
        findings = [replace(f, severity=WARNING) for f in findings]
    return findings


def check_catalog(
    catalog: Catalog, trip_ids: list[str] | None = None, *, places: PlaceLookup | None = None,
    display: DisplayZone = DisplayZone(),
) -> list[Finding]:
    """Findings for the given trips (all when none are given), trip by trip, with times
    written in each trip's `display` zone."""
    from triptrack.core.model import find_trip

    trips = [find_trip(catalog, t) for t in trip_ids] if trip_ids else list(catalog.trips.values())
    findings: list[Finding] = []
    for trip in trips:
        findings += check_trip(catalog, trip, places=places, tz=display.for_trip(catalog, trip))
    return findings


def tally(findings: list[Finding]) -> str:
    """'1 problem, 0 warnings'."""
    problems = sum(f.severity == PROBLEM for f in findings)
    warnings = len(findings) - problems
    return f"{counted(problems, 'problem')}, {counted(warnings, 'warning')}"


def failed(findings: list[Finding], strict: bool = False) -> bool:
    return any(f.severity == PROBLEM or (strict and f.severity == WARNING) for f in findings)
