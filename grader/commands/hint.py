"""`grade hint EXERCISE`: the hints unlocked so far, unlocking the next one."""

from __future__ import annotations

import click

from grader import catalog, state
from grader.commands.options import EXERCISES_OPTION


@click.command("hint")
@click.argument("exercise")
@EXERCISES_OPTION
def command(exercise: str, exercises_dir: str | None) -> int:
    """Show the hints unlocked so far, unlocking the next one."""
    root = catalog.find_root(exercises_dir)
    ex = catalog.load_one(root, exercise)
    unlocked = state.unlock_hint(root, ex.id, len(ex.hints))
    for i, hint in enumerate(ex.hints[:unlocked], start=1):
        click.echo(f"Hint {i}/{len(ex.hints)}: {hint.strip()}")
    if unlocked < len(ex.hints):
        click.echo(f"(run `grade hint {ex.id}` again for the next hint)")
    else:
        click.echo("(that was the last hint)")
    return 0
