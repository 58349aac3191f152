"""Faults of the grader or of an exercise definition: one root, caught once in the CLI.

Learner outcomes (a wrong answer, a crash, a time-out) are never exceptions; they are
data in :mod:`grader.results`.
"""

from __future__ import annotations

from dataclasses import dataclass


class GradeError(Exception):
    """Root of every error the grader reports instead of a grade (exit status 2)."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One problem found in a definition file: where it is and what is wrong."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" at {self.field}" if self.field else ""
        return f"{where}:{field}: {self.message}" if field else f"{where}: {self.message}"


class DefinitionError(GradeError):
    """An exercise definition is invalid; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UnknownExercise(GradeError):
    """No exercise has the requested id."""


class MissingFile(GradeError):
    """A file or folder the user named does not exist."""


class SandboxError(GradeError):
    """The grader's own isolated runner failed (not the learner's code)."""
