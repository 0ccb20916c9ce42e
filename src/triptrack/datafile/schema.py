"""The data file's schema: node tree -> Catalog (validated), and model -> plain data.

Every error names the line and the field: `line 14: trips.blinken-final.stops[1].arrive:
'2025-02-30' is not a date`. Unknown keys are refused so a typo never silently drops
what a person wrote.
"""

from __future__ import annotations

import difflib
import re
from typing import Callable, Iterator, TypeVar

from triptrack.core.control_chars import refusal
from triptrack.core.legs import Travel, parse_travel
from triptrack.core.localtime import When, parse_iso, zone
from triptrack.core.model import (
    STATUSES,
    Catalog,
    Obligation,
    Official,
    Place,
    Stop,
    Trip,
)
from triptrack.datafile.syntax import (
    ALLOWED_TAGS,
    NULL_TAG,
    STR_TAG,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    line_of,
)
from triptrack.errors import DataFileError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")

PLACE_KEYS = ("city", "country", "tz", "lat", "lon")
OFFICIAL_KEYS = ("name", "title", "country", "home")
TRIP_KEYS = ("title", "official", "status", "version_of", "leaves", "returns", "sources", "notes", "stops", "travel_home", "obligations")
STOP_KEYS = (*PLACE_KEYS, "arrive", "depart", "travel", "topics", "meetings", "notes", "ref", "approximate")
OBLIGATION_KEYS = ("what", "where", "at_stop", "when", "tz")
TOP_KEYS = ("officials", "trips")

T = TypeVar("T")


class _KeysReported(DataFileError):
    """A mapping whose key problems were collected: its contents are not checked further
    (a misspelt key would otherwise also be reported as a missing one)."""


EDGE_SPACE = " \r\n"  # stripped from a text's ends; a tab someone wrote (a spreadsheet's cell) is kept


class _Reader:
    """Walks the node tree for one file, raising DataFileError with file and line.

    With a `problems` list it collects instead: a bad key, official, trip, stop or
    obligation is recorded and skipped, and the walk goes on (for `validate`).
    """

    def __init__(self, path: str, problems: list[DataFileError] | None = None, *, no_controls: bool = False):
        self.path = path
        self.problems = problems
        self.no_controls = no_controls  # the text read holds no control character, nor an escape that makes one

    def keep_going(self, exc: DataFileError) -> None:
        """Record `exc` when collecting problems; raise it otherwise."""
        if self.problems is None:
            raise exc
        if not isinstance(exc, _KeysReported):
            self.problems.append(exc)

    def each(self, items: list[Node], build: Callable[[int, Node], T]) -> list[T]:
        out = []
        for index, item in enumerate(items):
            try:
                out.append(build(index, item))
            except DataFileError as exc:
                self.keep_going(exc)
        return out

    def fail(self, node: Node, where: str, message: str) -> DataFileError:
        prefix = f"{where}: " if where else ""
        return DataFileError(self.path, line_of(node), f"{prefix}{message}")

    def is_null(self, node: Node | None) -> bool:
        return node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG)

    def check_tag(self, node: Node, where: str) -> None:
        if node.tag not in ALLOWED_TAGS:
            raise self.fail(node, where, f"YAML tag {node.tag!r} is not allowed")

    def mapping(self, node: Node, where: str, allowed: tuple[str, ...], *, go_on: bool = False) -> dict[str, Node]:
        """The mapping's fields. When collecting, a mapping with bad keys is not checked
        further unless `go_on` (its keys are independent, as at the top of the file)."""
        self.check_tag(node, where)
        if not isinstance(node, MappingNode):
            raise self.fail(node, where, f"expected a mapping of {', '.join(allowed[:4])}...")
        reported = len(self.problems or [])
        fields = self.pairs(node, where, allowed)
        if not go_on and len(self.problems or []) > reported:
            raise _KeysReported(self.path, line_of(node), "")
        return fields

    def pairs(self, node: MappingNode, where: str, allowed: tuple[str, ...] | None) -> dict[str, Node]:
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key_node.tag == STR_TAG and type(key_node) is ScalarNode and key not in out and (allowed is None or key in allowed):
                out[key] = value_node  # the usual key, without key()'s calls (a third of reading a trip)
                continue
            try:
                key = self.key(key_node, where, out, node, allowed)
            except DataFileError as exc:
                self.keep_going(exc)
                continue
            out[key] = value_node
        return out

    def key(self, key_node: Node, where: str, seen: dict, mapping: MappingNode, allowed: tuple[str, ...] | None) -> str:
        self.check_tag(key_node, where)
        if not isinstance(key_node, ScalarNode) or key_node.tag == NULL_TAG:
            raise self.fail(key_node, where, "keys must be plain names")
        key = key_node.value
        if key in seen:
            first = next(k for k, _ in mapping.value if isinstance(k, ScalarNode) and k.value == key and k.tag in ALLOWED_TAGS - {NULL_TAG})
            raise self.fail(key_node, where, f"duplicate key {key!r} (first given at line {line_of(first)})")
        if allowed is not None and key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise self.fail(key_node, where, f"unknown key {key!r} ({hint}expected one of: {', '.join(allowed)})")
        return key

    def text(self, node: Node, where: str, *, single_line: bool = False) -> str:
        if node.tag != STR_TAG or type(node) is not ScalarNode:  # (the usual text needs neither test)
            self.check_tag(node, where)
            if not isinstance(node, ScalarNode) or self.is_null(node):
                raise self.fail(node, where, "expected text")
        value = node.value.strip(EDGE_SPACE) if single_line else node.value
        if not value.strip():
            raise self.fail(node, where, "must not be empty")
        if single_line and "\n" in value:
            raise self.fail(node, where, "must be a single line")
        refused = None if self.no_controls else refusal(value)
        if refused:
            raise self.fail(node, where, refused)
        return value

    def optional_text(self, fields: dict[str, Node], key: str, where: str) -> str:
        node = fields.get(key)
        return "" if self.is_null(node) else self.text(node, f"{where}.{key}").strip(EDGE_SPACE)

    def texts(self, node: Node | None, where: str) -> list[str]:
        if self.is_null(node):
            return []
        self.check_tag(node, where)
        if not isinstance(node, SequenceNode):
            raise self.fail(node, where, "expected a list (one '- item' per line)")
        return [self.text(item, f"{where}[{i}]", single_line=True) for i, item in enumerate(node.value)]

    def number(self, node: Node, where: str, low: float, high: float) -> float:
        raw = self.text(node, where, single_line=True)
        try:
            if not raw.isascii():  # (float() takes any script's digits: other tools would not)
                raise ValueError(raw)
            value = float(raw)
        except ValueError:
            raise self.fail(node, where, f"{raw!r} is not a number") from None
        if not low <= value <= high:
            raise self.fail(node, where, f"{raw} is out of range ({low:g} to {high:g})")
        return value

    def boolean(self, node: Node, where: str) -> bool:
        raw = self.text(node, where, single_line=True)
        if raw not in ("true", "false"):
            raise self.fail(node, where, f"{raw!r}: write true or false")
        return raw == "true"

    def identifier(self, node: Node, where: str, kind: str) -> str:
        raw = self.text(node, where, single_line=True)
        if not ID_PATTERN.match(raw):
            raise self.fail(node, where, f"{kind} id {raw!r}: use lowercase letters, digits, '.', '_' and '-'")
        return raw

    def required(self, fields: dict[str, Node], key: str, parent: Node, where: str) -> Node:
        node = fields.get(key)
        if self.is_null(node):
            raise self.fail(node if node is not None else parent, where, f"{key!r} is required")
        return node

    def checked(self, node: Node, where: str, convert: Callable, raw: str):
        try:
            return convert(raw)
        except ValueError as exc:
            raise self.fail(node, where, str(exc)) from None

    def zone_name(self, node: Node, where: str) -> str:
        raw = self.text(node, where, single_line=True)
        self.checked(node, where, zone, raw)
        return raw

    def country(self, node: Node, where: str) -> str:
        raw = self.text(node, where, single_line=True)
        if not COUNTRY_PATTERN.match(raw):
            raise self.fail(node, where, f"{raw!r} is not an ISO 3166-1 alpha-2 country code (e.g. FR)")
        return raw

    def travel(self, node: Node, where: str, origin_tz: str, destination_tz: str) -> Travel:
        """A leg's travel, its departure in the origin's zone and arrival in the destination's."""
        raw = self.text(node, where, single_line=True)
        return self.checked(node, where, lambda text: parse_travel(text).bind(origin_tz, destination_tz), raw)

    def when(self, node: Node, where: str, tz: str) -> When:
        raw = self.text(node, where, single_line=True)
        return self.checked(node, where, lambda text: parse_iso(text, tz), raw)

    def place(self, fields: dict[str, Node], parent: Node, where: str) -> Place:
        city = self.text(self.required(fields, "city", parent, where), f"{where}.city", single_line=True)
        country = self.country(self.required(fields, "country", parent, where), f"{where}.country")
        tz = self.zone_name(self.required(fields, "tz", parent, where), f"{where}.tz")
        lat_node, lon_node = fields.get("lat"), fields.get("lon")
        if self.is_null(lat_node) != self.is_null(lon_node):
            missing = "lon" if self.is_null(lon_node) else "lat"
            raise self.fail(lat_node if missing == "lon" else lon_node, where, f"{missing!r} is missing: give both lat and lon")
        lat = lon = None
        if not self.is_null(lat_node):
            lat = self.number(lat_node, f"{where}.lat", -90, 90)
            lon = self.number(lon_node, f"{where}.lon", -180, 180)
        return Place(city, country, tz, lat, lon)


def catalog_from_node(root: Node | None, path: str) -> Catalog:
    """Validate the whole document and build the Catalog (DataFileError at the first problem)."""
    return _catalog(_Reader(path), root)


def catalog_problems(root: Node | None, path: str) -> list[DataFileError]:
    """Every problem in the document, in line order: each official, trip, stop and
    obligation is checked on its own, so one mistake does not hide the next."""
    problems: list[DataFileError] = []
    reader = _Reader(path, problems)
    try:
        _catalog(reader, root)
    except DataFileError as exc:
        problems.append(exc)
    return sorted(problems, key=lambda exc: exc.line or 0)


def _entries(reader: _Reader, node: Node | None, where: str, kind: str) -> Iterator[tuple[str, Node]]:
    """(id, node) for each entry of the `officials:` or `trips:` mapping, duplicates refused."""
    if reader.is_null(node):
        return
    reader.check_tag(node, where)
    if not isinstance(node, MappingNode):
        raise reader.fail(node, where, f"expected a mapping of {kind} ids")
    kept = reader.pairs(node, where, None)  # duplicate ids are errors
    for key_node, value in node.value:
        if not isinstance(key_node, ScalarNode) or kept.get(key_node.value) is not value:
            continue  # a duplicate or a key that is not a name (already reported)
        try:
            entry_id = reader.identifier(key_node, where, kind)
        except DataFileError as exc:
            reader.keep_going(exc)
            continue
        yield entry_id, value


def _catalog(reader: _Reader, root: Node | None) -> Catalog:
    catalog = Catalog()
    if reader.is_null(root):
        return catalog
    reader.check_tag(root, "")
    if not isinstance(root, MappingNode):
        raise reader.fail(root, "", "the file must be a mapping with 'officials:' and 'trips:' at the top")
    top = reader.mapping(root, "", TOP_KEYS, go_on=True)
    for official_id, node in _entries(reader, top.get("officials"), "officials", "official"):
        try:
            catalog.officials[official_id] = _official(reader, official_id, node)
        except DataFileError as exc:
            reader.keep_going(exc)
            catalog.officials[official_id] = Official(official_id, official_id)  # so its trips are checked
    for trip_id, node in _entries(reader, top.get("trips"), "trips", "trip"):
        try:
            catalog.trips[trip_id] = _trip(reader, trip_id, node, catalog)
        except DataFileError as exc:
            reader.keep_going(exc)
    return catalog


def _official(reader: _Reader, official_id: str, node: Node) -> Official:
    where = f"officials.{official_id}"
    fields = reader.mapping(node, where, OFFICIAL_KEYS)
    name = reader.text(reader.required(fields, "name", node, where), f"{where}.name", single_line=True)
    home = None
    if not reader.is_null(fields.get("home")):
        home_node = fields["home"]
        home = reader.place(reader.mapping(home_node, f"{where}.home", PLACE_KEYS), home_node, f"{where}.home")
    country = ""
    if not reader.is_null(fields.get("country")):
        country = reader.country(fields["country"], f"{where}.country")
    return Official(
        official_id,
        name,
        title=reader.optional_text(fields, "title", where),
        country=country,
        home=home,
        line=line_of(node),
    )


def _trip(reader: _Reader, trip_id: str, node: Node, catalog: Catalog) -> Trip:
    where = f"trips.{trip_id}"
    fields = reader.mapping(node, where, TRIP_KEYS)
    try:
        trip = _trip_header(reader, trip_id, node, fields, catalog)
    except DataFileError as exc:
        reader.keep_going(exc)  # when collecting problems, the stops are still checked
        trip = Trip(trip_id, "", "", line=line_of(node))
    official = catalog.officials.get(trip.official)
    home_tz = official.home_tz if official else "UTC"
    stops = fields.get("stops")
    if not reader.is_null(stops):
        reader.check_tag(stops, f"{where}.stops")
        if not isinstance(stops, SequenceNode):
            raise reader.fail(stops, f"{where}.stops", "expected a list of stops ('- city: ...')")
        came_from = [official.home.tz if official and official.home else None]

        def stop_at(i: int, item: Node) -> Stop:
            stop = _stop(reader, item, f"{where}.stops[{i}]", came_from[0])
            came_from[0] = stop.place.tz
            return stop

        trip.stops = reader.each(stops.value, stop_at)
    if not reader.is_null(fields.get("travel_home")):
        last_tz = trip.stops[-1].place.tz if trip.stops else home_tz
        trip.travel_home = reader.travel(fields["travel_home"], f"{where}.travel_home", last_tz, home_tz)
    obligations = fields.get("obligations")
    if not reader.is_null(obligations):
        reader.check_tag(obligations, f"{where}.obligations")
        if not isinstance(obligations, SequenceNode):
            raise reader.fail(obligations, f"{where}.obligations", "expected a list of obligations ('- what: ...')")
        trip.obligations = reader.each(
            obligations.value, lambda i, item: _obligation(reader, item, f"{where}.obligations[{i}]", home_tz, trip)
        )
    return trip


def _trip_header(reader: _Reader, trip_id: str, node: Node, fields: dict[str, Node], catalog: Catalog) -> Trip:
    """Everything about a trip but its stops and obligations."""
    where = f"trips.{trip_id}"
    title = reader.text(reader.required(fields, "title", node, where), f"{where}.title", single_line=True)
    official_node = reader.required(fields, "official", node, where)
    official_id = reader.identifier(official_node, f"{where}.official", "official")
    official = catalog.officials.get(official_id)
    if official is None:
        known = ", ".join(sorted(catalog.officials)) or "none yet"
        raise reader.fail(official_node, f"{where}.official", f"no official {official_id!r} under 'officials:' ({known})")
    status = reader.optional_text(fields, "status", where) or "planned"
    if status not in STATUSES:
        raise reader.fail(fields["status"], f"{where}.status", f"{status!r}: use one of {', '.join(STATUSES)}")
    trip = Trip(
        trip_id,
        title,
        official_id,
        status=status,
        sources=reader.texts(fields.get("sources"), f"{where}.sources"),
        notes=reader.optional_text(fields, "notes", where),
        line=line_of(node),
    )
    for key in ("leaves", "returns"):
        if not reader.is_null(fields.get(key)):
            setattr(trip, key, reader.when(fields[key], f"{where}.{key}", official.home_tz))
    if not reader.is_null(fields.get("version_of")):  # which trip it names is checked by `check` (core.cross_trip)
        trip.version_of = reader.identifier(fields["version_of"], f"{where}.version_of", "trip")
    return trip


def _stop(reader: _Reader, node: Node, where: str, origin_tz: str | None = None) -> Stop:
    fields = reader.mapping(node, where, STOP_KEYS)
    place = reader.place(fields, node, where)
    arrive = reader.when(reader.required(fields, "arrive", node, where), f"{where}.arrive", place.tz)
    depart = None
    if not reader.is_null(fields.get("depart")):
        depart = reader.when(fields["depart"], f"{where}.depart", place.tz)
    travel = None
    if not reader.is_null(fields.get("travel")):
        travel = reader.travel(fields["travel"], f"{where}.travel", origin_tz or place.tz, place.tz)
    approximate = False
    if not reader.is_null(fields.get("approximate")):
        approximate = reader.boolean(fields["approximate"], f"{where}.approximate")
    return Stop(
        place,
        arrive,
        depart,
        topics=reader.texts(fields.get("topics"), f"{where}.topics"),
        meetings=reader.texts(fields.get("meetings"), f"{where}.meetings"),
        notes=reader.optional_text(fields, "notes", where),
        ref=reader.optional_text(fields, "ref", where),
        approximate=approximate,
        line=line_of(node),
        travel=travel,
    )


def _obligation(reader: _Reader, node: Node, where: str, home_tz: str, trip: Trip | None = None) -> Obligation:
    fields = reader.mapping(node, where, OBLIGATION_KEYS)
    what = reader.text(reader.required(fields, "what", node, where), f"{where}.what", single_line=True)
    tz = home_tz
    at_stop = None
    if not reader.is_null(fields.get("at_stop")):
        at_stop = reader.text(fields["at_stop"], f"{where}.at_stop", single_line=True)
        cities = [stop.city for stop in trip.stops] if trip else []
        if at_stop not in cities:
            known = ", ".join(dict.fromkeys(cities)) or "none"
            raise reader.fail(fields["at_stop"], f"{where}.at_stop", f"{at_stop!r} is not a stop of this trip (its stops: {known})")
        tz = trip.stops[cities.index(at_stop)].place.tz  # local time at the stop
    if not reader.is_null(fields.get("tz")):
        tz = reader.zone_name(fields["tz"], f"{where}.tz")
    when = reader.when(reader.required(fields, "when", node, where), f"{where}.when", tz)
    return Obligation(what, when, where=reader.optional_text(fields, "where", where), line=line_of(node), at_stop=at_stop)


# --- model -> plain data, in the key order the file uses -------------------------


def place_data(place: Place) -> dict:
    data: dict = {"city": place.city, "country": place.country, "tz": place.tz}
    if place.has_coordinates:
        data["lat"] = round(place.lat, 5)
        data["lon"] = round(place.lon, 5)
    return data


def stop_data(stop: Stop) -> dict:
    data = place_data(stop.place)
    data["arrive"] = stop.arrive.text()
    if stop.depart is not None:
        data["depart"] = stop.depart.text()
    if stop.travel is not None:
        data["travel"] = stop.travel.text()
    if stop.topics:
        data["topics"] = list(stop.topics)
    if stop.meetings:
        data["meetings"] = list(stop.meetings)
    if stop.notes:
        data["notes"] = stop.notes
    if stop.ref:
        data["ref"] = stop.ref
    if stop.approximate:
        data["approximate"] = True
    return data


def obligation_data(obligation: Obligation, home_tz: str) -> dict:
    data: dict = {"what": obligation.what}
    if obligation.where:
        data["where"] = obligation.where
    if obligation.at_stop is not None:
        data["at_stop"] = obligation.at_stop
    data["when"] = obligation.when.text()
    if obligation.when.tz != home_tz:
        data["tz"] = obligation.when.tz
    return data


def obligation_zone(trip: Trip, obligation: Obligation, home_tz: str) -> str:
    """The zone an obligation's time is read in unless it gives its own: the stop's, or home's."""
    cities = [stop.city for stop in trip.stops]
    if obligation.at_stop is not None and obligation.at_stop in cities:
        return trip.stops[cities.index(obligation.at_stop)].place.tz
    return home_tz


def official_data(official: Official) -> dict:
    data: dict = {"name": official.name}
    if official.title:
        data["title"] = official.title
    if official.country:
        data["country"] = official.country
    if official.home:
        data["home"] = place_data(official.home)
    return data


def trip_data(trip: Trip, home_tz: str) -> dict:
    data: dict = {"title": trip.title, "official": trip.official, "status": trip.status}
    if trip.version_of:
        data["version_of"] = trip.version_of
    if trip.leaves:
        data["leaves"] = trip.leaves.text()
    if trip.returns:
        data["returns"] = trip.returns.text()
    if trip.sources:
        data["sources"] = list(trip.sources)
    if trip.notes:
        data["notes"] = trip.notes
    data["stops"] = [stop_data(stop) for stop in trip.stops]
    if trip.travel_home is not None:
        data["travel_home"] = trip.travel_home.text()
    if trip.obligations:
        data["obligations"] = [obligation_data(o, obligation_zone(trip, o, home_tz)) for o in trip.obligations]
    return data


def catalog_data(catalog: Catalog) -> dict:
    officials = {oid: official_data(o) for oid, o in catalog.officials.items()}
    trips = {
        tid: trip_data(t, catalog.officials[t.official].home_tz if t.official in catalog.officials else "UTC")
        for tid, t in catalog.trips.items()
    }
    return {"officials": officials, "trips": trips}
