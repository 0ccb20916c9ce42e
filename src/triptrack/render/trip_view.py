"""`triptrack show`: one trip as a header, an itinerary, agendas and obligations."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from triptrack.core.countries import country_name
from triptrack.core.display_zone import DisplayZone
from triptrack.core.localtime import When, zone
from triptrack.core.model import Catalog, Official, Stop, Trip
from triptrack.core.obligations import outcome_mark, outcome_style, outcome_words
from triptrack.core.travel import obligation_outcomes
from triptrack.core.trip_days import stay_words, trip_bounds, trip_length
from triptrack.core.wording import counted
from triptrack.render.console import (
    day_label_year,
    home_text,
    local_text,
    moment_text,
    zoned_text,
)


def stay_text(stop: Stop) -> Text:
    return Text(stay_words(stop))


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
    bounds = trip_bounds(trip)  # local dates at each stop (see core.trip_days)
    if bounds:
        first, last = bounds
        lines.append(f"\n{day_label_year(first)} → {day_label_year(last)} · {counted(trip_length(trip), 'day')}")
    lines.append(" · ")
    lines.append(trip.status, style="cyan")
    return Panel(lines, title=Text(trip.id, style="bold cyan"), title_align="left", box=box.ROUNDED)


def _has_date_only(trip: Trip) -> bool:
    times = [trip.leaves, trip.returns, *(s.arrive for s in trip.stops), *(s.depart for s in trip.stops)]
    return any(t is not None and t.date_only for t in times)


def date_only_note(catalog: Catalog, trip: Trip, display: DisplayZone) -> Text | None:
    """The line under the itinerary explaining dates without a time, when there are any."""
    if not _has_date_only(trip):
        return None
    official = catalog.officials.get(trip.official)
    if display.fixed(official.home_tz if official else "UTC"):
        return Text("A date without a time: the hour is not known (the date is local at the stop).", style="dim")
    return Text("A date without a time: the hour is not known.", style="dim")


def _home_place(home) -> Text:
    text = Text(home.city, style="bold")
    text.append("\nhome", style="dim")
    return text


def _km(km: float | None) -> Text:
    return Text(f"{km:,.0f}" if km is not None else "?")


NARROW = 72  # below this many columns, stay and distance fold into the place cell
PAGE_MAX = 100  # a wider terminal gets a page this wide: longer lines and emptier tables read worse


def page_width(width: int) -> int:
    """How wide `show` draws on a terminal `width` columns wide."""
    return min(width, PAGE_MAX)


def itinerary(catalog: Catalog, trip: Trip, display: DisplayZone = DisplayZone(), width: int = 80) -> Table:
    official = catalog.officials.get(trip.official)
    home = official.home if official else None
    home_tz = official.home_tz if official else "UTC"
    narrow = width < NARROW
    fixed = display.fixed(home_tz)
    if fixed:
        title = f"Itinerary: times in {display.describe(home.city if home else None, home_tz)}"
    else:
        title = f"Itinerary: local times, {home.city if home else 'UTC'} time beneath"
    # As wide as the panels around it (one page): the place and the times share the room.
    table = Table(box=box.SIMPLE_HEAD, title=Text(title, style="bold"), title_justify="left", expand=True, pad_edge=False)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("Place", min_width=10, ratio=3)
    table.add_column("Arrives", min_width=9, ratio=2)
    table.add_column("Departs", min_width=9, ratio=2)
    if not narrow:
        table.add_column("Stay", no_wrap=True, ratio=1)
        table.add_column("km", justify="right", no_wrap=True, ratio=1)

    def moment(when: When | None) -> Text:
        if when is None:
            return Text("")
        return zoned_text(when, fixed, one_line=False) if fixed else _two_lines(local_text(when), home_text(when, home_tz))

    def row(number: str, place: Text, arrives: Text, departs: Text, stay: Text, km: Text) -> None:
        if not narrow:
            table.add_row(number, place, arrives, departs, stay, km)
            return
        extra = " · ".join(part for part in (f"{km.plain} km" if km.plain else "", stay.plain) if part)
        if extra:
            place.append(f"\n{extra}", style="dim")
        table.add_row(number, place, arrives, departs)

    legs = [km for _a, _b, km in catalog.legs(trip)]
    if home:
        row("", _home_place(home), Text(""), moment(trip.leaves), Text(""), Text(""))
    for number, (stop, km) in enumerate(zip(trip.stops, catalog.distances_to_stops(trip)), start=1):
        note = "(approximate)" if stop.approximate else ""
        place = _place(stop.city, stop.place.country, note)
        if stop.travel is not None:
            place.append(f"\nby {stop.travel.summary()}", style="dim")
        row(str(number), place, moment(stop.arrive), moment(stop.depart), stay_text(stop), _km(km))
    if home and trip.stops:
        place = _home_place(home)
        if trip.travel_home is not None:
            place.append(f"\nby {trip.travel_home.summary()}", style="dim")
        row("", place, moment(trip.returns), Text(""), Text(""), _km(legs[-1]))
    known = [km for km in legs if km is not None]
    if known:
        total = f"{sum(known):,.0f}"
        if narrow:
            table.add_row("", Text(f"total {total} km", style="bold"), Text(""), Text(""))
        else:
            table.add_row("", Text(""), Text(""), Text(""), Text("total", style="dim"), Text(total, style="bold"))
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
    return Panel(Group(*parts), title=Text("Agenda and meetings"), title_align="left", box=box.ROUNDED)


def obligation_panel(catalog: Catalog, trip: Trip, display_tz: str | None = None) -> RenderableType | None:
    if not trip.obligations:
        return None
    body = Text()
    for index, outcome in enumerate(obligation_outcomes(catalog, trip)):
        obligation = outcome.obligation
        if index:
            body.append("\n\n")
        body.append(obligation.what, style="bold")
        moment = obligation.when.aware()
        if moment is not None and display_tz:
            moment = moment.astimezone(zone(display_tz))
        when = moment_text(moment) if moment else day_label_year(obligation.when.day)
        at = f"at {outcome.last.label} (stop {outcome.last.stop + 1}) · " if outcome.at_stop and outcome.last else ""
        body.append(f"\n{at}{obligation.where + ' · ' if obligation.where else ''}{when}")
        body.append(f"\n{outcome_mark(outcome)} {outcome_words(outcome)}", style=outcome_style(outcome))
    return Panel(body, title=Text("Obligations"), title_align="left", box=box.ROUNDED, border_style="magenta")


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
    catalog: Catalog,
    trip: Trip,
    extra: list[RenderableType] | None = None,
    display: DisplayZone = DisplayZone(),
    width: int = 80,
) -> RenderableType:
    """Everything `show` draws, for a terminal `width` columns wide, each part as wide as the page."""
    official = catalog.officials.get(trip.official)
    parts: list[RenderableType] = [header(trip, official), itinerary(catalog, trip, display, page_width(width))]
    fixed = display.for_trip(catalog, trip)
    for part in (date_only_note(catalog, trip, display), agenda(trip), obligation_panel(catalog, trip, fixed), *(extra or []), sources(trip)):
        if part is not None:
            parts.append(part)
    from rich.constrain import Constrain

    return Constrain(Group(*parts), width=page_width(width))  # every part as wide as the others: one page
