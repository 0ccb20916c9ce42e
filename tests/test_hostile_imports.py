"""Hostile input, round two (issue 13): imports that must not drop things silently, dates at the
ends of the calendar from every entry point, zone names that are not places."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, digest

FIXTURES = Path(__file__).resolve().parent / "historian"
DOE = FIXTURES / "secretary-doe.xml"
MANUAL_PLACE = ["--country", "XK", "--tz", "Europe/Belgrade", "--lat", "42.36", "--lon", "21.25"]


def refused(result, message: str, code: int = 1) -> None:
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("Building the offline place index")]
    assert len(lines) == 1 and lines[0].startswith("triptrack: error: "), result.stderr
    assert message in lines[0], lines[0]
    assert "Traceback" not in result.output


def no_temp_files(folder: Path) -> bool:
    return not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- Historian XML that is not the schema


RECORD = """    <trip role="secretary" who="doe-jane-q">
        <id>{id}</id>
        <role>secretary</role>
        <name>Jane Q. Doe</name>
        <start-date>{day}</start-date>
        <end-date>{day}</end-date>
        <country id="france">France</country>
        <locale>Paris</locale>
        <remarks>Met the minister.</remarks>
    </trip>
"""


def xml(body: str, head: str = "") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{head}<trips>\n{body}</trips>\n'


def record(id: int = 9901, day: str = "2024-09-01") -> str:
    return RECORD.format(id=id, day=day)


HISTORIAN_CASES = {
    "external DTD entity": (
        xml(record().replace("<locale>Paris</locale>", "<locale>&place;</locale>"),
            '<!DOCTYPE trips SYSTEM "http://example.org/travels.dtd">\n'),
        2, "an external DTD (http://example.org/travels.dtd) is not allowed",
    ),
    "public DTD": (
        xml(record(), '<!DOCTYPE trips PUBLIC "-//X//DTD T//EN" "t.dtd">\n'), 2, "an external DTD",
    ),
    "parameter entity": (
        xml(record(), '<!DOCTYPE trips [\n<!ENTITY % ext SYSTEM "file:///etc/passwd">\n%ext;\n]>\n'), 3,
        "entity declarations are not allowed",
    ),
    "nested trip": (
        xml(record().replace("<remarks>", record(9902).replace("    <trip", "<trip") + "<remarks>")), 11,
        "a <trip> inside another <trip>",
    ),
    "trip two levels down": (
        xml("    <year>\n" + record() + "    </year>\n"), 3, "<year> under <trips>: only <trip> records belong there",
    ),
    "duplicated locale": (
        xml(record().replace("<locale>Paris</locale>", "<locale>Paris</locale>\n        <locale>Lyon</locale>")), 11,
        "a second <locale> in one record (the first is at line 10)",
    ),
    "wrong root": (
        '<?xml version="1.0"?>\n<journeys>\n' + record() + "</journeys>\n", 2,
        "the root element is <journeys>, not <trips>",
    ),
    "unknown field": (
        xml(record().replace("<remarks>", "<remark>Typo</remark>\n        <remarks>")), 11,
        "<remark> is not a field of a <trip> record",
    ),
    "markup inside a field": (
        xml(record().replace("<remarks>Met the minister.</remarks>", "<remarks>Met <b>the</b> minister.</remarks>")), 11,
        "<b> inside <remarks>: a record's fields hold text only",
    ),
    "text outside the fields": (
        xml(record().replace("<role>", "stray words\n        <role>")), 5, "text 'stray words' outside any field",
    ),
    "C1 control character": (
        xml(record().replace("Met the minister.", "Met \u009b2J the minister.")), 11, "control character U+009B",
    ),
    "year 1": (xml(record(day="0001-01-01")), 3, "the year 1 is out of range"),
    "year 9999": (xml(record(day="9999-12-31")), 3, "the year 9999 is out of range"),
    "an id of 5,000 digits": (xml(record(id=int("9" * 4000))), 3, "<id> '9999999999"),  # (past int()'s digit limit)
    "an encoding Python does not know": (
        xml(record()).replace('encoding="UTF-8"', 'encoding="EBCDIC-FOO"'), 1, "unknown encoding: EBCDIC-FOO",
    ),
}


@pytest.mark.parametrize("case", HISTORIAN_CASES, ids=list(HISTORIAN_CASES))
def test_historian_xml_that_is_not_the_schema_is_refused_with_file_and_line(cli, data_file, tmp_path, case):
    text, line, message = HISTORIAN_CASES[case]
    path = tmp_path / "travels.xml"
    path.write_text(text, encoding="utf-8")
    before = digest(data_file)
    result = cli("import", "historian", str(DOE), str(path))
    refused(result, f"travels.xml line {line}: ")
    assert message in result.stderr
    assert digest(data_file) == before and no_temp_files(data_file.parent)


def test_one_record_id_saying_two_things_is_refused_naming_both(cli, data_file, tmp_path):
    """The same record twice is read once; two records under one id that differ cannot both be right."""
    path = tmp_path / "travels.xml"
    path.write_text(xml(record() + record().replace("<locale>Paris</locale>", "<locale>Lyon</locale>")), encoding="utf-8")
    before = digest(data_file)
    result = cli("import", "historian", str(path))
    refused(result, "travels.xml line 13: record 9901 says otherwise than the record with that id at ")
    assert "travels.xml line 3: one of them is wrong; nothing was imported" in result.stderr
    assert digest(data_file) == before
    path.write_text(xml(record() + record()), encoding="utf-8")
    same = cli("import", "historian", str(path), data=tmp_path / "new.yaml")
    assert same.exit_code == 0 and "(1 repeated record id read once)" in same.stdout, same.output


def test_the_well_formed_record_of_these_cases_imports(cli, tmp_path):
    path = tmp_path / "travels.xml"
    path.write_text(xml(record()), encoding="utf-8")
    result = cli("import", "historian", str(path), data=tmp_path / "new.yaml")
    assert result.exit_code == 0, result.output
    assert "historian:9901" in (tmp_path / "new.yaml").read_text(encoding="utf-8")


# --- CSV from a spreadsheet: keep what a person typed, undo only what the export added


def _csv(*rows: str, header: str = "trip,order,city,country,tz,arrive,depart,topics,meetings,notes,lat,lon,ref,approximate") -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def _stop(path: Path, trip: str = "t1") -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["trips"][trip]["stops"][0]


def test_a_spreadsheets_leading_apostrophe_and_tab_are_kept(cli, tmp_path):
    source = tmp_path / "sheet.csv"
    source.write_text(
        _csv("t1,1,'s-Hertogenbosch,NL,Europe/Amsterdam,2025-01-09,,\"\tindented\n'quoted\",'=1+2,\ttabbed note,51.69,5.3,,"),
        encoding="utf-8",
    )
    data = tmp_path / "new.yaml"
    result = cli("import", "csv", str(source), "--official", "x", "--home", "Washington", "--home-country", "US", data=data)
    assert result.exit_code == 0, result.output
    stop = _stop(data)
    assert stop["city"] == "'s-Hertogenbosch"
    assert stop["topics"] == ["\tindented", "'quoted"] and stop["meetings"] == ["'=1+2"]
    assert stop["notes"] == "\ttabbed note"
    shown = cli("export", "t1", "-f", "json", data=data).stdout
    assert '"city": "\'s-Hertogenbosch"' in shown and '"notes": "\\ttabbed note"' in shown


def test_the_export_marks_the_rows_it_guarded_and_the_import_undoes_only_those(cli, tmp_path):
    data = tmp_path / "new.yaml"
    source = tmp_path / "sheet.csv"
    source.write_text(_csv("t1,1,'s-Hertogenbosch,NL,Europe/Amsterdam,2025-01-09,,=SUM(A1),,\tnote,51.69,5.3,,"), encoding="utf-8")
    assert cli("import", "csv", str(source), "--official", "x", "--home", "Washington", "--home-country", "US", data=data).exit_code == 0
    exported = cli("export", "t1", "-f", "csv", data=data).stdout
    header, row = exported.splitlines()[:2]
    assert header.endswith(",approximate,travel,travel_home,formula_guard") and row.endswith(",true")
    assert "''s-Hertogenbosch" in row and "'=SUM(A1)" in row and "'\tnote" in row
    again = tmp_path / "again.yaml"
    back = tmp_path / "back.csv"
    back.write_text(exported, encoding="utf-8")
    assert cli("import", "csv", str(back), "--official", "x", "--home", "Washington", "--home-country", "US", data=again).exit_code == 0
    assert _stop(again) == _stop(data)
    assert cli("export", "t1", "-f", "csv", data=again).stdout == exported
    # a row a person added to the exported sheet, unmarked, keeps its apostrophe
    back.write_text(exported + "t1,2,'t Veld,NL,Europe/Amsterdam,2025-01-10,,,,,,,,,,,\n", encoding="utf-8")
    third = tmp_path / "third.yaml"
    assert cli("import", "csv", str(back), "--official", "x", "--home", "Washington", "--home-country", "US", data=third).exit_code == 0
    import yaml

    stops = yaml.safe_load(third.read_text(encoding="utf-8"))["trips"]["t1"]["stops"]
    assert [s["city"] for s in stops] == ["'s-Hertogenbosch", "'t Veld"]


def test_an_export_with_nothing_to_guard_has_the_plain_header(cli):
    assert cli("export", "blinken-final", "-f", "csv").stdout.startswith(
        "trip,order,city,country,tz,arrive,depart,topics,meetings,notes,lat,lon,ref,approximate,travel,travel_home\n"
    )


# --- dates at the ends of the calendar, from every entry point


@pytest.mark.parametrize("when", ["0001-01-01", "9999-12-31", "9999-12-31 23:59", "0001-01-01 00:00", "1799-12-31", "2201-01-01", "Dec 31 9999 11pm"])
def test_the_command_line_refuses_years_outside_1800_to_2200(cli, data_file, when):
    before = digest(data_file)
    refused(cli("add-stop", "blinken-final", "Camp", *MANUAL_PLACE, "--arrive", when), "is out of range (triptrack takes 1800 to 2200)")
    refused(cli("trip", "edit", "blinken-final", "--returns", when), "is out of range")
    refused(cli("obligation", "add", "blinken-final", "X", "--when", when), "is out of range")
    assert digest(data_file) == before and no_temp_files(data_file.parent)


@pytest.mark.parametrize("when", ["0001-01-01", "9999-12-31", "9999-12-31 23:59", "0001-01-01 00:30"])
@pytest.mark.parametrize("command", [["check"], ["show", "blinken-final"], ["timeline", "blinken-final"], ["compare", "blinken-final", "blinken-final-record"], ["export", "blinken-final", "-f", "ics"], ["list"], ["stats"]])
def test_a_file_with_a_year_out_of_range_is_refused_with_the_line_by_every_command(cli, tmp_path, when, command):
    text = SAMPLE.read_text(encoding="utf-8")
    old = "        arrive: 2025-01-06\n"
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / "trips.yaml"
    path.write_text(text.replace(old, f"        arrive: {when}\n", 1), encoding="utf-8")
    before = digest(path)
    result = cli(*command, data=path)
    assert result.exit_code == 1 and "Traceback" not in result.output and "OverflowError" not in result.output
    assert f"line {line}: trips.blinken-final.stops[0].arrive: " in result.output and "is out of range" in result.output
    assert digest(path) == before


@pytest.mark.parametrize("row, message", [
    ("t1," + "9" * 5000 + ",Lyon,FR,Europe/Paris,2025-01-09,,,,,,,,", "line 2: order: '9999"),  # (past int()'s digit limit)
    ("t1,²,Lyon,FR,Europe/Paris,2025-01-09,,,,,,,,", "line 2: order: '²' is not a whole number"),
    ("t1,1,Lyon,FR,Europe/Paris,2025-01-09,,,,,4_5.7,4.8,,", "line 2: lat: '4_5.7' is not a number"),
    ("t1,1,Lyon,FR,Europe/Paris,2025-01-09,,,,,４５.７,4.8,,", "line 2: lat: '４５.７' is not a number"),
])
def test_numbers_a_spreadsheet_would_not_write_are_refused(cli, data_file, tmp_path, row, message):
    source = tmp_path / "odd.csv"
    source.write_text(_csv(row), encoding="utf-8")
    before = digest(data_file)
    refused(cli("import", "csv", str(source), "--official", "blinken"), message)
    assert digest(data_file) == before


def test_a_csv_with_a_year_out_of_range_is_refused_with_the_line(cli, data_file, tmp_path):
    source = tmp_path / "far.csv"
    source.write_text(_csv("t1,1,Paris,FR,Europe/Paris,2025-01-09,,,,,,,,", "t1,2,Lyon,FR,Europe/Paris,9999-12-31T23:00:00+01:00,,,,,,,,"), encoding="utf-8")
    before = digest(data_file)
    refused(cli("import", "csv", str(source), "--official", "blinken"), "far.csv line 3: arrive: '9999-12-31T23:00:00+01:00': the year 9999 is out of range")
    assert digest(data_file) == before


# --- zones that are not places, and a day a zone skipped


@pytest.mark.parametrize("name", ["localtime", "Factory", "posixrules", "right/UTC", "posix/Europe/Paris"])
def test_only_real_iana_zone_names_are_accepted(cli, data_file, tmp_path, name):
    before = digest(data_file)
    refused(cli("add-stop", "blinken-final", "Camp", "--country", "XK", "--tz", name, "--lat", "1", "--lon", "1", "--arrive", "2025-01-08"), "is not an IANA time zone")
    text = SAMPLE.read_text(encoding="utf-8").replace("tz: Asia/Seoul", f"tz: {name}", 1)
    path = tmp_path / "zones.yaml"
    path.write_text(text, encoding="utf-8")
    refused(cli("show", "blinken-final", data=path), f"trips.blinken-final.stops[0].tz: '{name}' is not an IANA time zone")
    assert digest(data_file) == before


@pytest.mark.parametrize("when", ["2011-12-30", "2011-12-30 12:00"])
def test_apias_skipped_day_is_refused_for_the_right_reason(cli, data_file, when):
    before = digest(data_file)
    result = cli("add-stop", "blinken-final", "Apia", "--country", "WS", "--tz", "Pacific/Apia", "--lat", "-13.8", "--lon", "-171.8", "--arrive", when)
    refused(result, "2011-12-30 does not exist in Pacific/Apia: the zone skipped that whole day")
    assert "daylight saving time" in result.stderr and "not daylight saving time" in result.stderr
    assert digest(data_file) == before


def test_a_daylight_saving_gap_still_names_daylight_saving_time(cli, data_file):
    result = cli("add-stop", "blinken-final", "Camp", "--country", "FR", "--tz", "Europe/Paris", "--lat", "48.8", "--lon", "2.3", "--arrive", "2025-03-30 02:30")
    refused(result, "(the clocks skip it for daylight saving time)")
