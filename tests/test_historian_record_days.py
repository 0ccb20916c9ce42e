"""The whole Secretaries' import against the record itself: days abroad, trip dates, check.

Skipped when ../shared (the Office of the Historian's files) is absent.
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import PINNED_ENV, invoke

SHARED = Path(os.environ.get("TRIPTRACK_SHARED", Path(__file__).resolve().parents[2] / "shared"))  # set it in a worktree
TRAVELS = SHARED / "data" / "history-state-gov" / "secretary-travels"
FILES = sorted(TRAVELS.glob("*.xml")) if TRAVELS.is_dir() else []

pytestmark = pytest.mark.skipif(len(FILES) != 34, reason="the Office of the Historian data is not in ../shared")


def _run(*args: str):
    return invoke(list(args), env=PINNED_ENV)


@pytest.fixture(scope="module")
def imported(tmp_path_factory, historian_import) -> Path:
    return historian_import.copy(tmp_path_factory.mktemp("record"))


def _dates_in_the_xml() -> dict[str, set[date]]:
    """Each Secretary's distinct recorded dates, read straight from the XML (not through triptrack)."""
    import xml.etree.ElementTree as ET

    out: dict[str, set[date]] = {}
    for path in FILES:
        for element in ET.parse(path).getroot().iter("trip"):
            start = date.fromisoformat(element.findtext("start-date").strip())
            end_text = (element.findtext("end-date") or "").strip()
            end = date.fromisoformat(end_text) if end_text else start
            dates = out.setdefault(element.get("who"), set())
            dates.update(start + timedelta(days=n) for n in range((end - start).days + 1))
    return out


def test_days_abroad_are_the_recorded_dates_for_every_secretary(imported):
    expected = _dates_in_the_xml()
    assert len(expected) == 34
    result = _run("--data", str(imported), "stats", "--json")  # every official at once
    assert result.exit_code == 0, result.output
    days = {figures["id"]: figures["days_abroad"] for figures in json.loads(result.stdout)["officials"]}
    assert days == {who: len(dates) for who, dates in expected.items()}
    (one,) = json.loads(_run("--data", str(imported), "stats", "--official", "blinken-antony-j", "--json").stdout)["officials"]
    assert one["days_abroad"] == len(expected["blinken-antony-j"])  # the same, asked for one


def test_show_json_markdown_and_list_agree_on_every_trips_days(imported):
    listed = json.loads(_run("--data", str(imported), "list", "--json").stdout)
    assert len(listed) == 1098
    from triptrack.datafile import store

    catalog = store.load(store.locate(str(imported)))
    for entry in listed:
        trip = catalog.trips[entry["id"]]
        first = min(s.arrive.day for s in trip.stops)
        last = max(s.leaves.day for s in trip.stops)
        assert (entry["start"], entry["end"]) == (first.isoformat(), last.isoformat()), entry["id"]
    # Blinken's last journey starts in Seoul on 6 January (not Washington's 5th): show, --json and Markdown say so.
    shown = _run("--data", str(imported), "show", "blinken-2025-01-06").stdout
    assert "Mon 6 Jan 2025 → Fri 10 Jan 2025 · 5 days" in shown
    doc = json.loads(_run("--data", str(imported), "show", "blinken-2025-01-06", "--json").stdout)
    assert (doc["start"], doc["end"]) == ("2025-01-06", "2025-01-10")
    markdown = _run("--data", str(imported), "export", "blinken-2025-01-06", "--format", "md").stdout
    assert "Mon 6 Jan 2025 → Fri 10 Jan 2025 (5 days)" in markdown
    assert "Sun 2 Aug 2015" in _run("--data", str(imported), "show", "kerry-2015-08-02").stdout
    timeline = _run("--data", str(imported), "timeline", "blinken-2025-01-06").stdout
    assert [line[:9] for line in timeline.splitlines() if line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sun")][0] == "Mon 6 Jan"


def test_check_passes_on_the_record_and_strict_lists_a_few_real_findings(imported):
    plain = _run("--data", str(imported), "check")
    assert plain.exit_code == 0, plain.output
    strict = _run("--data", str(imported), "check", "--strict")
    assert strict.exit_code == 1
    findings = [line for line in strict.stdout.splitlines() if ": warning: " in line]
    assert ": problem: " not in strict.stdout
    assert 0 < len(findings) <= 30, "\n".join(findings)
    # Day trips from a base are excursions, not overlaps (Rome with the Vatican); none is an overlap in one city.
    assert not any("overlap" in line and "Vatican" in line for line in findings), "\n".join(findings)
    assert not any(" #" in line and "overlap" in line for line in findings), "\n".join(findings)
