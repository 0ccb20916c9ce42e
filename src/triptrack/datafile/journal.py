"""The edit journal: what each write of the data file replaced, so `undo` can put it back.

Every replacement of a data file (`store.replace_data_file`) calls `record` with the
bytes before and after. The journal keeps, per data file, the last `KEEP` edits in
the user's state folder ($TRIPTRACK_STATE_DIR, else $XDG_STATE_HOME/triptrack, else
~/.local/state/triptrack), under journal/<hash of the file's real path>/:

* NNNNNN.json: when, the command, the trips it touched, the SHA-256 of the bytes it
  wrote (so `undo` can tell whether anything changed the file since) and of the bytes
  it replaced;
* NNNNNN.before: what it replaced, as a reverse delta: the entry keeps `head` and
  `tail`, the lengths of the bytes before and after have in common at their start and
  end, and this file the bytes in between as they were. An edit of one trip keeps a few
  hundred bytes however large the file is. The delta applies to the bytes the edit
  wrote, which `undo` first checks the file still holds (`after_sha`); the result is
  checked against `before_sha`.

`undo` (datafile/undo.py) restores the `before` bytes of the newest edit still in
effect, through the same atomic write, so each undo is an entry too; undo again goes
one edit further back, and `redo` undoes the last undo. Both refuse when the file's
bytes are not those the newest entry wrote: a hand edit, another program, or an edit
made with the journal unreachable would be lost.
A journal that cannot be written never fails an edit: the edit is done, and a note
on stderr says that it cannot be undone.
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from triptrack.datafile import running_command
from triptrack.datafile.paths import state_dir  # noqa: F401  (resolved where every path is)

KEEP = 50  # ordinary edits kept per data file, with the undos and redos since the oldest
KEEP_AT_MOST = 3 * KEEP  # entries in all (undo and redo over and over make entries too)
_NAME_WIDTH = 6


def folder_for(target: Path) -> Path:
    """The journal folder of one data file (by its real path)."""
    import hashlib

    real = os.path.realpath(target)
    return state_dir() / "journal" / hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:20]


@dataclass
class Entry:
    number: int
    when: str  # ISO 8601 with the local offset of the machine that wrote
    command: str
    trips: list[str] = field(default_factory=list)
    after_sha: str = ""
    before_sha: str = ""  # "" when the edit created the file
    undoes: int | None = None  # the edit this undo reverted
    redoes: int | None = None  # the edit this redo put back (reverting the undo of it)
    path: str = ""
    head: int = 0  # bytes before and after have in common at the start...
    tail: int = 0  # ...and at the end (the delta in NNNNNN.before is what lay between)

    @property
    def created(self) -> bool:
        return not self.before_sha

    def summary(self) -> str:
        return f"#{self.number} {self.command or '(unknown command)'} at {self.when_shown()}"

    def when_shown(self) -> str:
        from datetime import datetime

        try:
            moment = datetime.fromisoformat(self.when).astimezone()
        except ValueError:
            return self.when
        return moment.strftime("%Y-%m-%d %H:%M:%S")


def _digest(raw: bytes) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest()


def record(target: Path, before: bytes | None, after: bytes, trips: list[str] | None = None) -> None:
    """After `target` was replaced by `after`: keep what it replaced (`before`, None if it did not exist).
    `trips`: the ids of the trips whose text changed, when the caller knows them (else found here).

    Called by store.replace_data_file right after the atomic replace, while the lock is held.
    """
    try:
        _record(target, before, after, trips)
    except Exception as exc:  # the edit is written: nothing here may fail it (a retry would make it twice)
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        sys.stderr.write(
            f"triptrack: note: the edit was written, but the undo journal in {state_dir()} cannot be: "
            f"{why}; this edit cannot be undone\n"
        )


def _record(target: Path, before: bytes | None, after: bytes, trips: list[str] | None) -> None:
    import json
    from datetime import datetime

    from triptrack.datafile.atomic_file import atomic_write
    from triptrack.datafile.index_file import remove_stale_builds
    from triptrack.datafile.touched_trips import (
        changed_trips,
        common_prefix,
        common_suffix,
    )

    folder = folder_for(target)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(folder, ".")  # temp files of writers killed long ago
    numbers = _numbers(folder)
    number = (numbers[-1] + 1) if numbers else 1
    name = f"{number:0{_NAME_WIDTH}d}"
    head = tail = 0
    if before is not None:
        head = common_prefix(before, after)
        tail = common_suffix(before, after, head)
        atomic_write(folder / f"{name}.before", before[head : len(before) - tail], durable=False)
    entry = Entry(
        number=number,
        when=datetime.now().astimezone().isoformat(timespec="seconds"),
        command=_shown(running_command.command_text()),
        trips=trips if trips is not None else changed_trips(before or b"", after),
        after_sha=_digest(after),
        before_sha=_digest(before) if before is not None else "",
        undoes=running_command.context["undoes"],
        redoes=running_command.context["redoes"],
        path=_shown(os.path.realpath(target)),
        head=head,
        tail=tail,
    )
    # Renamed into place, not fsynced: the journal is a convenience, the data file's write is the durable one.
    text = json.dumps(asdict(entry), indent=1) + "\n"
    atomic_write(folder / f"{name}.json", text, durable=False)
    for old in _dropped(folder, [*numbers, number]):
        for suffix in (".json", ".before"):
            try:
                os.unlink(folder / f"{old:0{_NAME_WIDTH}d}{suffix}")
            except FileNotFoundError:
                pass


def _shown(text: str) -> str:
    """Text as it can be shown and stored: bytes a file name or argument had that are not
    UTF-8 (kept by Python as lone surrogates) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_TYPES = {"number": int, "when": str, "command": str, "trips": list, "after_sha": str, "before_sha": str,
          "undoes": (int, type(None)), "redoes": (int, type(None)), "path": str, "head": int, "tail": int}


def _load(folder: Path, number: int) -> Entry | None:
    """One entry of the journal; None when it is unreadable, not a regular file, or holds
    fields of the wrong kind (never trusted: a person or a program may have changed it)."""
    import json

    raw = _read(folder / f"{number:0{_NAME_WIDTH}d}.json", 1 << 20)
    try:
        fields = json.loads(raw) if raw is not None else None
    except ValueError:
        return None
    if not isinstance(fields, dict) or set(fields) - set(_TYPES) or fields.get("number") != number:
        return None
    if any(not isinstance(value, _TYPES[key]) or isinstance(value, bool) for key, value in fields.items()):
        return None
    if not all(isinstance(trip, str) for trip in fields.get("trips", [])) or min(fields.get("head", 0), fields.get("tail", 0)) < 0:
        return None
    try:
        return Entry(**fields)
    except TypeError:  # a field missing
        return None


def _read(path: Path, limit: int | None = None) -> bytes | None:
    """A journal file's bytes: only a regular file, opened without following a link or
    waiting on a FIFO; None otherwise."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (limit is not None and info.st_size > limit):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def _dropped(folder: Path, numbers: list[int]) -> list[int]:
    """The entries to remove: those older than the KEEP newest ordinary edits (the undos and
    redos since the oldest of those stay: undoing 50 edits journals 50 undos, which must not
    push the first edits out). Past KEEP_AT_MOST entries, an undo and a redo of the same edit
    next to each other cancel out first (undo and redo over and over), then the oldest go."""
    if len(numbers) <= KEEP:
        return []
    marks = []
    for number in numbers:
        entry = _load(folder, number)  # (unreadable: it counts as an edit, and goes in its turn)
        marks.append((number, entry.undoes, entry.redoes) if entry is not None else (number, None, None))
    if len(marks) > KEEP_AT_MOST:
        kept: list[tuple] = []
        for mark in marks:
            if kept and _cancel(kept[-1], mark):
                kept.pop()
            else:
                kept.append(mark)
        marks = kept
    edits = [at for at, (_number, undoes, redoes) in enumerate(marks) if undoes is None and redoes is None]
    keep_from = edits[-KEEP] if len(edits) >= KEEP else 0
    keep = {number for number, _undoes, _redoes in marks[max(keep_from, len(marks) - KEEP_AT_MOST) :]}
    return [number for number in numbers if number not in keep]


def _cancel(first: tuple, second: tuple) -> bool:
    """Whether two entries in a row leave the file and the stacks of undo as they were: an undo
    of an edit and its redo, or a redo and the undo of it again."""
    return (first[1] is not None and first[1] == second[2]) or (first[2] is not None and first[2] == second[1])


def _numbers(folder: Path) -> list[int]:
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    return sorted(int(name[:-5]) for name in names if name.endswith(".json") and name[:-5].isdigit())


def entries(target: Path) -> list[Entry]:
    """The journal of one data file, oldest first (unreadable entries are skipped)."""
    folder = folder_for(target)
    return [entry for number in _numbers(folder) if (entry := _load(folder, number)) is not None]


def before_bytes(target: Path, entry: Entry, after: bytes) -> bytes | None:
    """The bytes `entry` replaced, from `after` (the bytes it wrote); None if its delta is gone or damaged."""
    middle = _read(folder_for(target) / f"{entry.number:0{_NAME_WIDTH}d}.before")
    if middle is None:
        return None
    if entry.head + entry.tail > len(after):
        return None
    raw = after[: entry.head] + middle + after[len(after) - entry.tail :]
    return raw if _digest(raw) == entry.before_sha else None
