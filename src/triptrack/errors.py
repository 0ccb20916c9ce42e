"""The exceptions triptrack raises for a person's mistakes.

Library code raises these with a message a person can act on; only the CLI turns
them into a one-line message and exit status 1.
"""

from __future__ import annotations


class TriptrackError(Exception):
    """A user or data error: the message says what is wrong and where."""


class DataFileError(TriptrackError):
    """The data file cannot be read, parsed or validated."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path = path
        self.line = line
        self.detail = message
        where = f"{path} line {line}" if line else path
        super().__init__(f"{where}: {message}")


class NotFoundError(TriptrackError):
    """A trip, official, stop or place that does not exist."""


class InputError(TriptrackError):
    """A value given on the command line that cannot be used (a bad date, zone...)."""


class ConflictError(TriptrackError):
    """The data file changed underneath an edit, or is locked by another writer."""
