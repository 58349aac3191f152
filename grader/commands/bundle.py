"""`grade bundle gradescope|github`: ready-made CI set-ups for a course."""

from __future__ import annotations

from pathlib import Path

import click

from grader.commands.options import EXERCISES_OPTION


@click.group("bundle")
def command() -> None:
    """Write ready-made CI set-ups for a course (Gradescope, GitHub Actions)."""


@command.command("gradescope")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="autograder.zip", show_default=True)
@EXERCISES_OPTION
@click.option("--secret-seed", help="The secret seed of the hidden cases (default: a new random one).")
@click.option("--no-secret-seed", is_flag=True, help="Draw hidden cases from the printed seed.")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), help="A fixed seed for every submission "
              "(default: a fresh one per submission, named in its results).")
@click.option("--hidden-visibility", type=click.Choice(["visible", "hidden", "after_due_date", "after_published"]),
              default="after_published", show_default=True, help="Gradescope visibility of hidden cases.")
def gradescope(output: str, exercises_dir: str | None, secret_seed: str | None, no_secret_seed: bool,
               seed: int | None, hidden_visibility: str) -> int:
    """Write the Gradescope autograder zip (setup.sh, run_autograder, the grader, the course)."""
    from grader.bundle import describe, new_secret, write_gradescope_bundle

    secret = None if no_secret_seed else (secret_seed or new_secret())
    names = write_gradescope_bundle(Path(output), exercises_dir, secret, seed, hidden_visibility)
    click.echo(f"wrote {output}: {describe(names)}; upload it as the assignment's autograder")
    return 0


@command.command("github")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=".github/workflows/grade.yml",
              show_default=True)
@click.option("--install", default="python -m pip install .", show_default=True,
              help="The step that installs grade in the course repository.")
def github(output: str, install: str) -> int:
    """Write the GitHub Actions workflow that grades a course repository on every push."""
    from grader.bundle import write_github_workflow

    write_github_workflow(Path(output), install)
    click.echo(f"wrote {output}; add the secret GRADE_SECRET_SEED to the repository or organization")
    return 0
