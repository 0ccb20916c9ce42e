"""`triptrack --help`, drawn with the parts of Rich every command loads anyway.

Typer's own help screen imports Rich's Markdown, syntax highlighting (Pygments)
and traceback modules, which cost more than a third of the start-up floor. This
draws the same layout — usage, description, an Options panel and a Commands
panel — with Console, Table and Panel only, in Typer's "rich" markup mode (tests
compare the two). Commands' own --help, and other markup modes, stay Typer's.
"""

from __future__ import annotations

import inspect
import os

from rich.console import Console
from rich.highlighter import RegexHighlighter
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.theme import Theme


class OptionHighlighter(RegexHighlighter):
    """Options, switches, types and 'Usage:' in colour, as in Typer's help."""

    highlights = [
        r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
        r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
        r"(?P<types>\<[^\>]+\>)",
        r"(?P<usage>Usage: )",
    ]


class TypesHighlighter(RegexHighlighter):
    """The brackets around a type (`<bool>`) dimmed."""

    highlights = [
        r"^(?P<types_sep>(\[|<))",
        r"(?P<types_sep>\|)",
        r"(?P<types_sep>(\]|>))(\.\.\.)?$",
    ]


THEME = {
    "option": "bold cyan",
    "switch": "bold green",
    "negative_option": "bold magenta",
    "negative_switch": "bold red",
    "types": "bold yellow",
    "types_sep": "dim",
    "usage": "yellow",
}


def _console() -> Console:
    """Like Typer's help console: same theme, same environment switches."""
    width = os.environ.get("TERMINAL_WIDTH")
    force = True if (os.environ.get("GITHUB_ACTIONS") or os.environ.get("FORCE_COLOR") or os.environ.get("PY_COLORS")) else None
    if os.environ.get("_TYPER_FORCE_DISABLE_TERMINAL"):
        force = False
    return Console(
        theme=Theme(THEME),
        highlighter=OptionHighlighter(),
        color_system="auto",
        force_terminal=force,
        width=int(width) if width else None,
    )


def _command_help(text: str) -> str:
    """A command's line in the Commands panel, as Typer makes it in "rich" markup mode."""
    first = inspect.cleandoc(text).split("\n\n")[0]
    if first.startswith("\b"):
        first = first.replace("\b\n", "")
    return first.strip()


def _prose(text: str, style: str = "") -> Text:
    """Help text as Typer shows it: Rich markup read, options highlighted."""
    return OptionHighlighter()(Text.from_markup(text, style=style))


def _options_table(params: list, ctx) -> Table:
    highlight = OptionHighlighter()
    types = TypesHighlighter()
    table = Table(highlight=True, show_header=False, expand=True, box=None, pad_edge=False, padding=(0, 1))
    for param in params:
        longs = [o for o in param.opts if "--" in o]
        shorts = [o for o in param.opts if "--" not in o]
        negative_longs = [o for o in param.secondary_opts if "--" in o]
        negative_shorts = [o for o in param.secondary_opts if "--" not in o]
        kind = param.display_type_rich(ctx=ctx) if hasattr(param, "display_type_rich") else None
        help_text = _prose(param.help or "")
        if param.required:
            help_text.append(" [required]", style="dim red")
        table.add_row(
            highlight(",".join(longs)),
            highlight(",".join(shorts)),
            highlight(",".join(negative_longs)),
            highlight(",".join(negative_shorts)),
            types(Text(kind or "", style="bold yellow", overflow="fold")),
            help_text,
        )
    return table


def _commands_table(commands: list, name_width: int) -> Table:
    table = Table(highlight=False, show_header=False, expand=True, box=None, pad_edge=False, padding=(0, 1))
    table.add_column(style="bold cyan", no_wrap=True, width=name_width)
    table.add_column("Description", justify="left", no_wrap=False, ratio=10)
    for command in commands:
        about = _command_help(command.short_help or command.help or "")
        table.add_row(Text(command.name or ""), _prose(about))
    return table


def print_group_help(group, ctx) -> None:
    """Usage, description, options and commands of `group` (a Click group), on stdout."""
    console = _console()
    console.print(Padding(OptionHighlighter()(group.get_usage(ctx)), 1), style="bold")
    if group.help:
        first, *rest = inspect.cleandoc(group.help).partition("\f")[0].split("\n\n")
        if not first.startswith("\b"):
            first = first.replace("\n", " ")
        about = _prose(first.strip())
        if rest:
            about.append("\n\n")
            about.append(_prose("\n\n".join(rest), style="dim"))
        console.print(Padding(about, (0, 1, 1, 1)))
    params = [p for p in group.get_params(ctx) if not getattr(p, "hidden", False)]
    if params:
        console.print(Panel(_options_table(params, ctx), border_style="dim", title="Options", title_align="left"))
    panels: dict[str, list] = {}
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            panels.setdefault(getattr(command, "rich_help_panel", None) or "Commands", []).append(command)
    width = max((len(c.name or "") for commands in panels.values() for c in commands), default=0)
    for title, commands in sorted(panels.items(), key=lambda item: item[0] != "Commands"):
        console.print(Panel(_commands_table(commands, width), border_style="dim", title=title, title_align="left"))
    if group.epilog:
        console.print(Padding(Text(" ".join(group.epilog.split())), 1))
