"""Click options shared by several commands."""

from __future__ import annotations

from typing import Any, Callable

import click

EXERCISES_OPTION = click.option("--exercises", "exercises_dir", type=click.Path(),
                                help="The exercises folder (env GRADE_EXERCISES).")


def grading_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by `grade EXERCISE` and `grade all`."""
    options = [
        click.option("--submission", type=click.Path(file_okay=False), help="Take the learner's files from DIR, "
                     "at the same relative paths as the stubs."),
        EXERCISES_OPTION,
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
