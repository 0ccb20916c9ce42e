"""A corpus of bad data files: each is refused with one line naming file, line and field.

Nothing is ever written to a file that does not load: the test runs reading commands,
`validate` and writing commands on each and checks the bytes are unchanged and no
temp file is left. BINARY and GENERATED cases are built here (bytes a text corpus
cannot hold, or files too big to keep). A folder and an unreadable file as the data
file are in test_write_safety.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import digest

CORPUS = Path(__file__).parent / "bad_files"

# file name -> (line, the message after "<file> line N: ")
EXPECTED = {
    "alias-reuse.yaml": (7, "YAML aliases (*name) are not allowed here"),
    "billion-laughs.yaml": (2, "YAML aliases (*name) are not allowed here"),
    "binary-tag.yaml": (3, "officials.blinken.name: YAML tag 'tag:yaml.org,2002:binary' is not allowed"),
    "broken-syntax.yaml": (15, "invalid YAML: did not find expected ',' or ']'"),
    "complex-key.yaml": (6, "trips: keys must be plain names"),
    "country-name.yaml": (11, "trips.blinken-final.stops[0].country: 'Korea' is not an ISO 3166-1 alpha-2 country code"),
    "deep-flow-mapping.yaml": (1, "invalid YAML: nested too deeply"),
    "deep-nesting.yaml": (1, "invalid YAML: nested too deeply"),
    "dst-fold-in-file.yaml": (13, "trips.blinken-final.stops[0].arrive: 2025-11-02 01:30 happens twice in America/New_York"),
    "dst-gap-in-file.yaml": (13, "trips.blinken-final.stops[0].arrive: 2025-03-09 02:30 does not exist in America/New_York"),
    "duplicate-home-key.yaml": (4, "officials.blinken.home: duplicate key 'city' (first given at line 4)"),
    "duplicate-official-id.yaml": (5, "officials: duplicate key 'blinken' (first given at line 2)"),
    "duplicate-stop-key.yaml": (14, "trips.blinken-final.stops[0]: duplicate key 'arrive' (first given at line 13)"),
    "duplicate-top-key.yaml": (9, "duplicate key 'trips' (first given at line 5)"),
    "duplicate-trip-id.yaml": (10, "trips: duplicate key 'blinken-final' (first given at line 6)"),
    "home-is-text.yaml": (4, "officials.blinken.home: expected a mapping of city, country, tz, lat..."),
    "home-unknown-zone.yaml": (4, "officials.blinken.home.tz: 'America/Washington' is not an IANA time zone"),
    "impossible-date.yaml": (13, "trips.blinken-final.stops[0].arrive: '2025-02-30' is not a date"),
    "impossible-time.yaml": (13, "trips.blinken-final.stops[0].arrive: '2025-01-06 25:00' is not a time of day"),
    "int-tag.yaml": (13, "trips.blinken-final.stops[0].lat: YAML tag 'tag:yaml.org,2002:int' is not allowed"),
    "lat-without-lon.yaml": (13, "trips.blinken-final.stops[0]: 'lon' is missing: give both lat and lon"),
    "leaves-impossible-date.yaml": (9, "trips.blinken-final.leaves: '2025-13-01' is not a date"),
    "local-tag.yaml": (7, "trips.blinken-final.title: YAML tag '!secret' is not allowed"),
    "missing-city.yaml": (10, "trips.blinken-final.stops[0]: 'city' is required"),
    "multi-document.yaml": (5, "invalid YAML: but found another document (expected a single document in the stream)"),
    "name-is-a-list.yaml": (3, "officials.blinken.name: expected text"),
    "null-key.yaml": (6, "trips: keys must be plain names"),
    "obligation-impossible-date.yaml": (16, "trips.blinken-final.obligations[0].when: '2025-02-29 10:00' is not a date"),
    "obligation-unknown-zone.yaml": (12, "trips.blinken-final.obligations[0].tz: 'Europe/Atlantis' is not an IANA time zone"),
    "officials-is-a-list.yaml": (2, "officials: expected a mapping of official ids"),
    "python-name-tag.yaml": (7, "trips.blinken-final.title: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed"),
    "python-object-root.yaml": (1, "YAML tag 'tag:yaml.org,2002:python/object/new:os.system' is not allowed"),
    "python-tag.yaml": (10, "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "set-tag.yaml": (14, "trips.blinken-final.stops[0].topics: YAML tag 'tag:yaml.org,2002:set' is not allowed"),
    "sexagesimal-number.yaml": (13, "trips.blinken-final.stops[0].lat: '12:30' is not a number"),
    "stop-is-a-list.yaml": (10, "trips.blinken-final.stops[0]: expected a mapping of city, country, tz, lat..."),
    "stops-is-a-mapping.yaml": (10, "trips.blinken-final.stops: expected a list of stops ('- city: ...')"),
    "surrogate-escape.yaml": (7, "invalid YAML: found invalid Unicode character escape code"),
    "tab-indent.yaml": (14, "invalid YAML: found a tab character"),
    "tag-directive.yaml": (4, "officials.blinken: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed"),
    "title-is-a-mapping.yaml": (7, "trips.blinken-final.title: expected text"),
    "top-level-list.yaml": (1, "the file must be a mapping with 'officials:' and 'trips:' at the top"),
    "top-level-scalar.yaml": (1, "the file must be a mapping with 'officials:' and 'trips:' at the top"),
    "topics-not-a-list.yaml": (14, "trips.blinken-final.stops[0].topics: expected a list"),
    "undefined-alias.yaml": (7, "invalid YAML: found undefined alias"),
    "unknown-key.yaml": (13, "trips.blinken-final.stops[0]: unknown key 'arive'"),
    "unknown-official.yaml": (8, "trips.blinken-final.official: no official 'kissinger' under 'officials:'"),
    "unknown-status.yaml": (9, "trips.blinken-final.status: 'maybe': use one of"),
    "unknown-zone.yaml": (12, "trips.blinken-final.stops[0].tz: 'Asia/Sol' is not an IANA time zone"),
    "yaml11-boolean.yaml": (14, "trips.blinken-final.stops[0].approximate: 'yes': write true or false"),
}

SAMPLE = (Path(__file__).resolve().parents[1] / "data" / "trips.yaml").read_bytes()

BINARY = {
    "nul-byte.yaml": (b"officials: {}\ntrips:\n  x\x00y: 1\n", 3, "a NUL byte: this is not a text file"),
    "latin-1.yaml": (b"officials:\n  a:\n    name: Jos\xe9\n", 3, "byte 0xe9 is not UTF-8 text"),
    "latin-1-mid-file.yaml": (SAMPLE.replace(b"Jean-No\xc3\xabl", b"Jean-No\xebl"), 124, "byte 0xeb is not UTF-8 text"),
    "cp1252-quotes.yaml": (SAMPLE.replace(b'"iron-clad"', b"\x93iron-clad\x94"), 48, "byte 0x93 is not UTF-8 text"),
    "png-junk.yaml": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "a NUL byte: this is not a text file"),
    "jpeg-junk.yaml": (b"\xff\xd8\xff\xe0\x10JFIF\x01\x01", 1, "byte 0xff is not UTF-8 text"),
    "gzip-junk.yaml": (b"\x1f\x8b\x08\x08\xa1\xb2\xc3\x00\x00\x03trips.yaml", 1, "a NUL byte: this is not a text file"),
    "elf-junk.yaml": (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", 1, "a NUL byte: this is not a text file"),
    "utf-16.yaml": ("officials: {}\n".encode("utf-16"), 1, "this is UTF-16 text; save the file as UTF-8"),
    "control-character.yaml": (b"officials:\n  a:\n    name: Jos\x07\n", 3, "invalid YAML: character U+0007 is not allowed"),
    "terminal-escape.yaml": (SAMPLE.replace(b"title: Final", b"title: \x1b[31mFinal"), 24, "character U+001B is not allowed"),
    "high-bytes-no-nul.yaml": (bytes(range(0x80, 0x100)) * 4, 1, "byte 0x80 is not UTF-8 text"),
    "deep-block-mapping.yaml": ("".join(" " * i + "a:\n" for i in range(1100)).encode(), 1000, "invalid YAML: nested too deeply"),
    "deep-block-sequence.yaml": (b"- " * 20000 + b"x\n", 1, "invalid YAML: nested too deeply"),
    "deep-mixed.yaml": (b"trips: {a: " + b"[{a: " * 3000 + b"\n", 1, "invalid YAML: nested too deeply"),
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
        ["validate"],
        ["add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09 18:00"],
    ],
    ids=["show", "validate", "add-stop"],
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
