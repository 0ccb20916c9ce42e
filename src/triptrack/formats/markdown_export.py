"""Markdown: a briefing that reads well pasted into a document or an issue.

A header (title, official, dates, status), the itinerary as a table (local times
with their zone; a date alone when the hour is not known), the agenda per stop,
the obligations with the margin the schedule leaves, notes and sources. Text from
the data file is escaped: `<`, `>`, `&` as HTML entities, Markdown's inline marks and `|`
with a backslash (and a heading, quote or list mark where a line begins), the `:` of a web
address and the `.` of `www.` (GitHub makes links of them), and a line's indent is dropped
(four spaces begin a code block), so text can become neither HTML, a link, a table nor code.
"""

from __future__ import annotations

import re

from triptrack.core.countries import country_name
from triptrack.core.localtime import When, tz_abbrev
from triptrack.core.model import Catalog, Trip
from triptrack.core.obligations import outcome_mark, outcome_words
from triptrack.core.trip_days import trip_length
from triptrack.core.wording import counted

NAME = "md"
EXTENSION = ".md"
DESCRIPTION = "a Markdown briefing: header, itinerary table, agenda, obligations, sources"


def text(value: str) -> str:
    """Plain text made safe for Markdown outside tables: no HTML, and no Markdown either (no
    link, image, emphasis or code; no heading, quote, list or fence where a line begins)."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _INLINE.sub(r"\\\g<0>", escaped)
    escaped = _ADDRESS.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"{m[3]}\\{m[4]}", escaped)
    return "\n".join(_LINE_START.sub(r"\g<1>\\\g<2>", line.lstrip(" \t")) for line in escaped.split("\n"))


_INLINE = re.compile(r"[\\`*_\[\]!~|]")  # (the rest of the punctuation stays as it reads: U.S.-Japan, $3.64)
_ADDRESS = re.compile(r"(?i)(\b(?:https?|ftp|mailto)|\bwww)([:.])|(\w)(@)(?=\w)")  # what GitHub's autolinks begin with, an e-mail's @
_LINE_START = re.compile(r"^(\s*|\s*\d+)((?<=\d)[.)]|(?<!\d)[#+=-])")  # '# ', '- ', '1. ' begin a block: '\#', '1\.'


def cell(value: str) -> str:
    """Text made safe inside a table cell: one line."""
    return " ".join(text(value).split())


def when_text(when: When | None, with_year: bool = True) -> str:
    if when is None:
        return ""
    moment = when.aware()
    day = moment or when.day
    label = f"{day:%a} {day.day} {day:%b}" + (f" {day:%Y}" if with_year else "")
    if moment is None:
        return label
    return f"{label} {moment:%H:%M} {tz_abbrev(moment)}"


def _header(catalog: Catalog, trip: Trip) -> list[str]:
    official = catalog.officials.get(trip.official)
    who = official.name if official else trip.official
    if official and official.title:
        who = f"{who}, {official.title}"
    lines = [f"# {text(trip.title)}", "", f"- **Who:** {text(who)}"]
    days = trip_length(trip)
    if days:
        lines.append(
            f"- **When:** {trip.first_day:%a} {trip.first_day.day} {trip.first_day:%b %Y} → "
            f"{trip.last_day:%a} {trip.last_day.day} {trip.last_day:%b %Y} ({counted(days, 'day')})"
        )
    lines.append(f"- **Status:** {trip.status}")
    lines.append(f"- **Trip id:** `{trip.id}`")
    return lines


def _itinerary(catalog: Catalog, trip: Trip) -> list[str]:
    lines = ["## Itinerary", "", "Times are local at each place.", ""]
    lines.append("| # | Place | Country | Arrives | Departs | Leg |")
    lines.append("|---:|---|---|---|---|---:|")
    home = catalog.home_of(trip)
    legs = [km for _a, _b, km in catalog.legs(trip)]

    def km_text(km: float | None) -> str:
        return f"{km:,.0f} km" if km is not None else "?"

    if home and trip.stops:
        lines.append(f"|  | {cell(home.city)} (home) | {cell(country_name(home.country))} |  | {when_text(trip.leaves)} |  |")
    for number, (stop, km) in enumerate(zip(trip.stops, catalog.distances_to_stops(trip)), start=1):
        place = cell(stop.city) + (" (approximate)" if stop.approximate else "")
        lines.append(
            f"| {number} | {place} | {cell(country_name(stop.place.country))} | {when_text(stop.arrive)} "
            f"| {when_text(stop.depart)} | {km_text(km) if (home or number > 1) else ''} |"
        )
    if home and trip.stops:
        lines.append(
            f"|  | {cell(home.city)} (home) | {cell(country_name(home.country))} | {when_text(trip.returns)} "
            f"|  | {km_text(legs[-1])} |"
        )
    known = [km for km in legs if km is not None]
    if known:
        lines.extend(["", f"Total distance: {sum(known):,.0f} km (great-circle, between the places listed)."])
    return lines


def _agenda(trip: Trip) -> list[str]:
    lines: list[str] = []
    for number, stop in enumerate(trip.stops, start=1):
        if not (stop.topics or stop.meetings or stop.notes):
            continue
        lines.extend(["", f"### {number}. {text(stop.city)}", ""])
        lines.extend(f"- {text(topic)}" for topic in stop.topics)
        lines.extend(f"- **Met:** {text(person)}" for person in stop.meetings)
        if stop.notes:
            if stop.topics or stop.meetings:
                lines.append("")
            lines.extend(f"> {text(line)}" if line.strip() else ">" for line in stop.notes.split("\n"))
    return ["## Agenda", *lines] if lines else []


def _obligations(catalog: Catalog, trip: Trip) -> list[str]:
    from triptrack.core.travel import obligation_outcomes

    if not trip.obligations:
        return []
    lines = ["## Obligations", ""]
    for outcome in obligation_outcomes(catalog, trip):
        obligation = outcome.obligation
        at = f", at {text(outcome.last.label)} (stop {outcome.last.stop + 1})" if outcome.at_stop and outcome.last else ""
        where = f", {text(obligation.where)}" if obligation.where else ""
        verdict = f"{outcome_mark(outcome)} {text(outcome_words(outcome))}"
        lines.append(f"- **{text(obligation.what)}**{at}{where}: {when_text(obligation.when)} — {verdict}")
    return lines


def _sources(trip: Trip) -> list[str]:
    lines: list[str] = []
    if trip.notes:
        lines.extend(["## Notes", "", text(trip.notes)])
    if trip.sources:
        if lines:
            lines.append("")
        lines.extend(["## Sources", "", *(f"- {text(source)}" for source in trip.sources)])
    return lines


def export(catalog: Catalog, trip: Trip) -> str:
    sections = [_header(catalog, trip), _itinerary(catalog, trip), _agenda(trip), _obligations(catalog, trip), _sources(trip)]
    return "\n\n".join("\n".join(section) for section in sections if section) + "\n"
