"""Commands that bring records in: import historian, import csv."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from triptrack.cli import completion
from triptrack.cli.application import app, settings
from triptrack.core.wording import counted

import_app = typer.Typer(
    name="import",
    help="Add trips from other records: the Office of the Historian's travel XML, or a CSV export.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


@import_app.command(
    "historian",
    epilog="Example: triptrack import historian ../shared/data/history-state-gov/secretary-travels/*.xml",
)
def historian(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="Office of the Historian travels XML files.")],
    gap_days: Annotated[
        int,
        typer.Option("--gap-days", min=0, metavar="N", help="A gap of more than N days between records starts a new journey."),
    ] = 1,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and plan, print the summary, write nothing.")] = False,
) -> None:
    """Import travel records: every record one stop, grouped into journeys (trips) by date.

    Re-importing the same files adds nothing (records are matched by their id). A file that is not valid is refused with its name and line, and nothing is written.
    """
    import time

    from triptrack.cli.interaction import note_index_build
    from triptrack.datafile import store as storage
    from triptrack.importers import historian as reader
    from triptrack.importers.additions import add_to_file
    from triptrack.importers.historian_journeys import plan_import
    from triptrack.render.import_progress import import_progress

    started = time.perf_counter()
    source = settings(ctx).source()
    note_index_build()
    with import_progress("Reading files", "Placing records", "Writing") as steps:
        records = reader.read_files(files, steps["Reading files"])

        def plan_for(catalog):
            planned = plan_import(records, catalog, gap_days, steps["Placing records"])
            steps["Writing"](0, 1)  # then the new file is checked as a whole and written
            return planned

        if dry_run:
            plan, document = plan_for(storage.load(source)), None
        else:
            plan, document = add_to_file(source, plan_for)
        steps["Writing"](1, 1)
    elapsed = time.perf_counter() - started
    repeated = f" ({counted(plan.repeated, 'repeated record id')} read once)" if plan.repeated else ""
    typer.echo(f"Read {counted(plan.records, 'record')} from {counted(len(files), 'file')}{repeated}.")
    if plan.skipped:
        typer.echo(f"Skipped {counted(plan.skipped, 'record')} already in {source.display}.")
    if not plan.trips:
        typer.echo(f"Nothing new to add; {source.display} is unchanged.")
        return
    new_officials = len(plan.officials)
    typer.echo(
        f"{'Would add' if dry_run else 'Added'} {counted(len(plan.trips), 'journey')} "
        f"({counted(plan.stops, 'stop')}) for {counted(plan.travellers, 'traveller')} "
        f"({counted(new_officials, 'new official')})."
    )
    from triptrack.importers.historian_resolver import WHY

    reasons = ", ".join(f"{plan.why[key]:,} {words}" for key, words in WHY.items() if plan.why[key])
    typer.echo(f"Approximate places: {counted(plan.approximate, 'stop')}" + (f": {reasons}." if reasons else "."))
    if plan.historic or plan.moved:
        typer.echo(
            f"Placed where they are today, the record's country in the notes: {plan.historic:,} recorded under "
            f"states that no longer exist, {plan.moved:,} in another country than recorded "
            "(a colony, a successor state, next door)."
        )
    if plan.unplaced:
        shown = ", ".join(
            f"{city} ({country})" + (f" x{count}" if count > 1 else "")
            for (city, country), count in plan.unplaced.most_common(8)
        )
        more = len(plan.unplaced) - 8
        typer.echo(
            f"Not found, placed at the capital: {shown}" + (f" and {counted(more, 'more place')}" if more > 0 else "") + "."
        )
    if document is None:
        typer.echo(f"Nothing written (--dry-run); {elapsed:.1f} s.")
    else:
        typer.echo(f"Wrote {source.display} in {elapsed:.1f} s.")


def _new_official_home(source, official: Optional[str], home: Optional[str], home_country: Optional[str]):
    """The home of an official the import adds: given, or asked for in a terminal (never UTC by default)."""
    from triptrack.cli.interaction import interactive, resolve_place

    if home is None and official is not None and interactive():
        from triptrack.datafile import store as storage

        if official not in storage.read_document(source).catalog.officials:
            home = typer.prompt(f"Home city of the new official {official} (its zone is their trips' home time)")
    return resolve_place(home, home_country, None, None, None, "--home-") if home is not None else None


@import_app.command(
    "csv",
    epilog="Examples: triptrack import csv blinken.csv --trip blinken-copy · "
    "triptrack --data new.yaml import csv blinken.csv --official blinken --title 'Final trip'",
)
def csv_file(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A CSV written by 'export --format csv' (or a spreadsheet's save of it).")],
    trip: Annotated[Optional[str], typer.Option("--trip", metavar="ID", help="The new trip's id (default: the CSV's trip column).")] = None,
    official: Annotated[
        Optional[str],
        typer.Option("--official", metavar="ID", help="Whose trip it is; a new official with this id is added if the file has none. "
                     "Needed unless the data file has exactly one official.", autocompletion=completion.official_ids),
    ] = None,
    title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", help="The trip's title (default: 'Imported from FILE').")] = None,
    status: Annotated[str, typer.Option("--status", metavar="STATUS", help="The trip's status: planned, announced, underway, completed, recorded or cancelled.")] = "planned",
    raw: Annotated[bool, typer.Option("--raw", help="Take cells as they are (for a CSV exported with --raw): no leading apostrophe is removed.")] = False,
    home: Annotated[
        Optional[str],
        typer.Option("--home", metavar="CITY", help="The new official's home city (asked for in a terminal; never UTC by default)."),
    ] = None,
    home_country: Annotated[Optional[str], typer.Option("--home-country", metavar="CC", help="ISO code of the home city's country.")] = None,
) -> None:
    """Import a trip from CSV: one row per stop, times local at each stop."""
    from triptrack.importers import csv_import
    from triptrack.importers.additions import add_to_file

    source = settings(ctx).source()
    home_place = _new_official_home(source, official, home, home_country)
    options = csv_import.CsvOptions(trip, official, title, status, home_place)
    csv_import.check_options(options)
    csv_trips = csv_import.read_trips(file, raw=raw)
    additions, _document = add_to_file(
        source, lambda catalog: csv_import.plan_import(csv_trips, catalog, options, str(file))
    )
    from triptrack.cli.interaction import say_place_notes

    say_place_notes()
    for official_added in additions.officials:
        typer.echo(f"Added official {official_added.id} (name {official_added.name!r}; edit the file to complete it).")
    for trip_added in additions.trips:
        typer.echo(f"Added trip {trip_added.id} ({counted(len(trip_added.stops), 'stop')}) from {file}.")
    typer.echo(f"Wrote {source.display}.")
