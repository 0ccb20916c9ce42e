"""A progress bar on stderr while an import works (only when stderr is a terminal)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

Step = Callable[[int, int], None]


@contextmanager
def import_progress(*phases: str, enabled: bool | None = None) -> Iterator[dict[str, Step]]:
    """Yields {phase: step(done, total)}; a bar per phase when stderr is a terminal, else no-ops."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield {phase: (lambda done, total: None) for phase in phases}
        return
    progress = Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=False,
    )
    tasks: dict[str, int] = {}

    def stepper(phase: str) -> Step:
        def step(done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = progress.add_task(phase, total=total)
            progress.update(tasks[phase], completed=done, total=total)

        return step

    with progress:
        yield {phase: stepper(phase) for phase in phases}
