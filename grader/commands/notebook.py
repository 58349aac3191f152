"""`grade notebook TOPIC [--output DIR]`: write a Jupyter notebook per topic (the `[notebook]` extra)."""

from __future__ import annotations

from pathlib import Path

import click

from grader import catalog
from grader.commands.options import EXERCISES_OPTION


@click.command("notebook")
@click.argument("topics", nargs=-1)
@click.option("--all", "all_topics", is_flag=True, help="Every topic of the course.")
@click.option("--output", "-o", type=click.Path(file_okay=False), default=".", show_default=True,
              help="The folder to write TOPIC.ipynb into.")
@EXERCISES_OPTION
def command(topics: tuple[str, ...], all_topics: bool, output: str, exercises_dir: str | None) -> int:
    """Write a notebook per topic: each exercise's task, its stub in a cell, and a check() cell."""
    from grader.notebook.generate import write_notebooks

    root = catalog.find_root(exercises_dir)
    cat = catalog.load_catalog(root)
    chosen = list(dict.fromkeys(ex.topic for ex in cat.ordered())) if all_topics else list(topics)
    if not chosen:
        raise click.UsageError("name a topic (`grade list` shows them), or pass --all")
    for path in write_notebooks(cat, chosen, Path(output)):
        click.echo(f"wrote {path}")
    click.echo("open them with Jupyter (pip install 'grade[notebook]' jupyterlab)")
    return 0
