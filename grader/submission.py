"""Where a learner's file for an exercise is, and whether it can be graded as it is."""

from __future__ import annotations

from pathlib import Path

from grader.definition import Exercise
from grader.results import ExerciseResult, Status


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
    inner = ex.stub.relative_to(root) if inside(ex.stub, root) else Path(ex.stub.name)
    candidates = [folder / inner, folder / root.name / inner, folder / ex.stub.name]
    return next((p for p in candidates if p.is_file()), candidates[0])


def inside(path: Path, root: Path) -> bool:
    """Whether path lies under root (both taken as given)."""
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def not_attempted(ex: Exercise, path: Path, seed: int) -> ExerciseResult:
    """The verdict for an exercise whose file does not exist."""
    return ExerciseResult(ex.id, ex.topic, ex.title, Status.NOT_IMPLEMENTED, seed, 0.0, ex.points, (),
                          f"not attempted: there is no file {path}", str(path))


def unusable_submission_file(ex: Exercise, path: Path, folder: Path | None, seed: int) -> ExerciseResult | None:
    """The verdict for a submission file that cannot be graded as it is (missing, or a link leading out
    of the submission, say to another learner's file); None when it can be graded."""
    if not path.is_file():
        return not_attempted(ex, path, seed)
    if folder is not None and not inside(path.resolve(), folder.resolve()):
        return ExerciseResult(ex.id, ex.topic, ex.title, Status.ERROR, seed, 0.0, ex.points, (),
                              f"{path} is a link to a file outside the submission: submit the file itself",
                              str(path))
    return None
