"""Hidden cases and the secret seed: what CI grades without ever showing it.

An instructor marks cases hidden in the YAML (`hidden_cases: k` hides the last k random
cases; an edge case takes `hidden: true`). Every report then shows of a hidden case only
its name, its status and the mistake recognised, never its inputs, the expected answer, the
learner's answer, what the learner's code printed or raised with it: the learner's code can
print or raise or return its inputs, so all three would leak them.

The seed printed in reports reproduces the visible cases. With a secret seed (env
GRADE_SECRET_SEED, fed by CI secrets) the hidden random cases come from a seed mixed from
the printed seed and the secret, so nobody holding only the report can rebuild them; the
secret itself is never printed, never passed to the learner's process, never stored.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import replace
from pathlib import Path

from grader.definition import Exercise
from grader.errors import DefinitionError
from grader.grading import Grader, expected_for, load_reference
from grader.judging import Expected
from grader.inputs import Case, build_cases
from grader.results import CaseResult, ExerciseResult, RunReport, Status
from grader.sandbox import runner
from grader.sandbox.client import Sandbox

SECRET_ENV = "GRADE_SECRET_SEED"
HIDDEN_OUTPUT = "(output not shown: this exercise has hidden cases, and output could reveal their inputs)"
RAISED = re.compile(r"^raised ([A-Za-z_][\w.]*)")


_SECRET: list[str | None] = []


def secret_from_env() -> str | None:
    """The secret seed from the environment (an empty value counts as none), then kept out of reach.

    It is taken out of os.environ, so no process this one starts inherits it, and this process is
    made non-dumpable, so another process of the same user (learner code that runs unprivileged)
    cannot read it from /proc/PID/environ.
    """
    if not _SECRET:
        value = os.environ.pop(SECRET_ENV, "").strip() or None
        if value is not None:
            keep_secret()
        _SECRET.append(value)
    return _SECRET[0]


def keep_secret() -> None:
    """Make this process non-dumpable: its memory and environment unreadable to same-user processes."""
    runner.keep_private()


def hidden_seed(seed: int, secret: str) -> int:
    """The seed of the hidden cases: one-way from the public seed and the secret (64 bits)."""
    digest = hashlib.sha256(f"grade-hidden\0{secret}\0{seed}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def make_grader(sandbox: Sandbox, secret: str | None = None) -> Grader:
    """A Grader whose hidden cases follow the secret seed (GRADE_SECRET_SEED unless given)."""
    secret = secret if secret is not None else secret_from_env()
    return Grader(sandbox) if secret is None else SecretGrader(sandbox, secret)


class SecretGrader(Grader):
    """Visible cases from the printed seed, hidden cases from the seed mixed with the secret."""

    def __init__(self, sandbox: Sandbox, secret: str) -> None:
        super().__init__(sandbox)
        self._secret = secret
        self._secret_cache: dict[tuple[str, int, int], tuple[list[Case], list[Expected]]] = {}

    def prepare(self, ex: Exercise, seed: int, count: int | None,
                only_case: str | None = None) -> tuple[list[Case], list[Expected]]:
        """Like Grader.prepare, with the hidden cases drawn from the mixed seed."""
        count = ex.cases if count is None else count
        if not _has_hidden(ex, count):
            return super().prepare(ex, seed, count, only_case)
        key = (str(ex.path), seed, count)
        if key not in self._secret_cache:
            public = build_cases(ex, seed, count)
            private = build_cases(ex, hidden_seed(seed, self._secret), count)
            cases = [b if a.hidden else a for a, b in zip(public, private)]
            reference = load_reference(ex)
            self._secret_cache[key] = (cases, [expected_for(ex, reference, c) for c in cases])
        cases, expected = self._secret_cache[key]
        if only_case is None:
            return cases, expected
        picked = [i for i, c in enumerate(cases) if c.name == only_case]
        if not picked:
            raise DefinitionError([ex.problem(f"no case is named {only_case!r}")])
        return [cases[i] for i in picked], [expected[i] for i in picked]


def _has_hidden(ex: "Exercise", count: int) -> bool:
    return min(ex.hidden_cases, count) > 0 or any(e.hidden and e.generate is not None for e in ex.edge_cases)


# ------------------------------------------------------------------ what reports may show


def hidden_message(case: CaseResult) -> str:
    """What a report says about a hidden case: the kind of failure, never values."""
    if case.status is Status.PASSED:
        return ""
    if case.status is Status.TIMEOUT:
        return case.message  # the limit, in the grader's own words: no learner data
    if case.status is Status.ERROR:
        match = RAISED.match(case.message)
        what = f"raised {match.group(1)}" if match else "did not return"
        return f"your code {what} on a hidden case" + (f" (line {case.line})" if case.line else "")
    if case.status is Status.NOT_IMPLEMENTED:
        return "not implemented yet"
    return "wrong answer on a hidden case"


def redact_case(case: CaseResult) -> CaseResult:
    """A hidden case with everything that could reveal its inputs removed."""
    if not case.hidden:
        return case
    return replace(case, message=hidden_message(case), inputs={}, expected=None, actual=None, mismatch=None,
                   output="", traceback="")


def redact_exercise(result: ExerciseResult) -> ExerciseResult:
    """An exercise's result as any report may show it."""
    if not any(c.hidden for c in result.cases):
        return result
    return replace(result, cases=tuple(redact_case(c) for c in result.cases),
                   output=HIDDEN_OUTPUT if result.output else "")


def redact(report: RunReport) -> RunReport:
    """The report with hidden cases reduced to name, status and mistake (idempotent)."""
    return replace(report, exercises=tuple(redact_exercise(e) for e in report.exercises))


def relative_file(path: str, base: Path | None) -> str:
    """A learner file's path relative to base when inside it (reports never need more)."""
    if not path or base is None:
        return path
    try:
        return str(Path(path).resolve().relative_to(base.resolve()))
    except (ValueError, OSError):
        return path
