"""Where triptrack keeps what it can rebuild: the place index, the parsed-file cache.

A module of its own (standard library only) so that reading the folder's name does
not import the gazetteer and its SQLite.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """$TRIPTRACK_CACHE_DIR, else $XDG_CACHE_HOME/triptrack, else ~/.cache/triptrack."""
    base = os.environ.get("TRIPTRACK_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "triptrack"
