"""What each command does, in terms of the pipeline; returns the exit status."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
import click

from grader import catalog, state
from grader.definition import Exercise
from grader.errors import DefinitionError, GradeError, MissingFile
from grader.report import ReportOptions, formatter
from grader.results import ExerciseResult, RunReport, Status


def pick_seed(seed: int | None) -> int:
    """The seed to use: the one given (option or GRADE_SEED), else a fresh one named in the report."""
    return seed if seed is not None else secrets.randbelow(2**31)


def learner_file(ex: Exercise, root: Path, file: str | None, submission: str | None) -> Path:
    """Where the learner's answer for an exercise is."""
    if file is not None:
        return Path(file)
    if submission is not None:
        return submission_file(ex, root, Path(submission))
    return ex.stub


def submission_file(ex: Exercise, root: Path, folder: Path) -> Path:
    """The learner's file in a submission folder laid out like the exercises folder.

    Accepted: FOLDER/<topic>/<id>.py (a copy of the exercises folder), FOLDER/exercises/<topic>/<id>.py
    (a clone of the course repository) and FOLDER/<id>.py (files uploaded flat); the first is named
    when none exists.
    """
    inner = ex.stub.relative_to(root) if _inside(ex.stub, root) else Path(ex.stub.name)
    candidates = [folder / inner, folder / root.name / inner, folder / ex.stub.name]
    return next((p for p in candidates if p.is_file()), candidates[0])


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def emit(report: RunReport, fmt: str, output: str | None, single: bool, verbose: bool = False) -> None:
    """Render the report and write it to the output file or standard output."""
    to_terminal = output is None and sys.stdout.isatty()
    color = to_terminal and "NO_COLOR" not in os.environ and fmt == "text"
    from grader.hidden import redact

    report = redact(report)  # hidden cases: name, status and mistake only, in every format
    text = formatter(fmt)(report, ReportOptions(color=color, single=single, verbose=verbose))
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    if output is None and in_actions:  # learner text in the log must not forge workflow commands
        from grader.report.github import defuse, guard

        text = guard(text) if fmt == "text" else defuse(text, fmt)
    if output is not None:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise GradeError(f"cannot write the report to {output}: {exc}") from None
    else:
        click.echo(text, nl=False)
    if in_actions:
        from grader.report.github import annotate

        annotate(report)


def exit_status(report: RunReport) -> int:
    return 0 if report.passed else 1


def grade_one(exercise: str, file: str | None, only_case: str | None, *, submission: str | None,
              exercises_dir: str | None, seed: int | None, cases: int | None, fmt: str, output: str | None,
              verbose: bool) -> int:
    from grader.sandbox.client import Sandbox

    with Sandbox() as sandbox:  # started first: it boots while the grader loads the exercise
        root = catalog.find_root(exercises_dir)
        ex = catalog.load_one(root, exercise)
        path = learner_file(ex, root, file, submission)
        if not path.is_file():
            raise MissingFile(f"no such file: {path}")
        from grader.hidden import make_grader

        used_seed = pick_seed(seed)
        result = make_grader(sandbox).grade(ex, path, used_seed, cases, only_case)
    if file is None and submission is None:
        state.record_results(root, [result])
    report = RunReport((result,), used_seed)
    emit(report, fmt, output, single=True, verbose=verbose)
    return exit_status(report)


def not_attempted(ex: Exercise, path: Path, seed: int) -> ExerciseResult:
    return ExerciseResult(ex.id, ex.topic, ex.title, Status.NOT_IMPLEMENTED, seed, 0.0, ex.points, (),
                          f"not attempted: there is no file {path}", str(path))


def unusable_submission_file(ex: Exercise, path: Path, folder: Path | None, seed: int) -> ExerciseResult | None:
    """The verdict for a submission file that cannot be graded as it is (missing, or a link leading out
    of the submission, say to another learner's file); None when it can be graded."""
    if not path.is_file():
        return not_attempted(ex, path, seed)
    if folder is not None and not _inside(path.resolve(), folder.resolve()):
        return ExerciseResult(ex.id, ex.topic, ex.title, Status.ERROR, seed, 0.0, ex.points, (),
                              f"{path} is a link to a file outside the submission: submit the file itself",
                              str(path))
    return None


def grade_all(*, submission: str | None, exercises_dir: str | None, seed: int | None, cases: int | None,
              fmt: str, output: str | None, verbose: bool) -> int:
    from grader.sandbox.client import Sandbox

    results: list[ExerciseResult] = []
    with Sandbox() as sandbox:  # started first: it boots while the grader loads the course
        root = catalog.find_root(exercises_dir)
        cat = catalog.load_catalog(root)
        if submission is not None and not Path(submission).is_dir():
            raise MissingFile(f"the submission folder {submission} does not exist")
        from grader.hidden import make_grader

        used_seed = pick_seed(seed)
        problems = list(cat.problems)
        grader = make_grader(sandbox)
        for ex in cat.ordered():
            path = learner_file(ex, root, None, submission)
            unusable = unusable_submission_file(ex, path, Path(submission) if submission else None, used_seed)
            if unusable is not None:
                results.append(unusable)
                continue
            try:
                results.append(grader.grade(ex, path, used_seed, cases))
            except DefinitionError as exc:
                problems.extend(exc.problems)
    if submission is None:
        state.record_results(root, results)
    report = RunReport(tuple(results), used_seed)
    emit(report, fmt, output, single=False, verbose=verbose)
    for problem in problems:
        click.echo(f"grade: invalid exercise definition: {problem}", err=True)
    if problems:
        return 2
    return exit_status(report)


def list_exercises(exercises_dir: str | None) -> int:
    root = catalog.find_root(exercises_dir)
    cat = catalog.load_catalog(root)
    last = state.last_results(root)
    topic = None
    for ex in cat.ordered():
        if ex.topic != topic:
            topic = ex.topic
            click.echo(f"{topic}")
        seen = last.get(ex.id, {})
        status = seen.get("status", "-") if isinstance(seen, dict) else "-"
        click.echo(f"  {ex.id:<24} {status:<16} {ex.title}")
    for problem in cat.problems:
        click.echo(f"grade: invalid exercise definition: {problem}", err=True)
    return 2 if cat.problems and not cat.exercises else 0


def show_hint(exercise: str, exercises_dir: str | None) -> int:
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
