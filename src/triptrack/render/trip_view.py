"""`triptrack show`: one trip as a header, an itinerary, agendas and obligations."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from triptrack.countries import country_name
from triptrack.display_zone import DisplayZone
from triptrack.localtime import When, utc, zone
from triptrack.model import Catalog, Official, Stop, Trip
from triptrack.obligations import describe, margins
from triptrack.render.console import day_label_year, home_text, local_text, moment_text, zoned_text
from triptrack.timeline import span
from triptrack.travel import route


def stay_text(stop: Stop) -> Text:
    if stop.depart is None:
        return Text("")
    if stop.arrive.at is not None and stop.depart.at is not None:
        from triptrack.obligations import format_span

        return Text(format_span(utc(stop.depart.aware()) - utc(stop.arrive.aware())))
    days = (stop.depart.day - stop.arrive.day).days + 1
    return Text(f"{days} day" + ("s" if days != 1 else ""))


def _place(city: str, country: str, note: str = "") -> Text:
    text = Text(city, style="bold")
    text.append(f"\n{country_name(country)}", style="dim")
    if note:
        text.append(f" {note}", style="yellow")
    return text


def _two_lines(first: Text, second: Text) -> Text:
    return Text.assemble(first, "\n", second) if second.plain else first


def header(trip: Trip, official: Official | None) -> Panel:
    lines = Text()
    lines.append(trip.title, style="bold")
    who = official.name if official else trip.official
    if official and official.title:
        who = f"{who} · {official.title}"
    lines.append(f"\n{who}")
    bounds = span(trip, official.home_tz if official else "UTC")  # days away, counted at home
    if bounds:
        first, last = bounds
        days = (last - first).days + 1
        lines.append(f"\n{day_label_year(first)} → {day_label_year(last)} · {days} day{'s' if days != 1 else ''}")
    lines.append(" · ")
    lines.append(trip.status, style="cyan")
    return Panel(lines, title=Text(trip.id, style="bold cyan"), title_align="left", box=box.ROUNDED, expand=False)


def _has_date_only(trip: Trip) -> bool:
    times = [trip.leaves, trip.returns, *(s.arrive for s in trip.stops), *(s.depart for s in trip.stops)]
    return any(t is not None and t.date_only for t in times)


def itinerary(catalog: Catalog, trip: Trip, display: DisplayZone = DisplayZone()) -> Table:
    official = catalog.officials.get(trip.official)
    home = official.home if official else None
    home_tz = official.home_tz if official else "UTC"
    home_label = f"home: {home.city}" if home else "home: UTC"
    fixed = display.fixed(home_tz)
    if fixed:
        title = f"Itinerary · times in {display.describe(home.city if home else None, home_tz)}"
        caption = "A date without a time: the hour is not known (the date is local at the stop)."
    else:
        title = f"Itinerary · local time at each stop, {home_label} time below it"
        caption = "A date without a time: the hour is not known."

    def shown(when: When) -> Text:
        return zoned_text(when, fixed) if fixed else _two_lines(local_text(when), home_text(when, home_tz))

    table = Table(
        box=box.SIMPLE_HEAD,
        title=Text(title),
        title_justify="left",
        caption=Text(caption, style="dim") if _has_date_only(trip) else None,
        caption_justify="left",
    )
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("Place", min_width=10)
    table.add_column("Arrives", min_width=10)
    table.add_column("Departs", min_width=10)
    table.add_column("Stay", no_wrap=True)
    table.add_column("Leg", justify="right", no_wrap=True)
    legs = [km for _a, _b, km in catalog.legs(trip)]
    to_stops = catalog.distances_to_stops(trip)
    if home:
        leaves = shown(trip.leaves) if trip.leaves else Text("")
        table.add_row("", _place(home.city, home.country, "(home)"), Text(""), leaves, Text(""), Text(""))
    for number, (stop, km) in enumerate(zip(trip.stops, to_stops), start=1):
        departs = shown(stop.depart) if stop.depart else Text("")
        note = "(approximate)" if stop.approximate else ""
        table.add_row(
            str(number),
            _place(stop.city, stop.place.country, note),
            shown(stop.arrive),
            departs,
            stay_text(stop),
            Text(f"{km:,.0f} km" if km is not None else "?"),
        )
    if home and trip.stops:
        km = legs[-1]
        back = shown(trip.returns) if trip.returns else Text("")
        table.add_row(
            "", _place(home.city, home.country, "(home)"), back, Text(""), Text(""),
            Text(f"{km:,.0f} km" if km is not None else "?"),
        )
    known = [km for km in legs if km is not None]
    if known:
        table.add_row("", Text(""), Text(""), Text(""), Text("total", style="dim"), Text(f"{sum(known):,.0f} km", style="bold"))
    return table


def agenda(trip: Trip) -> RenderableType | None:
    parts: list[RenderableType] = []
    for number, stop in enumerate(trip.stops, start=1):
        if not (stop.topics or stop.meetings or stop.notes):
            continue
        if parts:
            parts.append(Text(""))
        parts.append(Text(f"{number}. {stop.city}", style="bold"))
        items = Table.grid(padding=(0, 1))
        items.add_column(no_wrap=True, width=5, justify="right")
        items.add_column()
        for topic in stop.topics:
            items.add_row(Text("•", style="cyan"), Text(topic))
        for person in stop.meetings:
            items.add_row(Text("met", style="green"), Text(person))
        if stop.notes:
            items.add_row(Text("note", style="dim"), Text(stop.notes, style="dim"))
        parts.append(items)
    if not parts:
        return None
    return Panel(Group(*parts), title="Agenda and meetings", title_align="left", box=box.ROUNDED)


def obligation_panel(catalog: Catalog, trip: Trip, display_tz: str | None = None) -> RenderableType | None:
    if not trip.obligations:
        return None
    body = Text()
    for index, margin in enumerate(margins(trip, route(catalog, trip).back_home)):
        obligation = margin.obligation
        if index:
            body.append("\n\n")
        body.append(obligation.what, style="bold")
        moment = obligation.when.aware()
        if moment is not None and display_tz:
            moment = moment.astimezone(zone(display_tz))
        when = moment_text(moment) if moment else day_label_year(obligation.when.day)
        body.append(f"\n{obligation.where + ' · ' if obligation.where else ''}{when}")
        style = "green" if margin.met else ("red bold" if margin.missed else "yellow")
        mark = "✓" if margin.met else ("✗" if margin.missed else "!")
        body.append(f"\n{mark} {describe(margin)}", style=style)
    return Panel(body, title="Must be back for", title_align="left", box=box.ROUNDED, border_style="magenta")


def sources(trip: Trip) -> RenderableType | None:
    if not (trip.sources or trip.notes):
        return None
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(style="dim")
    if trip.notes:
        grid.add_row("Notes", Text(trip.notes))
    for index, source in enumerate(trip.sources):
        grid.add_row("Sources" if index == 0 else "", Text(f"• {source}"))
    return grid


def render_trip(
    catalog: Catalog, trip: Trip, extra: list[RenderableType] | None = None, display: DisplayZone = DisplayZone()
) -> Group:
    parts: list[RenderableType] = [header(trip, catalog.officials.get(trip.official)), itinerary(catalog, trip, display)]
    fixed = display.for_trip(catalog, trip)
    for part in (agenda(trip), obligation_panel(catalog, trip, fixed), *(extra or []), sources(trip)):
        if part is not None:
            parts.append(part)
    return Group(*parts)
