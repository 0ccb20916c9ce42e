"""`triptrack now --watch`: the same drawing, live, redrawn at the start of every minute."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone

from rich.console import Console, RenderableType
from rich.live import Live


def seconds_to_next_minute(moment: datetime) -> float:
    """How long until the clock next shows a new minute (never zero: at :00.0 it is a full minute)."""
    return 60.0 - (moment.second + moment.microsecond / 1_000_000)


def watch_live(
    console: Console,
    draw: Callable[[datetime], RenderableType],
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    sleep: Callable[[float], None] = time.sleep,
    rounds: int | None = None,
) -> int:
    """Redraw `draw(now)` every minute until Ctrl-C (or `rounds` drawings, for tests).
    Returns the number of drawings; Ctrl-C ends it quietly with the screen as it was."""
    drawn = 0
    try:
        with Live(draw(clock()), console=console, auto_refresh=False, transient=False) as live:
            drawn = 1
            while rounds is None or drawn < rounds:
                sleep(seconds_to_next_minute(clock()))
                live.update(draw(clock()), refresh=True)
                drawn += 1
    except KeyboardInterrupt:
        pass
    return drawn
