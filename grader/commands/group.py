"""The click group of `grade`: commands loaded on demand from COMMANDS; an unknown first word is an exercise."""

from __future__ import annotations

import importlib
from typing import Any

import click

from grader.commands import COMMANDS

COMMANDS_HELP = "Run `grade EXERCISE` to grade your file for an exercise; `grade list` shows them."


class GradeGroup(click.Group):
    """Commands loaded on demand; an unknown first word is an exercise id, graded by the hidden `run`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(f"grader.commands.{module}").command
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS and not args[0].startswith("-"):
            # named after the exercise, so usage and errors read `grade EXERCISE ...`
            return args[0], self.get_command(ctx, "run"), args
        return super().resolve_command(ctx, args)


@click.group(cls=GradeGroup, help="Exercises in the mathematics of deep learning, graded.\n\n" + COMMANDS_HELP,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="grade")
def cli() -> None:
    pass
