"""Data files for the benchmark: the sample, a Historian-sized file, and ten times that.

The Historian-sized file is made by `triptrack import historian` when that command
exists and the Office of the Historian XML is beside the repository; otherwise a
deterministic synthetic generator makes a file of the same shape: 34 Secretaries
with their real record counts (3,439 date-only stops), stops grouped into trips of
one to seven stops, real capitals with zones and coordinates, remarks as notes.
Standard library only.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "trips.yaml"
HISTORIAN_XML = next(  # beside the repository, or beside the folder of its worktrees
    (folder / "shared" / "data" / "history-state-gov" / "secretary-travels" for folder in (REPO.parent, REPO.parent.parent)
     if (folder / "shared" / "data" / "history-state-gov" / "secretary-travels").is_dir()),
    REPO.parent / "shared" / "data" / "history-state-gov" / "secretary-travels",
)

# (file id, name, records, first year, last year) as in the Office of the Historian data.
SECRETARIES = [
    ("acheson-dean-gooderham", "Dean Gooderham Acheson", 22, 1949, 1952),
    ("albright-madeleine-korbel", "Madeleine Korbel Albright", 269, 1997, 2001),
    ("baker-james-addison", "James Addison Baker", 217, 1989, 1992),
    ("blinken-antony-j", "Antony John Blinken", 241, 2021, 2025),
    ("byrnes-james-francis", "James Francis Byrnes", 9, 1945, 1946),
    ("christopher-warren-minor", "Warren Minor Christopher", 238, 1993, 1996),
    ("clinton-hillary-rodham", "Hillary Rodham Clinton", 239, 2009, 2012),
    ("colby-bainbridge", "Bainbridge Colby", 5, 1920, 1921),
    ("dulles-john-foster", "John Foster Dulles", 117, 1953, 1959),
    ("haig-alexander-meigs", "Alexander Meigs Haig", 53, 1981, 1982),
    ("hay-john-milton", "John Milton Hay", 4, 1905, 1905),
    ("herter-christian-archibald", "Christian Archibald Herter", 23, 1959, 1960),
    ("hughes-charles-evans", "Charles Evans Hughes", 7, 1922, 1924),
    ("hull-cordell", "Cordell Hull", 29, 1933, 1943),
    ("kellogg-frank-billings", "Frank Billings Kellogg", 6, 1927, 1928),
    ("kerry-john-forbes", "John Forbes Kerry", 348, 2013, 2017),
    ("kissinger-henry-a", "Henry A. (Heinz Alfred) Kissinger", 216, 1973, 1976),
    ("knox-philander-chase", "Philander Chase Knox", 13, 1912, 1912),
    ("lansing-robert", "Robert Lansing", 1, 1918, 1918),
    ("marshall-george-catlett", "George Catlett Marshall", 14, 1947, 1948),
    ("muskie-edmund-sixtus", "Edmund Sixtus Muskie", 10, 1980, 1980),
    ("pompeo-michael-r", "Michael R. Pompeo", 139, 2018, 2020),
    ("powell-colin-luther", "Colin Luther Powell", 214, 2001, 2005),
    ("rice-condoleezza", "Condoleezza Rice", 274, 2005, 2008),
    ("rogers-william-pierce", "William Pierce Rogers", 120, 1969, 1973),
    ("root-elihu", "Elihu Root", 10, 1905, 1907),
    ("rubio-marco", "Marco Rubio", 9, 2025, 2025),
    ("rusk-david-dean", "David Dean Rusk", 116, 1961, 1968),
    ("seward-william-henry", "William Henry Seward", 4, 1866, 1866),
    ("shultz-george-pratt", "George Pratt Shultz", 271, 1982, 1989),
    ("stettinius-edward-reilly", "Edward Reilly Stettinius", 10, 1945, 1945),
    ("stimson-henry-lewis", "Henry Lewis Stimson", 9, 1930, 1932),
    ("tillerson-rex-w", "Rex W. Tillerson", 68, 2017, 2018),
    ("vance-cyrus-roberts", "Cyrus Roberts Vance", 114, 1977, 1980),
]
RECORDS = sum(row[2] for row in SECRETARIES)  # 3,439

CITIES = [
    ("London", "GB", "Europe/London", 51.50853, -0.12574),
    ("Paris", "FR", "Europe/Paris", 48.85341, 2.3488),
    ("Berlin", "DE", "Europe/Berlin", 52.52437, 13.41053),
    ("Bonn", "DE", "Europe/Berlin", 50.73438, 7.09549),
    ("Brussels", "BE", "Europe/Brussels", 50.85045, 4.34878),
    ("Rome", "IT", "Europe/Rome", 41.89193, 12.51133),
    ("Vatican City", "VA", "Europe/Vatican", 41.90236, 12.45332),
    ("Madrid", "ES", "Europe/Madrid", 40.4165, -3.70256),
    ("Lisbon", "PT", "Europe/Lisbon", 38.71667, -9.13333),
    ("Geneva", "CH", "Europe/Zurich", 46.20222, 6.14569),
    ("Vienna", "AT", "Europe/Vienna", 48.20849, 16.37208),
    ("Moscow", "RU", "Europe/Moscow", 55.75222, 37.61556),
    ("Kyiv", "UA", "Europe/Kyiv", 50.45466, 30.5238),
    ("Warsaw", "PL", "Europe/Warsaw", 52.22977, 21.01178),
    ("Athens", "GR", "Europe/Athens", 37.98376, 23.72784),
    ("Ankara", "TR", "Europe/Istanbul", 39.91987, 32.85427),
    ("Istanbul", "TR", "Europe/Istanbul", 41.01384, 28.94966),
    ("Jerusalem", "IL", "Asia/Jerusalem", 31.76904, 35.21633),
    ("Tel Aviv", "IL", "Asia/Jerusalem", 32.08088, 34.78057),
    ("Ramallah", "PS", "Asia/Hebron", 31.89964, 35.20422),
    ("Amman", "JO", "Asia/Amman", 31.95522, 35.94503),
    ("Cairo", "EG", "Africa/Cairo", 30.06263, 31.24967),
    ("Riyadh", "SA", "Asia/Riyadh", 24.68773, 46.72185),
    ("Doha", "QA", "Asia/Qatar", 25.28545, 51.53096),
    ("Abu Dhabi", "AE", "Asia/Dubai", 24.45118, 54.39696),
    ("Baghdad", "IQ", "Asia/Baghdad", 33.34058, 44.40088),
    ("Kabul", "AF", "Asia/Kabul", 34.52813, 69.17233),
    ("Islamabad", "PK", "Asia/Karachi", 33.72148, 73.04329),
    ("New Delhi", "IN", "Asia/Kolkata", 28.63576, 77.22445),
    ("Beijing", "CN", "Asia/Shanghai", 39.9075, 116.39723),
    ("Tokyo", "JP", "Asia/Tokyo", 35.6895, 139.69171),
    ("Seoul", "KR", "Asia/Seoul", 37.566, 126.9784),
    ("Manila", "PH", "Asia/Manila", 14.6042, 120.9822),
    ("Jakarta", "ID", "Asia/Jakarta", -6.21462, 106.84513),
    ("Hanoi", "VN", "Asia/Bangkok", 21.0245, 105.84117),
    ("Bangkok", "TH", "Asia/Bangkok", 13.75398, 100.50144),
    ("Singapore", "SG", "Asia/Singapore", 1.28967, 103.85007),
    ("Canberra", "AU", "Australia/Sydney", -35.28346, 149.12807),
    ("Wellington", "NZ", "Pacific/Auckland", -41.28664, 174.77557),
    ("Ottawa", "CA", "America/Toronto", 45.41117, -75.69812),
    ("Mexico City", "MX", "America/Mexico_City", 19.42847, -99.12766),
    ("Havana", "CU", "America/Havana", 23.13302, -82.38304),
    ("Bogota", "CO", "America/Bogota", 4.60971, -74.08175),
    ("Lima", "PE", "America/Lima", -12.04318, -77.02824),
    ("Santiago", "CL", "America/Santiago", -33.45694, -70.64827),
    ("Buenos Aires", "AR", "America/Argentina/Buenos_Aires", -34.61315, -58.37723),
    ("Brasilia", "BR", "America/Sao_Paulo", -15.77972, -47.92972),
    ("Nairobi", "KE", "Africa/Nairobi", -1.28333, 36.81667),
    ("Addis Ababa", "ET", "Africa/Addis_Ababa", 9.02497, 38.74689),
    ("Lagos", "NG", "Africa/Lagos", 6.45407, 3.39467),
    ("Pretoria", "ZA", "Africa/Johannesburg", -25.74486, 28.18783),
    ("Dakar", "SN", "Africa/Dakar", 14.6937, -17.44406),
    ("Rabat", "MA", "Africa/Casablanca", 34.01325, -6.83255),
    ("Tunis", "TN", "Africa/Tunis", 36.81897, 10.16579),
    ("Oslo", "NO", "Europe/Oslo", 59.91273, 10.74609),
    ("Stockholm", "SE", "Europe/Stockholm", 59.32938, 18.06871),
    ("Helsinki", "FI", "Europe/Helsinki", 60.16952, 24.93545),
    ("Reykjavik", "IS", "Atlantic/Reykjavik", 64.13548, -21.89541),
    ("The Hague", "NL", "Europe/Amsterdam", 52.07667, 4.29861),
    ("Copenhagen", "DK", "Europe/Copenhagen", 55.67594, 12.56553),
]

PEOPLE = [
    "President", "Prime Minister", "Foreign Minister", "Defense Minister", "King",
    "Chancellor", "Secretary-General", "opposition leaders", "civil society representatives",
]
TOPICS = [
    "bilateral relations", "regional security", "trade and investment", "arms control",
    "humanitarian assistance", "the peace process", "energy security", "climate cooperation",
]


def _remarks(rng: random.Random, city: str) -> str:
    people = rng.sample(PEOPLE, rng.randint(1, 3))
    text = f"Met with {', '.join(people[:-1]) + ' and ' if len(people) > 1 else ''}{people[-1]}"
    text += f" in {city}; discussed {rng.choice(TOPICS)} and {rng.choice(TOPICS)}."
    if rng.random() < 0.3:
        text += " Also attended a meeting of ministers on " + rng.choice(TOPICS) + "."
    return text


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _short_id(file_id: str) -> str:
    return file_id.split("-")[0]


def synthetic_text(seed: int = 6) -> str:
    """A data file shaped like the full Historian import (3,439 date-only stops)."""
    rng = random.Random(seed)
    lines = [
        "# triptrack data file: the Office of the Historian's Travels Abroad of the Secretary of State",
        "# (synthetic stand-in of the same size and shape, made by benchmarks/datasets.py).",
        "",
        "officials:",
    ]
    for file_id, name, _count, _first, _last in SECRETARIES:
        lines += [
            f"  {_short_id(file_id)}:",
            f"    name: {_quoted(name)}",
            "    title: U.S. Secretary of State",
            "    country: US",
            "    home:",
            "      city: Washington",
            "      country: US",
            "      tz: America/New_York",
            "      lat: 38.89511",
            "      lon: -77.03637",
        ]
    lines += ["", "trips:"]
    record = 1
    for file_id, name, count, first_year, last_year in SECRETARIES:
        official = _short_id(file_id)
        lines.append(f"  # {name}: {count} records")
        span_days = (date(last_year, 12, 31) - date(first_year, 1, 1)).days
        day = date(first_year, 1, 1)
        left = count
        trips = max(1, round(count / 3.4))
        step = max(4, span_days // trips)
        used: set[str] = set()
        while left:
            size = min(left, rng.randint(1, 6))
            left -= size
            day += timedelta(days=rng.randint(2, step))
            trip_id = f"{official}-{day.isoformat()}"
            while trip_id in used:
                trip_id += "b"
            used.add(trip_id)
            stops = rng.sample(CITIES, size)
            lines += [
                f"  {trip_id}:",
                f"    title: {_quoted(' / '.join(s[0] for s in stops))}",
                f"    official: {official}",
                "    status: recorded",
                "    sources:",
                "      - Office of the Historian, Travels Abroad of the Secretary of State",
                "    stops:",
            ]
            for city, country, tz, lat, lon in stops:
                depart = day + timedelta(days=rng.choice((0, 0, 1, 1, 2)))
                lines += [
                    f"      - city: {city}",
                    f"        country: {country}",
                    f"        tz: {tz}",
                    f"        lat: {lat}",
                    f"        lon: {lon}",
                    f"        arrive: {day.isoformat()}",
                    f"        depart: {depart.isoformat()}",
                    f"        notes: {_quoted(_remarks(rng, city))}",
                    f"        ref: historian:{record}",
                ]
                record += 1
                day = depart
    return "\n".join(lines) + "\n"


_TRIP_KEY = re.compile(r"^  ([a-z0-9][a-z0-9._-]*):\s*$")
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def times_ten(text: str) -> str:
    """The file with nine shifted copies of every trip added (new ids, dates moved on)."""
    head, sep, trips = text.partition("\ntrips:\n")
    if not sep:
        raise ValueError("no 'trips:' section")
    blocks: list[list[str]] = []
    for line in trips.splitlines():
        if _TRIP_KEY.match(line):
            blocks.append([line])
        elif blocks and line.startswith("   "):
            blocks[-1].append(line)
    out = [trips.rstrip("\n")]
    for copy in range(1, 10):
        shift = timedelta(days=7 * copy)
        out.append(f"  # copy {copy}: every trip again, {7 * copy} days later")
        for block in blocks:
            trip_id = _TRIP_KEY.match(block[0]).group(1)
            out.append(f"  {trip_id}-copy{copy}:")
            for line in block[1:]:
                out.append(_DATE.sub(lambda m, by=shift: _shift(m, by), line))
    return head + sep + "\n".join(out) + "\n"


def _shift(match: re.Match, shift: timedelta) -> str:
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return match[0]
    return (day + shift).isoformat()


def has_historian_import(triptrack: list[str]) -> bool:
    probe = subprocess.run([*triptrack, "import", "historian", "--help"], capture_output=True, text=True)
    return probe.returncode == 0


def historian_import(triptrack: list[str], target: Path, env: dict, files: list[Path] | None = None) -> float | None:
    """Import the XML files (default: all of them) into `target` with the real command; seconds, or None."""
    import time

    files = [str(p) for p in (files if files is not None else sorted(HISTORIAN_XML.glob("*.xml")))]
    if not files or not has_historian_import(triptrack):
        return None
    if target.exists():
        target.unlink()
    # Untimed: a dry run of the smallest file builds the offline place index (once per machine).
    smallest = min(files, key=lambda f: Path(f).stat().st_size)
    subprocess.run([*triptrack, "--data", str(target), "import", "historian", "--dry-run", smallest],
                   capture_output=True, text=True, env=env)
    start = time.perf_counter()
    done = subprocess.run([*triptrack, "--data", str(target), "import", "historian", *files],
                          capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"import historian failed: {done.stderr.strip()[-500:]}")
    return elapsed


def write_sets(folder: Path, triptrack: list[str], env: dict, *, quick: bool = False) -> dict:
    """Write sample.yaml, historian.yaml and tenfold.yaml in `folder`; describe how they were made."""
    folder.mkdir(parents=True, exist_ok=True)
    sample = folder / "sample.yaml"
    shutil.copyfile(SAMPLE, sample)
    historian = folder / "historian.yaml"
    made: dict = {"sample": sample, "historian": historian, "tenfold": folder / "tenfold.yaml"}
    seconds = None if quick else historian_import(triptrack, historian, env)
    if seconds is None:
        text = synthetic_text()
        if quick:  # only the Secretaries with few records: enough to keep the script working
            text = _only_officials(text, {_short_id(row[0]) for row in SECRETARIES if row[2] <= 30})
        historian.write_text(text, encoding="utf-8")
        made["how"] = "synthetic"
    else:
        made["how"] = "import historian"
        made["import_seconds"] = seconds
    made["tenfold"].write_text(times_ten(historian.read_text(encoding="utf-8")), encoding="utf-8")
    return made


def _only_officials(text: str, wanted: set[str]) -> str:
    """Only the trips of the `wanted` officials (for --quick)."""
    head, sep, trips = text.partition("\ntrips:\n")
    out, keeping = [], False
    for line in trips.splitlines():
        match = _TRIP_KEY.match(line)
        if match:
            keeping = match.group(1).split("-")[0] in wanted
        if keeping and not line.startswith("  #"):
            out.append(line)
    return head + sep + "\n".join(out) + "\n"


def historian_xml_times_ten(target: Path) -> list[Path]:
    """The Historian XML files with every record nine more times (new ids, dates a week apart)."""
    import xml.etree.ElementTree as ET

    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(HISTORIAN_XML.glob("*.xml")):
        tree = ET.parse(source)
        root = tree.getroot()
        originals = list(root)
        for copy in range(1, 10):
            for trip in originals:
                twin = ET.fromstring(ET.tostring(trip))
                ident = twin.find("id")
                if ident is not None and (ident.text or "").strip().isdigit():
                    ident.text = str(int(ident.text) + 100000 * copy)
                for field in ("start-date", "end-date"):
                    node = twin.find(field)
                    if node is not None and node.text:
                        node.text = _DATE.sub(lambda m, by=timedelta(days=7 * copy): _shift(m, by), node.text)
                root.append(twin)
        path = target / source.name
        tree.write(path, encoding="utf-8", xml_declaration=True)
        written.append(path)
    return written


def count_stops(path: Path) -> int:
    return sum(1 for line in path.open(encoding="utf-8") if line.lstrip().startswith("- city:"))
