"""The benchmark script keeps working: run it at tiny size, once per row (under 20 s).

This proves the script runs and that each row's verdict follows from its own figures; it does
not prove triptrack is fast (a tiny run on a shared machine may FAIL a budget): the budgets are
judged by a full run, whose table is benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


@pytest.mark.benchmark_smoke
def test_the_benchmark_runs_at_tiny_size_and_its_verdicts_follow_its_figures(tmp_path):
    table = tmp_path / "table.md"
    # The session's TRIPTRACK_CACHE_DIR stays: the script copies its place index instead of building one.
    env = {k: v for k, v in os.environ.items() if k != "TRIPTRACK_DATA"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--markdown", str(table)],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = table.read_text(encoding="utf-8")
    assert done.stdout.strip() in text and text.startswith("# Benchmark results")
    for row in ("`--help`", "`show blinken-final` (sample)", "`list` (sample)", "after a hand edit of another trip",
                "`list` after a hand edit", "`show` of another trip each run", "`topic add`", "`meeting add`",
                "`stop edit`", "`trip edit`", "`obligation add`", "`add-stop`", "on a new machine", "peak memory"):
        assert row in text, row
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) >= 20
    for line in rows:
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[4] in ("pass", "FAIL", "(info)") or cells[4].startswith("not measured"), line
    all_rows = [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines() if line.startswith("| ")]
    judged = [cells for cells in all_rows if len(cells) == 5 and cells[0] != "what"]  # the memory rows too
    assert len(judged) > len(rows)
    for cells in judged:
        assert_verdict_follows(cells)


def assert_verdict_follows(cells: list[str]) -> None:
    """'pass' exactly when the figure is within the budget ('(info)' when there is none)."""
    what, median, ratio, budget, verdict = cells
    if verdict.startswith("not measured"):
        return
    if budget == "—":
        assert verdict == "(info)", cells
        return
    match = re.fullmatch(r"<= ([\d.]+) (x floor|MiB|s)", budget)
    assert match, cells
    limit, unit = float(match[1]), match[2]
    figure = float((ratio if unit == "x floor" else median).split()[0].replace(",", ""))
    assert figure > 0, cells
    if abs(figure - limit) > 0.01:  # the table rounds: a figure printed at the limit may go either way
        assert verdict == ("pass" if figure <= limit else "FAIL"), cells


def test_a_row_passes_only_within_its_budget(monkeypatch):
    """The verdict itself, on figures made up to sit on each side of a budget (the tiny run
    above usually passes every row, so it cannot tell a verdict that always passes)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("benchmark_run", SCRIPT)
    run = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, run)  # its dataclasses look themselves up there
    spec.loader.exec_module(run)
    over = run.Row("`list`", 1.25, seconds=[0.26, 0.30, 0.13], floors=[0.2, 0.2, 0.1])  # ratios 1.3, 1.5, 1.3
    assert over.cells() == ["`list`", "0.260", "1.30", "<= 1.25 x floor", "FAIL"]
    within = run.Row("`list`", 1.25, seconds=[0.625, 0.5], floors=[0.5, 0.5])  # ratios 1.25, 1.0: median 1.125
    assert within.cells()[2:] == ["1.12", "<= 1.25 x floor", "pass"]
    at_the_limit = run.Row("`show`", 1.5, seconds=[0.75], floors=[0.5])  # exactly 1.5
    assert at_the_limit.cells()[4] == "pass"
    assert run.Row("cold", None, seconds=[2.0], floors=[0.1]).cells()[3:] == ["—", "(info)"]
