"""Mutation testing on demand (issue 16): do the tests fail when the code is wrong?

mutmut (configured under [tool.mutmut] in pyproject.toml) makes small changes to the core
modules, one at a time, and runs the tests that reach each changed function; a mutant the
tests do not notice "survived". Slow and CPU-heavy, so it is not part of CI:

    pip install -e '.[test,mutation]'
    python benchmarks/mutation.py                      # every module, one after another
    python benchmarks/mutation.py core/travel core/checks   # some of them
    python benchmarks/mutation.py --report-only        # only rewrite MUTATION.md from mutants/

It runs mutmut with one worker, one module at a time, then writes the table between the
markers in benchmarks/MUTATION.md (the rest of that file is kept as written). Survivors are
listed with their explanation from benchmarks/mutation_explained.toml (an equivalent mutant,
or why it is left), or as "not explained". `mutmut show NAME` prints a mutant's diff.
mutmut keeps its results in mutants/ (ignored by git): a second run re-checks only what
changed; delete mutants/ to start afresh.
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
BEGIN, END = "<!-- begin: written by benchmarks/mutation.py -->", "<!-- end: written by benchmarks/mutation.py -->"

# Module (as the README and the issues name it) -> the source files mutmut mutates for it.
MODULES = {
    "core/travel": ["core/travel.py"],
    "core/localtime": ["core/localtime.py"],
    "core/checks": ["core/checks.py"],
    "core/stats": ["core/stats.py"],
    "datafile/store": ["datafile/store.py"],
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


def score(statuses: Counter) -> tuple[int, int, float | None]:
    """(killed, judged, share killed): timeouts count as killed, unchecked ones as not judged."""
    judged = sum(n for status, n in statuses.items() if status != NOT_CHECKED)
    killed = statuses[KILLED] + statuses[TIMEOUT]
    return killed, judged, (killed / judged if judged else None)


def table(results: dict[str, dict[str, str]], explained: dict[str, str]) -> str:
    lines = [
        f"Latest run: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC · mutmut, one worker, one module at a time.",
        "",
        "| module | mutants | killed | timeout | survived | no tests | not checked | killed of judged |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    total = Counter()
    for module, mutants in results.items():
        statuses = Counter(mutants.values())
        total += statuses
        killed, judged, share = score(statuses)
        lines.append(
            f"| {module} | {len(mutants)} | {statuses[KILLED]} | {statuses[TIMEOUT]} | {statuses[SURVIVED]} | "
            f"{statuses[NO_TESTS]} | {statuses[NOT_CHECKED]} | {'—' if share is None else f'{share:.1%}'} |"
        )
    killed, judged, share = score(total)
    lines.append(
        f"| **all** | {sum(total.values())} | {total[KILLED]} | {total[TIMEOUT]} | {total[SURVIVED]} | "
        f"{total[NO_TESTS]} | {total[NOT_CHECKED]} | {'—' if share is None else f'**{share:.1%}**'} |"
    )
    lines += ["", "Not killed (survived, or no test reaches it), with the reason where one is given:", ""]
    left = [(module, name, status) for module, mutants in results.items() for name, status in mutants.items()
            if status in (SURVIVED, NO_TESTS, "suspicious")]
    if not left:
        lines.append("none")
    for module, name, status in left:
        lines.append(f"- `{name}` ({status}): {explained.get(name, 'not explained')}")
    stale = sorted(set(explained) - {name for mutants in results.values() for name in mutants})
    if stale:
        lines += ["", "Explained in mutation_explained.toml but no longer a mutant (the code moved):", ""]
        lines += [f"- `{name}`" for name in stale]
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
    args = parser.parse_args(argv)
    unknown = [module for module in args.modules if module not in MODULES]
    if unknown:
        parser.error(f"unknown module {unknown[0]!r} (known: {', '.join(MODULES)})")
    if not args.report_only:
        for module in args.modules or MODULES:
            code = run_module(module)
            if code != 0:
                print(f"mutmut exited with status {code} on {module}; its table row may be incomplete", file=sys.stderr)
    import tomllib  # Python 3.11+: a developer tool, not part of the package

    explained = tomllib.loads(EXPLAINED.read_text(encoding="utf-8")) if EXPLAINED.exists() else {}
    text = table(load_results(), {name: str(reason) for name, reason in explained.items()})
    write_results(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
