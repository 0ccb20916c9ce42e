"""The CLI's start-up shortcuts change nothing a person sees.

`triptrack --help` is drawn by triptrack.cli.help_screen (without Typer's slow help
imports) and must equal Typer's own help screen; text parameters skip Pydantic and
must arrive exactly as Typer would pass them; other types still go through Typer.
"""

from __future__ import annotations

import io
import sys

import pytest
import typer.core
import typer.main
from conftest import PINNED_ENV, digest

from triptrack.cli import app, plain_params


def _typer_help(width: int, color: bool, monkeypatch) -> str:
    """The help Typer itself draws for the same group."""
    from triptrack.cli.application import TriptrackGroup

    monkeypatch.setattr(TriptrackGroup, "format_help", typer.core.TyperGroup.format_help)
    return _help(width, color, monkeypatch)


def _help(width: int, color: bool, monkeypatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.delenv("NO_COLOR", raising=False)
    if color:
        monkeypatch.setenv("FORCE_COLOR", "1")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    command = typer.main.get_command(app)
    with pytest.raises(SystemExit) as done:
        command.main(["--help"], prog_name="triptrack")
    assert done.value.code == 0
    return out.getvalue()


@pytest.mark.parametrize("width", [60, 100, 140])
@pytest.mark.parametrize("color", [False, True])
def test_the_help_screen_is_typers_own(width, color, monkeypatch):
    ours = _help(width, color, monkeypatch)
    assert "Usage: triptrack" in ours and "add-stop" in ours
    assert ours == _typer_help(width, color, monkeypatch)


@pytest.mark.parametrize("value", ["blinken-final", "", "Noël 東京", "x\udcffy", "--", "a b"])
def test_a_text_parameter_arrives_as_typer_would_pass_it(value):
    from typer._adapters import build_adapter
    from typer.models import ArgumentInfo

    command = typer.main.get_command(app).commands["show"]
    param = next(p for p in command.params if p.name == "trip_id")
    converter = plain_params._converter_for(param)
    assert isinstance(converter, plain_params.PlainText)
    assert converter.coerce(value, param, None) == build_adapter(str, ArgumentInfo()).validate_python(value)


def test_repeated_and_missing_text_options_arrive_as_with_typers_own_conversion(cli, monkeypatch):
    from triptrack.edits import common as editing

    def run() -> dict:
        seen = {}

        def capture(request, arrive, depart, topics, meetings, notes=""):
            seen.update(city=request.city, depart=depart, topics=topics, meetings=meetings)
            raise editing.InputError("stop here")

        monkeypatch.setattr(editing, "build_stop", capture)
        result = cli("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09", "--topic", "a", "--topic", "b")
        assert result.exit_code == 1 and "stop here" in result.stderr
        return seen

    ours = run()
    monkeypatch.setattr(plain_params, "install_all", lambda command, ctx: None)  # Typer's conversion
    assert ours == run()
    assert ours["topics"] == ["a", "b"] and ours["city"] == "Rome"


def test_numbers_are_still_checked_by_typer(cli, data_file, monkeypatch):
    before = digest(data_file)
    args = ("add-stop", "blinken-final", "Rome", "--arrive", "2025-01-09", "--lat", "north", "--lon", "1")
    result = cli(*args)
    assert result.exit_code == 2 and "valid number" in result.output
    assert digest(data_file) == before
    monkeypatch.setattr(plain_params, "install_all", lambda command, ctx: None)  # Typer's conversion
    # (the same message; only the usage line differs: Typer's own shows `{TRIP} {city}`)
    assert cli(*args).output.splitlines()[1:] == result.output.splitlines()[1:]


def test_plain_numbers_convert_as_typer_converts_them(cli, data_file, monkeypatch):
    from triptrack.cli.plain_params import PlainNumber

    for kind, texts in ((int, ["3", " 12 ", "-4", "+5", "007"]), (float, ["1", "-12.5", ".5", "1e3", "2.", " 3.25 "])):
        for text in texts:
            fast = PlainNumber(kind).coerce(text, None, None)
            assert type(fast) is kind and fast == kind(text.strip()), (kind, text)
    for value in ("1.5", "x", "1_000"):  # not plain: Typer's own converter answers
        monkeypatch.setattr(plain_params.Deferred, "coerce", lambda self, value, param, ctx: ("typer", value))
        assert PlainNumber(int).coerce(value, None, None) == ("typer", value)


def test_a_missing_required_argument_is_still_a_usage_error(cli):
    result = cli("show")
    assert result.exit_code == 2 and "Missing argument" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["show", "blinken-final"],
        ["show", "blinken-final", "--tz", "UTC"],
        ["--data", "{data}", "show", "blinken-final", "--json"],
        ["--data={data}", "list", "--country", "JP"],
        ["list", "--official", "nobody"],
        ["show", "--help"],
        ["show"],
        ["import", "--help"],
        ["import", "historian", "--help"],
        ["shwo", "blinken-final"],
        ["--help"],
        ["-h"],
        ["--version"],
        [],
        ["--data"],
        ["--", "show", "blinken-final"],
        ["-h", "show"],
        ["show", "nosuch"],
    ],
)
def test_building_only_the_command_run_changes_nothing(cli, data_file, args):
    from triptrack.cli.one_command import app_for

    args = [a.replace("{data}", str(data_file)) for a in args]
    cli.runner.invoke(app, args, env=PINNED_ENV)  # first: caches and the place index filled alike
    whole = cli.runner.invoke(app, args, env=PINNED_ENV)
    only = cli.runner.invoke(app_for(app, args), args, env=PINNED_ENV)
    assert (only.exit_code, only.stdout, only.stderr) == (whole.exit_code, whole.stdout, whole.stderr)
    if args[:1] == ["show"] and len(args) > 1 and args[1] != "--help":
        assert app_for(app, args) is not app and [c.callback.__name__ for c in app_for(app, args).registered_commands] == ["show"]


def test_the_root_options_table_is_the_root_callbacks():
    """`command_name` skips the root options before the command with ROOT_OPTIONS, instead of
    building the root command once more on every run: the table must be what Typer builds
    (each plain option's spellings, and whether it takes a value)."""
    from triptrack.cli import typer_compat
    from triptrack.cli.one_command import ROOT_OPTIONS

    built: dict[str, bool] = {}
    for param in typer.main.get_command(typer_compat.with_commands(app, [], [])).params:
        if not getattr(param, "is_eager", False):
            for spelling in (*param.opts, *param.secondary_opts):
                built[spelling] = not getattr(param, "is_flag", False) and not getattr(param, "count", False)
    assert built == ROOT_OPTIONS


def test_each_command_is_registered_by_the_modules_the_table_names():
    """`triptrack X` imports only COMMAND_MODULES[X]: the table must name exactly the modules
    whose functions make up X (for a group, every command in it)."""
    import typer.main

    from triptrack.cli import COMMAND_MODULES, typer_compat

    def modules_of(typer_app) -> set[str]:
        found = {c.callback.__module__ for c in typer_compat.commands_of(typer_app)}
        for group in typer_compat.groups_of(typer_app):
            found |= modules_of(group.typer_instance)
        return found

    derived = {(c.name or typer.main.get_command_name(c.callback.__name__)): {c.callback.__module__}
               for c in typer_compat.commands_of(app)}
    derived.update({g.name: modules_of(g.typer_instance) for g in typer_compat.groups_of(app)})
    assert derived == {name: {f"triptrack.cli.{m}" for m in modules} for name, modules in COMMAND_MODULES.items()}
