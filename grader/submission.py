"""Where a learner's file for an exercise is, and whether it can be graded as it is."""

from __future__ import annotations

from pathlib import Path

from grader.definition import Exercise
from grader.results import CaseResult, ExerciseResult, Status


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


def not_a_file(path: Path) -> str | None:
    """Why a learner's file cannot be read as one (None: it is a regular file)."""
    if path.is_file():
        return None
    if path.is_dir():
        return f"{path} is a folder, not a file"
    if path.exists():
        return f"{path} is not a regular file (a named pipe, a socket or a device): grade a .py file"
    if path.is_symlink():
        return f"{path} is a link to nothing (its target does not exist)"
    return f"no such file: {path}"


def unusable_submission_file(ex: Exercise, path: Path, folder: Path | None, seed: int) -> ExerciseResult | None:
    """The verdict for a submission file that cannot be graded as it is (missing, or a link leading out
    of the submission, say to another learner's file); None when it can be graded."""
    if not path.exists() and not path.is_symlink():
        return not_attempted(ex, path, seed)
    problem = not_a_file(path)  # there, but not a file to grade: a folder, a pipe, a link to nothing
    if problem is not None:
        return ExerciseResult(ex.id, ex.topic, ex.title, Status.ERROR, seed, 0.0, ex.points, (),
                              f"could not be graded: {problem}", str(path))
    if folder is not None and not inside(path.resolve(), folder.resolve()):
        return ExerciseResult(ex.id, ex.topic, ex.title, Status.ERROR, seed, 0.0, ex.points, (),
                              f"{path} is a link to a file outside the submission: submit the file itself",
                              str(path))
    return None


def stopped_result(ex: Exercise, path: Path, seed: int, why: str) -> ExerciseResult:
    """The verdict when the grader itself could not finish an exercise for this file."""
    message = f"could not be graded: {why}"
    return ExerciseResult(ex.id, ex.topic, ex.title, Status.ERROR, seed, 0.0, ex.points,
                          (CaseResult("grading", Status.ERROR, message),), message, str(path))
