"""The Console every command draws on, and the formatting of times for people."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:  # imported where times are formatted: make_console() must stay cheap
    from triptrack.core.localtime import When


def make_console(*, stderr: bool = False, record: bool = False) -> Console:
    """A Console built now, so it sees the current width, NO_COLOR and whether
    output is a terminal (a pipe gets plain text, 80 columns unless COLUMNS says)."""
    stream = sys.stderr if stderr else sys.stdout
    return Console(file=stream, record=record, highlight=False, emoji=False)  # ":flag:" in a topic stays text


def day_label(moment) -> str:
    from triptrack.core.localtime import day_words

    return day_words(moment)


def day_label_year(moment) -> str:
    return f"{day_label(moment)} {moment:%Y}"


def local_text(when: When, *, one_line: bool = False) -> Text:
    """'Thu 9 Jan' over '18:00 CET' (or on one line), or 'Mon 6 Jan' for a date-only time."""
    from triptrack.core.localtime import tz_abbrev

    moment = when.aware()
    if moment is None:
        return Text(day_label(when.day))
    return Text(f"{day_label(moment)}{' ' if one_line else chr(10)}{moment:%H:%M} {tz_abbrev(moment)}")


def home_text(when: When, home_tz: str) -> Text:
    """The same moment in the home zone, dimmed: '12:00 EST', with the weekday when it differs.

    Empty for a date-only time (the hour is not known) and for a stop in the home zone.
    """
    from triptrack.core.localtime import tz_abbrev, zone

    moment = when.aware()
    if moment is None or when.tz == home_tz:
        return Text("")
    home = moment.astimezone(zone(home_tz))
    day = f"{home:%a} " if home.date() != moment.date() else ""
    return Text(f"{day}{home:%H:%M} {tz_abbrev(home)}", style="dim")


def zoned_text(when: When, display_tz: str, *, one_line: bool = True) -> Text:
    """The moment shown in `display_tz` ('Thu 9 Jan' over '17:00 UTC'); a date-only time keeps its local date."""
    from triptrack.core.localtime import tz_abbrev, zone

    moment = when.aware()
    if moment is None:
        return Text(day_label(when.day))
    shown = moment.astimezone(zone(display_tz))
    return Text(f"{day_label(shown)}{' ' if one_line else chr(10)}{shown:%H:%M} {tz_abbrev(shown)}")


def moment_text(moment: datetime) -> str:
    from triptrack.core.localtime import tz_abbrev

    return f"{day_label_year(moment)} {moment:%H:%M} {tz_abbrev(moment)}"
