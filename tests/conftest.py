"""Shared fixtures: an isolated home, a copy of the sample data, and the real CLI.

Every test runs with its own HOME and XDG folders so nothing touches a real user's
data. The gazetteer index is built once per test session in a shared cache folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import Phase, settings
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "trips.yaml"
SHARED = ROOT.parent / "shared"

# Hypothesis: the README's test command (which CI runs) is deterministic: the same examples every
# run, no example database, and no shrinking (a failure is reported as found, in seconds rather
# than minutes). HYPOTHESIS_PROFILE=explore draws fresh examples and shrinks, for hunting bugs.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.register_profile("explore", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PINNED_ENV = {"COLUMNS": "100", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb"}


def _run_folder(tmp_path_factory) -> Path:
    """A folder of this test run's: shared by all workers when they run in parallel (pytest -n)."""
    root = tmp_path_factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


@pytest.fixture(scope="session", autouse=True)
def _gazetteer_cache(tmp_path_factory):
    root = _run_folder(tmp_path_factory)
    cache = Path(os.environ.get("TRIPTRACK_TEST_CACHE") or root / "gazetteer-cache")
    cache.mkdir(exist_ok=True)
    os.environ["TRIPTRACK_CACHE_DIR"] = str(cache)
    import compileall

    from filelock import FileLock

    import triptrack
    from triptrack import gazetteer

    with FileLock(cache.parent / f"{cache.name}.lock"):  # the first worker builds, the others wait
        # Byte-compiled once, as installing does: where Python may not write bytecode
        # (PYTHONDONTWRITEBYTECODE), each triptrack process a test starts would compile it again.
        compileall.compile_dir(Path(triptrack.__file__).parent, quiet=1)
        if not gazetteer.index_ready():  # built before any test, so no test's output depends on running first
            gazetteer.build_index(gazetteer._index_path())
    yield str(cache)


@dataclass
class HistorianImport:
    """One `import historian` of all 34 Secretaries' files: its stdout and seconds, and a copy
    of the file it wrote for each module that asks (`copy`)."""

    made: Path
    stdout: str
    seconds: float

    def copy(self, folder: Path) -> Path:
        path = folder / "history.yaml"
        shutil.copyfile(self.made, path)
        return path


@pytest.fixture(scope="session")
def historian_import(tmp_path_factory, _gazetteer_cache) -> HistorianImport:
    """The import is made once per test run (a few seconds), by the first worker that needs it."""
    import json
    import time

    from filelock import FileLock

    files = historian_files()
    if len(files) != 34:
        pytest.skip("the Office of the Historian data is not in ../shared")
    root = _run_folder(tmp_path_factory)
    folder = root / "historian-import"
    with FileLock(root / "historian-import.lock"):
        if not (folder / "made.json").exists():
            from triptrack.cli import app

            folder.mkdir(exist_ok=True)
            started = time.perf_counter()
            result = CliRunner().invoke(app, ["--data", str(folder / "history.yaml"), "import", "historian", *map(str, files)], env=PINNED_ENV)
            seconds = time.perf_counter() - started
            assert result.exit_code == 0, result.output
            (folder / "made.json").write_text(json.dumps({"stdout": result.stdout, "seconds": seconds}))
    made = json.loads((folder / "made.json").read_text())
    return HistorianImport(folder / "history.yaml", made["stdout"], made["seconds"])


def historian_files() -> list[Path]:
    """The Secretaries' files of the Office of the Historian's record, where ../shared has them."""
    travels = Path(os.environ.get("TRIPTRACK_SHARED", SHARED)) / "data" / "history-state-gov" / "secretary-travels"
    return sorted(travels.glob("*.xml")) if travels.is_dir() else []


@pytest.fixture
def many_trips(data_file) -> Path:
    """The sample with 40 more trips (copies of blinken-final under new ids)."""
    text = data_file.read_text(encoding="utf-8")
    start, end = text.index("  blinken-final:\n"), text.index("  blinken-final-record:\n")
    copies = "".join(text[start:end].replace("  blinken-final:\n", f"  copy-{n}:\n", 1) for n in range(40))
    data_file.write_text(text[:end] + copies + text[end:], encoding="utf-8")
    return data_file


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The ids of the trips parsed (not read from the index), in order."""
    from triptrack.datafile import parsed

    seen: list[str] = []
    real = parsed._parse_trip

    def counting(chunk, piece, officials, shown):
        seen.append(piece.key)
        return real(chunk, piece, officials, shown)

    monkeypatch.setattr(parsed, "_parse_trip", counting)
    return seen


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of this test's own."""
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("TRIPTRACK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))  # the undo journal
    monkeypatch.delenv("TRIPTRACK_STATE_DIR", raising=False)
    monkeypatch.delenv("TRIPTRACK_DATA", raising=False)
    for key, value in PINNED_ENV.items():
        monkeypatch.setenv(key, value)
    yield home


@pytest.fixture
def data_file(tmp_path) -> Path:
    """A fresh copy of the sample data file."""
    path = tmp_path / "trips.yaml"
    shutil.copyfile(SAMPLE, path)
    return path


class Cli:
    """Runs the real Typer app with width and colour pinned."""

    def __init__(self, data: Path | None):
        self.data = data
        self.runner = CliRunner()

    def __call__(self, *args: str, data: Path | None | str = "default", input: str | None = None):
        path = self.data if data == "default" else data
        argv = (["--data", str(path)] if path else []) + list(args)
        return invoke(argv, env=PINNED_ENV, input=input, catch_exceptions=False, runner=self.runner)


def invoke(argv: list[str], env: dict | None = None, runner: CliRunner | None = None, **options):
    """Run the command line `argv` as `triptrack` does: Typer builds only the command named
    (cli.one_command.app_for, held to the whole app by tests/test_fast_cli_layer.py). Building
    every command for each call, as `CliRunner().invoke(app, ...)` does, takes ~80 ms a call."""
    from triptrack.cli import app
    from triptrack.cli.one_command import app_for

    completing = any(name.endswith("_COMPLETE") for name in env or {})
    return (runner or CliRunner()).invoke(app if completing else app_for(app, argv), argv, env=env, **options)


@pytest.fixture
def cli(data_file) -> Cli:
    return Cli(data_file)


@pytest.fixture
def bare_cli() -> Cli:
    """The CLI without --data: the default data file is used."""
    return Cli(None)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_module(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m triptrack ...` in a real subprocess."""
    full_env = {**os.environ, **PINNED_ENV, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "triptrack", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=120,
    )
