"""The learner's report: a line per case, then the first failing case in full."""

from __future__ import annotations

import re

from grader.report import ReportOptions
from grader.results import CaseResult, ExerciseResult, RunReport, Status

COLORS = {"green": "32", "red": "31", "yellow": "33", "bold": "1", "dim": "2"}
MARKS = {Status.PASSED: ("ok", "green"), Status.FAILED: ("FAIL", "red"), Status.ERROR: ("ERROR", "red"),
         Status.TIMEOUT: ("TIMEOUT", "yellow"), Status.BANNED: ("BANNED", "red"),
         Status.NOT_IMPLEMENTED: ("TODO", "yellow")}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def paint(text: str, color: str, options: ReportOptions) -> str:
    return f"\x1b[{COLORS[color]}m{text}\x1b[0m" if options.color else text


def clean(text: str) -> str:
    """Learner-produced text with control characters made visible (no terminal escapes)."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.rstrip("\n").splitlines())


def render_exercise(result: ExerciseResult, options: ReportOptions, full: bool) -> list[str]:
    mark, color = MARKS[result.status]
    head = f"{result.exercise} ({result.topic}): {paint(result.status.value, color, options)}"
    head += f"  score {result.score:.3g}/{result.max_score:g}  seed {result.seed}"
    lines = [paint(head, "bold", options) if result.passed else head]
    if result.status in (Status.BANNED, Status.NOT_IMPLEMENTED) or (result.cases and result.cases[0].name == "import"):
        lines.append(f"  {clean(result.message)}")
        if result.file and result.status is not Status.NOT_IMPLEMENTED:
            lines.append(f"  file: {result.file}" + (f", line {result.line}" if result.line else ""))
        first = result.cases[0] if result.cases else None
        if first is not None and first.traceback and full:
            lines.append("  traceback:")
            lines.append(indent(clean(first.traceback)))
        if result.output and full:
            lines.append("  your output:")
            lines.append(indent(clean(result.output)))
        return lines
    if full or not result.passed:
        passed = [c for c in result.cases if c.passed]
        if passed:
            names = ", ".join(c.name for c in passed) if len(passed) <= 4 else \
                f"{passed[0].name}, {passed[1].name}, ..., {passed[-1].name}"
            lines.append(f"  {paint('ok'.ljust(7), 'green', options)} {len(passed)} of {len(result.cases)} cases "
                         f"({names})")
        for case in result.cases:
            if case.passed:
                continue
            cmark, ccolor = MARKS[case.status]
            detail = f"  {clean(case.message)}"
            if len(detail) > 110:
                detail = detail[:107] + "..."
            lines.append(f"  {paint(cmark.ljust(7), ccolor, options)} {case.name}{detail}")
    first = result.first_failure
    if first is not None and full:
        lines += render_failure(result, first)
    elif not result.passed:
        lines.append(f"  {clean(result.message)}")
    return lines


def render_failure(result: ExerciseResult, case: CaseResult) -> list[str]:
    lines = ["", f"First failing case: {case.name}"]
    if case.hidden:
        lines.append("  (a hidden case: its inputs are not shown)")
    for name, value in case.inputs.items():
        lines.append(f"  input {name} =")
        lines.append(indent(value))
    if case.expected is not None:
        lines.append("  expected:")
        lines.append(indent(case.expected))
    if case.actual is not None:
        lines.append("  your answer:")
        lines.append(indent(clean(case.actual)))
    lines.append(f"  what is wrong: {clean(case.message)}")
    if case.mismatch is not None and case.mismatch.invariance:
        lines.append(f"  (compared up to {case.mismatch.invariance})")
    if case.mistake:
        lines.append(f"  likely mistake: {case.mistake}")
    if case.traceback:
        lines.append("  traceback (your code):")
        lines.append(indent(clean(case.traceback)))
    if case.output:
        lines.append("  your output during this case:")
        lines.append(indent(clean(case.output)))
    if not case.hidden:
        lines.append(f"  reproduce: {result.reproduce}")
    lines.append(f"  a hint: grade hint {result.exercise}")
    return lines


def render(report: RunReport, options: ReportOptions) -> str:
    lines: list[str] = []
    single = len(report.exercises) == 1
    for result in report.exercises:
        lines += render_exercise(result, options, full=single or options.verbose)
    if not single:
        passed = sum(e.passed for e in report.exercises)
        lines.append("")
        lines.append(f"{passed} of {len(report.exercises)} exercises passed; score {report.score:g}/"
                     f"{report.max_score:g}; seed {report.seed}")
    return "\n".join(lines) + "\n"
