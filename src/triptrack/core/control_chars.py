"""Control characters: what a data file, a CSV or an XML record must not bring to a terminal.

An escape sequence in a title (`"\\e]0;PWNED\\a"`, `\\x1b[2J`) would retitle or clear the
terminal of whoever runs `show`, or hide `check`'s lines. Text fields refuse every C0
control but tab and line feed (and line feed only where a field may hold lines), DEL
and the C1 controls (U+0080..U+009F: U+009B is CSI on some terminals). Messages that
quote a person's input show any such character as an escape (`\\x1b`), never raw.
Standard library only (the CLI's error path imports it).
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\n]")
_NAMES = {0x1B: "ESC", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x7F: "DEL", 0x9B: "CSI", 0x00: "NUL", 0x0C: "FF", 0x0B: "VT"}


def first_control(text: str) -> str | None:
    """A description of the first forbidden control character in `text`, or None."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    code = ord(found.group())
    name = _NAMES.get(code)
    return f"control character U+{code:04X}{f' ({name})' if name else ''}"


def refusal(text: str) -> str | None:
    """The message for text holding a control character, or None when it holds none."""
    found = first_control(text)
    return f"a {found} is not allowed in text (escape sequences could take over a terminal)" if found else None


def visible(text: str) -> str:
    """`text` with every control character but tab and newline shown as an escape (\\x1b)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def visible_line(text: str) -> str:
    """One line: like `visible`, and newlines and tabs shown as escapes too."""
    return _CONTROL_OR_NEWLINE.sub(lambda m: {"\n": "\\n", "\t": "\\t"}.get(m.group(), f"\\x{ord(m.group()):02x}"), text)
