"""`grade watch [EXERCISE]`: grade on every save, show progress, move on when the exercise passes."""

from __future__ import annotations

import click

from grader.commands.options import EXERCISES_OPTION


@click.command("watch")
@click.argument("exercise", required=False)
@EXERCISES_OPTION
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), envvar="GRADE_SEED",
              help="Seed of the random inputs (env GRADE_SEED); default: a new one each grading.")
@click.option("--cases", type=click.IntRange(1, 1000), help="Number of random cases.")
def command(exercise: str | None, exercises_dir: str | None, seed: int | None, cases: int | None) -> int:
    """Grade an exercise each time you save it (the first unfinished one by default); q quits."""
    from grader.watch import watch

    return watch(exercise, exercises_dir, seed, cases)
