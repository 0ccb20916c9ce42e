"""A corpus of bad data files: each is refused with one line naming file, line and field.

Nothing is ever written to a file that does not load: the test runs a reading and a
writing command on each and checks the bytes are unchanged.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import digest

CORPUS = Path(__file__).parent / "bad_files"

# file name -> (line, the message after "<file> line N: ")
EXPECTED = {
    "billion-laughs.yaml": (1, "YAML aliases (*name) are not allowed here"),
    "broken-syntax.yaml": (15, "invalid YAML: did not find expected ',' or ']'"),
    "country-name.yaml": (11, "trips.blinken-final.stops[0].country: 'Korea' is not an ISO 3166-1 alpha-2 country code"),
    "deep-nesting.yaml": (1, "invalid YAML: nested too deeply"),
    "dst-fold-in-file.yaml": (13, "trips.blinken-final.stops[0].arrive: 2025-11-02 01:30 happens twice in America/New_York"),
    "dst-gap-in-file.yaml": (13, "trips.blinken-final.stops[0].arrive: 2025-03-09 02:30 does not exist in America/New_York"),
    "duplicate-trip-id.yaml": (10, "trips: duplicate key 'blinken-final' (first given at line 6)"),
    "impossible-date.yaml": (13, "trips.blinken-final.stops[0].arrive: '2025-02-30' is not a date"),
    "lat-without-lon.yaml": (13, "trips.blinken-final.stops[0]: 'lon' is missing: give both lat and lon"),
    "missing-city.yaml": (10, "trips.blinken-final.stops[0]: 'city' is required"),
    "python-tag.yaml": (10, "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "sexagesimal-number.yaml": (13, "trips.blinken-final.stops[0].lat: '12:30' is not a number"),
    "tab-indent.yaml": (14, "invalid YAML: found a tab character"),
    "top-level-list.yaml": (1, "the file must be a mapping with 'officials:' and 'trips:' at the top"),
    "top-level-scalar.yaml": (1, "the file must be a mapping with 'officials:' and 'trips:' at the top"),
    "topics-not-a-list.yaml": (14, "trips.blinken-final.stops[0].topics: expected a list"),
    "unknown-key.yaml": (13, "trips.blinken-final.stops[0]: unknown key 'arive'"),
    "unknown-official.yaml": (8, "trips.blinken-final.official: no official 'kissinger' under 'officials:'"),
    "unknown-status.yaml": (9, "trips.blinken-final.status: 'maybe': use one of"),
    "unknown-zone.yaml": (12, "trips.blinken-final.stops[0].tz: 'Asia/Sol' is not an IANA time zone"),
    "yaml11-boolean.yaml": (14, "trips.blinken-final.stops[0].approximate: 'yes': write true or false"),
}

BINARY = {
    "nul-byte.yaml": (b"officials: {}\ntrips:\n  x\x00y: 1\n", 3, "a NUL byte: this is not a text file"),
    "latin-1.yaml": (b"officials:\n  a:\n    name: Jos\xe9\n", 3, "byte 0xe9 is not UTF-8 text"),
    "png-junk.yaml": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "a NUL byte: this is not a text file"),
}


def test_every_corpus_file_has_an_expected_message():
    assert sorted(p.name for p in CORPUS.glob("*.yaml")) == sorted(EXPECTED)


def _cases():
    for name, (line, message) in EXPECTED.items():
        yield pytest.param(name, None, line, message, id=name)
    for name, (raw, line, message) in BINARY.items():
        yield pytest.param(name, raw, line, message, id=name)


@pytest.mark.parametrize("name, raw, line, message", list(_cases()))
@pytest.mark.parametrize(
    "command",
    [
        ["show", "blinken-final"],
        ["list"],
        ["add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00"],
    ],
    ids=["show", "list", "add-stop"],
)
def test_bad_file_is_refused_with_file_and_line(cli, tmp_path, name, raw, line, message, command):
    folder = tmp_path / "bad"
    folder.mkdir()
    path = folder / name
    if raw is None:
        shutil.copyfile(CORPUS / name, path)
    else:
        path.write_bytes(raw)
    before = digest(path)
    result = cli(*command, data=path)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    (error,) = result.stderr.splitlines()
    assert error.startswith(f"triptrack: error: {path} line {line}: "), error
    assert message in error
    assert digest(path) == before
    assert [p.name for p in folder.iterdir() if not p.name.endswith(".lock")] == [name]  # no temp files
