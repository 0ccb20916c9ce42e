"""Text parameters without a validation library: a start-up cost every command would pay.

Typer converts each given parameter value through a Pydantic TypeAdapter, built on
first use; importing Pydantic for that takes longer than starting Python with
Typer, Rich and PyYAML together. A text parameter (`str`, or a repeatable
`list[str]`) needs no conversion: Click already hands over text. This gives such
parameters a converter that does exactly what Typer's adapter does for them
(`str(value)`, bytes decoded, a single value made a list), so Pydantic is imported
only when a command takes a number, an enum or a path.

Parameters of other types get a converter that answers "not given" (None) itself
and builds Typer's own converter the first time a value is actually given; flags
such as --help and --version are not given on most runs.

It sets a private attribute of Typer's parameters (`_runtime_param`); when a Typer
release changes that, `install()` does nothing and Typer's own conversion is used.
"""

from __future__ import annotations

import sys
from typing import Any, get_args, get_origin


class PlainText:
    """Typer's runtime-coercion contract (`coerce(value, param, ctx)`) for text values."""

    def __init__(self, many: bool):
        self.many = many

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        if multi and isinstance(value, str):
            from typer._click.exceptions import BadParameter

            raise BadParameter("Value must be an iterable.", ctx=ctx, param=param)
        if self.many:
            items = value if isinstance(value, (list, tuple)) else [value]
            return [_text(item) for item in items]
        return _text(value)


class Deferred:
    """Typer's own converter for the parameter, built only when a value is given."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return () if (param.multiple or param.nargs == -1) else None
        from typer._coercion import build_runtime_param

        param._runtime_param = build_runtime_param(param.type_descriptor)
        return param._runtime_param.coerce(value, param=param, ctx=ctx)


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        try:
            return value.decode(sys.getfilesystemencoding())
        except UnicodeError:
            return value.decode("utf-8", "replace")
    return str(value)


def _converter_for(param: Any) -> PlainText | Deferred | None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "_runtime_param", "absent") is not None:
        return None
    plain = descriptor.file_annotation is None and descriptor.parameter_info.parser is None
    annotation = descriptor.annotation
    if plain and annotation is str:
        return PlainText(many=False)
    if plain and get_origin(annotation) is list and get_args(annotation) == (str,):
        return PlainText(many=True)
    return Deferred()


def install(params: Any) -> None:
    """Give each of `params` (Typer parameters) the converter above, unless it has one."""
    for param in params:
        converter = _converter_for(param)
        if converter is not None:
            param._runtime_param = converter


def install_all(command: Any, ctx: Any) -> None:
    """Install on `command`, its --help option and every subcommand, at any depth."""
    stack = [command]
    while stack:
        current = stack.pop()
        install(current.get_params(ctx))
        stack.extend(getattr(current, "commands", {}).values())
