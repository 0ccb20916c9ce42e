"""Trips added to a copy of the sample for the planner tests (YAML text, appended under `trips:`)."""

from __future__ import annotations

import textwrap
from pathlib import Path


def add_trips(data_file: Path, yaml_text: str) -> None:
    """Append trips (written at top level as `id: {...}`) under the sample's `trips:` mapping."""
    body = textwrap.indent(textwrap.dedent(yaml_text).strip("\n") + "\n", "  ")
    data_file.write_text(data_file.read_text() + "\n" + body)


PARIS = ("Paris", "FR", "Europe/Paris", 48.853, 2.349)
SYDNEY = ("Sydney", "AU", "Australia/Sydney", -33.868, 151.207)
NEW_YORK = ("New York", "US", "America/New_York", 40.714, -74.006)
BOSTON = ("Boston", "US", "America/New_York", 42.358, -71.06)
KATHMANDU = ("Kathmandu", "NP", "Asia/Kathmandu", 27.702, 85.321)
APIA = ("Apia", "WS", "Pacific/Apia", -13.833, -171.767)


def stop(where: tuple, arrive: str, depart: str | None = None) -> str:
    city, country, tz, lat, lon = where
    lines = [
        f"- city: {city}",
        f"  country: {country}",
        f"  tz: {tz}",
        f"  lat: {lat}",
        f"  lon: {lon}",
        f"  arrive: {arrive}",
    ]
    if depart:
        lines.append(f"  depart: {depart}")
    return "\n".join(lines)


def trip(trip_id: str, *stops: str, status: str = "planned", leaves: str | None = None, returns: str | None = None,
         obligations: str = "", version_of: str | None = "blinken-final") -> str:
    """A trip for Blinken with the given stops (each from `stop()`).

    Most test trips fall within the sample's January 2025 journey; by default they say they
    are versions of it (`version_of`), so that `check` judges them alone rather than as a
    second trip at the same time (tests of the cross-trip checks pass version_of=None).
    """
    lines = [f"{trip_id}:", f"  title: Test trip {trip_id}", "  official: blinken", f"  status: {status}"]
    if version_of:
        lines.append(f"  version_of: {version_of}")
    if leaves:
        lines.append(f"  leaves: {leaves}")
    if returns:
        lines.append(f"  returns: {returns}")
    lines.append("  stops:")
    for text in stops:
        lines.append(textwrap.indent(text, "    "))
    if obligations:
        lines.append("  obligations:")
        lines.append(textwrap.indent(textwrap.dedent(obligations).strip("\n"), "    "))
    return "\n".join(lines) + "\n"
