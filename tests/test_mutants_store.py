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
    result = cli("import", "csv", str(source), "--official", "blinken", "--home", "Washington", "--home-country", "US", data=target)
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


def test_the_users_data_file_follows_xdg_data_home_else_the_home_folder(tmp_path, monkeypatch, _isolated_home):
    """Kills x_user_data_path__mutmut_2 to _17 (the variable's name, the fallback's folders; now in datafile/paths).
    The test set-up gives XDG_DATA_HOME as ~/.local/share, which hides both: here they differ."""
    from triptrack.datafile.paths import user_data_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_data_path() == tmp_path / "xdg" / "triptrack" / "trips.yaml"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert user_data_path() == _isolated_home / ".local" / "share" / "triptrack" / "trips.yaml"


def test_an_edit_returns_the_document_as_written(data_file):
    """Kills x_edit__mutmut_59 to _61 (the path, text or node tree of the returned document)."""
    from triptrack.datafile import store

    source = store.locate(str(data_file))
    new_text = data_file.read_text().replace("title: U.S. Secretary of State", "title: Secretary of State", 1)
    document = store.edit(source, lambda old: new_text)
    assert (document.path, document.text) == (source.path, new_text)
    assert document.root is not None and document.root.value[0][0].value == "officials"
    assert document.catalog.officials["blinken"].title == "Secretary of State"
    assert data_file.read_text() == new_text


def test_a_write_goes_through_a_hidden_temp_file_beside_the_target(tmp_path, monkeypatch):
    """Kills the mkstemp mutants of atomic_write (the temp file's folder, prefix and suffix,
    which the next writer's clean-up looks for) and the ones of a new file's mode."""
    import os
    import stat

    from triptrack.datafile.atomic_file import atomic_write

    renamed = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (renamed.append((src, dst)), real_replace(src, dst)))
    target = tmp_path / "trips.yaml"
    previous = os.umask(0o027)
    try:
        atomic_write(target, "new\n")
    finally:
        os.umask(previous)
    ((temp, final),) = renamed
    assert os.path.dirname(temp) == str(tmp_path) and os.path.basename(temp).startswith(".trips.yaml.")
    assert temp.endswith(".tmp") and final == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # 0o666 less the umask
    assert target.read_text() == "new\n"


def test_an_edit_returns_the_catalog_and_fingerprint_of_what_it_wrote(data_file):
    """Kills the mutants of the returned document's catalog and fingerprint."""
    import hashlib

    from triptrack.datafile import store

    source = store.locate(str(data_file))
    document = store.edit(source, lambda old: old.text + "\n# one more line\n")
    assert document.fingerprint == hashlib.sha256(data_file.read_bytes()).hexdigest()
    assert set(document.catalog.trips) == {"blinken-final", "blinken-final-record"}
