"""`triptrack compare`: the announced plan against the record, and the pairing underneath."""

from __future__ import annotations

import json
from datetime import timedelta

from conftest import digest, invoke
from extra_trips import PARIS, SYDNEY, add_trips, stop, trip

from triptrack.core.compare import ADDED, CHANGED, DROPPED, SAME, compare
from triptrack.datafile import store as storage


def test_plan_against_record(cli, data_file):
    before = digest(data_file)
    result = cli("compare", "blinken-final", "blinken-final-record")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Comparing blinken-final (announced) with blinken-final-record (recorded)" in out
    assert "Stops: 2 added, 0 dropped, 0 moved, 3 changed, 0 the same · obligations with a different outcome: 1" in out
    assert "status  announced → recorded" in out
    assert "returns 2025-01-09 → (none)" in out
    # Side by side: the plan's agenda on the left, the record's meetings on the right.
    seoul = next(line for line in out.splitlines() if "− Political turmoil" in line)
    assert "+ met Acting President Choi" in seoul
    for added in ("4. Rome", "5. Vatican City"):
        line = next(line for line in out.splitlines() if added in line)
        assert line.strip().startswith("—") and line.rstrip().endswith("added")
    assert "Thu 9 Jan → Fri 10 Jan" in out
    funeral = next(line for line in out.splitlines() if line.strip().startswith("State funeral of"))
    assert "✓ met, 10 h to spare" in funeral
    assert "✗ missed by 15 h 19 min" in funeral
    assert digest(data_file) == before


def test_plan_against_record_json(cli):
    doc = json.loads(cli("compare", "blinken-final", "blinken-final-record", "--json").stdout)
    assert doc["summary"] == {"added": 2, "dropped": 0, "moved": 0, "changed": 3, "same": 0, "obligations_differ": 1}
    assert [s["change"] for s in doc["stops"]] == ["changed", "changed", "changed", "added", "added"]
    tokyo = doc["stops"][1]
    assert tokyo["a"]["city"] == tokyo["b"]["city"] == "Tokyo"
    assert any("3.64 billion" in t for t in tokyo["topics"]["only_a"])
    assert tokyo["meetings"]["only_b"] == ["Prime Minister Ishiba Shigeru", "Foreign Minister Iwaya Takeshi"]
    assert doc["stops"][3]["a"] is None and doc["stops"][3]["b"]["city"] == "Rome"
    (funeral,) = doc["obligations"]
    assert funeral["when"] == "2025-01-09T10:00:00-05:00"
    assert funeral["a"] == {"status": "met", "margin_minutes": 600}
    assert funeral["b"] == {"status": "missed", "margin_minutes": -(15 * 60 + 19) - 1}  # floor of -15 h 19 min and some seconds
    assert {"field": "returns", "a": "2025-01-09", "b": None} in doc["trip"]


def test_moved_and_dropped_stops(cli, data_file):
    add_trips(
        data_file,
        trip("first", stop(PARIS, "2025-01-07 09:00", "2025-01-07 18:00"), stop(SYDNEY, "2025-01-09", "2025-01-10"))
        + trip("second", stop(PARIS, "2025-01-07 11:30", "2025-01-07 18:00")),
    )
    wide = invoke(["--data", str(data_file), "compare", "first", "second"], env={"COLUMNS": "120", "NO_COLOR": "1"})
    out = wide.stdout
    assert "Stops: 0 added, 1 dropped, 1 moved, 1 changed, 0 the same" in out
    assert "arrives 2 h 30 min later" in out
    assert "Tue 7 Jan 09:00 CET → 18:00 CET" in out
    sydney = next(line for line in out.splitlines() if "2. Sydney" in line)
    assert sydney.rstrip().endswith("dropped")
    doc = json.loads(cli("compare", "first", "second", "--json").stdout)
    assert doc["stops"][0]["moved"] == [
        {"field": "arrive", "a": "2025-01-07T09:00:00+01:00", "b": "2025-01-07T11:30:00+01:00", "shift_minutes": 150}
    ]


def test_times_follow_tz(cli):
    cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00")
    out = cli("compare", "blinken-final", "blinken-final-record", "--tz", "UTC").stdout
    assert "Thu 9 Jan 17:00 UTC" in out and "Thu 9 Jan 15:00 UTC" in out


def test_unknown_trip_and_bad_zone(cli, data_file):
    before = digest(data_file)
    missing = cli("compare", "blinken-final", "nope")
    assert missing.exit_code == 1 and "no trip 'nope'" in missing.stderr
    bad = cli("compare", "blinken-final", "blinken-final-record", "--tz", "Nowhere/Land")
    assert bad.exit_code == 1 and "--tz 'Nowhere/Land'" in bad.stderr
    assert cli("compare").exit_code == 2
    assert digest(data_file) == before


def test_pairing_keeps_later_stops_paired_after_an_insertion(data_file):
    add_trips(
        data_file,
        trip("ab", stop(PARIS, "2025-01-07"), stop(SYDNEY, "2025-01-10"))
        + trip("aab", stop(PARIS, "2025-01-07"), stop(("Rome", "IT", "Europe/Rome", 41.894, 12.484), "2025-01-08"),
               stop(SYDNEY, "2025-01-11")),
    )
    catalog = storage.load(storage.DataSource(data_file, "test"))
    result = compare(catalog, catalog.trips["ab"], catalog.trips["aab"])
    assert [(p.change, p.a_number, p.b_number) for p in result.stops] == [(SAME, 1, 1), (ADDED, None, 2), (CHANGED, 2, 3)]
    assert result.stops[2].times[0].shift == timedelta(days=1)
    reverse = compare(catalog, catalog.trips["aab"], catalog.trips["ab"])
    assert [p.change for p in reverse.stops] == [SAME, DROPPED, CHANGED]
