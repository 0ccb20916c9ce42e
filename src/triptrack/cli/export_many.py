"""`export --all [filters]`: many trips into one file."""

from __future__ import annotations

import typer

from triptrack.cli.interaction import usage_error


def check_usage(trip_id, every: bool, name: str) -> None:
    """TRIP or --all, not both and not neither (the filters need --all); a format --all writes."""
    from triptrack.formats.many_trips import can_write

    if not can_write(name):
        usage_error(f"--all writes csv, json, ics, geojson or md; the {name} briefing is a page for one trip: give a TRIP")
    if trip_id is not None:
        usage_error(f"give a TRIP or --all, not both ({trip_id!r} and --all or a filter)")
    if not every:
        usage_error("give a TRIP to export, or --all for every trip (--official, --country, --from, --to and --search choose among them)")


def export_many(source, filters: tuple, name: str, target, output, raw: bool) -> None:
    """The trips the filters choose, into one file (`target`, checked) or to stdout."""
    from triptrack.cli.planner_commands import filtered_trips
    from triptrack.datafile import index
    from triptrack.errors import InputError
    from triptrack.formats.many_trips import export_all

    catalog = index.load(source).catalog()
    trips = filtered_trips(catalog, *filters)
    if not trips:
        raise InputError(f"no trips in {source.display} match ({len(catalog.trips)} in all); nothing was written")
    text = export_all(name, catalog, trips, raw=raw)
    if target is None:
        typer.echo(text, nl=False)
        return
    from triptrack.datafile import output_file

    output_file.write(target, text, "-o", output)
    stops = sum(len(trip.stops) for trip in trips)
    typer.echo(f"Wrote {len(trips)} trips ({stops} stops, {name}) to {output}", err=True)
