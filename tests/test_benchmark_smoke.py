"""The benchmark script keeps working: run it at tiny size, once per row (under 20 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


@pytest.mark.benchmark_smoke
def test_the_benchmark_runs_at_tiny_size(tmp_path):
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
    for row in ("`--help`", "`show blinken-final` (sample)", "`list` (sample)", "`add-stop ", "peak memory"):
        assert row in text, row
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) >= 13
    for line in rows:
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[4] in ("pass", "FAIL", "(info)") or cells[4].startswith("not measured"), line
