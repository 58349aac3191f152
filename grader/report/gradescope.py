"""Gradescope's results.json: the score, and a test per graded case with its share of the points.

An exercise's points are split evenly over its cases, so the tests add up to the exercise's
partial credit; an all-or-nothing exercise is one test worth its points, its cases listed
as tests worth 0 (for the feedback). An exercise graded without cases (banned, not
attempted, not importable) is one test worth its points. Hidden cases never carry inputs,
answers or output, and take the visibility in GRADESCOPE_HIDDEN_VISIBILITY (default
`after_published`: the learner sees them, still without inputs, once grades are published).
"""

from __future__ import annotations

import json
import os
from typing import Any

from grader.hidden import redact
from grader.report import ReportOptions
from grader.report.detail import case_detail, case_message, exercise_detail, visible
from grader.results import CaseResult, ExerciseResult, RunReport

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
HIDDEN_ENV = "GRADESCOPE_HIDDEN_VISIBILITY"


def hidden_visibility() -> str:
    """The visibility of hidden cases (env GRADESCOPE_HIDDEN_VISIBILITY, default after_published)."""
    value = os.environ.get(HIDDEN_ENV, "after_published")
    return value if value in VISIBILITIES else "after_published"


def _test(name: str, score: float, max_score: float, passed: bool, output: str, visibility: str,
          number: str, extra: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "number": number, "score": round(score, 10), "max_score": round(max_score, 10),
            "status": "passed" if passed else "failed", "output": output, "output_format": "text",
            "visibility": visibility, "extra_data": extra}


def _case_test(result: ExerciseResult, case: CaseResult, share: float, number: str) -> dict[str, Any]:
    output = "" if case.passed else case_detail(result, case)
    if not case.passed and case.hidden:
        output = visible(f"{case.name}: {case_message(case)}\n")
    visibility = hidden_visibility() if case.hidden else "visible"
    return _test(f"{result.exercise}: {case.name}", share if case.passed else 0.0, share, case.passed, output,
                 visibility, number, {"exercise": result.exercise, "case": case.name, "status": case.status.value})


def exercise_tests(result: ExerciseResult, index: int) -> list[dict[str, Any]]:
    """The tests of one exercise (their scores add up to the exercise's score)."""
    graded = [c for c in result.cases if c.name != "import"]
    extra = {"exercise": result.exercise, "status": result.status.value, "seed": result.seed}
    if not graded:
        return [_test(f"{result.exercise}: {result.status.value}", result.score, result.max_score, result.passed,
                      exercise_detail(result), "visible", f"{index}", extra)]
    tests: list[dict[str, Any]] = []
    share = result.max_score / len(graded)
    if _all_or_nothing(result, graded):
        tests.append(_test(f"{result.exercise} (all cases must pass)", result.score, result.max_score,
                           result.passed, "" if result.passed else visible(result.message) + "\n", "visible",
                           f"{index}", extra))
        share = 0.0
    for j, case in enumerate(graded, start=1):
        tests.append(_case_test(result, case, share, f"{index}.{j}"))
    return tests


def _all_or_nothing(result: ExerciseResult, graded: list[CaseResult]) -> bool:
    """Whether the score is not the passed cases' share of the points (the YAML says all-or-nothing).

    When they agree, the per-case tests add up to the score either way.
    """
    partial = result.max_score * sum(c.passed for c in graded) / len(graded)
    return abs(partial - result.score) > 1e-6


def render(report: RunReport, options: ReportOptions) -> str:
    """The report as Gradescope's results.json."""
    report = redact(report)
    tests = [t for i, result in enumerate(report.exercises, start=1) for t in exercise_tests(result, i)]
    passed = sum(e.passed for e in report.exercises)
    summary = (f"{passed} of {len(report.exercises)} exercises passed; score {report.score:g}/{report.max_score:g}; "
               f"seed {report.seed} (grade EXERCISE --seed {report.seed} reproduces the visible cases)")
    data = {"score": round(report.score, 6), "execution_time": round(sum(e.seconds for e in report.exercises), 3),
            "output": summary, "output_format": "text", "test_output_format": "text",
            "stdout_visibility": "hidden", "tests": tests,
            "extra_data": {"seed": report.seed, "max_score": report.max_score}}
    text = json.dumps(data, indent=2, ensure_ascii=True)
    return text.replace("##[", "##\\u005b") + "\n"
