"""The `grade` command: parses the command line and dispatches; GradeError is caught here, once.

Each command lives in its own module under grader/commands/ (listed in COMMANDS) and is imported only
when it runs, so `grade EXERCISE` loads nothing that `grade batch` needs.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from grader.errors import GradeError

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")  # as the learner's process has
COMMANDS_HELP = "Run `grade EXERCISE` to grade your file for an exercise; `grade list` shows them."

# command name -> module under grader/commands/ defining `command`; "run" is `grade EXERCISE`
COMMANDS: dict[str, str] = {
    "run": "run",
    "all": "all",
    "list": "list",
    "hint": "hint",
    "validate": "validate",
    "batch": "batch",
    "bundle": "bundle",
    "watch": "watch",
    "progress": "progress",
    "notebook": "notebook",
    "new": "new",
    "doctor": "doctor",
}


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


def _grades_here(args: list[str]) -> bool:
    """Whether the command line grades in this process (`grade EXERCISE`, `grade all`, `grade watch`)."""
    if not args or any(a in ("-h", "--help", "--version") for a in args):
        return False
    first = args[0]
    return first in ("all", "watch") or (first not in COMMANDS and not first.startswith("-"))


def main() -> None:
    """Console entry point: run the command and exit with its status; the grader's own faults exit 2."""
    from grader.sandbox.runner import keep_private

    for name in BLAS_THREADS:  # before numpy loads: the grader's arrays are small, and idle BLAS threads spin
        os.environ.setdefault(name, "1")  # on the cores the learner's process and the other workers need
    keep_private()  # where the OS can (Linux): learner code of the same uid cannot read this process's environment or memory
    if _grades_here(sys.argv[1:]):
        from grader.sandbox.client import prestart

        prestart()  # the runner boots while the grader imports what it needs
    try:
        code = cli.main(prog_name="grade", standalone_mode=False)
    except GradeError as exc:
        click.echo(f"grade: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("grade: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
