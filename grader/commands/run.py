"""`grade EXERCISE`: grade the learner's file for one exercise."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import click

from grader import catalog, state
from grader.commands.options import grading_options
from grader.commands.output import emit, exit_status, pick_seed, rerun_options
from grader.errors import MissingFile
from grader.results import RunReport
from grader.submission import learner_file, not_a_file


class ExerciseCommand(click.Command):
    """`grade EXERCISE [OPTIONS]`: the exercise is the command's own name in messages."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return ["[OPTIONS]"]


@click.command("run", hidden=True, cls=ExerciseCommand)
@click.argument("exercise")
@click.option("--file", "file", type=click.Path(dir_okay=False), help="Grade this file instead of the stub.")
@click.option("--case", "only_case", help="Run only the case with this name (e.g. random-3).")
@click.option("--plot", type=click.Path(dir_okay=False), help="Draw the first failing case to FILE.png: the loss "
              "curve against the reference's (gradient descent) or where a matrix differs (extra [notebook]).")
@grading_options
def command(exercise: str, file: str | None, only_case: str | None, plot: str | None, **opts: Any) -> int:
    """Grade the learner's file for one exercise."""
    return grade_one(exercise, file, only_case, plot=plot, **opts)


def grade_one(exercise: str, file: str | None, only_case: str | None, *, submission: str | None,
              exercises_dir: str | None, seed: int | None, cases: int | None, fmt: str, output: str | None,
              verbose: bool, plot: str | None = None) -> int:
    """Grade one exercise, report it and record the result; returns the exit status."""
    from grader.sandbox.client import Sandbox

    with Sandbox() as sandbox:  # started first: it boots while the grader loads the exercise
        root = catalog.find_root(exercises_dir)
        ex = catalog.load_one(root, exercise)
        path = learner_file(ex, root, file, submission)
        problem = not_a_file(path)
        if problem is not None:
            raise MissingFile(problem)
        from grader.hidden import make_grader

        used_seed = pick_seed(seed)
        grader = make_grader(sandbox)
        result = grader.grade(ex, path, used_seed, cases, only_case)
        if plot is not None:
            from grader.pictures import write_picture

            write_picture(grader, ex, path, result, cases, plot)
    if file is None and submission is None:
        state.record_results(root, [result])
    result = replace(result, rerun=rerun_options(file=file, submission=submission, exercises_dir=exercises_dir,
                                                 cases=cases))
    report = RunReport((result,), used_seed)
    emit(report, fmt, output, single=True, verbose=verbose)
    return exit_status(report)
