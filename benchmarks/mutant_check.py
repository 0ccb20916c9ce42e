"""Does a new test kill these mutants? Apply each, on its own, to a scratch copy and run the tests.

    python benchmarks/mutant_check.py tests/test_mutants_travel.py -- NAME [NAME...]

NAME is a mutant as mutmut names it (`mutmut results` lists them, `mutmut show NAME` prints
the change); mutants/ must hold the run that made it. Each mutant is made with mutmut's own
`apply`, but its output is caught and written to a copy of src/ under a temporary folder, so
the working tree is never changed (a mutation run may be reading it). Prints one line per
mutant, 'killed' or 'SURVIVED', and exits 1 when any survived. This is how the
"killed since, by a new test" column of MUTATION.md is checked.
"""

from __future__ import annotations

import builtins
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def mutated_source(name: str) -> tuple[str, str]:
    """(path relative to the tree, text) of the module with mutant `name` applied."""
    from mutmut.mutation import diff_apply

    caught: dict[str, str] = {}
    real_open = builtins.open

    class Caught(io.StringIO):
        def close(self) -> None:
            caught["text"] = self.getvalue()
            super().close()

    def catching_open(path, mode="r", *args, **kwargs):
        if "w" in mode:
            caught["path"] = str(path)
            return Caught()
        return real_open(path, mode, *args, **kwargs)

    builtins.open = catching_open
    try:
        diff_apply.apply_mutant(name)
    finally:
        builtins.open = real_open
    return caught["path"], caught["text"]


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    tests, names = argv[:split], argv[split + 1 :]
    os.chdir(ROOT)
    survived = 0
    with tempfile.TemporaryDirectory(prefix="mutant-check-") as scratch:
        copy = Path(scratch)
        for folder in ("src", "tests", "data"):
            shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
        env = {**os.environ, "PYTHONPATH": str(copy / "src")}
        for name in names:
            relative, text = mutated_source(name)
            target = copy / relative
            original = target.read_text(encoding="utf-8")
            target.write_text(text, encoding="utf-8")
            try:
                done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                                      cwd=copy, env=env, capture_output=True, text=True)
            finally:
                target.write_text(original, encoding="utf-8")
            survived += done.returncode == 0
            print(f"{'SURVIVED' if done.returncode == 0 else 'killed  '} {name}", flush=True)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
