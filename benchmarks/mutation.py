"""Mutation testing on demand (issue 16): do the tests fail when the code is wrong?

mutmut (configured under [tool.mutmut] in pyproject.toml) makes small changes to the core
modules, one at a time, and runs the tests that reach each changed function; a mutant the
tests do not notice "survived". Slow and CPU-heavy, so it is not part of CI:

    pip install -e '.[test,mutation]'
    python benchmarks/mutation.py                      # every module, one after another
    python benchmarks/mutation.py core/travel core/checks   # some of them
    python benchmarks/mutation.py --report-only        # only rewrite MUTATION.md from mutants/

It runs mutmut with one worker, one module at a time, and after each module records that
module's result in benchmarks/mutation_results.json (mutmut's own cache in mutants/, ignored
by git, forgets a module's results when the tests change before its next run). Then it writes
the table between the markers in benchmarks/MUTATION.md (the rest of that file is kept as
written). Survivors are listed with their explanation from benchmarks/mutation_explained.toml
(an equivalent mutant), or as "not explained". `mutmut show NAME` prints a mutant's diff.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "MUTATION.md"
EXPLAINED = ROOT / "benchmarks" / "mutation_explained.toml"
RECORD = ROOT / "benchmarks" / "mutation_results.json"
BEGIN, END = "<!-- begin: written by benchmarks/mutation.py -->", "<!-- end: written by benchmarks/mutation.py -->"

# Module (as the README and the issues name it) -> the source files mutmut mutates for it.
MODULES = {
    "core/travel": ["core/travel.py"],
    "core/localtime": ["core/localtime.py"],
    "core/checks": ["core/checks.py"],
    "core/stats": ["core/stats.py"],
    "datafile/store": ["datafile/store.py", "datafile/paths.py"],  # paths: sample_path, user_data_path (issue 10)
    "datafile/splice": ["datafile/splice.py"],
    "datafile/spans": ["datafile/spans.py"],
    "importers": ["importers/*"],
    "formats": ["formats/*"],
}

# mutmut's exit codes for a mutant's test run (mutmut.stats.status_by_exit_code).
KILLED, SURVIVED, NO_TESTS, TIMEOUT, NOT_CHECKED = "killed", "survived", "no tests", "timeout", "not checked"
STATUS = {1: KILLED, 3: KILLED, 0: SURVIVED, 5: NO_TESTS, 33: NO_TESTS, 36: TIMEOUT, 24: TIMEOUT, -24: TIMEOUT,
          152: TIMEOUT, 255: TIMEOUT, None: NOT_CHECKED}


def mutant_glob(module: str) -> list[str]:
    """mutmut's names for a module's mutants: triptrack.core.travel.x_route__mutmut_3."""
    return ["triptrack." + path.removesuffix(".py").replace("/", ".") + (".*" if not path.endswith("*") else "")
            for path in MODULES[module]]


def run_module(module: str) -> int:
    env = dict(os.environ)
    # One place index for every mutant's test run, instead of one built per run.
    env.setdefault("TRIPTRACK_TEST_CACHE", str(Path(tempfile.gettempdir()) / "triptrack-mutation-cache"))
    Path(env["TRIPTRACK_TEST_CACHE"]).mkdir(exist_ok=True)
    argv = [sys.executable, "-m", "mutmut", "run", "--max-children", "1", *mutant_glob(module)]
    print(f"== {module}: {' '.join(argv[2:])}", flush=True)
    return subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL).returncode


def module_of(mutant: str) -> str | None:
    dotted = mutant.split(".x_")[0].split(".xǁ")[0]  # the module part of a function or method mutant
    for module, paths in MODULES.items():
        for path in paths:
            stem = "triptrack." + path.removesuffix(".py").replace("/", ".")
            if dotted == stem or (stem.endswith("*") and dotted.startswith(stem[:-1])):
                return module
    return None


def load_results() -> dict[str, dict[str, str]]:
    """{module: {mutant: status}} from mutmut's .meta files in mutants/."""
    out: dict[str, dict[str, str]] = {module: {} for module in MODULES}
    for meta in sorted((ROOT / "mutants" / "src" / "triptrack").rglob("*.py.meta")):
        for mutant, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            module = module_of(mutant)
            if module:
                out[module][mutant] = STATUS.get(code, "suspicious")
    return out


def read_record() -> dict:
    return json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}


def record(module: str, mutants: dict[str, str]) -> None:
    """Keep a module's result: its counts, and the name and status of every mutant not killed.

    A fresh run replaces the module's entry, and with it any `killed_since` list: mutants a
    new test was seen to kill (by applying each with `mutmut apply` to a copy) after the run.
    """
    saved = read_record()
    saved[module] = {
        "run": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        "statuses": dict(sorted(Counter(mutants.values()).items())),
        "not_killed": {name: status for name, status in mutants.items() if status not in (KILLED, TIMEOUT, NOT_CHECKED)},
    }
    RECORD.write_text(json.dumps(dict(sorted(saved.items(), key=lambda kv: list(MODULES).index(kv[0]))), indent=1,
                                 ensure_ascii=False) + "\n", encoding="utf-8")


def score(statuses: Counter) -> tuple[int, int, float | None]:
    """(killed, judged, share killed): timeouts count as killed, unchecked ones as not judged."""
    judged = sum(n for status, n in statuses.items() if status != NOT_CHECKED)
    killed = statuses[KILLED] + statuses[TIMEOUT]
    return killed, judged, (killed / judged if judged else None)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.1%}"


def table(saved: dict, explained: dict[str, str]) -> str:
    lines = [
        "mutmut, one worker, one module at a time; each module's date is its latest run.",
        "",
        "| module | run | mutants | killed | timeout | survived | no tests | not checked | killed of judged "
        "| killed since, by a new test | equivalent | killed of judged, now |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    total = Counter()
    since_total = equivalent_total = 0
    for module in MODULES:
        if module not in saved:
            lines.append(f"| {module} | not yet run | | | | | | | | | | |")
            continue
        statuses = Counter(saved[module]["statuses"])
        total += statuses
        killed, judged, share = score(statuses)
        since = saved[module].get("killed_since", {})
        equivalent = sum(name in explained for name in saved[module]["not_killed"])
        now = (killed + len(since)) / judged if judged else None
        since_total += len(since)
        equivalent_total += equivalent
        lines.append(
            f"| {module} | {saved[module]['run']} | {sum(statuses.values())} | {statuses[KILLED]} | {statuses[TIMEOUT]} | "
            f"{statuses[SURVIVED]} | {statuses[NO_TESTS]} | {statuses[NOT_CHECKED]} | {percent(share)} | {len(since)} | "
            f"{equivalent} | {percent(now)} |"
        )
    killed, judged, share = score(total)
    now = (killed + since_total) / judged if judged else None
    lines.append(
        f"| **all run** | | {sum(total.values())} | {total[KILLED]} | {total[TIMEOUT]} | {total[SURVIVED]} | "
        f"{total[NO_TESTS]} | {total[NOT_CHECKED]} | **{percent(share)}** | {since_total} | {equivalent_total} | "
        f"**{percent(now)}** |"
    )
    lines += ["", "Not killed at the latest run (survived, or no test reaches it), with the reason where one is given:", ""]
    for module in MODULES:
        since = saved.get(module, {}).get("killed_since", {})
        for name, status in saved.get(module, {}).get("not_killed", {}).items():
            why = f"killed since by {since[name]}" if name in since else explained.get(name, "not explained")
            lines.append(f"- `{name}` ({status}): {why}")
    return "\n".join(lines)


def write_results(text: str) -> None:
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else f"# Mutation testing\n\n{BEGIN}\n{END}\n"
    head, _, rest = current.partition(BEGIN)
    _, _, tail = rest.partition(END)
    RESULTS.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"some of: {', '.join(MODULES)} (default: all)")
    parser.add_argument("--report-only", action="store_true", help="do not run mutmut; rewrite MUTATION.md")
    parser.add_argument("--record", action="store_true",
                        help="do not run mutmut; record the given modules' results as they are in mutants/")
    args = parser.parse_args(argv)
    unknown = [module for module in args.modules if module not in MODULES]
    if unknown:
        parser.error(f"unknown module {unknown[0]!r} (known: {', '.join(MODULES)})")
    if args.record:
        found = load_results()
        for module in args.modules:
            record(module, found[module])
    elif not args.report_only:
        for module in args.modules or MODULES:
            code = run_module(module)
            if code != 0:
                print(f"mutmut exited with status {code} on {module}; its table row may be incomplete", file=sys.stderr)
            record(module, load_results()[module])
    import tomllib  # Python 3.11+: a developer tool, not part of the package

    explained = tomllib.loads(EXPLAINED.read_text(encoding="utf-8")) if EXPLAINED.exists() else {}
    text = table(read_record(), {name: str(reason) for name, reason in explained.items()})
    write_results(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
