"""People met, read from a record's remarks ("Met with President X and Foreign Minister Y.").

Conservative on purpose: only the words after "met with" up to the end of that
clause are read; the clause ends at the sentence's end or where another action
starts ("... and attended", "... to discuss", "... en route"). It is split on
commas and "and", except where a part merely continues a list begun with "of"
("the Foreign Ministers of China and Russia" stays one meeting). The remarks
themselves are always kept whole in the stop's notes.
"""

from __future__ import annotations

import re

_MET_WITH = re.compile(r"\bmet\s+with\s+", re.IGNORECASE)

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen lt col adm sen rep gov jr sr messrs maj capt cmdr sgt prof rev hon amb no vs etc".split()
)

# Where the list of people ends: another action, a purpose, a place or a time.
_CLAUSE_END = re.compile(
    r"(?:,?\s+(?:and\s+|then\s+|also\s+)?(?:attended|visited|signed|addressed|discussed|held|toured|"
    r"participated|delivered|gave|hosted|chaired|co-chaired|launched|announced|spoke|traveled|travelled|"
    r"laid|received|joined|witnessed|opened|reviewed|inspected|accompanied|observed|conferred|consulted|"
    r"led|made|presented|paid|met|called|boarded|stopped|returned|departed|flew|headed|initialed|"
    r"agreed|issued|urged|reaffirmed|highlighted|emphasized|underscored|celebrated|commemorated|"
    r"marked|helped|took|was|were|had|went)\b"
    r"|\s+(?:en route|during|while|who|which|where|when|following|amid|ahead)\b"
    # a preposition ends the list when a lowercase word follows ("to discuss", "at the airport");
    # before a capital it belongs to a title ("Minister for Foreign Affairs", "Envoy for Syria")
    r"|\s+(?:to|at|in|on|regarding|about|concerning|for|after|before|under|as)\s+(?=(?-i:[a-z0-9]))"
    r"|\s+and\s+(?-i:[a-z]+ed)\b"  # "... and appealed for", "... and proposed"
    r"|[;:(])",
    re.IGNORECASE,
)

# Offices that still want a name after them: "Deputy Prime Minister and Minister of..." is one person.
_OFFICES = frozenset(
    "president minister secretary chancellor premier governor mayor king queen prince ambassador envoy "
    "representative commissioner director chairman chair speaker emir amir sultan pope".split()
)

_DATE = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d")

_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "each other", "one another"})

_TITLE_WORDS = frozenset(
    """president vice prime minister ministers secretary king queen prince princess crown emir amir
    sultan sheikh shaikh pope cardinal archbishop patriarch chancellor premier governor mayor chairman
    chair leader leaders general marshal ambassador envoy representative commissioner director
    officials official counterparts counterpart members delegation delegations head heads chief
    foreign defense deputy acting his her their senior other representatives ministry generalissimo
    speaker judge justice bishop rabbi imam emperor empress grand duke duchess dalai lama""".split()
)


def sentence_end(text: str, start: int) -> int:
    """The index of the full stop that ends the sentence containing `start` (or len(text))."""
    for match in re.finditer(r"\.(?=\s|$)", text[start:]):
        at = start + match.start()
        word = re.search(r"(\S+)$", text[start:at])
        token = word.group(1) if word else ""
        bare = token.rstrip(".").lower()
        if bare in _ABBREVIATIONS:
            continue
        if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token):  # initials and acronyms: U.S., F., E.U.
            continue
        return at
    return len(text)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z'’-]+", text.lower())


def _has_title(words: list[str]) -> bool:
    return any(word in _TITLE_WORDS for word in words)


def _continues(part: str, previous: str, separator: str) -> bool:
    """True when `part` is not a new meeting but the rest of `previous`."""
    words = _words(part)
    if not words:
        return True
    if " of " in f" {previous} " and not _has_title(words):
        return True  # "the Foreign Ministers of China, Russia" / "Patriarch of Constantinople, Bartholomew I"
    if "and" not in separator or "," in separator or "with" in separator:
        return False
    before = _words(previous)
    if " of " in f" {previous} " and words[0] not in _TITLE_WORDS:
        return True  # "Minister of Foreign Affairs and International Cooperation Sheikh ..."
    if not _has_title(before) or (before and before[-1] in _OFFICES):
        return True  # "the Egyptian and Israeli Foreign Ministers", "Deputy Prime Minister and Minister of..."
    return not _has_title(words[:3])  # "other partners and allies"


def _split_people(clause: str) -> list[str]:
    tokens = re.split(r"(,\s*and\s+(?:with\s+)?|,\s*|\s+and\s+(?:with\s+)?)", clause)
    parts: list[str] = []
    for index in range(0, len(tokens), 2):
        part = re.sub(r"^(?:with|and)\s+", "", tokens[index].strip(), flags=re.IGNORECASE).strip()
        separator = tokens[index - 1] if index else ""
        if parts and part and _continues(part, parts[-1], separator):
            parts[-1] = f"{parts[-1]}{separator}{part}"
        elif part:
            parts.append(part)
    return parts


def meetings(remarks: str) -> list[str]:
    """The people and groups the remarks say were met with, in order, without repeats."""
    text = " ".join(remarks.split())
    found: list[str] = []
    for match in _MET_WITH.finditer(text):
        start = match.end()
        end = sentence_end(text, start)
        clause = text[start:end]
        stop = _CLAUSE_END.search(clause)
        if stop:
            clause = clause[: stop.start()]
        for person in _split_people(clause.strip(" ,.")):
            person = person.strip(" ,.")
            if person and person.lower() not in _PRONOUNS and not _DATE.match(person) and person not in found:
                found.append(person)
    return found
