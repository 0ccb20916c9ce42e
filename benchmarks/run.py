"""How fast triptrack is, as a ratio to the floor every Typer + Rich + PyYAML program pays.

    python benchmarks/run.py [--quick] [--runs N] [--markdown FILE]

Builds its data sets in a temporary folder (see datasets.py), then times each
command as a whole process against the floor (`python -c "import typer,
rich.console, rich.table, yaml"`), floor and command in alternation, and prints a
markdown table: median seconds, the median of the pairwise ratios to the floor,
the budget and whether it is met. Warm runs: one untimed run first fills the
caches; rows marked "cold" are the first run on an empty cache folder, rows marked
"drawn" miss the output cache (another trip each run, or the list right after an
edit) but use the parsed-file cache. The offline place index is built once, untimed, as
on any machine after the first use. Peak memory is each child's own maximum
resident set size (os.wait4). Standard library only; run it with the Python that
has triptrack installed. triptrack's modules are byte-compiled first, as installing
does.
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
            verdict = "pass" if self.ratio <= self.budget else "FAIL"
        return [self.what, f"{self.median:.3f}", f"{self.ratio:.2f}", budget, verdict]


def measure(what: str, argv, env: dict, runs: int, budget: float | None, before_each=None) -> Row:
    """A warm-up run, then `runs` pairs of (floor, command) in alternation.

    `argv` is a list, or a function of the run's number (0 is the warm-up) giving one.
    """
    argv_for = argv if callable(argv) else (lambda _number: argv)
    row = Row(what, budget)
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


def once(what: str, argv: list[str], env: dict, before=None) -> Row:
    """One run beside one floor run (for what cannot be repeated cheaply)."""
    if before:
        before()
    floor = run_once(FLOOR, env)
    done = run_once(argv, env)
    return Row(what, None, [done.seconds], [floor.seconds], [done.max_rss_kib])


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


def hash_speeds(path: Path) -> str:
    """In-process speed of the hashes hashlib offers here, on the ten-times file's bytes."""
    import hashlib
    import zlib

    raw = path.read_bytes()
    lines = ["| hash (in-process) | MB/s on the ten-times file |", "|---|---:|"]
    names = ["sha256", "sha1", "sha512", "md5", "blake2b", "blake2s", "sha3_256"]
    for name in [n for n in names if n in hashlib.algorithms_available]:
        best = min(_timed(lambda n=name: hashlib.new(n, raw).digest()) for _ in range(5))
        lines.append(f"| {name} | {len(raw) / best / 1e6:,.0f} |")
    best = min(_timed(lambda: zlib.crc32(raw)) for _ in range(5))
    lines.append(f"| crc32 (not a hash for this: for comparison) | {len(raw) / best / 1e6:,.0f} |")
    return "\n".join(lines)


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


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

The latest run of `python benchmarks/run.py --markdown benchmarks/RESULTS.md` (issue 6:
budgets as ratios to the start-up floor, `python -c "import typer, rich.console,
rich.table, yaml"`, measured beside each command in alternation).

"""

RESULTS_NOTES = """
How to read it:

- *median s* is the median wall time of the runs; *x floor* is the median of the
  ratios run by run (command time / the floor run just before it), which is what the
  budgets are about: the absolute times move with the machine's load.
- Unmarked rows are warm: one untimed run first fills the parsed-file cache and the
  stored drawing, as the first use after any change does. *drawn* rows use the parsed
  cache but draw again (another trip each run; `list` right after an edit, where only
  the changed rows are drawn). *cold* rows start from an empty cache folder: parse,
  check, fill the cache, draw. The offline place index is built once beforehand.
- A ratio below 1 is real: a stored drawing is printed without importing PyYAML or
  Rich's table module, which the floor imports.
- Peak memory is each process's own maximum resident set size.
- triptrack's modules are byte-compiled before the runs, as a package installation
  does (this machine sets PYTHONDONTWRITEBYTECODE=1; without bytecode each command also
  compiles its modules, about +0.1-0.15 x floor).
- The hash table is in-process throughput on this machine, the reason the cache hashes
  small files with BLAKE2b (importing hashlib's OpenSSL costs 2-3 ms) and large ones
  with SHA-256 (the CPU's SHA instructions).
"""


def run_all(tt: list[str], work: Path, runs: int, quick: bool) -> str:
    header = machine()
    home = work / "home"
    home.mkdir()
    base_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TRIPTRACK_", "XDG_", "FORCE_COLOR"))},
        "HOME": str(home), "COLUMNS": "100", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb",
    }

    cache = work / "cache"  # one folder: the place index is built once; "cold" empties cache/parsed
    env = {**base_env, "TRIPTRACK_CACHE_DIR": str(cache)}
    seed_place_index(cache)
    compile_package()

    sets = datasets.write_sets(work / "data", tt, env, quick=quick)
    stops = {name: datasets.count_stops(sets[name]) for name in ("historian", "tenfold")}
    rows: list[Row] = []
    extra: list[list[str]] = []

    sample = ["--data", str(sets["sample"])]
    run_once([*tt, *sample, "show", "blinken-final"], env)  # untimed: builds the place index (once per machine)
    rows.append(measure("`--help`", [*tt, "--help"], env, runs, 1.25))
    rows.append(measure("`show blinken-final` (sample)", [*tt, *sample, "show", "blinken-final"], env, runs, 1.25))
    rows.append(measure("`list` (sample)", [*tt, *sample, "list"], env, runs, 1.25))

    for name, list_budget, show_budget in (("historian", 1.5, 1.5), ("tenfold", 3.0, 2.0)):
        label = f"{stops[name]:,} stops"
        data = ["--data", str(sets[name])]
        trips = trips_in(sets[name])
        trip, day = trips[len(trips) // 2]

        def empty_cache() -> None:
            shutil.rmtree(cache / "parsed", ignore_errors=True)

        cold_list = once(f"`list` ({label}), cold: empty cache", [*tt, *data, "list"], env, before=empty_cache)
        cold_show = once(f"`show {trip}` ({label}), cold", [*tt, *data, "show", trip], env, before=empty_cache)
        warm_list = measure(f"`list` ({label})", [*tt, *data, "list"], env, runs, list_budget)
        warm_show = measure(f"`show {trip}` ({label})", [*tt, *data, "show", trip], env, runs, show_budget)
        rows += [warm_list, warm_show]
        if name == "historian":
            rows.append(add_stop_row(tt, sets[name], work, env, runs, trip, day, label, quick))
        drawn_show = None
        if not (quick and name == "tenfold"):  # --quick: each kind of row once is enough
            others = trips[len(trips) // 3 :: max(1, len(trips) // 50)]
            drawn_show = measure(f"`show` another trip each run ({label}), drawn",
                                 lambda n, o=others, d=data: [*tt, *d, "show", o[n % len(o)][0]], env, runs, None)
            rows.append(drawn_show)
        rows += [cold_list, cold_show]
        if name == "tenfold":
            drawn_rss = drawn_show.rss_kib if drawn_show else []
            peak = max(warm_list.rss_kib + warm_show.rss_kib + drawn_rss) / 1024
            peak_cold = max(cold_list.rss_kib + cold_show.rss_kib) / 1024
            extra.append([f"peak memory ({label}), warm `list`/`show`", f"{peak:.0f} MiB", "—", "<= 200 MiB",
                          "pass" if peak <= 200 else "FAIL"])
            extra.append([f"peak memory ({label}), cold (parsing and filling the cache)", f"{peak_cold:.0f} MiB",
                          "—", "—", "(info)"])
        if not (quick and name == "tenfold"):
            rows.append(list_after_edit_row(tt, sets[name], work, env, trip, day, label, quick))
    extra += import_rows(tt, sets, work, env, stops, quick)
    note = (f"Data: {sets['how']} ({stops['historian']:,} stops; ten times: {stops['tenfold']:,}). "
            f"{runs} timed run(s) per row, floor and command alternated; warm caches unless marked.")
    hashes = "" if quick else "\n\n" + hash_speeds(sets["tenfold"])
    return f"{header}\n\n{note}\n\n{markdown(rows, extra)}{hashes}"


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


def _add_stop_argv(tt, data: list[str], trip: str, day: str, quick: bool) -> list[str]:
    place = ["--country", "IT"]
    if quick:  # no gazetteer index to build: the place is given in full
        place += ["--tz", "Europe/Rome", "--lat", "41.9", "--lon", "12.5"]
    return [*tt, *data, "add-stop", trip, "Rome", *place, "--arrive", day]


def add_stop_row(tt, data_file: Path, work: Path, env: dict, runs: int, trip: str, day: str, label: str,
                 quick: bool) -> Row:
    """add-stop on a fresh copy of the file each run (the cache warmed for it by an untimed `show`;
    --json, which always reads the parsed file, where a plain `show` may print a stored drawing)."""
    pristine = work / "add-stop-pristine.yaml"
    shutil.copyfile(data_file, pristine)
    target = work / "add-stop.yaml"
    data = ["--data", str(target)]

    def fresh_copy() -> None:
        shutil.copyfile(pristine, target)
        run_once([*tt, *data, "show", trip, "--json"], env)

    argv = _add_stop_argv(tt, data, trip, day, quick)
    return measure(f"`add-stop {trip} Rome` ({label})", argv, env, runs, 3.0, before_each=fresh_copy)


def list_after_edit_row(tt, data_file: Path, work: Path, env: dict, trip: str, day: str, label: str,
                        quick: bool) -> Row:
    """`list` right after an add-stop: the data changed, so the table is drawn again (once)."""
    target = work / f"edited-{data_file.name}"
    shutil.copyfile(data_file, target)
    data = ["--data", str(target)]

    def edit() -> None:
        run_once([*tt, *data, "list"], env)
        run_once(_add_stop_argv(tt, data, trip, day, quick), env)

    return once(f"`list` right after `add-stop` ({label}), drawn", [*tt, *data, "list"], env, before=edit)


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
