"""When printing fails after the work is done: stdout on a full device (/dev/full), a closed pipe.

An edit that was saved must not end in a traceback and exit 1: a retrying script would
add the stop twice. So the message says what was written, and the exit status says the
command did its work (0) when a file was written, 1 when nothing was. Standard library only.
"""

from __future__ import annotations

import errno
import os
import sys


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null, so the interpreter's last flush of what is still buffered
    succeeds instead of printing 'Exception ignored' and exiting 120."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass


def after_output_error(exc: OSError) -> int:
    """Report `exc` in one line on stderr and return the exit status."""
    from triptrack.core.control_chars import visible_line
    from triptrack.datafile.store import WRITTEN

    _silence_stdout()
    reason = exc.strerror or str(exc)
    if exc.errno == errno.EPIPE:
        reason = "the reader closed the pipe"
    if WRITTEN:
        names = ", ".join(dict.fromkeys(WRITTEN))
        message = f"triptrack: warning: {names} was written (the change is saved), but its report could not be printed: {reason}\n"
        status = 0
    else:
        message = f"triptrack: error: cannot write the output: {reason}\n"
        status = 1
    try:
        sys.stderr.write(visible_line(message.rstrip("\n")) + "\n")
        sys.stderr.flush()
    except OSError:
        pass
    return status
