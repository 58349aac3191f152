"""`grade all`: grade every exercise, in one report."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import click

from grader import catalog, state
from grader.commands.options import grading_options
from grader.commands.output import emit, exit_status, pick_seed, rerun_options
from grader.definition import Exercise
from grader.errors import DefinitionError, MissingFile
from grader.results import ExerciseResult, RunReport
from grader.submission import learner_file, stopped_result, unusable_submission_file

if TYPE_CHECKING:
    from grader.grading import Grader

SEQUENTIAL_ENV = "GRADE_SEQUENTIAL"


@click.command("all")
@grading_options
def command(**opts: Any) -> int:
    """Grade every exercise, in one report."""
    return grade_all(**opts)


def grade_all(*, submission: str | None, exercises_dir: str | None, seed: int | None, cases: int | None,
              fmt: str, output: str | None, verbose: bool) -> int:
    """Grade the whole course, report it and record the results; returns the exit status."""
    from grader.sandbox.client import Sandbox

    results: list[ExerciseResult] = []
    recorded: list[ExerciseResult] = []  # the learner's own results (not those of an invalid definition)
    with Sandbox() as sandbox:  # started first: it boots while the grader loads the course
        root = catalog.find_root(exercises_dir)
        cat = catalog.load_catalog(root)
        if submission is not None and not Path(submission).is_dir():
            raise MissingFile(f"the submission folder {submission} does not exist")
        from grader.hidden import make_grader

        used_seed = pick_seed(seed)
        problems = list(cat.problems)
        grader = make_grader(sandbox)
        grader.learner_root = Path(submission) if submission is not None else None
        from grader.hidden import SecretGrader

        if isinstance(grader, SecretGrader):  # a classroom run: say if the secret is not kept
            from grader.doctor import warn_classroom

            warn_classroom("grade all with a secret seed", sandbox.hello())
            if getattr(sandbox, "forks_learners", False):  # hidden cases: the learner's server is replaced
                from grader.sandbox.scan import effective_bans  # after each exercise that has them

                sandbox.fresh_learner([effective_bans(ex.banned) for ex in cat.ordered()])
        slots: list[ExerciseResult | None] = []
        jobs: list[tuple[Exercise, Path]] = []
        for ex in cat.ordered():
            path = learner_file(ex, root, None, submission)
            unusable = unusable_submission_file(ex, path, Path(submission) if submission else None, used_seed)
            slots.append(unusable)
            if unusable is None:
                jobs.append((ex, path))
        if os.environ.get(SEQUENTIAL_ENV):  # one exercise after another, as before (tests compare)
            graded = iter(_one_by_one(grader, jobs, used_seed, cases))
        else:
            graded = grader.grade_many(jobs, used_seed, cases)  # in course order, pipelined
        for ex, slot in zip(cat.ordered(), slots):
            got = slot if slot is not None else next(graded)
            if isinstance(got, DefinitionError):  # the course's fault, not the learner's: reported, not recorded
                problems.extend(got.problems)
                results.append(stopped_result(ex, learner_file(ex, root, None, submission), used_seed,
                                              "the exercise definition is invalid"))
            else:
                results.append(got)
                recorded.append(got)
    if submission is None:
        state.record_results(root, recorded)
    rerun = rerun_options(submission=submission, exercises_dir=exercises_dir, cases=cases)
    report = RunReport(tuple(replace(r, rerun=rerun) for r in results), used_seed, tuple(map(str, problems)))
    emit(report, fmt, output, single=False, verbose=verbose)
    for problem in problems:
        click.echo(f"grade: invalid exercise definition: {problem}", err=True)
    if problems:
        return 2
    return exit_status(report)


def _one_by_one(grader: Grader, jobs: list[tuple[Exercise, Path]], seed: int,
                cases: int | None) -> Iterator[ExerciseResult | DefinitionError]:
    """Each exercise graded in turn, nothing overlapped: the reference the pipelined mode must equal."""
    for ex, path in jobs:
        try:
            yield grader.grade(ex, path, seed, cases)
        except DefinitionError as exc:
            yield exc
