"""Every command has -h help with an example (sqlite-utils style)."""

import pytest
from click.testing import CliRunner

from pipeline.cli import cli


def all_commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("command", all_commands())
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "-h"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_top_level_help_lists_the_commands():
    result = CliRunner().invoke(cli, ["-h"])
    for command in all_commands():
        assert command in result.output
