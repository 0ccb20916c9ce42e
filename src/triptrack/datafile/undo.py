"""`undo` and `redo`: step back through triptrack's edits of the data file, and forward again.

The journal is read as two stacks: the edits in effect (each undo takes the newest off)
and the edits undone since the last ordinary edit (each redo puts the newest back; an
ordinary edit empties it, as in any editor). An undo restores the bytes its edit
replaced; a redo restores the bytes the undo replaced. Either is refused, saying why,
when the file is not exactly as triptrack last wrote it. The restore is an ordinary
write (store.replace_data_file: under the lock, atomic, read-only files refused), so it is
journalled too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from triptrack.datafile import journal, running_command
from triptrack.datafile import store as storage
from triptrack.errors import ConflictError, InputError


@dataclass
class Stacks:
    done: list[journal.Entry]  # edits in effect, oldest first
    undone: list[tuple[journal.Entry, journal.Entry]]  # (edit, the undo that reverted it), newest last


def stacks(entries: list[journal.Entry]) -> Stacks:
    done: list[journal.Entry] = []
    undone: list[tuple[journal.Entry, journal.Entry]] = []
    for entry in entries:
        if entry.undoes is not None:
            if done and done[-1].number == entry.undoes:
                undone.append((done.pop(), entry))
            else:  # its edit was dropped from the journal (only the last 50 are kept)
                done, undone = [], []
        elif entry.redoes is not None:
            if undone and undone[-1][0].number == entry.redoes:
                done.append(undone.pop()[0])
            else:
                done, undone = [], []
        else:
            done.append(entry)
            undone = []
    return Stacks(done, undone)


@dataclass
class Restored:
    entry: journal.Entry  # the edit that was undone or redone
    restored_seed: bool = False  # the undone edit had created the file: the sample it started from is back


def undo(source: storage.DataSource) -> Restored:
    """Revert the newest edit still in effect."""
    target = Path(os.path.realpath(source.path))
    with storage.locked(target):
        history, current = _checked_history(source, target, "undo")
        state = stacks(history)
        if not state.done:
            redo = " ('triptrack redo' puts the last one back)" if state.undone else ""
            raise InputError(f"nothing left to undo: the edits of {source.display} in the journal are undone already{redo}")
        edit = state.done[-1]
        _same_as_after(source, current, edit, "undo")
        previous, seed = _before(source, target, edit, current)
        _write(target, source.display, current, previous, undoes=edit.number)
    return Restored(edit, seed)


def redo(source: storage.DataSource) -> Restored:
    """Undo the newest undo: put back the edit it reverted."""
    target = Path(os.path.realpath(source.path))
    with storage.locked(target):
        history, current = _checked_history(source, target, "redo")
        state = stacks(history)
        if not state.undone:
            raise InputError(f"nothing to redo: no edit of {source.display} was undone since the last edit")
        edit, its_undo = state.undone[-1]
        _same_as_after(source, current, its_undo, "redo")
        previous, _seed = _before(source, target, its_undo, current)
        _write(target, source.display, current, previous, redoes=edit.number)
    return Restored(edit)


def _same_as_after(source: storage.DataSource, current: bytes, entry: journal.Entry, verb: str) -> None:
    """The file must hold what `entry` wrote: else something changed it between two edits of the journal."""
    if journal._digest(current) != entry.after_sha:
        raise ConflictError(
            f"{source.display} was changed after {entry.summary()} by hand or by another program, before the "
            f"edits that followed; {verb} would lose that change, so nothing was written"
        )


def _checked_history(source: storage.DataSource, target: Path, verb: str) -> tuple[list[journal.Entry], bytes]:
    history = journal.entries(target)
    if not history:
        raise InputError(f"nothing to {verb}: no edit of {source.display} is in the journal ({journal.state_dir()})")
    last = history[-1]
    current = storage._read_bytes(target, source.display)
    if current is None or journal._digest(current) != last.after_sha:
        how = "was deleted" if current is None else "was changed"
        raise ConflictError(
            f"{source.display} {how} after triptrack's last edit ({last.summary()}), by hand or by another program; "
            f"{verb} would lose that change, so nothing was written"
        )
    return history, current


def _write(target: Path, shown: str, current: bytes, data: bytes, **marks: int) -> None:
    running_command.context.update(marks)
    try:
        storage.replace_data_file(target, shown, current, data)
    finally:
        running_command.context.update(undoes=None, redoes=None)


def _before(source: storage.DataSource, target: Path, entry: journal.Entry, current: bytes) -> tuple[bytes, bool]:
    """The bytes `entry` replaced (the sample, when it created the file); `current` holds what it wrote."""
    if entry.created:
        if source.seed is None:
            raise InputError(
                f"the edit to undo ({entry.summary()}) created {source.display}; delete the file to undo it, nothing was written"
            )
        try:
            return source.seed.read_bytes(), True
        except OSError as exc:
            raise InputError(f"cannot read the sample {source.seed} to undo with: {exc.strerror}") from None
    previous = journal.before_bytes(target, entry, current)
    if previous is None:
        raise InputError(
            f"the journal's copy of the bytes before {entry.summary()} is missing or damaged "
            f"({journal.folder_for(target)}); nothing was written"
        )
    return previous, False
