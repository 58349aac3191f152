"""`grade progress`: the overall and per-topic progress through the course."""

from __future__ import annotations

import json

import click

from grader import catalog, progress, state
from grader.commands.options import EXERCISES_OPTION


@click.command("progress")
@EXERCISES_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(exercises_dir: str | None, fmt: str) -> int:
    """Show how many exercises you have passed, overall and per topic."""
    root = catalog.find_root(exercises_dir)
    cat = catalog.load_catalog(root)
    done = progress.compute(cat, state.last_results(root))
    if fmt == "json":
        click.echo(json.dumps(progress.as_json(done), indent=1))
    else:
        click.echo(progress.render(done), nl=False)
    return 0
