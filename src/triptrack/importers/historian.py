"""The U.S. Office of the Historian's travel records (history.state.gov, "Travels Abroad").

One XML file per traveller; each `<trip>` element is ONE STOP in one country (see
shared/data/history-state-gov/README.md for the schema and its quirks). The same
schema is used for Secretaries of State (role "secretary") and Presidents ("president").

Reading is strict and complete before anything is written: a file that is not
well-formed XML, or a record without an id, a date or a country, is refused with
the file's name and line. DOCTYPE entity declarations are refused outright (no
entity expansion, no external entities). Building journeys and places is in
`historian_journeys` and `historian_places`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable
from xml.parsers import expat

from triptrack.errors import DataFileError

NAME = "historian"
DESCRIPTION = "Office of the Historian travel records (XML), one stop per record, grouped into journeys"

ROLES = {"secretary": "Secretary of State", "president": "President"}
_FIELDS = ("id", "role", "name", "start-date", "end-date", "country", "locale", "remarks")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Record:
    """One `<trip>` element: one stop of one traveller."""

    id: str
    role: str
    who: str
    name: str
    start: date
    end: date
    country_id: str
    country_name: str
    locale: str
    remarks: str
    path: str
    line: int

    @property
    def ref(self) -> str:
        return f"historian:{self.id}"


class _Refused(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _Reader:
    """Collects `<trip>` elements from expat events, remembering each one's line."""

    def __init__(self, parser: expat.XMLParserType):
        self.parser = parser
        self.depth = 0
        self.root = ""
        self.current: dict | None = None
        self.field: str | None = None
        self.text: list[str] = []
        self.found: list[dict] = []

    def start(self, name: str, attrs: dict) -> None:
        self.depth += 1
        if self.depth == 1:
            self.root = name
        elif self.depth == 2 and name == "trip":
            self.current = {"line": self.parser.CurrentLineNumber, "attrs": dict(attrs)}
        elif self.depth == 3 and self.current is not None:
            self.field, self.text = name, []
            if name == "country":
                self.current["country-id"] = attrs.get("id", "")

    def data(self, text: str) -> None:
        if self.field is not None:
            self.text.append(text)

    def end(self, name: str) -> None:
        if self.depth == 3 and self.current is not None and self.field is not None:
            self.current[self.field] = "".join(self.text)
            self.field = None
        elif self.depth == 2 and self.current is not None and name == "trip":
            self.found.append(self.current)
            self.current = None
        self.depth -= 1

    def refuse_entities(self, *args) -> None:
        raise _Refused(self.parser.CurrentLineNumber, "entity declarations are not allowed in a travels file")


def _parse_xml(raw: bytes) -> tuple[str, list[dict]]:
    parser = expat.ParserCreate()
    reader = _Reader(parser)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    parser.EntityDeclHandler = reader.refuse_entities
    parser.UnparsedEntityDeclHandler = reader.refuse_entities
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.Parse(raw, True)
    return reader.root, reader.found


def _day(raw: str, field: str, line: int) -> date:
    text = raw.strip()
    if not _ISO_DAY.match(text):
        raise _Refused(line, f"<{field}> {text!r} is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _Refused(line, f"<{field}> {text!r} is not a date") from None


def _record(item: dict, path: str) -> Record:
    line = item["line"]
    attrs = item["attrs"]
    for field in ("id", "name", "start-date", "country"):
        if not item.get(field, "").strip():
            raise _Refused(line, f"record without <{field}>")
    record_id = item["id"].strip()
    if not record_id.isdigit():
        raise _Refused(line, f"<id> {record_id!r} is not a number")
    role = (attrs.get("role") or item.get("role") or "").strip()
    if role not in ROLES:
        raise _Refused(line, f"record {record_id}: role {role!r} is not one of {', '.join(ROLES)}")
    who = (attrs.get("who") or "").strip()
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", who):
        raise _Refused(line, f"record {record_id}: who={who!r} is not a traveller id like 'blinken-antony-j'")
    country_id = item.get("country-id", "").strip()
    if not country_id:
        raise _Refused(line, f"record {record_id}: <country> has no id attribute")
    start = _day(item["start-date"], "start-date", line)
    end = _day(item["end-date"], "end-date", line) if item.get("end-date", "").strip() else start
    if end < start:
        raise _Refused(line, f"record {record_id}: <end-date> {end} is before <start-date> {start}")
    return Record(
        id=record_id,
        role=role,
        who=who,
        name=" ".join(item["name"].split()),
        start=start,
        end=end,
        country_id=country_id,
        country_name=" ".join(item["country"].split()),
        locale=" ".join(item.get("locale", "").split()),
        remarks=" ".join(item.get("remarks", "").split()),
        path=path,
        line=line,
    )


def read_file(path: str | Path) -> list[Record]:
    """Every record in one travels file; DataFileError (file and line) for anything wrong."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except IsADirectoryError:
        raise DataFileError(shown, None, "is a folder, not a travels file") from None
    except OSError as exc:
        raise DataFileError(shown, None, f"cannot be read: {exc.strerror}") from None
    try:
        root, items = _parse_xml(raw)
        records = [_record(item, shown) for item in items]
    except expat.ExpatError as exc:
        column = f" (column {exc.offset + 1})" if exc.offset is not None else ""
        raise DataFileError(shown, exc.lineno, f"not well-formed XML: {expat.ErrorString(exc.code)}{column}") from None
    except _Refused as exc:
        raise DataFileError(shown, exc.line, exc.message) from None
    if not records:
        raise DataFileError(
            shown, 1, f"no <trip> records under <{root or '?'}>: not an Office of the Historian travels file"
        )
    return records


def read_files(paths: list[str | Path], progress: Callable[[int, int], None] | None = None) -> list[Record]:
    """All records of all files, in file order (repeated ids are left to the planner)."""
    records: list[Record] = []
    for index, path in enumerate(paths, start=1):
        records.extend(read_file(path))
        if progress:
            progress(index, len(paths))
    return records
