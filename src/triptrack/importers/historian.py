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

from triptrack.core.control_chars import refusal
from triptrack.core.localtime import check_year
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


_SCHEMA_FIELDS = (*_FIELDS, "created-by", "created-datetime", "last-modified-by", "last-modified-datetime")


class _Reader:
    """Collects `<trip>` elements from expat events, remembering each one's line.

    Anything that is not the schema is refused with its line: a root other than <trips>, an
    element other than <trip> under it, a <trip> nested deeper, an unknown or repeated field,
    markup inside a field, text outside the fields, a DOCTYPE naming an external DTD and any
    entity it would have defined (expat skips those silently).
    """

    def __init__(self, parser: expat.XMLParserType):
        self.parser = parser
        self.depth = 0
        self.root = ""
        self.current: dict | None = None
        self.field: str | None = None
        self.text: list[str] = []
        self.found: list[dict] = []
        self.field_lines: dict[str, int] = {}

    def refuse(self, message: str) -> None:
        raise _Refused(self.parser.CurrentLineNumber, message)

    def start(self, name: str, attrs: dict) -> None:
        self.depth += 1
        if self.depth == 1:
            self.root = name
            if name != "trips":
                self.refuse(f"the root element is <{name}>, not <trips>: not an Office of the Historian travels file")
        elif self.depth == 2:
            if name != "trip":
                self.refuse(f"<{name}> under <trips>: only <trip> records belong there")
            self.current = {"line": self.parser.CurrentLineNumber, "attrs": dict(attrs)}
            self.field_lines = {}
        elif self.depth == 3 and self.current is not None:
            if name == "trip":
                self.refuse("a <trip> inside another <trip>: records must stand directly under <trips>")
            if name not in _SCHEMA_FIELDS:
                self.refuse(f"<{name}> is not a field of a <trip> record (expected: {', '.join(_SCHEMA_FIELDS)})")
            if name in self.field_lines:
                self.refuse(f"a second <{name}> in one record (the first is at line {self.field_lines[name]})")
            self.field_lines[name] = self.parser.CurrentLineNumber
            self.field, self.text = name, []
            if name == "country":
                self.current["country-id"] = attrs.get("id", "")
        else:
            inside = f"<{self.field}>" if self.field else "a field"
            self.refuse(f"<{name}> inside {inside}: a record's fields hold text only")

    def data(self, text: str) -> None:
        if self.field is not None:
            self.text.append(text)
        elif text.strip():
            self.refuse(f"text {text.strip()[:30]!r} outside any field")

    def end(self, name: str) -> None:
        if self.depth == 3 and self.current is not None and self.field is not None:
            self.current[self.field] = "".join(self.text)
            self.field = None
        elif self.depth == 2 and self.current is not None and name == "trip":
            self.current["lines"] = self.field_lines
            self.found.append(self.current)
            self.current = None
        self.depth -= 1

    def refuse_entities(self, *args) -> None:
        self.refuse("entity declarations are not allowed in a travels file")

    def doctype(self, name: str, system_id: str | None, public_id: str | None, _internal: int) -> None:
        if system_id or public_id:
            self.refuse(f"an external DTD ({system_id or public_id}) is not allowed in a travels file")

    def skipped_entity(self, name: str, _is_parameter: int) -> None:
        self.refuse(f"the entity &{name}; is not defined here (external entities are not read)")


def _parse_xml(raw: bytes) -> tuple[str, list[dict]]:
    parser = expat.ParserCreate()
    reader = _Reader(parser)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    parser.EntityDeclHandler = reader.refuse_entities
    parser.UnparsedEntityDeclHandler = reader.refuse_entities
    parser.StartDoctypeDeclHandler = reader.doctype
    parser.SkippedEntityHandler = reader.skipped_entity
    parser.ExternalEntityRefHandler = lambda *args: reader.refuse("external entities are not allowed in a travels file")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.Parse(raw, True)
    return reader.root, reader.found


def _day(raw: str, field: str, line: int) -> date:
    text = raw.strip()
    if not _ISO_DAY.match(text):
        raise _Refused(line, f"<{field}> {text!r} is not a date (YYYY-MM-DD)")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise _Refused(line, f"<{field}> {text!r} is not a date") from None
    try:
        check_year(day, text)
    except ValueError as exc:
        raise _Refused(line, f"<{field}> {exc}") from None
    return day


def _record(item: dict, path: str) -> Record:
    line = item["line"]
    attrs = item["attrs"]
    for field in ("id", "name", "start-date", "country"):
        if not item.get(field, "").strip():
            raise _Refused(line, f"record without <{field}>")
    record_id = item["id"].strip()
    if not (record_id.isascii() and record_id.isdigit()) or len(record_id) > 18:  # (the Historian's ids: a few digits)
        raise _Refused(line, f"<id> {record_id[:40]!r} is not a record number")
    role = (attrs.get("role") or item.get("role") or "").strip()
    if role not in ROLES:
        raise _Refused(line, f"record {record_id}: role {role!r} is not one of {', '.join(ROLES)}")
    who = (attrs.get("who") or "").strip()
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", who):
        raise _Refused(line, f"record {record_id}: who={who!r} is not a traveller id like 'blinken-antony-j'")
    country_id = item.get("country-id", "").strip()
    if not country_id:
        raise _Refused(line, f"record {record_id}: <country> has no id attribute")
    for field in ("name", "country", "locale", "remarks"):
        refused = refusal(item.get(field, ""))
        if refused:
            raise _Refused(item.get("lines", {}).get(field, line), f"record {record_id}: <{field}>: {refused}")
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
    from triptrack.datafile.regular_file import read_regular_file

    raw = read_regular_file(Path(path), shown, "a travels file", "give an XML file")
    if raw is None:
        raise DataFileError(shown, None, "cannot be read: No such file or directory")
    try:
        root, items = _parse_xml(raw)
        records = [_record(item, shown) for item in items]
    except expat.ExpatError as exc:
        column = f" (column {exc.offset + 1})" if exc.offset is not None else ""
        raise DataFileError(shown, exc.lineno, f"not well-formed XML: {expat.ErrorString(exc.code)}{column}") from None
    except LookupError as exc:  # <?xml encoding="..."?> names an encoding Python does not know
        raise DataFileError(shown, 1, f"not a travels file triptrack can read: {exc}") from None
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
