"""datafile/store.py: tests for the mutants mutmut found alive (issue 16; benchmarks/MUTATION.md).

Each test names the mutant(s) it kills: `mutmut show NAME` prints the change.
"""

from __future__ import annotations

CSV = "trip,city,country,tz,arrive\r\nparis-visit,Paris,FR,Europe/Paris,2025-01-08\r\n"


def test_a_new_data_file_gets_every_missing_folder(cli, tmp_path):
    """Kills x_edit__mutmut_4, _6 and _8 (only the last folder made, or none)."""
    source = tmp_path / "visit.csv"
    source.write_text(CSV)
    target = tmp_path / "a" / "b" / "trips.yaml"
    result = cli("import", "csv", str(source), "--official", "blinken", data=target)
    assert result.exit_code == 0, result.output
    assert "paris-visit:" in target.read_text()


def test_a_folder_that_cannot_be_made_is_one_line_naming_the_file(cli, tmp_path):
    """Kills x_edit__mutmut_10 and _11 (the file's name or the reason left out)."""
    source = tmp_path / "visit.csv"
    source.write_text(CSV)
    (tmp_path / "afile").write_text("not a folder\n")
    target = tmp_path / "afile" / "trips.yaml"
    result = cli("import", "csv", str(source), "--official", "blinken", data=target)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"triptrack: error: {target}: cannot create its folder: File exists"]
    assert (tmp_path / "afile").read_text() == "not a folder\n"
