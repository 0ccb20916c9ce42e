"""show --save: what show draws, saved as SVG, HTML or text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import digest


@pytest.mark.parametrize("name", ["briefing.svg", "briefing.html", "briefing.txt"])
def test_show_saves_what_it_draws(cli, tmp_path, name):
    target = tmp_path / name
    result = cli("show", "blinken-final", "--save", str(target))
    assert result.exit_code == 0, result.output
    assert "Seoul" in result.stdout and f"Saved to {target}" in result.stderr
    saved = target.read_text(encoding="utf-8")
    if name.endswith(".svg"):
        root = ET.fromstring(saved)  # a well-formed SVG picture
        assert root.tag.endswith("svg")
        assert "Seoul" in saved and "11,165" in saved
    elif name.endswith(".html"):
        assert saved.lstrip().lower().startswith("<!doctype html>") and "Seoul" in saved
    else:
        assert saved == result.stdout  # the text is what was printed


def test_save_refuses_an_unknown_extension_before_drawing(cli, tmp_path, data_file):
    before = digest(data_file)
    result = cli("show", "blinken-final", "--save", str(tmp_path / "briefing.png"))
    assert result.exit_code == 1
    assert "--save" in result.stderr and "give a file ending in .svg, .html or .txt" in result.stderr
    assert result.stdout == "" and not (tmp_path / "briefing.png").exists()
    assert digest(data_file) == before


def test_save_reports_a_folder_that_does_not_exist(cli, tmp_path):
    result = cli("show", "blinken-final", "--save", str(tmp_path / "missing" / "b.svg"))
    assert result.exit_code == 1
    target = tmp_path / "missing" / "b.svg"
    assert result.stderr.splitlines() == [f"triptrack: error: cannot write {target}: No such file or directory"]


def test_print_and_save_is_reusable_by_other_views(tmp_path, capsys):
    from rich.text import Text

    from triptrack.render.recording import print_and_save

    print_and_save(Text("a timeline"), tmp_path / "t.txt")
    assert (tmp_path / "t.txt").read_text(encoding="utf-8") == "a timeline\n"
    assert capsys.readouterr().out == "a timeline\n"


def test_timeline_saves_what_it_draws(cli, tmp_path, data_file):
    target = tmp_path / "timeline.svg"
    result = cli("timeline", "blinken-final", "--save", str(target))
    assert result.exit_code == 0, result.output
    assert f"Saved to {target}" in result.stderr
    saved = target.read_text(encoding="utf-8")
    assert ET.fromstring(saved).tag.endswith("svg") and "Seoul" in saved
    before = digest(data_file)
    refused = cli("timeline", "blinken-final", "--save", str(tmp_path / "t.pdf"))
    assert refused.exit_code == 1 and "give a file ending in .svg, .html or .txt" in refused.stderr
    assert refused.stdout == "" and digest(data_file) == before


@pytest.mark.parametrize("command", ["show", "timeline"])
def test_save_replaces_an_existing_file_only_with_force(cli, tmp_path, data_file, command):
    target = tmp_path / "briefing.txt"
    target.write_text("my notes\n", encoding="utf-8")
    before = digest(data_file)
    result = cli(command, "blinken-final", "--save", str(target))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("triptrack: error: --save ") and result.stderr.count("\n") == 1, result.stderr
    assert "exists" in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "my notes\n" and digest(data_file) == before
    result = cli(command, "blinken-final", "--save", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert "Seoul" in target.read_text(encoding="utf-8")
