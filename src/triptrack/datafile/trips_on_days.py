"""Only the trips that touch some days: what `now`, `calendar` and `list --on` read.

These commands ask about a few days across every trip, so they read each trip's
summary (id, official, first and last day: no stops) and load in full only the
trips whose days come near the range, the same way `list` reads the file. This is
the one place they touch the data path.
"""

from __future__ import annotations

import difflib
from datetime import date, timedelta
from typing import TYPE_CHECKING

from triptrack.errors import NotFoundError

if TYPE_CHECKING:
    from triptrack.core.model import Catalog, Trip
    from triptrack.datafile.paths import DataSource


def check_officials(known, wanted: list[str]) -> None:
    """NotFoundError naming the first id in `wanted` that is not an official, with close names."""
    for official in wanted:
        if official in known:
            continue
        close = difflib.get_close_matches(official, list(known), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else f" (known: {', '.join(sorted(known)[:10]) or 'none'})"
        raise NotFoundError(f"--official: no official {official!r}{hint}")


def load_trips_on_days(
    source: DataSource, first: date, last: date, officials: list[str] | None = None, *, slack: timedelta = timedelta(days=1)
) -> tuple[Catalog, list[Trip]]:
    """Every official, and in full the trips of `officials` (all when empty) whose days,
    widened by `slack` each side (stops' dates are local), meet first..last."""
    from triptrack.core.model import Catalog
    from triptrack.datafile import index

    parsed = index.load(source)
    known = dict(parsed.officials)
    check_officials(known, officials or [])
    chosen = set(officials or ())
    trips = []
    for summary in parsed.summaries():
        if chosen and summary.official not in chosen:
            continue
        if summary.first_day is None or summary.last_day is None:
            continue
        if summary.last_day + slack < first or summary.first_day - slack > last:
            continue
        trip = parsed.trip(summary.id)
        if trip is not None:
            trips.append(trip)
    return Catalog(officials=known, trips={t.id: t for t in trips}), trips
