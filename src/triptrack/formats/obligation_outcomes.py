"""The outcome of each obligation, for the formats that print one (the HTML briefing).

This is the one place these formats ask for it, so that it can be pointed at a single
computation shared by every output: today it uses `core.obligations` as `show` does,
counting the soonest the journey home can arrive (`travel.route`).
"""

from __future__ import annotations

from dataclasses import dataclass

from triptrack.core.model import Catalog, Obligation, Trip


@dataclass(frozen=True)
class Outcome:
    obligation: Obligation
    verdict: str  # "met", "missed" or "at risk" (met only if a time not yet known allows it)
    sentence: str  # the margin in words: "10 h to spare after the scheduled return"


def obligation_outcomes(catalog: Catalog, trip: Trip) -> list[Outcome]:
    from triptrack.core.obligations import describe, margins
    from triptrack.core.travel import route

    out = []
    for margin in margins(trip, route(catalog, trip).back_home):
        verdict = "met" if margin.met else ("missed" if margin.missed else "at risk")
        out.append(Outcome(margin.obligation, verdict, describe(margin)))
    return out
