"""The findings of `triptrack check`, as a panel under a trip in `show`."""

from __future__ import annotations

from rich import box
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from triptrack.core.checks import PROBLEM, Finding, tally


def findings_panel(findings: list[Finding]) -> Panel | None:
    """One line per finding: ✗ for a problem, ! for a warning; None when there are none."""
    if not findings:
        return None
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for finding in findings:
        problem = finding.severity == PROBLEM
        mark = Text("✗" if problem else "!", style="bold red" if problem else "yellow")
        body = Text()
        if finding.stops:
            body.append(finding.where, style="bold")
            body.append(": ")
        body.append(finding.message)
        grid.add_row(mark, body)
    border = "red" if any(f.severity == PROBLEM for f in findings) else "yellow"
    return Panel(grid, title=Text(f"Check: {tally(findings)}"), title_align="left", box=box.ROUNDED, border_style=border)
