"""Hostile input, round two (issue 13): paths and bytes that must never lose data, hang or crash.

Each case runs the real CLI and checks the message (one line, no traceback), the exit
status, that the data file is byte-identical and that no temp file is left. Cases that
could hang (FIFOs) run in a subprocess with a timeout.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PINNED_ENV, SAMPLE, digest

MANUAL_PLACE = ["--country", "XK", "--tz", "Europe/Belgrade", "--lat", "42.36", "--lon", "21.25"]


def no_temp_files(folder: Path) -> bool:
    return not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def refused(result, message: str, code: int = 1) -> None:
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = [line for line in result.stderr.strip().splitlines() if not line.startswith("Building the offline place index")]
    assert len(lines) == 1 and lines[0].startswith("triptrack: error: "), result.stderr
    assert message in lines[0], lines[0]
    assert "Traceback" not in result.output


def run(*args: str, timeout: float = 60, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real program in a subprocess (a hang fails the test instead of blocking it)."""
    return subprocess.run(
        [sys.executable, "-m", "triptrack", *args],
        capture_output=True, text=True, timeout=timeout, cwd=cwd,
        env={**os.environ, **PINNED_ENV, **(env or {})},
    )


def refused_run(done: subprocess.CompletedProcess, message: str, code: int = 1) -> None:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    lines = [line for line in done.stderr.strip().splitlines() if not line.startswith("Building the offline place index")]
    assert len(lines) == 1 and lines[0].startswith("triptrack: error: "), done.stderr
    assert message in lines[0], lines[0]


# --- export -o and --save: never over the data file, never an unknown format, never a silent overwrite


def test_export_over_the_data_file_is_refused(cli, data_file):
    before = digest(data_file)
    refused(cli("export", "blinken-final", "-o", str(data_file), "--format", "csv"), "that is the data file")
    refused(cli("export", "blinken-final", "-o", str(data_file), "--format", "csv", "--force"), "that is the data file")
    assert digest(data_file) == before and no_temp_files(data_file.parent)


def test_export_over_the_data_file_through_a_symlink_a_hard_link_or_a_relative_path(cli, data_file, tmp_path, monkeypatch):
    before = digest(data_file)
    (tmp_path / "link.csv").symlink_to(data_file)
    os.link(data_file, tmp_path / "hard.csv")
    monkeypatch.chdir(tmp_path)
    for target in ("link.csv", "hard.csv", "../" + tmp_path.name + "/link.csv"):
        refused(cli("export", "blinken-final", "-o", target, "--force"), "that is the data file")
    refused(cli("export", "blinken-final", "-o", "trips.yaml", "-f", "json", "--force"), "that is the data file")
    refused(cli("export", "blinken-final", "-o", f".{data_file.name}.lock", "-f", "csv"), "lock file")
    assert digest(data_file) == before and (tmp_path / "link.csv").is_symlink() and no_temp_files(tmp_path)


@pytest.mark.parametrize("name", ["trips.yaml", "x.xlsx", "noextension", "b.CSV.bak"])
def test_an_unknown_extension_is_refused_naming_the_formats(cli, data_file, tmp_path, name):
    before = digest(data_file)
    result = cli("export", "blinken-final", "-o", str(tmp_path / "out" / name))
    refused(result, "unknown extension")
    assert ".csv (csv)" in result.stderr and ".geojson (geojson)" in result.stderr
    assert not (tmp_path / "out").exists() and digest(data_file) == before


def test_an_existing_file_is_replaced_only_with_force(cli, data_file, tmp_path):
    target = tmp_path / "mine.csv"
    target.write_bytes(b"my own spreadsheet\n")
    refused(cli("export", "blinken-final", "-o", str(target)), "already exists; add --force")
    assert target.read_bytes() == b"my own spreadsheet\n" and no_temp_files(tmp_path)
    result = cli("export", "blinken-final", "-o", str(target), "--force")
    assert result.exit_code == 0 and target.read_text(encoding="utf-8").startswith("trip,order,city")


def test_a_terminal_is_asked_before_an_existing_file_is_replaced(cli, tmp_path, monkeypatch):
    from triptrack.cli import interaction

    target = tmp_path / "mine.md"
    target.write_text("keep\n", encoding="utf-8")
    monkeypatch.setattr(interaction, "interactive", lambda: True)
    result = cli("export", "blinken-final", "-o", str(target), input="n\n")
    assert result.exit_code == 1 and "Replace it?" in result.output and target.read_text(encoding="utf-8") == "keep\n"
    result = cli("export", "blinken-final", "-o", str(target), input="y\n")
    assert result.exit_code == 0 and target.read_text(encoding="utf-8").startswith("# Final")


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_write_to_stdout(data_file, target):
    done = run("--data", str(data_file), "export", "blinken-final", "-o", target, "-f", "csv", timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("trip,order,city") and done.stdout.count("blinken-final,") == 3


def test_a_fifo_or_device_as_output_is_refused_not_replaced_and_nothing_hangs(data_file, tmp_path):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    refused_run(run("--data", str(data_file), "export", "blinken-final", "-o", str(fifo), "--force", timeout=30), "not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    refused_run(run("--data", str(data_file), "export", "blinken-final", "-o", "/dev/null", "-f", "csv", "--force", timeout=30), "not a regular file")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    svg = tmp_path / "pic.svg"
    os.mkfifo(svg)
    refused_run(run("--data", str(data_file), "show", "blinken-final", "--save", str(svg), timeout=30), "not a regular file")
    assert stat.S_ISFIFO(os.stat(svg).st_mode) and no_temp_files(tmp_path)


def test_a_folder_as_output_is_refused(cli, tmp_path):
    (tmp_path / "d.csv").mkdir()
    refused(cli("export", "blinken-final", "-o", str(tmp_path / "d.csv"), "--force"), "is a folder")


def test_save_over_the_data_file_is_refused(cli, tmp_path):
    data = tmp_path / "trips.txt"
    data.write_bytes(SAMPLE.read_bytes())
    before = digest(data)
    refused(cli("show", "blinken-final", "--save", str(data), data=data), "that is the data file")
    refused(cli("timeline", "blinken-final", "--save", str(data), data=data), "that is the data file")
    assert digest(data) == before


# --- --data that is not a regular file


@pytest.mark.parametrize("command", [["list"], ["show", "blinken-final"], ["topic", "add", "blinken-final", "1", "X"], ["validate"]])
def test_a_fifo_as_the_data_file_is_refused_without_hanging(tmp_path, command):
    fifo = tmp_path / "trips.yaml"
    os.mkfifo(fifo)
    refused_run(run("--data", str(fifo), *command, timeout=30), "not a regular file")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and no_temp_files(tmp_path)


@pytest.mark.parametrize("command", [["list"], ["trip", "new", "x", "--title", "T", "--official", "blinken"]])
def test_a_device_as_the_data_file_is_refused_and_never_replaced(command):
    done = run("--data", "/dev/null", *command, timeout=30)
    refused_run(done, "not a regular file")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --- line endings: CR alone (old Mac files) is refused before any edit can splice at the wrong place


@pytest.mark.parametrize("ending", ["\r", "mixed"])
def test_cr_line_endings_are_refused_with_the_line(cli, tmp_path, ending):
    text = SAMPLE.read_text(encoding="utf-8")
    if ending == "mixed":
        cut = -1
        for _ in range(12):
            cut = text.index("\n", cut + 1)
        data, line = text[:cut] + "\r" + text[cut + 1 :], 12  # one stray CR ends line 12
    else:
        data, line = text.replace("\n", "\r"), 1
    path = tmp_path / "mac.yaml"
    path.write_bytes(data.encode("utf-8"))
    before = digest(path)
    for command in (["topic", "add", "blinken-final", "1", "X"], ["list"], ["show", "blinken-final"], ["validate"]):
        result = cli(*command, data=path)
        refused(result, f"line {line}: a carriage return without a line feed")
    checked = cli("check", data=path)
    assert checked.exit_code == 1 and "carriage return without a line feed" in checked.output
    assert digest(path) == before and no_temp_files(tmp_path)


# --- control characters: refused at load with the line, and at the command line


TITLE = "    title: Final overseas trip as Secretary of State (as announced)\n"
TOPIC = "          - Cooperation on global challenges built on shared values\n"


@pytest.mark.parametrize(
    "escape",
    ['"\\e]0;PWNED\\a\\e[2J"', '"\\x1b[31mred"', '"\\u001b[2J"', '"\\x9b2J"', '"bell\\x07"', '"del\\x7f"', '"cr\\rhidden"'],
)
@pytest.mark.parametrize("where", [TITLE, TOPIC], ids=["title", "topic"])
def test_escape_sequences_in_the_file_are_refused_at_load(cli, tmp_path, escape, where):
    text = SAMPLE.read_text(encoding="utf-8")
    assert where in text
    line = text[: text.index(where)].count("\n") + 1
    path = tmp_path / "trips.yaml"
    indent = where[: len(where) - len(where.lstrip())]
    path.write_text(text.replace(where, indent + ("title: " if where == TITLE else "- ") + escape + "\n"), encoding="utf-8")
    before = digest(path)
    for command in (["show", "blinken-final"], ["list"], ["export", "blinken-final", "-f", "md"], ["timeline", "blinken-final"], ["validate"]):
        result = cli(*command, data=path)
        refused(result, "control character")
        assert f"line {line}:" in result.stderr and "\x1b" not in result.output and "\x07" not in result.output
    checked = cli("check", data=path)
    assert checked.exit_code == 1 and "control character" in checked.output and "\x1b" not in checked.output
    assert digest(path) == before


@pytest.mark.parametrize(
    "command",
    [
        ["topic", "add", "blinken-final", "1", "\x1b]0;PWNED\x07"],
        ["meeting", "add", "blinken-final", "1", "a\x1b[2Jb"],
        ["trip", "edit", "blinken-final", "--title", "\x9b2J"],
        ["stop", "edit", "blinken-final", "1", "--notes", "x\x1b[8m"],
        ["add-stop", "blinken-final", "Camp\x1b", *MANUAL_PLACE, "--arrive", "2025-01-08"],
    ],
)
def test_escape_sequences_from_the_command_line_are_refused_and_never_echoed_raw(cli, data_file, command):
    before = digest(data_file)
    result = cli(*command)
    refused(result, "control character")
    assert "\x1b" not in result.output and "\x07" not in result.output and "\x9b" not in result.output
    assert digest(data_file) == before and no_temp_files(data_file.parent)


def test_an_error_message_never_prints_a_control_character(cli, data_file):
    result = cli("show", "no\x1b]0;PWNED\x07trip")
    assert result.exit_code == 1 and "\x1b" not in result.stderr and "\\x1b" in result.stderr


def test_a_tab_inside_a_title_still_loads(cli, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace(TITLE, '    title: "Final\\ttrip"\n')
    path = tmp_path / "trips.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("show", "blinken-final", data=path)
    assert result.exit_code == 0 and "Final" in result.stdout


# --- files to import that are not regular files, or hold escape sequences


@pytest.mark.parametrize("kind", ["csv", "historian"])
def test_a_fifo_or_device_to_import_is_refused_without_hanging(data_file, tmp_path, kind):
    fifo = tmp_path / f"in.{'csv' if kind == 'csv' else 'xml'}"
    os.mkfifo(fifo)
    before = digest(data_file)
    for source in (str(fifo), "/dev/zero"):
        extra = ["--official", "blinken"] if kind == "csv" else []
        refused_run(run("--data", str(data_file), "import", kind, source, *extra, timeout=30), "not a regular file")
    assert digest(data_file) == before and no_temp_files(data_file.parent)


def test_escape_sequences_in_a_csv_are_refused_with_its_line(cli, data_file, tmp_path):
    source = tmp_path / "e.csv"
    header = "trip,order,city,country,tz,arrive,depart,topics,meetings,notes,lat,lon,ref,approximate"
    source.write_text(f"{header}\nt1,1,Paris,FR,Europe/Paris,2025-01-09,,,,,,,,\nt1,2,Lyon,FR,Europe/Paris,2025-01-10,,\"ok\nbad\x1b]0;PWNED\x07\",,,,,,\n", encoding="utf-8")
    before = digest(data_file)
    result = cli("import", "csv", str(source), "--official", "blinken")
    refused(result, "e.csv line 3: topics: a control character U+001B (ESC)")
    assert "\x1b" not in result.output and digest(data_file) == before


@pytest.mark.parametrize("character", ["\u2028", "\u2029", "\u0085"])
def test_unicode_line_breaks_that_editors_do_not_show_are_refused(cli, tmp_path, character):
    """YAML breaks lines at NEL, LS and PS: `- A<LS>- B` looks like one topic in an editor, two to triptrack."""
    topic = "          - Cooperation on global challenges built on shared values\n"
    text = SAMPLE.read_text(encoding="utf-8")
    line = text[: text.index(topic)].count("\n") + 1
    path = tmp_path / "trips.yaml"
    path.write_text(text.replace(topic, f"          - Cooperation{character}          - Hidden\n"), encoding="utf-8")
    before = digest(path)
    for command in (["show", "blinken-final"], ["topic", "add", "blinken-final", "1", "X"], ["validate"]):
        refused(cli(*command, data=path), f"line {line}: character U+{ord(character):04X} is a line break to YAML")
    assert digest(path) == before and no_temp_files(tmp_path)


def test_export_never_writes_over_the_sample_shown_before_the_data_file_exists(bare_cli, tmp_path, monkeypatch):
    from triptrack.datafile import paths

    sample = tmp_path / "sample.yaml"
    sample.write_bytes(SAMPLE.read_bytes())
    monkeypatch.setattr(paths, "sample_path", lambda: sample)
    before = digest(sample)
    refused(bare_cli("export", "blinken-final", "-o", str(sample), "-f", "csv", "--force"), "the sample shown until the data file exists")
    assert digest(sample) == before


def test_an_unexpected_failure_is_one_line_and_debug_shows_the_traceback(data_file, monkeypatch, capsys):
    """A bug must not print a traceback at a user, but must not hide either."""
    from triptrack.cli import main
    from triptrack.core import checks

    def broken(*args, **kwargs):
        raise RuntimeError("a bug for the test")

    from triptrack.datafile import store as storage

    monkeypatch.setattr(checks, "check_catalog", broken)
    monkeypatch.setattr(storage, "WRITTEN", [])  # (other tests of this process wrote files)
    monkeypatch.setattr(sys, "argv", ["triptrack", "--data", str(data_file), "check"])
    monkeypatch.delenv("TRIPTRACK_DEBUG", raising=False)
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("triptrack: internal error: RuntimeError: a bug for the test (nothing was written; ")
    monkeypatch.setenv("TRIPTRACK_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main()


@pytest.mark.parametrize("kind", ["fifo", "device", "dangling symlink"])
def test_init_never_replaces_a_fifo_a_device_or_a_link(tmp_path, kind):
    target = tmp_path / "trips.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target.symlink_to("/dev/null")
    else:
        target.symlink_to(tmp_path / "elsewhere.yaml")
    refused_run(run("init", str(target), timeout=30), "already exists; triptrack init never overwrites a data file")
    assert os.path.lexists(target) and not (tmp_path / "elsewhere.yaml").exists()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("written, year", [
    ("0001-01-01 00:00", 1),  # the zeros of the year, dropped by a reformatting
    ("9999-12-31 23:59-12:00", 9999),  # the offset
    ("0999-01-01", 999),
])
def test_a_year_out_of_range_is_quoted_as_the_file_writes_it(cli, data_file, written, year):
    text = data_file.read_text(encoding="utf-8")
    data_file.write_text(text.replace("arrive: 2025-01-06", f"arrive: {written}", 1), encoding="utf-8")
    line = data_file.read_text(encoding="utf-8").splitlines().index(f"        arrive: {written}") + 1
    before = digest(data_file)
    result = cli("show", "blinken-final")
    refused(result, f"line {line}: trips.blinken-final.stops[0].arrive: '{written}': the year {year} is out of range")
    assert digest(data_file) == before


@pytest.mark.parametrize("key, written, message", [
    ("arrive: 2025-01-06", "arrive: ２０２５-０１-０６", "'２０２５-０１-０６' is not a date or time"),  # full-width digits
    ("arrive: 2025-01-06", "arrive: ٢٠٢٥-٠١-٠٦", "is not a date or time"),  # Arabic-Indic digits
    ("lat: 37.566", "lat: ３７.５６６", "stops[0].lat: '３７.５６６' is not a number"),
])
def test_digits_of_other_scripts_are_refused_where_numbers_and_dates_are_read(cli, data_file, key, written, message):
    """Python reads any script's digits as numbers; YAML tools and people reading the file as a
    date or a number would not, so the file says what it means only in ASCII digits."""
    data_file.write_text(data_file.read_text(encoding="utf-8").replace(key, written, 1), encoding="utf-8")
    before = digest(data_file)
    refused(cli("show", "blinken-final"), message)
    assert digest(data_file) == before
