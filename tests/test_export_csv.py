"""export --format csv, read back by Python's csv reader."""

from __future__ import annotations

import csv
import io

from conftest import digest


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_stop_with_iso_times(cli):
    assert cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00").exit_code == 0
    result = cli("export", "blinken-final", "--format", "csv")
    assert result.exit_code == 0
    rows = _rows(result.stdout)
    assert list(rows[0])[:9] == ["trip", "order", "city", "country", "tz", "arrive", "depart", "topics", "meetings"]
    assert [r["city"] for r in rows] == ["Seoul", "Tokyo", "Paris", "Rome"]
    assert [r["order"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[0]["country"] == "KR" and rows[0]["arrive"] == "2025-01-06"
    assert rows[3]["arrive"] == "2025-01-09T18:00:00+01:00" and rows[3]["depart"] == ""
    assert rows[1]["topics"].split("\n")[1].startswith("The $3.64 billion")


def test_csv_uses_rfc4180_line_endings(data_file):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "triptrack", "--data", str(data_file), "export", "blinken-final"],
        capture_output=True, timeout=60, check=True,
    )
    assert proc.stdout.startswith(b"trip,order,city,country,tz,arrive,depart,topics,meetings,notes,lat,lon,ref,approximate,travel,travel_home\r\n")
    assert proc.stdout.count(b"\r\n") == 4  # header and three rows; newlines inside cells stay \n


def test_csv_neutralises_formulas_unless_raw(cli, tmp_path):
    cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09", "--topic", "=HYPERLINK(\"x\")", "--meeting", "@boss")
    safe = _rows(cli("export", "blinken-final").stdout)[-1]
    assert safe["topics"] == "'=HYPERLINK(\"x\")" and safe["meetings"] == "'@boss"
    raw = _rows(cli("export", "blinken-final", "--raw").stdout)[-1]
    assert raw["topics"] == "=HYPERLINK(\"x\")"
    assert safe["lon"].startswith("12.")  # numbers are never prefixed


def test_export_to_a_file(cli, tmp_path):
    target = tmp_path / "out" / "blinken.csv"
    target.parent.mkdir()
    result = cli("export", "blinken-final", "-o", str(target))
    assert result.exit_code == 0
    assert "Wrote blinken-final (3 stops, csv)" in result.stderr
    assert [r["city"] for r in _rows(target.read_text(encoding="utf-8"))] == ["Seoul", "Tokyo", "Paris"]


def test_export_of_unknown_trip_writes_nothing(cli, data_file, tmp_path):
    before = digest(data_file)
    target = tmp_path / "never.csv"
    result = cli("export", "nope", "-o", str(target))
    assert result.exit_code == 1 and "no trip 'nope'" in result.stderr
    assert not target.exists() and digest(data_file) == before


def test_export_json_is_the_show_json_document(cli):
    assert cli("export", "blinken-final", "--format", "json").stdout == cli("show", "blinken-final", "--json").stdout
