"""The JSON report of SPEC.md: one object per exercise, or a run object holding them."""

from __future__ import annotations

import json
from typing import Any

from grader.report import ReportOptions
from grader.results import CaseResult, ExerciseResult, RunReport


def case_dict(case: CaseResult) -> dict[str, Any]:
    out: dict[str, Any] = {"name": case.name, "passed": case.passed, "status": case.status.value,
                           "message": case.message}
    if case.mistake:
        out["mistake"] = case.mistake
        out["mistake_id"] = case.mistake_id
    if case.hidden:
        out["hidden"] = True
    elif not case.passed:
        if case.inputs:
            out["inputs"] = case.inputs
        for key in ("expected", "actual"):
            if getattr(case, key) is not None:
                out[key] = getattr(case, key)
        if case.mismatch is not None:
            out["mismatch"] = {k: v for k, v in vars(case.mismatch).items() if v is not None}
    if case.line is not None:
        out["line"] = case.line
    if case.traceback and not case.passed:
        out["traceback"] = case.traceback
    if case.output and not case.passed:
        out["output"] = case.output
    return out


def exercise_dict(result: ExerciseResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "exercise": result.exercise, "topic": result.topic, "title": result.title, "passed": result.passed,
        "score": result.score, "max_score": result.max_score, "seed": result.seed, "status": result.status.value,
        "message": result.message, "file": result.file,
        "cases": [case_dict(c) for c in result.cases],
    }
    if result.line is not None:
        out["line"] = result.line
    if not result.passed and result.status.value not in ("passed", "banned", "not_implemented"):
        first = result.first_failure
        if first is not None and not first.hidden and first.name != "import":
            out["reproduce"] = result.reproduce
    return out


def run_dict(report: RunReport) -> dict[str, Any]:
    out = {"passed": report.passed, "score": round(report.score, 6), "max_score": report.max_score,
           "seed": report.seed, "exercises": [exercise_dict(e) for e in report.exercises]}
    if report.problems:  # invalid exercise definitions: the course is not whole
        out["problems"] = list(report.problems)
    return out


def render(report: RunReport, options: ReportOptions) -> str:
    data = exercise_dict(report.exercises[0]) if options.single and len(report.exercises) == 1 else run_dict(report)
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"
