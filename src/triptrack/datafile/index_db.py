"""The SQLite file behind a data file's index, and what makes a stored value trustworthy.

One file per data file (`cache_dir()/index/<hash of its real path>.sqlite`), with a table
of pieces: key -> (official, home zone, summary, value); `layouts` and `summaries`, one
row each, for the version read last (datafile.index_rows). A key is the BLAKE2b hash of
the piece's bytes, keyed with `environment()`: everything else a parsed value depends on
(this format, Python, triptrack's code, PyYAML, the zone data). A value is stored with its
digest and unpickled only when the digest matches, by an unpickler that builds only
triptrack's model and dates. The file is opened only when it is a regular file of the
user's own: a link, FIFO, folder or device in its place is removed, never followed or
waited on; a damaged one (any SQLite error) is removed and built again.
"""

from __future__ import annotations

import io
import os
import pickle
import stat
import sys
from pathlib import Path

from triptrack.datafile.paths import cache_dir

try:
    from _blake2 import blake2b  # CPython's own BLAKE2: no OpenSSL start-up
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

SCHEMA_VERSION = 2  # PRAGMA user_version of the SQLite file
KEY_SIZE = 20  # bytes of a piece's key
_PACKAGE = Path(__file__).resolve().parents[1]
_SAFE_GLOBALS = {("datetime", name) for name in ("date", "time", "datetime", "timedelta", "timezone")}


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def code_stamp() -> list:
    """Size and mtime of every triptrack source file."""
    found = []
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith((".", "__")))
        found += [(folder, name, _stat(os.path.join(folder, name))) for name in sorted(names) if name.endswith(".py")]
    return found


def yaml_stamp() -> list:
    """PyYAML's installation: its package files (a new version or the C loader changes them)."""
    from importlib.util import find_spec

    spec = find_spec("yaml")
    folder = os.path.dirname(spec.origin) if spec and spec.origin else ""
    names = sorted(os.listdir(folder)) if folder else []
    return [(folder, name, _stat(os.path.join(folder, name))) for name in names if name.endswith((".py", ".so", ".pyd"))]


def zone_stamp() -> list:
    """The time-zone data: PYTHONTZPATH, each zone folder's version file, the tzdata package."""
    import zoneinfo
    from importlib.util import find_spec

    spec = find_spec("tzdata")
    package = spec.origin if spec is not None and spec.origin else "absent"
    zi = os.path.join(os.path.dirname(package), "zoneinfo", "tzdata.zi") if spec is not None else ""
    folders = [(folder, _stat(os.path.join(folder, "tzdata.zi"))) for folder in zoneinfo.TZPATH]
    return [os.environ.get("PYTHONTZPATH", ""), folders, package, _stat(package), _stat(zi)]


def environment() -> bytes:
    """Everything a parsed value depends on besides the bytes parsed (part of every key)."""
    inputs = (SCHEMA_VERSION, sys.version, code_stamp(), yaml_stamp(), zone_stamp())
    return blake2b(repr(inputs).encode("utf-8", "surrogateescape"), digest_size=32).digest()


def piece_key(environment: bytes, kind: str, raw: bytes | memoryview) -> bytes:
    """The key of a piece of this kind with these bytes, under this environment (BLAKE2b keyed
    with the environment's digest, personalised with the kind: one call per piece)."""
    return blake2b(raw, digest_size=KEY_SIZE, key=environment, person=kind.encode()).digest()


class _ModelUnpickler(pickle.Unpickler):
    """Builds only triptrack's model classes and dates: never a function, never a module's code."""

    def find_class(self, module: str, name: str):
        if module.startswith("triptrack.core.") or (module, name) in _SAFE_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the model")


def _pack(value) -> bytes:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return blake2b(data, digest_size=16).digest() + data


def _unpack(stored: bytes):
    """The value, once its digest matched; Damaged otherwise."""
    digest, data = stored[:16], stored[16:]
    if blake2b(data, digest_size=16).digest() != digest:
        raise Damaged("a value does not match its digest")
    try:
        return _ModelUnpickler(io.BytesIO(data)).load()
    except Exception as exc:
        raise Damaged(str(exc)) from None


class Damaged(Exception):
    """The index file cannot be trusted: removed, and the file parsed again."""


# --- the SQLite file ----------------------------------------------------------------------


def index_path(data_path: Path) -> Path | None:
    folder = cache_dir()
    if not folder.is_absolute():
        return None
    name = blake2b(os.path.realpath(data_path).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return folder / "index" / f"{name}.sqlite"


def _own_regular(path: Path) -> bool | None:
    """True: a regular file of ours; False: something else is there; None: nothing is."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and (not hasattr(os, "getuid") or st.st_uid == os.getuid())


def _remove(path: Path) -> None:
    """Clear what is at `path` (a damaged index, a link, FIFO or empty folder put there)."""
    for remove in (os.unlink, os.rmdir):
        try:
            remove(path)
            return
        except OSError:
            continue


def connect(data_path: Path):
    """The index for `data_path`, opened (and made when missing); None when there can be none."""
    import sqlite3

    path = index_path(data_path)
    if path is None:
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = os.lstat(path.parent)
    except OSError:
        return None
    if not stat.S_ISDIR(folder.st_mode) or (hasattr(os, "getuid") and folder.st_uid != os.getuid()):
        return None
    for _attempt in range(2):
        if _own_regular(path) is False:
            _remove(path)
            if _own_regular(path) is False:
                return None
        try:
            db = sqlite3.connect(str(path), timeout=1.0, isolation_level=None)
            db.execute("PRAGMA synchronous=NORMAL")  # with the WAL: a crash loses the last rows, never the file
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                db.executescript(
                    "PRAGMA journal_mode=WAL; DROP TABLE IF EXISTS pieces;"
                    " CREATE TABLE pieces(key BLOB PRIMARY KEY, official TEXT, home_tz TEXT, summary BLOB, value BLOB);"
                    " DROP TABLE IF EXISTS layouts; CREATE TABLE layouts(key BLOB PRIMARY KEY, value BLOB);"
                    " DROP TABLE IF EXISTS summaries; CREATE TABLE summaries(key BLOB PRIMARY KEY, value BLOB);"
                    f" PRAGMA user_version={SCHEMA_VERSION};"
                )
            return db
        except sqlite3.DatabaseError:  # not a database, or a damaged one
            _remove(path)
        except sqlite3.Error:
            return None
    return None
