"""`grade list`: the exercises by topic, with the learner's last result for each."""

from __future__ import annotations

import click

from grader import catalog, progress, state
from grader.commands.options import EXERCISES_OPTION


@click.command("list")
@EXERCISES_OPTION
def command(exercises_dir: str | None) -> int:
    """List the exercises by topic, with your last result for each, then your progress."""
    root = catalog.find_root(exercises_dir)
    cat = catalog.load_catalog(root)
    last = state.last_results(root)
    topic = None
    for ex in cat.ordered():
        if ex.topic != topic:
            topic = ex.topic
            click.echo(f"{topic}")
        click.echo(f"  {ex.id:<24} {progress.last_status(last, ex.id):<16} {ex.title}")
    if cat.exercises:
        click.echo("")
        click.echo(progress.render(progress.compute(cat, last)), nl=False)
    for problem in cat.problems:
        click.echo(f"grade: invalid exercise definition: {problem}", err=True)
    return 2 if cat.problems and not cat.exercises else 0
