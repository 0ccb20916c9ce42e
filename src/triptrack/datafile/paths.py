"""Where triptrack keeps what it can rebuild: the place index, the parsed-file cache.

A module of its own (standard library only) so that reading the folder's name does
not import the gazetteer and its SQLite.
"""

from __future__ import annotations

import os
from pathlib import Path


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
