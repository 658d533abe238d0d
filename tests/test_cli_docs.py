"""Every `vnplan` command is documented in README.md, with the description its --help gives."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from extractor.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def _description(cmd: click.Command) -> str:
    """The first line of the command's help, as `vnplan COMMAND --help` shows it."""
    return " ".join((cmd.help or "").strip().split("\n\n")[0].split())


def _commands() -> list[tuple[str, click.Command]]:
    return sorted(cli.commands.items())


def test_the_group_has_the_store_commands():
    assert {"ingest", "search", "export", "serve", "demo"} <= set(cli.commands)


@pytest.mark.parametrize("name,cmd", _commands())
def test_command_documented_in_readme(name, cmd):
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert re.search(rf"`vnplan {re.escape(name)}\b", readme), f"README has no `vnplan {name}`"
    description = _description(cmd)
    assert description and description in readme, f"README lacks the description of {name}: {description!r}"


@pytest.mark.parametrize("name,cmd", _commands())
def test_every_option_has_help(name, cmd):
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"vnplan {name} {param.opts[0]} has no help text"
