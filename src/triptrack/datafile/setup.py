"""Starting a data file and saying which one is in use."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from triptrack.datafile import store as storage
from triptrack.datafile.paths import sample_path
from triptrack.errors import InputError


def template_text(with_sample: bool) -> str:
    """The text of a new data file: the shipped sample trips, or an empty commented template."""
    if with_sample:
        return sample_path().read_text(encoding="utf-8")
    return (files("triptrack") / "templates" / "empty.yaml").read_text(encoding="utf-8")


def init_file(path: Path, with_sample: bool) -> Path:
    """Create a new data file at `path`; refuse to touch an existing one."""
    if path.exists() or path.is_symlink():
        raise InputError(f"{path} already exists; triptrack init never overwrites a data file")
    text = template_text(with_sample)
    storage.parse(text, str(path))  # what we ship must itself be valid
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {path}: {exc.strerror}") from None
    target = path.resolve()
    with storage.locked(target):  # (and replace_data_file refuses a file that appeared meanwhile)
        storage.replace_data_file(target, str(path), None, text.encode("utf-8"))
    return path


def describe_source(source: storage.DataSource) -> list[str]:
    """Lines for `triptrack where`: the file, why it was chosen, and its state."""
    lines = [str(source.path.absolute()), f"  chosen because: {source.reason}"]
    if source.path.exists():
        lines.append("  state: exists")
    elif source.seed is not None:
        lines.append(f"  state: not created yet; showing the sample from {source.seed} until the first edit")
    else:
        lines.append("  state: does not exist yet; the first edit creates it")
    return lines
