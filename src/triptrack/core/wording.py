"""Small pieces of English that many messages share."""

from __future__ import annotations


def counted(count: int, word: str, plural: str | None = None) -> str:
    """'1 trip', '3,439 stops', '2 countries' (with `plural` for irregular words)."""
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"
