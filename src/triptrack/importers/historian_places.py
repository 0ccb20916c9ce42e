"""The Office of the Historian's country ids: ISO codes, historic states, related countries.

The records name countries by the Historian's own ids (`korea-south`, `holy-see`,
`russia` for both the U.S.S.R. and Russia), not by ISO codes, and one id can carry
several display names over time. The tables here cover every id in the 34
Secretaries' files and the common ones of the Presidents' files; an id not listed
is matched by its display name against the GeoNames country list.

- ISO_CODES: id -> ISO 3166-1 alpha-2, the successor's code for a state that is gone;
- ALSO_SEARCHED: other countries whose places were recorded under an id (Kiev under
  the U.S.S.R., Zagreb under Yugoslavia, Nuuk under Denmark);
- HISTORIC: when an id stands for a state that no longer exists (its stops are
  flagged approximate: the ISO code is only the successor's);
- STAND_INS: a place for countries whose capital the gazetteer lacks.

`historian_resolver` uses these to turn a record's country and locale into a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from triptrack.errors import InputError

# Historian country id -> ISO 3166-1 alpha-2 (the successor's code for states that are gone).
ISO_CODES: dict[str, str] = {
    "afghanistan": "AF", "albania": "AL", "algeria": "DZ", "angola": "AO", "antarctica": "AQ",
    "antigua-and-barbuda": "AG", "argentina": "AR", "armenia": "AM", "australia": "AU",
    "austria": "AT", "azerbaijan": "AZ", "bahamas": "BS", "bahrain": "BH", "bangladesh": "BD",
    "barbados": "BB", "belarus": "BY", "belgium": "BE", "belize": "BZ", "benin": "BJ",
    "bermuda": "BM", "bhutan": "BT", "bolivia": "BO", "bosnia-herzegovina": "BA", "botswana": "BW",
    "brazil": "BR", "brunei": "BN", "bulgaria": "BG", "burkina-faso": "BF", "burma": "MM",
    "burundi": "BI", "cambodia": "KH", "cameroon": "CM", "canada": "CA", "cape-verde": "CV",
    "central-african-republic": "CF", "chad": "TD", "chile": "CL", "china": "CN",
    "colombia": "CO", "comoros": "KM", "congo-brazzaville": "CG", "congo-democratic-republic": "CD",
    "congo-kinshasa": "CD", "congo-republic": "CG", "cook-islands": "CK", "costa-rica": "CR",
    "cote-divoire": "CI", "croatia": "HR", "cuba": "CU", "cyprus": "CY", "czech-republic": "CZ",
    "czechia": "CZ", "czechoslovakia": "CZ", "denmark": "DK", "djibouti": "DJ", "dominica": "DM",
    "dominican-republic": "DO", "east-timor": "TL", "ecuador": "EC", "egypt": "EG",
    "el-salvador": "SV", "equatorial-guinea": "GQ", "eritrea": "ER", "estonia": "EE",
    "eswatini": "SZ", "ethiopia": "ET", "fiji": "FJ", "finland": "FI", "france": "FR",
    "gabon": "GA", "gambia": "GM", "georgia": "GE", "german-democratic-republic": "DE",
    "germany": "DE", "ghana": "GH", "greece": "GR", "greenland": "GL", "grenada": "GD",
    "guatemala": "GT", "guinea": "GN", "guinea-bissau": "GW", "guyana": "GY", "haiti": "HT",
    "holy-see": "VA", "honduras": "HN", "hong-kong": "HK", "hungary": "HU", "iceland": "IS",
    "india": "IN", "indonesia": "ID", "iran": "IR", "iraq": "IQ", "ireland": "IE", "israel": "IL",
    "italy": "IT", "jamaica": "JM", "japan": "JP", "jordan": "JO", "kazakhstan": "KZ",
    "kenya": "KE", "kiribati": "KI", "korea-north": "KP", "korea-south": "KR", "kosovo": "XK",
    "kuwait": "KW", "kyrgyzstan": "KG", "laos": "LA", "latvia": "LV", "lebanon": "LB",
    "lesotho": "LS", "liberia": "LR", "libya": "LY", "liechtenstein": "LI", "lithuania": "LT",
    "luxembourg": "LU", "macedonia": "MK", "madagascar": "MG", "malawi": "MW", "malaysia": "MY",
    "maldives": "MV", "mali": "ML", "malta": "MT", "marshall-islands": "MH", "mauritania": "MR",
    "mauritius": "MU", "mexico": "MX", "micronesia": "FM", "moldova": "MD", "monaco": "MC",
    "mongolia": "MN", "montenegro": "ME", "morocco": "MA", "mozambique": "MZ", "namibia": "NA",
    "nauru": "NR", "nepal": "NP", "netherlands": "NL", "netherlands-antilles": "CW",
    "new-zealand": "NZ", "nicaragua": "NI", "niger": "NE", "nigeria": "NG",
    "north-macedonia": "MK", "norway": "NO", "oman": "OM", "pakistan": "PK", "palau": "PW",
    "palestinian-authority": "PS", "panama": "PA", "papua-new-guinea": "PG", "paraguay": "PY",
    "peru": "PE", "philippines": "PH", "poland": "PL", "portugal": "PT", "qatar": "QA",
    "romania": "RO", "russia": "RU", "rwanda": "RW", "saint-kitts-and-nevis": "KN",
    "saint-lucia": "LC", "saint-vincent-and-the-grenadines": "VC", "samoa": "WS",
    "san-marino": "SM", "sao-tome-and-principe": "ST", "saudi-arabia": "SA", "senegal": "SN",
    "serbia": "RS", "serbia-and-montenegro": "RS", "seychelles": "SC", "sierra-leone": "SL",
    "singapore": "SG", "slovakia": "SK", "slovenia": "SI", "solomon-islands": "SB",
    "somalia": "SO", "south-africa": "ZA", "south-sudan": "SS", "spain": "ES", "sri-lanka": "LK",
    "sudan": "SD", "suriname": "SR", "swaziland": "SZ", "sweden": "SE", "switzerland": "CH",
    "syria": "SY", "taiwan": "TW", "tajikistan": "TJ", "tanzania": "TZ", "thailand": "TH",
    "timor-leste": "TL", "togo": "TG", "tonga": "TO", "trinidad-and-tobago": "TT",
    "tunisia": "TN", "turkey": "TR", "turkiye": "TR", "turkmenistan": "TM", "tuvalu": "TV",
    "uganda": "UG", "ukraine": "UA", "united-arab-emirates": "AE", "united-kingdom": "GB",
    "uruguay": "UY", "uzbekistan": "UZ", "vanuatu": "VU", "venezuela": "VE", "vietnam": "VN",
    "west-bank": "PS", "yemen": "YE", "yugoslavia": "RS", "zambia": "ZM", "zimbabwe": "ZW",
}

# Other countries whose places were recorded under an id: successor states, and
# territories that belonged to the country then (Kiev under the U.S.S.R., Zagreb
# under Yugoslavia, Curaçao under the Netherlands Antilles, Nuuk under Denmark).
ALSO_SEARCHED: dict[str, tuple[str, ...]] = {
    "russia": ("UA", "BY", "GE", "KZ", "UZ", "AM", "AZ", "MD", "KG", "TJ", "TM", "LT", "LV", "EE"),
    "yugoslavia": ("HR", "SI", "BA", "MK", "ME", "XK"),
    "serbia": ("ME", "XK"),
    "serbia-and-montenegro": ("ME", "XK"),
    "czechoslovakia": ("SK",),
    "netherlands-antilles": ("SX", "BQ", "AW"),
    "denmark": ("GL", "FO", "VI"),
    "netherlands": ("CW", "AW", "SX", "BQ"),
    "united-kingdom": ("GI", "BM", "MT", "BB", "TT", "JM", "BS", "CY"),
    "france": ("DZ", "MA", "TN"),
    "spain": ("CU", "PR", "PH"),
    "west-bank": ("IL",),
    "palestinian-authority": ("IL",),
}


@dataclass(frozen=True)
class Historic:
    """When a country id stands for a state that no longer exists."""

    always: bool = False  # every record under this id
    before: date | None = None  # records that start before this day
    names: frozenset[str] = field(default_factory=frozenset)  # records under these display names


HISTORIC: dict[str, Historic] = {
    "russia": Historic(before=date(1991, 12, 26), names=frozenset({"U.S.S.R."})),
    "belarus": Historic(names=frozenset({"Byelorussia"})),
    "kyrgyzstan": Historic(names=frozenset({"Kirghizia"})),
    "germany": Historic(before=date(1990, 10, 3), names=frozenset({"West Germany"})),
    "german-democratic-republic": Historic(always=True),
    "yugoslavia": Historic(always=True),
    "czechoslovakia": Historic(always=True),
    "serbia": Historic(names=frozenset({"Serbia and Montenegro"})),
    "serbia-and-montenegro": Historic(always=True),
    "kosovo": Historic(names=frozenset({"Serbia-Montenegro (Kosovo)"})),
    "netherlands-antilles": Historic(always=True),
    "zimbabwe": Historic(names=frozenset({"Southern Rhodesia (Zimbabwe)", "Southern Rhodesia", "Rhodesia"})),
}

# Countries whose capital the gazetteer lacks (or that have none): a stand-in place.
STAND_INS: dict[str, tuple[str, float, float, str]] = {
    "AQ": ("McMurdo Station", -77.846, 166.676, "Antarctica/McMurdo"),
    "PW": ("Melekeok", 7.4933, 134.6341, "Pacific/Palau"),
    "BQ": ("Kralendijk", 12.1508, -68.2767, "America/Kralendijk"),
}

CITY_STATES = frozenset({"VA", "MC", "SG", "SM"})  # the capital is the whole country

BRACKETED = re.compile(r"^(?P<name>.*?)\s*\((?P<hint>[^()]*)\)\s*$")  # "Havana (Cuba)"


def iso_code(country_id: str, display_name: str = "") -> str:
    """The ISO code for a Historian country id; an unknown id is matched by its name."""
    code = ISO_CODES.get(country_id)
    if code:
        return code
    for text in (display_name, country_id.replace("-", " ")):
        code = country_by_name(text)
        if code:
            return code
    raise InputError(
        f"unknown Historian country id {country_id!r} ({display_name or 'no name'}): "
        "add it to triptrack.importers.historian_places.ISO_CODES"
    )


def is_historic(country_id: str, display_name: str, start: date) -> bool:
    rule = HISTORIC.get(country_id)
    if rule is None:
        return False
    return rule.always or display_name in rule.names or (rule.before is not None and start < rule.before)


@lru_cache(maxsize=1)
def _names_to_codes() -> dict[str, str]:
    from triptrack.core.countries import _countries
    from triptrack.gazetteer import fold

    out = {fold(entry["name"]): code for code, entry in _countries().items() if entry.get("name")}
    out.update({"trinidad": "TT", "virgin islands": "VI", "greenland": "GL", "zaire": "CD", "myanmar": "MM"})
    out.update({fold(name): code for name, code in FORMER_NAMES.items()})
    return out


# Countries' and colonies' former names, for a record whose country id is not in ISO_CODES:
# today's country where the place is (the record's name stays in its notes).
FORMER_NAMES = {
    "Gold Coast": "GH", "Ceylon": "LK", "Siam": "TH", "Persia": "IR", "Burma": "MM", "Formosa": "TW",
    "Rhodesia": "ZW", "Southern Rhodesia": "ZW", "Northern Rhodesia": "ZM", "Nyasaland": "MW",
    "Belgian Congo": "CD", "Congo-Leopoldville": "CD", "Congo-Brazzaville": "CG", "Dahomey": "BJ",
    "Upper Volta": "BF", "Tanganyika": "TZ", "Zanzibar": "TZ", "Abyssinia": "ET", "Bechuanaland": "BW",
    "Basutoland": "LS", "Swaziland": "SZ", "South West Africa": "NA", "French Somaliland": "DJ",
    "British Guiana": "GY", "Dutch Guiana": "SR", "British Honduras": "BZ", "Malaya": "MY",
    "East Pakistan": "BD", "Kampuchea": "KH", "Trucial States": "AE", "Aden": "YE", "Palestine": "PS",
    "U.S.S.R.": "RU", "USSR": "RU", "Soviet Union": "RU", "West Germany": "DE", "East Germany": "DE",
    "Czechoslovakia": "CZ", "Yugoslavia": "RS", "Korea": "KR", "Vatican City": "VA", "Holy See": "VA",
}


def country_by_name(text: str) -> str | None:
    """The ISO code of a country called `text` ('Barbados', 'The Bahamas'), if there is one."""
    from triptrack.gazetteer import fold

    key = re.sub(r"^the ", "", fold(text))
    return _names_to_codes().get(key) if key else None


def locale_pieces(locale: str) -> list[str]:
    """'Rome, Anagni , Fiuggi' -> ['Rome', 'Anagni', 'Fiuggi'] (whitespace normalised)."""
    return [" ".join(piece.split()) for piece in locale.split(",") if piece.strip()]
