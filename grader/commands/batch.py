"""`grade batch FOLDER`: grade many submissions into a gradebook."""

from __future__ import annotations

import click

from grader.commands.options import EXERCISES_OPTION


@click.command("batch")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="gradebook.csv", show_default=True,
              help="The gradebook: CSV, or JSON with every case's details when FILE ends in .json.")
@click.option("--json", "json_output", type=click.Path(dir_okay=False), help="Also write the JSON gradebook here.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), help="Parallel workers (default: one per CPU).")
@EXERCISES_OPTION
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), envvar="GRADE_SEED",
              help="Seed of the random inputs (env GRADE_SEED); default 0, so a rerun gives the same gradebook.")
@click.option("--cases", type=click.IntRange(1, 1000), help="Number of random cases.")
@click.option("--report", type=click.Path(dir_okay=False), help="Also write a self-contained HTML page: score "
              "distribution, common mistakes, slowest exercises.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")
@click.option("--scheduler", envvar="GRADE_SCHEDULER", metavar="ADDRESS|local",
              help="Grade on a Dask cluster: a scheduler's address (tcp://host:8786), or `local` for a cluster of "
                   "--jobs processes here (env GRADE_SCHEDULER; needs pip install 'grade[cluster]').")
@click.option("--resume", is_flag=True,
              help="Keep what the journal beside the gradebook says finished; grade only new or changed submissions.")
def command(folder: str, output: str, json_output: str | None, jobs: int | None, exercises_dir: str | None,
            seed: int | None, cases: int | None, progress: bool | None, report: str | None, scheduler: str | None,
            resume: bool) -> int:
    """Grade many submissions (one folder each, laid out like the stubs) into a gradebook."""
    from grader.batch import run_batch
    from grader.doctor import warn_classroom

    warn_classroom("grade batch grades other people's code")

    try:
        return run_batch(folder, output=output, json_output=json_output, exercises_dir=exercises_dir, jobs=jobs,
                         seed=seed, cases=cases, progress=progress, report=report, scheduler=scheduler,
                         resume=resume)
    except KeyboardInterrupt:
        from pathlib import Path

        from grader.journal import journal_path

        journal = journal_path(Path(output))
        if journal.is_file():  # what finished is kept: say how to go on from there
            click.echo(f"grade: the submissions graded so far are kept in {journal}; run the same command with "
                       "--resume to grade only the rest", err=True)
        raise
