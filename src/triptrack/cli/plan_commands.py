"""Commands for planners and reporters: check, timeline, compare, stats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from triptrack.cli import completion
from triptrack.cli.application import app, settings
from triptrack.cli.options import FORCE_OPTION, SAVE_OPTION, TZ_OPTION
from triptrack.core.wording import counted

JSON_OPTION = typer.Option("--json", help="Print JSON for scripts instead of drawing.")


@app.command(
    epilog="Exit status: 0 when nothing is wrong, 1 when a problem is found (or a warning, with --strict). "
    "Examples: triptrack check · triptrack check blinken-final --strict",
)
def check(
    ctx: typer.Context,
    trip_ids: Annotated[
        Optional[list[str]], typer.Argument(metavar="TRIP", help="Trips to check (all when none are given).", autocompletion=completion.trip_ids)
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings (legs and returns at risk) too.")] = False,
    tz: Annotated[str, TZ_OPTION] = "local",
    as_json: Annotated[bool, JSON_OPTION] = False,
) -> None:
    """Find what cannot happen: stops out of order, legs too short to travel, obligations missed."""
    from triptrack.core.checks import check_catalog, failed, load_failure, tally
    from triptrack.core.display_zone import DisplayZone
    from triptrack.datafile import store as storage
    from triptrack.errors import DataFileError

    display = DisplayZone.parse(tz)
    source = settings(ctx).source()
    try:
        catalog = storage.load(source)
    except DataFileError as exc:
        findings, checked = [load_failure(exc)], 0
    else:
        from triptrack.edits.common import find_trip

        for trip_id in trip_ids or []:
            find_trip(catalog, trip_id, source.display)  # an unknown id is an error, named with the file
        if catalog.trips:
            from triptrack.cli.interaction import note_index_build

            note_index_build()
        from triptrack.gazetteer import candidates

        findings = check_catalog(catalog, trip_ids, places=candidates, display=display)
        from triptrack.core.cross_trip import cross_trip_findings

        findings += cross_trip_findings(catalog, trip_ids)  # two trips at once, versions of one journey
        checked = len(trip_ids) if trip_ids else len(catalog.trips)
    if as_json:
        from triptrack.formats.json_doc import dumps

        typer.echo(dumps({"checked": checked, "findings": [f.as_dict() for f in findings]}), nl=False)
    else:
        from triptrack.core.control_chars import visible

        for finding in findings:
            typer.echo(visible(finding.line()))  # (a message may quote a file's bytes: never raw escapes)
        typer.echo(f"checked {counted(checked, 'trip')}: {tally(findings)}", err=True)
    if failed(findings, strict):
        raise typer.Exit(1)


@app.command(epilog="Examples: triptrack timeline blinken-final · triptrack timeline blinken-final --tz UTC")
def timeline(
    ctx: typer.Context,
    trip_id: Annotated[str, typer.Argument(metavar="TRIP", help="The trip's id.", autocompletion=completion.trip_ids)],
    tz: Annotated[str, TZ_OPTION] = "local",
    save: Annotated[Optional[Path], SAVE_OPTION] = None,
    force: Annotated[bool, FORCE_OPTION] = False,
) -> None:
    """The trip day by day: where the official is, travelling as bars, obligations on their day."""
    from triptrack.core.display_zone import DisplayZone
    from triptrack.core.timeline import build
    from triptrack.datafile import store as storage

    display = DisplayZone.parse(tz)
    if save is not None:
        from triptrack.render.recording import save_format

        save_format(save)  # refuse a wrong extension before anything is drawn
    source = settings(ctx).source()
    if save is not None:
        from triptrack.cli.interaction import output_target

        save = output_target(save, source, force, option="--save")  # never the data file, a FIFO, nor a file unasked
    catalog, trip = storage.load_trip(source, trip_id)
    official = catalog.officials.get(trip.official)
    home_tz = official.home_tz if official else "UTC"
    home_city = official.home.city if official and official.home else None
    days = build(catalog, trip, display.day_zone(home_tz))
    from triptrack.render.console import make_console
    from triptrack.render.recording import print_and_save
    from triptrack.render.timeline_view import render_timeline

    drawing = render_timeline(days, display, home_city, home_tz, make_console().width)
    print_and_save(drawing, save, title=f"triptrack timeline {trip.id}")
    if save is not None:
        typer.echo(f"Saved to {save}", err=True)


@app.command(epilog="Examples: triptrack compare blinken-final blinken-final-record · triptrack compare blinken-final · ... --json")
def compare(
    ctx: typer.Context,
    trip_a: Annotated[str, typer.Argument(metavar="TRIP_A", help="The first trip (e.g. the plan).", autocompletion=completion.trip_ids)],
    trip_b: Annotated[
        Optional[str],
        typer.Argument(metavar="TRIP_B", help="The second trip (e.g. the record); default: the other version of TRIP_A's journey (version_of).", autocompletion=completion.trip_ids),
    ] = None,
    tz: Annotated[str, TZ_OPTION] = "local",
    as_json: Annotated[bool, JSON_OPTION] = False,
) -> None:
    """Two trips side by side: stops added, dropped, moved; topics, meetings and obligations that differ."""
    from triptrack.core.compare import compare as compare_trips
    from triptrack.core.compare import comparison_data
    from triptrack.core.display_zone import DisplayZone
    from triptrack.datafile import store as storage
    from triptrack.edits.common import find_trip

    display = DisplayZone.parse(tz)
    source = settings(ctx).source()
    catalog = storage.load(source)
    if trip_b is None:
        from triptrack.core.cross_trip import other_version

        a, b = other_version(catalog, find_trip(catalog, trip_a, source.display))
    else:
        a, b = (find_trip(catalog, trip_id, source.display) for trip_id in (trip_a, trip_b))
    comparison = compare_trips(catalog, a, b)
    if as_json:
        from triptrack.formats.json_doc import dumps

        typer.echo(dumps(comparison_data(comparison)), nl=False)
        return
    from triptrack.render.compare_view import render_comparison
    from triptrack.render.console import make_console

    make_console().print(render_comparison(comparison, display.for_trip(catalog, a)))


def _day(text: str | None, option: str):
    """A day as list --on and calendar --from read it (2025-01-07, or 07/01/2025 with --date-order)."""
    if text is None:
        return None
    from triptrack.core.day_range import parse_day

    return parse_day(text, option)


@app.command(epilog="Examples: triptrack stats · triptrack stats --official blinken --from 2025-01-01 --json")
def stats(
    ctx: typer.Context,
    official: Annotated[Optional[str], typer.Option("--official", metavar="ID", help="Only this official.", autocompletion=completion.official_ids)] = None,
    start: Annotated[
        Optional[str], typer.Option("--from", metavar="DATE", help="Only trips whose first day is on or after DATE.")
    ] = None,
    end: Annotated[
        Optional[str], typer.Option("--to", metavar="DATE", help="Only trips whose first day is on or before DATE.")
    ] = None,
    planned: Annotated[
        bool, typer.Option("--planned", help="Count planned and announced trips too (not only those that happened).")
    ] = False,
    as_json: Annotated[bool, JSON_OPTION] = False,
) -> None:
    """Per official: trips, stops, countries and cities (most visited first), days abroad, distance, longest trip.

    Days abroad: the distinct calendar dates on which the official had a stop outside the home country, every date from a stop's arrival to its departure, as dated at the stop (a date-only record of 6 January in Seoul is 6 January). A trip's days run from its first such date (or its leaving home) to its last (or its return), both included.
    """
    from triptrack.core.stats import PLANNED, TRAVELLED, compute, stats_data
    from triptrack.datafile import store as storage
    from triptrack.errors import InputError

    first, last = _day(start, "--from"), _day(end, "--to")
    if first and last and first > last:
        raise InputError(f"--from {first} is after --to {last}")
    source = settings(ctx).source()
    catalog = storage.load(source)
    results = compute(catalog, official, first, last, planned)
    statuses = TRAVELLED + (PLANNED if planned else ())
    if as_json:
        from triptrack.formats.json_doc import dumps

        typer.echo(dumps(stats_data(results, statuses, first, last)), nl=False)
        return
    from triptrack.render.console import make_console
    from triptrack.render.stats_view import render_stats

    counted = f"Trips counted: status {', '.join(statuses)}"
    counted += "" if planned else " (--planned adds planned and announced trips)"
    if first or last:
        counted += f"; first day from {first or 'any'} to {last or 'any'}"
    console = make_console()
    if not results:
        console.print(f"No trips to count. {counted}.", highlight=False)
        return
    console.print(render_stats(results, counted + "."))
