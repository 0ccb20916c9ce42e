"""How fast triptrack is, as a ratio to the floor every Typer + Rich + PyYAML program pays.

    python benchmarks/run.py [--quick] [--runs N] [--markdown FILE]

Builds its data sets in a temporary folder (see datasets.py), then times each
command as a whole process against the floor (`python -c "import typer,
rich.console, rich.table, yaml"`), floor and command in alternation, and prints a
markdown table: median seconds, the median of the pairwise ratios to the floor,
the budget and whether it is met. The workloads are the ones people make (issue 10):
the file edited by hand between runs, as an editor writes it (one trip retitled, a
different trip each run); another trip shown each run; every edit command; the first
`show` on a new machine (an empty cache folder: no index, no place index); peak
memory; the import of all Historian records, and of ten times as many. The offline
place index is built once, untimed, for the other rows, as on any machine after the
first use. Peak memory is each child's own maximum resident set size (os.wait4).
Standard library only; run it with the Python that has triptrack installed.
triptrack's modules are byte-compiled first, as installing does.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # the sibling module

FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table, yaml"]


def triptrack_command() -> list[str]:
    script = Path(sys.executable).with_name("triptrack")
    return [str(script)] if script.exists() else [sys.executable, "-m", "triptrack"]


@dataclass
class Run:
    seconds: float
    max_rss_kib: int


def run_once(argv: list[str], env: dict) -> Run:
    """Run `argv` to completion; wall time and the child's own peak RSS. Fails loudly on errors."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stderr.close()
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[-6:])} exited {child.returncode}: {stderr.decode()[-400:]}")
    return Run(elapsed, usage.ru_maxrss)


@dataclass
class Row:
    what: str
    budget: float | None  # ratio to the floor; None: no budget (information)
    seconds: list[float] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def ratio(self) -> float:
        return statistics.median(s / f for s, f in zip(self.seconds, self.floors))

    def cells(self) -> list[str]:
        if self.budget is None:
            budget, verdict = "—", "(info)"
        else:
            budget = f"<= {self.budget:g} x floor"
            verdict = "pass" if round(self.ratio, 2) <= self.budget else "FAIL"  # as printed
        return [self.what, f"{self.median:.3f}", f"{self.ratio:.2f}", budget, verdict]


def measure(what: str, argv, env: dict, runs: int, budget: float | None, before_each=None) -> Row:
    """A warm-up run (none for a single timed run: --quick), then `runs` pairs of (floor,
    command) in alternation.

    `argv` is a list, or a function of the run's number (0 is the warm-up) giving one.
    """
    argv_for = argv if callable(argv) else (lambda _number: argv)
    row = Row(what, budget)
    if runs > 1:
        if before_each:
            before_each()
        run_once(argv_for(0), env)
    for number in range(1, runs + 1):
        row.floors.append(run_once(FLOOR, env).seconds)
        if before_each:
            before_each()
        done = run_once(argv_for(number), env)
        row.seconds.append(done.seconds)
        row.rss_kib.append(done.max_rss_kib)
    return row


def trips_in(path: Path) -> list[tuple[str, str]]:
    """(id, first arrival date) of every trip, in file order."""
    found: list[tuple[str, str]] = []
    in_trips = False
    for line in path.open(encoding="utf-8"):
        if not line.startswith((" ", "#", "\n")):
            in_trips = line.startswith("trips:")
        match = datasets._TRIP_KEY.match(line) if in_trips else None
        if match:
            found.append((match.group(1), ""))
        elif found and not found[-1][1] and line.strip().startswith("arrive:"):
            found[-1] = (found[-1][0], line.split(":", 1)[1].strip()[:10])
    return found


def machine() -> str:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next((ln.split(":", 1)[1].strip() for ln in handle if ln.startswith("model name")), "")
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC · {os.cpu_count()} CPUs ({model or platform.machine()})"
            f" · Python {platform.python_version()} · load average {load:.2f} at the start")


def markdown(rows: list[Row], extra: list[list[str]]) -> str:
    lines = ["| what | median s | x floor | budget | result |", "|---|---:|---:|---|---|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    lines += ["| " + " | ".join(cells) + " |" for cells in extra]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny data sets, one run each (a smoke test)")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per row (default 9; 1 with --quick)")
    parser.add_argument("--markdown", metavar="FILE", help="also write the result (with the machine line) here")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 9)
    work = Path(tempfile.mkdtemp(prefix="triptrack-bench-"))
    try:
        text = run_all(triptrack_command(), work, runs, args.quick)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(RESULTS_HEAD + text + "\n" + RESULTS_NOTES, encoding="utf-8")
    return 0


RESULTS_HEAD = """# Benchmark results

The latest run of `python benchmarks/run.py --markdown benchmarks/RESULTS.md` (issues 6 and
10: budgets as ratios to the start-up floor, `python -c "import typer, rich.console,
rich.table, yaml"`, measured beside each command in alternation).

"""

RESULTS_NOTES = """
How to read it:

- *median s* is the median wall time of the runs; *x floor* is the median of the
  ratios run by run (command time / the floor run just before it), which is what the
  budgets are about: the absolute times move with the machine's load.
- *after a hand edit*: before each timed run the data file is changed as an editor
  saves it (one trip's title rewritten in place, a different trip each run), so the
  index parses that trip again (the index held every trip before: `list` ran once).
  *another trip each run*: `show` of a different trip each time. Edit commands run one
  after another on the same file (each leaves the index current for the next). *first `show` on a new machine*: an empty cache folder
  each run (no index, no place index; `show` waits for neither, and in a large file
  parses only the trip it shows).
- Peak memory is the largest maximum resident set size of any process in the rows of
  the large file, the first-use runs included.
- triptrack's modules are byte-compiled before the runs, as a package installation
  does.
"""


def run_all(tt: list[str], work: Path, runs: int, quick: bool) -> str:
    header = machine()
    home = work / "home"
    home.mkdir()
    base_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TRIPTRACK_", "XDG_", "FORCE_COLOR", "PYTHONTZPATH"))},
        "HOME": str(home), "COLUMNS": "100", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb",
    }
    cache = work / "cache"  # the place index is built once here
    env = {**base_env, "TRIPTRACK_CACHE_DIR": str(cache)}
    seed_place_index(cache)
    compile_package()

    sets = datasets.write_sets(work / "data", tt, env, quick=quick)
    stops = {name: datasets.count_stops(sets[name]) for name in ("historian", "tenfold")}
    rows: list[Row] = []
    extra: list[list[str]] = []
    filled: dict[str, Run] = {}  # the `list` that parsed every trip into each file's index

    sample = ["--data", str(sets["sample"])]
    run_once([*tt, *sample, "show", "blinken-final"], env)
    rows.append(measure("`--help`", [*tt, "--help"], env, runs, 1.25))
    rows.append(measure("`show blinken-final` (sample)", [*tt, *sample, "show", "blinken-final"], env, runs, 1.25))
    rows.append(measure("`list` (sample)", [*tt, *sample, "list"], env, runs, 1.25))

    budgets = {"historian": (1.5, 1.5, 1.5, 2.0, 3.0), "tenfold": (2.0, 3.0, 2.0, 3.0, 10.0)}
    for name, (show_b, list_b, other_b, edit_b, cold_b) in budgets.items():
        label = f"{stops[name]:,} stops"
        target = work / f"{name}-working.yaml"
        shutil.copyfile(sets[name], target)
        data = ["--data", str(target)]
        trips = trips_in(target)
        picked = trips[len(trips) // 3 :: max(1, len(trips) // 60)]
        shown, day = trips[len(trips) // 2]
        retitle = HandEdit(target, [t for t, _d in picked if t != shown])
        # Every trip in the index, as after any `list`, `check` or edit (a first `show` of a
        # large file parses only its trip: the rows below would then not parse the trip edited).
        filled[name] = run_once([*tt, *data, "list"], env)
        first = len(rows)
        rows.append(measure(f"`show {shown}` after a hand edit of another trip ({label})",
                            [*tt, *data, "show", shown], env, runs, show_b, before_each=retitle))
        rows.append(measure(f"`list` after a hand edit of one trip ({label})", [*tt, *data, "list"], env, runs,
                            list_b, before_each=retitle))
        rows.append(measure(f"`show` of another trip each run ({label})",
                            lambda n, o=picked: [*tt, *data, "show", o[n % len(o)][0]], env, runs, other_b))
        for what, argv in edit_commands(shown, day, quick):
            rows.append(measure(f"`{what}` ({label})", lambda n, a=argv: [*tt, *data, *a(n)], env, runs, edit_b))
        cold_cache = work / "cold-cache"
        cold_env = {**base_env, "TRIPTRACK_CACHE_DIR": str(cold_cache)}
        rows.append(measure(f"first `show {shown}` on a new machine: empty cache ({label})",
                            [*tt, *data, "show", shown], cold_env, max(1, min(runs, 3)), cold_b,
                            before_each=lambda c=cold_cache: shutil.rmtree(c, ignore_errors=True)))
        if name == "tenfold":  # (the `list` that filled the index included)
            peak = max(filled[name].max_rss_kib, *(kib for row in rows[first:] for kib in row.rss_kib)) / 1024
            extra.append([f"peak memory ({label}), every row above", f"{peak:.0f} MiB", "—", "<= 200 MiB",
                          "pass" if peak <= 200 else "FAIL"])
    extra += import_rows(tt, sets, work, env, stops, quick)
    note = (f"Data: {sets['how']} ({stops['historian']:,} stops; ten times: {stops['tenfold']:,}). "
            f"{runs} timed run(s) per row (3 for a first use), floor and command alternated. "
            f"The `list` that first parsed every trip took {filled['historian'].seconds:.2f} s "
            f"({stops['historian']:,} stops) and {filled['tenfold'].seconds:.2f} s ({stops['tenfold']:,}).")
    return f"{header}\n\n{note}\n\n{markdown(rows, extra)}"


class HandEdit:
    """Before each run: one trip's title rewritten in the file as an editor saves it (a new
    file written in place), a different trip each time."""

    def __init__(self, path: Path, trip_ids: list[str]):
        self.path, self.trip_ids, self.count = path, trip_ids, 0

    def __call__(self) -> None:
        import re

        trip_id = self.trip_ids[self.count % len(self.trip_ids)]
        self.count += 1
        text = self.path.read_text(encoding="utf-8")
        at = text.index(f"\n  {trip_id}:\n") + 1
        title = re.compile(r"^    title: .*$", re.MULTILINE).search(text, at)
        edited = text[: title.start()] + f"    title: Retitled by hand {self.count}" + text[title.end() :]
        self.path.write_text(edited, encoding="utf-8")


def edit_commands(trip: str, day: str, quick: bool) -> list[tuple[str, object]]:
    """(label, argv of run n) of each edit command the budgets name."""
    place = ["--country", "IT", "--tz", "Europe/Rome", "--lat", "41.9", "--lon", "12.5"]
    return [
        ("topic add", lambda n: ["topic", "add", trip, "1", f"Topic {n}"]),
        ("meeting add", lambda n: ["meeting", "add", trip, "1", f"Meeting {n}"]),
        ("stop edit", lambda n: ["stop", "edit", trip, "1", "--notes", f"Notes {n}"]),
        ("trip edit", lambda n: ["trip", "edit", trip, "--title", f"Title {n}"]),
        ("obligation add", lambda n: ["obligation", "add", trip, f"Duty {n}", "--when", f"{day} 09:00"]),
        ("add-stop", lambda n: ["add-stop", trip, f"Rome {n}", *place, "--arrive", day]),
    ]


def compile_package() -> None:
    """Byte-compile triptrack's modules, as installing a package does. (Where Python may
    not write bytecode, PYTHONDONTWRITEBYTECODE=1, every run would otherwise compile them
    again, while the floor's modules come compiled from their installation.)"""
    import compileall
    from importlib.util import find_spec

    for folder in find_spec("triptrack").submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def seed_place_index(cache: Path) -> None:
    """Copy the caller's offline place index, if it has one, so it is not built again here."""
    from triptrack.datafile.paths import cache_dir

    cache.mkdir(parents=True, exist_ok=True)
    for index in cache_dir().glob("gazetteer-*.sqlite"):
        shutil.copyfile(index, cache / index.name)


def import_rows(tt, sets: dict, work: Path, env: dict, stops: dict, quick: bool) -> list[list[str]]:
    if "import_seconds" not in sets:
        reason = "--quick" if quick else "no `import historian` command or no Historian XML: synthetic data used"
        return [["`import historian` (all records)", "—", "—", "<= 10 s", f"not measured: {reason}"]]
    rows = [[f"`import historian`, all {stops['historian']:,} records", f"{sets['import_seconds']:.2f}", "—",
             "<= 10 s", "pass" if sets["import_seconds"] <= 10 else "FAIL"]]
    files = datasets.historian_xml_times_ten(work / "xml-times-ten")
    seconds = datasets.historian_import(tt, work / "imported-times-ten.yaml", env, files)
    if seconds is not None:
        rows.append(["`import historian`, ten times the records", f"{seconds:.2f}", "—", "<= 60 s",
                     "pass" if seconds <= 60 else "FAIL"])
    return rows


if __name__ == "__main__":
    sys.exit(main())
