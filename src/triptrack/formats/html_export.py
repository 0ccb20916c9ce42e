"""A self-contained HTML briefing: one file to open in a browser, send round, or print.

Header, itinerary (local times with the home time beside them, legs in km), agenda
and meetings per stop, what the traveller must be back for with its outcome and
margin, the map (inline SVG), notes and sources. Nothing is loaded from elsewhere:
the style is inline, the map is inline, and a Content-Security-Policy forbids any
request, so the page reads the same offline. Every text from the data file goes
through `html.escape`: a `<script>` in a name is shown, never run.
"""

from __future__ import annotations

from html import escape

from triptrack import __version__
from triptrack.core.countries import country_name
from triptrack.core.localtime import When, day_words, tz_abbrev, zone
from triptrack.core.model import Catalog, Trip
from triptrack.core.trip_days import stay_words, trip_length
from triptrack.core.wording import counted

NAME = "html"
EXTENSION = ".html"
DESCRIPTION = "a briefing page: itinerary, agenda, obligations, map and sources in one HTML file"

POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _local(when: When | None) -> str:
    if when is None:
        return ""
    moment = when.aware()
    if moment is None:
        return escape(day_words(when.day, year=True))
    return escape(f"{day_words(moment, year=True)} {moment:%H:%M} {tz_abbrev(moment)}")


def _home(when: When | None, home_tz: str) -> str:
    """The same moment at home, or '' for a date-only time or a place in the home zone."""
    if when is None or when.aware() is None or when.tz == home_tz:
        return ""
    moment = when.aware().astimezone(zone(home_tz))
    return f'<span class="home-time">{escape(f"{day_words(moment)} {moment:%H:%M} {tz_abbrev(moment)}")} at home</span>'


def _header(catalog: Catalog, trip: Trip) -> str:
    official = catalog.officials.get(trip.official)
    who = official.name if official else trip.official
    facts = [f"<li><strong>{escape(who)}</strong>{escape(', ' + official.title) if official and official.title else ''}</li>"]
    days = trip_length(trip)
    if days:
        facts.append(
            f"<li>{escape(day_words(trip.first_day, year=True))} → {escape(day_words(trip.last_day, year=True))} "
            f"· {counted(days, 'day')}</li>"
        )
    facts.append(f"<li>Status: <strong>{escape(trip.status)}</strong></li>")
    facts.append(f"<li>Trip <code>{escape(trip.id)}</code></li>")
    return (
        f'<header><p class="kicker">Trip briefing</p><h1>{escape(trip.title)}</h1>'
        f'<ul class="facts">{"".join(facts)}</ul></header>'
    )


def _itinerary(catalog: Catalog, trip: Trip) -> str:
    home = catalog.home_of(trip)
    home_tz = home.tz if home else "UTC"
    where = f"{home.city} time ({home_tz})" if home else "UTC"
    rows = []

    def place(city: str, country: str, note: str = "") -> str:
        extra = f'<span class="note">{escape(note)}</span>' if note else ""
        return f'<span class="place">{escape(city)}</span><span class="country">{escape(country_name(country))}</span>{extra}'

    def km_text(km: float | None) -> str:
        return f"{km:,.0f}" if km is not None else "?"

    if home and trip.stops:
        rows.append(
            f'<tr class="home"><td></td><td>{place(home.city, home.country, "home")}</td><td></td>'
            f"<td>{_local(trip.leaves)}</td><td></td><td></td></tr>"
        )
    for number, (stop, km) in enumerate(zip(trip.stops, catalog.distances_to_stops(trip)), start=1):
        rows.append(
            f'<tr><td class="num">{number}</td><td>{place(stop.city, stop.place.country, "approximate place" if stop.approximate else "")}</td>'
            f"<td>{_local(stop.arrive)}{_home(stop.arrive, home_tz)}</td><td>{_local(stop.depart)}{_home(stop.depart, home_tz)}</td>"
            f'<td>{stay_words(stop)}</td><td class="num">{km_text(km) if (home or number > 1) else ""}</td></tr>'
        )
    legs = [km for _a, _b, km in catalog.legs(trip)]
    if home and trip.stops:
        rows.append(
            f'<tr class="home"><td></td><td>{place(home.city, home.country, "home")}</td>'
            f"<td>{_local(trip.returns)}</td><td></td><td></td><td class=\"num\">{km_text(legs[-1])}</td></tr>"
        )
    known = [km for km in legs if km is not None]
    total = f'<tr><td></td><td colspan="4">total (great-circle)</td><td class="num">{sum(known):,.0f}</td></tr>' if known else ""
    return (
        f"<section><h2>Itinerary</h2><p>Times are local at each place, with {escape(where)} beneath. "
        "A date without a time: the hour is not known.</p>"
        '<table><thead><tr><th class="num">#</th><th>Place</th><th>Arrives</th><th>Departs</th><th>Stay</th>'
        f'<th class="num">km</th></tr></thead><tbody>{"".join(rows)}{total}</tbody></table></section>'
    )


def _agenda(trip: Trip) -> str:
    parts = []
    for number, stop in enumerate(trip.stops, start=1):
        if not (stop.topics or stop.meetings or stop.notes):
            continue
        body = [f'<div class="stop"><h3>{number}. {escape(stop.city)}</h3>']
        if stop.topics:
            body.append('<p class="label">Agenda</p><ul>' + "".join(f"<li>{escape(t)}</li>" for t in stop.topics) + "</ul>")
        if stop.meetings:
            body.append('<p class="label">Meetings</p><ul>' + "".join(f"<li>{escape(m)}</li>" for m in stop.meetings) + "</ul>")
        if stop.notes:
            body.append(f"<p>{escape(stop.notes)}</p>")
        parts.append("".join(body) + "</div>")
    return f"<section><h2>Agenda and meetings</h2>{''.join(parts)}</section>" if parts else ""


def _obligations(catalog: Catalog, trip: Trip) -> str:
    from triptrack.core.obligations import outcome_mark, outcome_words
    from triptrack.core.travel import obligation_outcomes

    parts = []
    for outcome in obligation_outcomes(catalog, trip):
        obligation = outcome.obligation
        where = f"{escape(obligation.where)} · " if obligation.where else ""
        status = outcome.status.replace(" ", "-")
        parts.append(
            f'<div class="obligation {status}"><div class="what">{escape(obligation.what)}</div>'
            f"<div>{where}{_local(obligation.when)}</div>"
            f'<div><span class="verdict">{outcome_mark(outcome)}</span> {escape(outcome_words(outcome))}</div></div>'
        )
    return f"<section><h2>Obligations</h2>{''.join(parts)}</section>" if parts else ""


def _map(catalog: Catalog, trip: Trip) -> str:
    from triptrack.maps.svg import render
    from triptrack.maps.trip_map import trip_map

    drawn = trip_map(catalog, trip)
    caption = "The route as great-circle arcs; H is home, the numbers are the stops."
    return f'<section><h2>Map</h2><figure class="map">{render(drawn, title=False)}<figcaption>{caption}</figcaption></figure></section>'


def _sources(trip: Trip) -> str:
    parts = []
    if trip.notes:
        parts.append(f"<h2>Notes</h2><p>{escape(trip.notes)}</p>")
    if trip.sources:
        parts.append('<h2>Sources</h2><ol class="sources">' + "".join(f"<li>{escape(s)}</li>" for s in trip.sources) + "</ol>")
    return f"<section>{''.join(parts)}</section>" if parts else ""


def export(catalog: Catalog, trip: Trip) -> str:
    from triptrack.formats.html_style import CSS

    body = "".join(
        [_header(catalog, trip), _itinerary(catalog, trip), _agenda(trip), _obligations(catalog, trip), _map(catalog, trip), _sources(trip)]
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(trip.title)} · briefing</title><style>{CSS}</style></head>\n"
        f"<body><main>{body}<footer>Made by triptrack {escape(__version__)} from the trip "
        f"<code>{escape(trip.id)}</code>.</footer></main></body></html>\n"
    )
