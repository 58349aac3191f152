"""Plain-text pieces the CI formats share: one-line messages and a failing case in full."""

from __future__ import annotations

import re
import shlex

from grader.results import CaseResult, ExerciseResult, Status

# Control characters other than tab and newline (a terminal escape, a NUL, a lone CR, DEL, C1).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Everything XML 1.0 cannot carry at all: controls, lone surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def visible(text: str) -> str:
    """Learner-produced text with control characters and lone surrogates shown as escapes."""
    text = CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def one_line(text: str, limit: int = 300) -> str:
    """A single line, shortened: for attributes and titles."""
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= limit else flat[:limit - 3] + "..."


def case_message(case: CaseResult) -> str:
    """What went wrong in a case, and the mistake recognised, in one sentence."""
    text = case.message or case.status.value
    if case.mistake:
        text += f" (likely mistake: {case.mistake})"
    return text


def exercise_message(result: ExerciseResult) -> str:
    """What went wrong in an exercise: its first failing case, or its own message."""
    first = result.first_failure
    if first is not None and first.name != "import":
        return f"{first.name}: {case_message(first)}"
    return result.message or result.status.value


def indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line for line in text.rstrip("\n").splitlines())


def case_detail(result: ExerciseResult, case: CaseResult) -> str:
    """A failing case in full (inputs, expected, actual, where, mistake, traceback, reproduce)."""
    lines = [f"{case.name}: {case.status.value}: {case.message or case.status.value}"]
    if case.status is Status.NOT_IMPLEMENTED:  # the stub: nothing more to say, for every case
        return visible(lines[0]) + "\n"
    if case.hidden:
        lines.append("(a hidden case: its inputs, the expected answer and yours are not shown)")
    for name, value in case.inputs.items():
        lines += [f"input {name} =", indent(value)]
    if case.expected is not None:
        lines += ["expected:", indent(case.expected)]
    if case.actual is not None:
        lines += ["your answer:", indent(case.actual)]
    mismatch = case.mismatch
    if mismatch is not None:
        if mismatch.where:
            lines.append(f"where: {mismatch.where}")
        if mismatch.max_abs is not None:
            lines.append(f"largest difference: {mismatch.max_abs:.3g}")
        if mismatch.invariance:
            lines.append(f"(compared up to {mismatch.invariance})")
    if case.mistake:
        lines.append(f"likely mistake: {case.mistake}")
    if case.traceback:
        lines += ["traceback (your code):", indent(case.traceback)]
    if case.output:
        lines += ["your output during this case:", indent(case.output)]
    if not case.hidden:
        lines.append(f"reproduce: {result.reproduce} --case {shlex.quote(case.name)}")
    return visible("\n".join(lines)) + "\n"


def exercise_detail(result: ExerciseResult) -> str:
    """An exercise that has no graded cases (banned, not attempted, not importable), in full."""
    lines = [f"{result.exercise}: {result.status.value}: {result.message}"]
    if result.file and result.status is not Status.NOT_IMPLEMENTED:
        lines.append(f"file: {result.file}" + (f", line {result.line}" if result.line else ""))
    first = result.cases[0] if result.cases else None
    if first is not None and first.traceback:
        lines += ["traceback (your code):", indent(first.traceback)]
    if result.output:
        lines += ["your output:", indent(result.output)]
    return visible("\n".join(lines)) + "\n"
