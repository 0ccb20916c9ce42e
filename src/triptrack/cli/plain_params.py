"""Parameter values without a validation library: a start-up cost every command would pay.

Typer converts each given parameter value through a Pydantic TypeAdapter, built on
first use; importing Pydantic for that takes longer than starting Python with
Typer, Rich and PyYAML together. Text (`str`, or a repeatable `list[str]`) needs no
conversion: Click already hands over text. A whole number or a decimal number
written plainly (`3`, `-12.5`, `1e3`) converts as Typer's adapter converts it.
Anything else — a value that is not plain, an enum, a path — goes to Typer's own
converter, built only when such a value is actually given, so its messages are
Typer's. The private names this needs are in cli.typer_compat.
"""

from __future__ import annotations

import re
import sys
from typing import Any, get_args, get_origin

import triptrack.cli.typer_compat as typer_compat


class PlainText:
    """Typer's runtime-coercion contract (`coerce(value, param, ctx)`) for text values."""

    def __init__(self, many: bool):
        self.many = many

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        if multi and isinstance(value, str):
            raise typer_compat.BadParameter("Value must be an iterable.", ctx=ctx, param=param)
        if self.many:
            items = value if isinstance(value, (list, tuple)) else [value]
            return [_text(item) for item in items]
        return _text(value)


class PlainNumber:
    """A number written plainly, as Typer's adapter reads it; anything else goes to Typer."""

    PATTERNS = {int: re.compile(r"\s*[+-]?\d+\s*"), float: re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")}

    def __init__(self, kind: type):
        self.kind = kind

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and self.PATTERNS[self.kind].fullmatch(value):
            number = self.kind(value)
            if self.kind is int or abs(number) != float("inf"):
                return number
        return Deferred().coerce(value, param, ctx)


class Deferred:
    """Typer's own converter for the parameter, built only when a value is given."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return () if (param.multiple or param.nargs == -1) else None
        converter = typer_compat.typer_converter(param)
        typer_compat.set_runtime_converter(param, converter)
        return converter.coerce(value, param=param, ctx=ctx)


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        try:
            return value.decode(sys.getfilesystemencoding())
        except UnicodeError:
            return value.decode("utf-8", "replace")
    return str(value)


def _converter_for(param: Any) -> PlainText | PlainNumber | Deferred | None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or typer_compat.runtime_converter(param) is not None:
        return None
    plain = descriptor.file_annotation is None and descriptor.parameter_info.parser is None
    annotation = descriptor.annotation
    if plain and annotation is str:
        return PlainText(many=False)
    if plain and get_origin(annotation) is list and get_args(annotation) == (str,):
        return PlainText(many=True)
    ranged = getattr(descriptor, "is_ranged", True)  # (a min or max: Typer checks it)
    if plain and annotation in (int, float) and not ranged and param.nargs == 1 and not param.multiple:
        return PlainNumber(annotation)
    return Deferred()


def install(params: Any) -> None:
    """Give each of `params` (Typer parameters) the converter above, unless it has one, and
    help without internal type names."""
    for param in params:
        converter = _converter_for(param)
        if converter is not None:
            typer_compat.set_runtime_converter(param, converter)
        typer_compat.plain_help(param)


def install_all(command: Any, ctx: Any) -> None:
    """Install on `command`, its --help option and every subcommand, at any depth."""
    stack = [command]
    while stack:
        current = stack.pop()
        install(current.get_params(ctx))
        stack.extend(getattr(current, "commands", {}).values())
