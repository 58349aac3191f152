"""The `grade` command: parses options and dispatches; GradeError is caught here, once."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click

from grader.errors import GradeError

COMMANDS_HELP = "Run `grade EXERCISE` to grade your file for an exercise; `grade list` shows them."


class GradeGroup(click.Group):
    """A group where an unknown first word is an exercise id, graded by the hidden `run` command."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            # named after the exercise, so usage and errors read `grade EXERCISE ...`
            return args[0], self.commands["run"], args
        return super().resolve_command(ctx, args)


class ExerciseCommand(click.Command):
    """`grade EXERCISE [OPTIONS]`: the exercise is the command's own name in messages."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return ["[OPTIONS]"]


def fail_cleanly(func: Callable[..., int]) -> Callable[..., None]:
    """Map the grader's own errors to a message and exit status 2; learner outcomes exit 0/1."""

    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            code = func(*args, **kwargs)
        except GradeError as exc:
            click.echo(f"grade: {exc}", err=True)
            sys.exit(exc.exit_code)
        sys.exit(code)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def common(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by `grade EXERCISE` and `grade all`."""
    options = [
        click.option("--submission", type=click.Path(file_okay=False), help="Take the learner's files from DIR, "
                     "at the same relative paths as the stubs."),
        click.option("--exercises", "exercises_dir", type=click.Path(), help="The exercises folder (env "
                     "GRADE_EXERCISES)."),
        click.option("--seed", type=click.IntRange(0, 2**63 - 1), envvar="GRADE_SEED",
                     help="Seed of the random inputs (env GRADE_SEED); default: a new one each run."),
        click.option("--cases", type=click.IntRange(1, 1000), help="Number of random cases."),
        click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "gradescope"]),
                     default="text", show_default=True),
        click.option("--output", type=click.Path(dir_okay=False), help="Write the report to FILE."),
        click.option("-v", "--verbose", is_flag=True, help="Show every case of every exercise."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(cls=GradeGroup, help="Exercises in the mathematics of deep learning, graded.\n\n" + COMMANDS_HELP,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="grade")
def cli() -> None:
    pass


@cli.command("run", hidden=True, cls=ExerciseCommand)
@click.argument("exercise")
@click.option("--file", "file", type=click.Path(dir_okay=False), help="Grade this file instead of the stub.")
@click.option("--case", "only_case", help="Run only the case with this name (e.g. random-3).")
@common
@fail_cleanly
def run_command(exercise: str, file: str | None, only_case: str | None, **opts: Any) -> int:
    """Grade the learner's file for one exercise."""
    from grader.commands import grade_one

    return grade_one(exercise, file, only_case, **opts)


@cli.command("all")
@common
@fail_cleanly
def all_command(**opts: Any) -> int:
    """Grade every exercise, in one report."""
    from grader.commands import grade_all

    return grade_all(**opts)


@cli.command("list")
@click.option("--exercises", "exercises_dir", type=click.Path(), help="The exercises folder.")
@fail_cleanly
def list_command(exercises_dir: str | None) -> int:
    """List the exercises by topic, with your last result for each."""
    from grader.commands import list_exercises

    return list_exercises(exercises_dir)


@cli.command("hint")
@click.argument("exercise")
@click.option("--exercises", "exercises_dir", type=click.Path(), help="The exercises folder.")
@fail_cleanly
def hint_command(exercise: str, exercises_dir: str | None) -> int:
    """Show the hints unlocked so far, unlocking the next one."""
    from grader.commands import show_hint

    return show_hint(exercise, exercises_dir)


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--exercises", "exercises_dir", type=click.Path(), help="The exercises folder.")
@click.option("--seeds", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="How many seeds to prove each exercise over.")
@click.option("--quick", is_flag=True, help="Only check the schema and the files (no grading).")
@fail_cleanly
def validate_command(paths: tuple[str, ...], exercises_dir: str | None, seeds: int, quick: bool) -> int:
    """Check exercise definitions: schema, reference, stub, mistake rules."""
    from grader.validate import validate_paths

    return validate_paths(paths, exercises_dir, seeds, quick)


@cli.command("batch")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="gradebook.csv", show_default=True,
              help="The gradebook: CSV, or JSON with every case's details when FILE ends in .json.")
@click.option("--json", "json_output", type=click.Path(dir_okay=False), help="Also write the JSON gradebook here.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), help="Parallel workers (default: one per CPU).")
@click.option("--exercises", "exercises_dir", type=click.Path(), help="The exercises folder (env GRADE_EXERCISES).")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), envvar="GRADE_SEED",
              help="Seed of the random inputs (env GRADE_SEED); default 0, so a rerun gives the same gradebook.")
@click.option("--cases", type=click.IntRange(1, 1000), help="Number of random cases.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
@fail_cleanly
def batch_command(folder: str, output: str, json_output: str | None, jobs: int | None, exercises_dir: str | None,
                  seed: int | None, cases: int | None, progress: bool | None) -> int:
    """Grade many submissions (one folder each, laid out like the stubs) into a gradebook."""
    from grader.batch import run_batch

    return run_batch(folder, output=output, json_output=json_output, exercises_dir=exercises_dir, jobs=jobs,
                     seed=seed, cases=cases, progress=progress)


@cli.group("bundle")
def bundle_group() -> None:
    """Write ready-made CI set-ups for a course (Gradescope, GitHub Actions)."""


@bundle_group.command("gradescope")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="autograder.zip", show_default=True)
@click.option("--exercises", "exercises_dir", type=click.Path(), help="The exercises folder (env GRADE_EXERCISES).")
@click.option("--secret-seed", help="The secret seed of the hidden cases (default: a new random one).")
@click.option("--no-secret-seed", is_flag=True, help="Draw hidden cases from the printed seed.")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), help="A fixed seed for every submission "
              "(default: a fresh one per submission, named in its results).")
@click.option("--hidden-visibility", type=click.Choice(["visible", "hidden", "after_due_date", "after_published"]),
              default="after_published", show_default=True, help="Gradescope visibility of hidden cases.")
@fail_cleanly
def bundle_gradescope(output: str, exercises_dir: str | None, secret_seed: str | None, no_secret_seed: bool,
                      seed: int | None, hidden_visibility: str) -> int:
    """Write the Gradescope autograder zip (setup.sh, run_autograder, the grader, the course)."""
    from grader.bundle import describe, new_secret, write_gradescope_bundle

    secret = None if no_secret_seed else (secret_seed or new_secret())
    names = write_gradescope_bundle(Path(output), exercises_dir, secret, seed, hidden_visibility)
    click.echo(f"wrote {output}: {describe(names)}; upload it as the assignment's autograder")
    return 0


@bundle_group.command("github")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=".github/workflows/grade.yml",
              show_default=True)
@click.option("--install", default="python -m pip install .", show_default=True,
              help="The step that installs grade in the course repository.")
@fail_cleanly
def bundle_github(output: str, install: str) -> int:
    """Write the GitHub Actions workflow that grades a course repository on every push."""
    from grader.bundle import write_github_workflow

    write_github_workflow(Path(output), install)
    click.echo(f"wrote {output}; add the secret GRADE_SECRET_SEED to the repository or organization")
    return 0


def main() -> None:
    """Console entry point."""
    from grader.sandbox.confine import PR_SET_DUMPABLE, prctl

    prctl(PR_SET_DUMPABLE, 0)  # learner code of the same uid cannot read this process's environment or memory
    try:
        cli.main(prog_name="grade", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("grade: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
