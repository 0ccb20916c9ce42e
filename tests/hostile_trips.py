"""Data files for the map, HTML and publish tests: names that are markup, and places without coordinates."""

from __future__ import annotations

from pathlib import Path

SCRIPT_CITY = '<script>alert("city")</script>'

HOSTILE = """\
officials:
  mallory:
    name: '<script>alert("name")</script> & "Co"'
    title: Envoy <b>bold</b>
    country: US
    home:
      city: Washington
      country: US
      tz: America/New_York
      lat: 38.895
      lon: -77.036
  ghost:
    name: Ghost
    home:
      city: Nowhere
      country: GR
      tz: Europe/Athens
trips:
  hostile:
    title: 'Tom & Jerry''s <i>trip</i> "quoted"'
    official: mallory
    leaves: 2025-03-01
    returns: 2025-03-05
    sources:
      - '<img src=x onerror=alert(1)>'
    stops:
      - city: '<script>alert("city")</script>'
        country: FJ
        tz: Pacific/Fiji
        lat: -18.14
        lon: 178.44
        arrive: 2025-03-02 09:00
        depart: 2025-03-03 17:00
        topics:
          - 'Fish & <chips>'
        meetings:
          - '"Quoted" <person>'
      - city: Nowhere & Co
        country: FJ
        tz: Pacific/Fiji
        arrive: 2025-03-04
    obligations:
      - what: '<script>alert("obligation")</script>'
        when: 2025-03-06 09:00
  unplaced:
    title: No coordinates at all
    official: ghost
    stops:
      - city: Atlantis
        country: GR
        tz: Europe/Athens
        arrive: 2025-04-01
  ghost-home:
    title: A home that is nowhere
    official: ghost
    stops: []
"""


def write_hostile(folder: Path) -> Path:
    path = folder / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path
