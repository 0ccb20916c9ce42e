"""An obligation's outcome in words and figures: the same everywhere it is shown.

`travel.obligation_outcomes` computes each outcome once (best case: the earliest possible
return home, or arrival at the stop it is due at); every output (check, show, timeline,
compare, Markdown, ICS, --json) words it with `outcome_words`, marks it with `outcome_mark`
and gives its figures with `outcome_data`.
"""

from __future__ import annotations

from datetime import timedelta

MARKS = {"met": "✓", "at risk": "!", "missed": "✗"}
STYLES = {"met": "green", "at risk": "yellow", "missed": "bold red"}


def format_span(delta: timedelta) -> str:
    """'2 d 4 h', '10 h', '45 min' (magnitude only; minutes are whole minutes of the span to
    the nearest second: a date-only time's last moment is a microsecond before midnight)."""
    minutes = int(round(abs(delta).total_seconds()) // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(f"{days} d")
    if hours:
        parts.append(f"{hours} h")
    if minutes and not days:
        parts.append(f"{minutes} min")
    return " ".join(parts) or ("0 min" if not delta else "under a minute")


def outcome_words(outcome) -> str:
    """'met, 10 h to spare at best', 'at risk, only 1 h to spare at best', 'missed by 9 h 22 min at best'."""
    status, margin = outcome.status, outcome.margin
    if status == "missed":
        if outcome.left_too_soon:
            return f"missed: leaves {outcome.last.label} {format_span(-margin)} before it"
        return f"missed by {format_span(-margin)} at best"
    if status == "met":
        return f"met, {format_span(margin)} to spare at best"
    if status == "at risk":
        return f"at risk, only {format_span(margin)} to spare at best"
    if status == "before the trip":
        return "before the trip leaves"
    return "unknown: no time to measure from"


def outcome_mark(outcome) -> str:
    return MARKS.get(outcome.status, "·")


def outcome_style(outcome) -> str:
    return STYLES.get(outcome.status, "dim")


def outcome_data(outcome) -> dict:
    """{'status': 'missed', 'margin_minutes': -563} (minutes floored, negative when missed)."""
    margin = outcome.margin
    return {"status": outcome.status, "margin_minutes": int(margin.total_seconds() // 60) if margin is not None else None}
