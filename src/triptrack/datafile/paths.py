"""Every path triptrack uses and every environment variable that moves one, resolved here.

The data file: --data, else $TRIPTRACK_DATA, else $XDG_DATA_HOME/triptrack/trips.yaml
(~/.local/share/...), seeded from the sample shipped with triptrack. What triptrack can
rebuild (the place index, the data files' indexes): $TRIPTRACK_CACHE_DIR, else
$XDG_CACHE_HOME/triptrack (~/.cache/...). Standard library only, so that reading a
folder's name imports nothing else. The edit journal (history, undo): $TRIPTRACK_STATE_DIR,
else $XDG_STATE_HOME/triptrack (~/.local/state/...).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_ENV = "TRIPTRACK_DATA"


def state_dir() -> Path:
    """$TRIPTRACK_STATE_DIR, else $XDG_STATE_HOME/triptrack (if absolute), else ~/.local/state/triptrack:
    where the edit journal (history, undo) is kept."""
    base = os.environ.get("TRIPTRACK_STATE_DIR")
    if base:
        return Path(base)
    xdg = absolute_env("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(xdg) / "triptrack"


def cache_dir() -> Path:
    """$TRIPTRACK_CACHE_DIR, else $XDG_CACHE_HOME/triptrack (if absolute), else ~/.cache/triptrack."""
    base = os.environ.get("TRIPTRACK_CACHE_DIR")
    if base:
        return Path(base)
    xdg = absolute_env("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "triptrack"


def absolute_env(name: str) -> str | None:
    """An XDG base directory from the environment, or None when unset, empty or relative:
    the XDG spec says a relative path there is invalid and must be ignored."""
    value = os.environ.get(name)
    return value if value and os.path.isabs(value) else None


def sample_path() -> Path:
    """The sample data shipped with triptrack (blinken-final and its record)."""
    from importlib.resources import files

    packaged = Path(str(files("triptrack") / "sample" / "trips.yaml"))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "trips.yaml"  # a source checkout


def user_data_path() -> Path:
    base = absolute_env("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "triptrack" / "trips.yaml"


def data_file_choice(explicit: str | None = None) -> tuple[Path, str, Path | None]:
    """(the data file, why that one, the file read instead while it does not exist)."""
    if explicit:
        return Path(explicit), "given with --data", None
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]), f"set by ${DATA_ENV}", None
    return user_data_path(), "the default for this user", sample_path()


@dataclass(frozen=True)
class DataSource:
    """Which data file is in use, and why."""

    path: Path
    reason: str
    seed: Path | None = None  # read instead while `path` does not exist yet

    @property
    def display(self) -> str:
        return str(self.path)


def locate(explicit: str | None = None) -> DataSource:
    """--data PATH, else $TRIPTRACK_DATA, else the user's own file (seeded from the sample)."""
    path, reason, seed = data_file_choice(explicit)
    return DataSource(path, reason, seed)
