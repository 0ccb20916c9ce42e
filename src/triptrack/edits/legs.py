"""Travel typed on the command line (`--travel "air 7h40"`, `--by rail`), checked before anything is written."""

from __future__ import annotations

from triptrack.core.legs import Travel, parse_travel
from triptrack.errors import InputError


def travel_option(travel: str | None, by: str | None = None) -> Travel | None:
    """The Travel given by `--travel TEXT` or `--by MODE` (None when neither); InputError when bad."""
    if travel is not None and by is not None:
        raise InputError("--by and --travel together: --by MODE is short for --travel MODE, give one")
    text, label = (travel, "--travel") if travel is not None else (by, "--by")
    if text is None:
        return None
    try:
        parsed = parse_travel(text)
    except ValueError as exc:
        raise InputError(f"{label} {text!r}: {exc}") from None
    if label == "--by" and parsed.text() != parsed.mode:
        raise InputError(f"--by {text!r}: give only the mode (air, road, rail, sea, helicopter); use --travel for more")
    return parsed
