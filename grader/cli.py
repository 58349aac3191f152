"""The `grade` command: starts what it can early, dispatches (grader/commands/group.py), and catches
GradeError here, once.

Each command lives in its own module under grader/commands/ (listed in COMMANDS) and is imported only
when it runs, so `grade EXERCISE` loads nothing that `grade batch` needs. This module imports nothing
but the standard library before the runner's worker is started.
"""

from __future__ import annotations

import os
import sys

from grader.commands import COMMANDS

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")  # as the learner's process has


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
    grades = _grades_here(sys.argv[1:])
    if grades:
        from grader.sandbox.launch import prestart

        prestart()  # the runner boots while the grader imports what it needs (click included)
    import click

    from grader.commands.group import cli
    from grader.errors import GradeError

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
    status = code if isinstance(code, int) else 0
    if grades and sys.argv[1] != "watch":
        _leave(status)
    sys.exit(status)


def _leave(status: int) -> None:
    """End a grading command without tearing the interpreter down module by module (about 20 ms with numpy
    loaded, a tenth of `grade EXERCISE`): what exit would still do that matters is done first (atexit
    handlers: temporary folders, an unused worker; flushing the standard streams)."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or 1  # output lost (a closed pipe): say so, as exit would
    os._exit(status)


if __name__ == "__main__":
    main()
