"""export --format html: one self-contained page, checked in a real headless browser (Chromium)."""

from __future__ import annotations

import re

import pytest
from browser import Browser, chromium, pdf_pages
from conftest import Cli, digest
from hostile_trips import SCRIPT_CITY, write_hostile

needs_browser = pytest.mark.skipif(
    chromium() is None, reason="no Chromium on this machine (apt-get install chromium; CI installs it)"
)


@pytest.fixture
def browser():
    opened = Browser()
    yield opened
    opened.close()


def _export(cli: Cli, trip: str, target) -> str:
    result = cli("export", trip, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"({'html'})" in result.stderr or "html" in result.stderr
    return target.read_text(encoding="utf-8")


def test_the_page_holds_everything_and_asks_for_nothing(cli, tmp_path):
    assert cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00", "--depart", "2025-01-10 11:30").exit_code == 0
    page = _export(cli, "blinken-final", tmp_path / "brief.html")
    for text in ("Final overseas trip as Secretary of State", "Antony J. Blinken", "Seoul", "Tokyo", "Paris", "Rome",
                 "Thu 9 Jan 2025 18:00 CET", "Thu 9 Jan 12:00 EST at home",  # local time, home time beside it
                 "State funeral of former President Jimmy Carter", "missed by", "✗", "<svg", "Sources",
                 "travel announcement of Friday 3 January 2025"):
        assert text in page, text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)  # nothing to fetch
    assert "@media print" in page and "@page" in page
    assert "default-src 'none'" in page  # and the browser is told to fetch nothing, whatever slipped in


def test_markup_in_any_field_is_shown_as_text(tmp_path):
    cli = Cli(write_hostile(tmp_path))
    page = _export(cli, "hostile", tmp_path / "hostile.html")
    assert "<script" not in page.lower() and "<img" not in page and "<i>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;city&quot;)&lt;/script&gt;" in page
    assert "Not on the map (no coordinates): 2. Nowhere &amp; Co." in page


def test_a_bad_path_is_one_line_and_changes_nothing(cli, data_file, tmp_path):
    before = digest(data_file)
    result = cli("export", "blinken-final", "-o", str(tmp_path / "missing" / "brief.html"))
    assert result.exit_code == 1 and result.stderr.startswith("triptrack: error: -o ") and "cannot be written" in result.stderr and len(result.stderr.splitlines()) == 1
    assert digest(data_file) == before


@needs_browser
def test_in_a_real_browser_at_laptop_and_print_size(cli, tmp_path, browser):
    page = tmp_path / "brief.html"
    _export(cli, "blinken-final-record", page)
    record = browser.open(page, 1280, 800)
    key = ["Seoul", "Tokyo", "Paris", "Rome", "Vatican City", "State funeral of former President Jimmy Carter", "missed by"]
    seen = browser.visible(key)
    assert all(seen.values()), seen
    laptop = browser.screenshot(tmp_path / "laptop.png")
    assert laptop.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and _png_size(laptop) == (1280, 800)
    for paper in ("A4", "Letter"):
        pdf = browser.pdf(paper)
        assert pdf.startswith(b"%PDF") and 1 <= pdf_pages(pdf) <= 4, (paper, pdf_pages(pdf))
    printed = browser.screenshot(tmp_path / "print.png", print_media=True)
    assert _png_size(printed) == (794, 1123)
    assert all(browser.visible(key).values())
    assert record.errors == [] and [c for c in record.console if not c.startswith(("log", "info", "debug"))] == []
    assert [url for url in record.requests if not url.startswith(("file:", "data:"))] == []
    assert record.dialogs == []


@needs_browser
def test_a_script_in_a_name_never_runs_in_the_browser(tmp_path, browser):
    cli = Cli(write_hostile(tmp_path))
    page = tmp_path / "hostile.html"
    _export(cli, "hostile", page)
    record = browser.open(page)
    assert record.dialogs == [] and record.errors == []
    seen = browser.visible([SCRIPT_CITY, '<script>alert("obligation")</script>', "<img src=x onerror=alert(1)>"])
    assert all(seen.values()), seen
    assert [url for url in record.requests if not url.startswith(("file:", "data:"))] == []


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
