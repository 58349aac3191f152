"""`grade validate [PATH...]`: check exercise definitions."""

from __future__ import annotations

import click

from grader.commands.options import EXERCISES_OPTION


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path())
@EXERCISES_OPTION
@click.option("--seeds", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="How many seeds to prove each exercise over.")
@click.option("--quick", is_flag=True, help="Only check the schema and the files (no grading).")
@click.option("--coverage", is_flag=True,
              help="Print per exercise the input families and their cases, and each algorithmic mutant's verdict.")
def command(paths: tuple[str, ...], exercises_dir: str | None, seeds: int, quick: bool, coverage: bool) -> int:
    """Check exercise definitions: schema, reference, stub, mistake rules, families, mutants."""
    from grader.validate import validate_paths

    return validate_paths(paths, exercises_dir, seeds, quick, coverage)
