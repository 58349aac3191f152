"""The result types every stage after the comparison shares: plain frozen data."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Status(str, enum.Enum):
    """Outcome of grading one exercise (and, for the first five, one case)."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    BANNED = "banned"
    NOT_IMPLEMENTED = "not_implemented"


@dataclass(frozen=True)
class Mismatch:
    """What a comparison found wrong, in facts every report format can render."""

    summary: str
    where: str | None = None
    max_abs: float | None = None
    max_rel: float | None = None
    invariance: str | None = None


@dataclass(frozen=True)
class CaseResult:
    """The verdict on one graded case."""

    name: str
    status: Status
    message: str = ""
    mistake: str | None = None
    mistake_id: str | None = None
    hidden: bool = False
    inputs: dict[str, str] = field(default_factory=dict)
    expected: str | None = None
    actual: str | None = None
    mismatch: Mismatch | None = None
    output: str = ""
    traceback: str = ""
    line: int | None = None
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED


@dataclass(frozen=True)
class ExerciseResult:
    """The verdict on one exercise: its cases, status and score."""

    exercise: str
    topic: str
    title: str
    status: Status
    seed: int
    score: float
    max_score: float
    cases: tuple[CaseResult, ...] = ()
    message: str = ""
    file: str = ""
    line: int | None = None
    output: str = ""
    seconds: float = 0.0
    rerun: str = ""  # the options that take the same file and cases again (" --file mine.py"), shell-quoted

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    @property
    def reproduce(self) -> str:
        """The command that grades the same file on the same cases again."""
        return f"grade {self.exercise} --seed {self.seed}{self.rerun}"

    @property
    def first_failure(self) -> CaseResult | None:
        """The failing case to show first: the first one a named mistake explains, else the first one."""
        return first_failure(self.cases)


def first_failure(cases: tuple[CaseResult, ...]) -> CaseResult | None:
    """The first failing case a named mistake explains (the answer's own, not a changed input), else the first."""
    failing = [c for c in cases if not c.passed]
    explained = (c for c in failing if c.mistake_id and c.mistake_id != "mutated_input" and not c.hidden)
    return next(explained, failing[0] if failing else None)


@dataclass(frozen=True)
class RunReport:
    """Several exercises graded together (``grade all``, or one exercise)."""

    exercises: tuple[ExerciseResult, ...]
    seed: int
    problems: tuple[str, ...] = ()  # definitions that could not be loaded or graded (`file:line: field: ...`)

    @property
    def passed(self) -> bool:
        return not self.problems and all(e.passed for e in self.exercises)

    @property
    def score(self) -> float:
        return sum(e.score for e in self.exercises)

    @property
    def max_score(self) -> float:
        return sum(e.max_score for e in self.exercises)
