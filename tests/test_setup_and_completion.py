"""init, where, and shell completion from the user's own data."""

from __future__ import annotations

import types

from conftest import digest


def test_where_explains_the_default(bare_cli, _isolated_home):
    result = bare_cli("where")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == str(_isolated_home / ".local" / "share" / "triptrack" / "trips.yaml")
    assert "chosen because: the default for this user" in lines[1]
    assert "showing the sample" in lines[2]


def test_where_names_data_option_and_environment(cli, bare_cli, data_file, monkeypatch):
    assert "chosen because: given with --data" in cli("where").stdout
    monkeypatch.setenv("TRIPTRACK_DATA", str(data_file))
    out = bare_cli("where").stdout
    assert out.splitlines()[0] == str(data_file) and "$TRIPTRACK_DATA" in out and "state: exists" in out


def test_init_with_sample_and_empty(cli, tmp_path):
    sample = tmp_path / "a" / "trips.yaml"
    assert cli("init", str(sample)).exit_code == 0
    assert "blinken-final" in cli("list", data=sample).stdout
    empty = tmp_path / "b.yaml"
    result = cli("init", str(empty), "--empty")
    assert result.exit_code == 0 and f"Created {empty} with an empty template." in result.stdout
    assert "No trips" in cli("list", data=empty).stdout
    assert "# A complete example" in empty.read_text()


def test_init_never_overwrites(cli, data_file):
    before = digest(data_file)
    result = cli("init", str(data_file))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"triptrack: error: {data_file} already exists; triptrack init never overwrites a data file"
    assert digest(data_file) == before


def _ctx(data_path):
    root = types.SimpleNamespace(params={"data": str(data_path) if data_path else None})
    return types.SimpleNamespace(find_root=lambda: root)


def test_completion_of_trip_and_official_ids(data_file):
    from triptrack.cli.completion import official_ids, trip_ids

    assert [v for v, _h in trip_ids(_ctx(data_file), "blinken-final-")] == ["blinken-final-record"]
    assert [v for v, _h in trip_ids(_ctx(data_file), "")] == ["blinken-final", "blinken-final-record"]
    assert trip_ids(_ctx(data_file), "zz") == []
    assert official_ids(_ctx(data_file), "bl") == [("blinken", "Antony J. Blinken")]


def test_completion_reads_each_trip_s_summary_not_its_stops(data_file, cache, monkeypatch):
    from triptrack.cli.completion import trip_ids
    from triptrack.datafile import parsed

    trip_ids(_ctx(data_file), "")  # the index holds every trip
    monkeypatch.setattr(parsed.Parsed, "_read", lambda self, numbers: (_ for _ in ()).throw(AssertionError("stops read")))
    assert trip_ids(_ctx(data_file), "blinken-final-") == [
        ("blinken-final-record", "Final overseas trip as Secretary of State (as recorded)")
    ]


def test_completion_survives_a_broken_file(tmp_path):
    from triptrack.cli.completion import trip_ids

    broken = tmp_path / "broken.yaml"
    broken.write_text("trips: [unclosed\n")
    assert trip_ids(_ctx(broken), "") == []


def test_completion_of_formats():
    from triptrack.cli.completion import export_formats

    assert [v for v, _h in export_formats(None, "c")] == ["csv"]


def _complete(words: str, cword: int, data_file) -> list[str]:
    """Ask the real program for bash completions, as the installed completion script does."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COMP_WORDS": words, "COMP_CWORD": str(cword), "_TRIPTRACK_COMPLETE": "complete_bash"}
    env["TRIPTRACK_DATA"] = str(data_file)
    code = "import sys; sys.argv[0] = 'triptrack'; from triptrack.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    return proc.stdout.split()


def test_the_shell_completes_ids_and_formats_from_the_users_data(data_file):
    assert _complete("triptrack show bl", 2, data_file) == ["blinken-final", "blinken-final-record"]
    assert _complete("triptrack check blinken-final-", 2, data_file) == ["blinken-final-record"]
    assert _complete("triptrack stats --official ", 3, data_file) == ["blinken"]
    assert _complete("triptrack export blinken-final --format ", 4, data_file) == ["csv", "json", "ics", "geojson", "md", "html"]
    assert _complete("triptrack stop edit blinken-final-r", 3, data_file) == ["blinken-final-record"]
