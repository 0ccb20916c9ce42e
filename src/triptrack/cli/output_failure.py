"""How a run ends when something fails outside the library's own errors: one line, never a traceback.

Printing can fail after the work is done (stdout on a full device such as /dev/full). An
edit that was saved must not end in a traceback and exit 1: a retrying script would add
the stop twice. So the message says what was written, and the exit status says the
command did its work (0) when a file it was asked to write was written, 1 when nothing
was. Any other unexpected failure is one line too (TRIPTRACK_DEBUG=1 shows the traceback).
Standard library only.
"""

from __future__ import annotations

import errno
import os
import sys


class EscapedOSError(Exception):
    """An OSError carried past click, which ends a closed pipe (EPIPE) silently with status 1
    even after an edit was saved; `main` unwraps it and reports it here."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null, so the interpreter's last flush of what is still buffered
    succeeds instead of printing 'Exception ignored' and exiting 120."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass


def _say(message: str) -> None:
    from triptrack.core.control_chars import visible_line

    try:
        sys.stderr.write(visible_line(message) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _written() -> str:
    from triptrack.datafile.store import WRITTEN

    return ", ".join(dict.fromkeys(WRITTEN))


def after_output_error(exc: OSError) -> int:
    """Report an OSError that escaped the command in one line on stderr; the exit status."""
    # Writes the library makes to files are caught there; one that escapes without a file name
    # is a write to stdout (click's echo, Rich's print).
    printing = exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF) and exc.filename is None
    reason = "the reader closed the pipe" if exc.errno == errno.EPIPE else (exc.strerror or str(exc))
    written = _written()
    if printing:
        _silence_stdout()
        if written:
            _say(f"triptrack: warning: {written} was written (the change is saved), but its report could not be printed: {reason}")
            return 0
        if exc.errno != errno.EPIPE:  # (a reader that stops early, `| head`, wants silence, as from any tool)
            _say(f"triptrack: error: cannot write the output: {reason}")
        return 1
    where = f"{exc.filename}: " if exc.filename else ""
    saved = f" ({written} was written)" if written else " (nothing was written)"
    _say(f"triptrack: error: {where}{reason}{saved}")
    return 1


def after_unexpected(exc: Exception) -> int:
    """A bug: one line naming it, and how to see the traceback."""
    written = _written()
    saved = f"{written} was written" if written else "nothing was written"
    _say(
        f"triptrack: internal error: {type(exc).__name__}: {exc} ({saved}; "
        "run again with TRIPTRACK_DEBUG=1 to see the traceback, and please report it)"
    )
    return 1
