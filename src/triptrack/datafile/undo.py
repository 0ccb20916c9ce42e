"""`undo`: put back the bytes the newest journal entry replaced, if nothing changed the file since.

The restore is an ordinary write (store.write_checked: under the lock, atomic,
read-only files refused), so it is journalled too and can itself be undone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from triptrack.datafile import journal
from triptrack.datafile import store as storage
from triptrack.errors import ConflictError, InputError


@dataclass
class Undone:
    entry: journal.Entry  # the edit that was reverted
    restored_seed: bool  # the edit had created the file: the sample it started from was put back


def undo(source: storage.DataSource) -> Undone:
    target = Path(os.path.realpath(source.path))
    shown = source.display
    with storage._locked(target):
        history = journal.entries(target)
        if not history:
            raise InputError(f"nothing to undo: no edit of {shown} is in the journal ({journal.state_dir()})")
        last = history[-1]
        current = storage._read_bytes(target, shown)
        if current is None or journal._digest(current) != last.after_sha:
            how = "was deleted" if current is None else "was changed"
            raise ConflictError(
                f"{shown} {how} after triptrack's last edit ({last.summary()}), by hand or by another program; "
                "undo would lose that change, so nothing was written"
            )
        previous, seed = _previous_bytes(source, target, last)
        journal._context.update(command="undo", undoes=last.number)
        try:
            storage.write_checked(target, shown, previous)
        finally:
            journal._context["undoes"] = None
    return Undone(last, seed)


def _previous_bytes(source: storage.DataSource, target: Path, last: journal.Entry) -> tuple[bytes, bool]:
    if last.created:
        if source.seed is None:
            raise InputError(
                f"the last edit ({last.summary()}) created {source.display}; delete the file to undo it, nothing was written"
            )
        try:
            return source.seed.read_bytes(), True
        except OSError as exc:
            raise InputError(f"cannot read the sample {source.seed} to undo with: {exc.strerror}") from None
    previous = journal.before_bytes(target, last)
    if previous is None:
        raise InputError(
            f"the journal's copy of the bytes before {last.summary()} is missing or damaged "
            f"({journal.folder_for(target)}); nothing was written"
        )
    return previous, False
