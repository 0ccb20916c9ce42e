"""What the running command is: set once by the CLI, read by the edit journal when it
records a write (`history` says which command wrote). Kept apart from the journal so
that commands that write nothing do not import it."""

from __future__ import annotations

context: dict = {"words": [], "undoes": None, "redoes": None}


def describe_command(words: list[str]) -> None:
    """The command line being run."""
    context["words"] = list(words)


def command_text() -> str:
    """The command line as a shell would take it, without the global --data option (the
    journal is per file)."""
    import shlex

    kept: list[str] = []
    skip = False
    for word in context["words"]:
        if skip:
            skip = False
        elif word == "--data":
            skip = True
        elif not word.startswith("--data="):
            kept.append(word)
    return " ".join(shlex.quote(word) for word in kept)
