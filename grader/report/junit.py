"""JUnit XML for CI dashboards: a testsuite per exercise, a testcase per graded case.

A case that failed carries <failure> (a wrong answer, not implemented, banned) or <error>
(it raised, crashed or timed out) whose message is the mismatch in one line and whose text
is the case in full; the learner's output goes to <system-out>. An exercise graded without
cases (banned, not attempted, not importable) is one testcase named after its status.
Learner text is made XML-safe: control characters, NUL and lone surrogates become visible
escapes, and nothing in it can start a GitHub Actions workflow command.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pathlib import Path

from grader.hidden import redact, relative_file
from grader.report import ReportOptions
from grader.report.detail import case_detail, case_message, exercise_detail, one_line, visible
from grader.results import CaseResult, ExerciseResult, RunReport, Status

ERRORS = (Status.ERROR, Status.TIMEOUT)
# Workflow commands: a line starting with "::" (after blanks), or "##[" anywhere (GitHub's
# runner parses both on stdout). As XML character references they read back unchanged.
COMMAND_LINE = re.compile(r"(?m)^([ \t]*):")


def _text(value: str) -> str:
    return visible(value)


def _file(result: ExerciseResult) -> str:
    """The learner's file, relative to the current folder when inside it (as CI tools expect)."""
    return _text(relative_file(result.file, Path.cwd()))


def _seconds(value: float) -> str:
    return f"{max(value, 0.0):.6f}"


def _verdict(parent: ET.Element, status: Status, message: str, detail: str) -> None:
    if status is Status.PASSED:
        return
    tag = "error" if status in ERRORS else "failure"
    element = ET.SubElement(parent, tag, message=one_line(message), type=status.value)
    element.text = _text(detail)


def _testcase(suite: ET.Element, result: ExerciseResult, case: CaseResult) -> ET.Element:
    attrs = {"classname": f"{result.topic}.{result.exercise}", "name": case.name, "time": _seconds(case.seconds)}
    if result.file:
        attrs["file"] = _file(result)
    line = case.line or result.line
    if line:
        attrs["line"] = str(line)
    element = ET.SubElement(suite, "testcase", attrs)
    _verdict(element, case.status, case_message(case), case_detail(result, case))
    if case.output:
        ET.SubElement(element, "system-out").text = _text(case.output)
    return element


def _whole_exercise(suite: ET.Element, result: ExerciseResult) -> None:
    """The one testcase of an exercise graded without cases (banned, not attempted, import failed)."""
    name = result.cases[0].name if result.cases else result.status.value
    attrs = {"classname": f"{result.topic}.{result.exercise}", "name": name, "time": _seconds(result.seconds)}
    if result.file:
        attrs["file"] = _file(result)
    if result.line:
        attrs["line"] = str(result.line)
    element = ET.SubElement(suite, "testcase", attrs)
    _verdict(element, result.status, result.message, exercise_detail(result))


def _suite(root: ET.Element, result: ExerciseResult) -> None:
    graded = [c for c in result.cases if c.name != "import"]
    tests = max(len(graded), 1)
    statuses = [c.status for c in graded] if graded else [result.status]
    seconds = sum(c.seconds for c in graded) or result.seconds
    suite = ET.SubElement(root, "testsuite", {
        "name": result.exercise, "tests": str(tests),
        "failures": str(sum(s not in ERRORS and s is not Status.PASSED for s in statuses)),
        "errors": str(sum(s in ERRORS for s in statuses)), "skipped": "0", "time": _seconds(seconds)})
    props = ET.SubElement(suite, "properties")
    for name, value in (("topic", result.topic), ("title", result.title), ("status", result.status.value),
                        ("score", f"{result.score:g}"), ("max_score", f"{result.max_score:g}"),
                        ("seed", str(result.seed)), ("file", _file(result))):
        ET.SubElement(props, "property", name=name, value=_text(value))
    if graded:
        for case in graded:
            _testcase(suite, result, case)
    else:
        _whole_exercise(suite, result)
    if result.output:
        ET.SubElement(suite, "system-out").text = _text(result.output)


def render(report: RunReport, options: ReportOptions) -> str:
    """The report as a JUnit XML document."""
    report = redact(report)
    root = ET.Element("testsuites", name="grade")
    for result in report.exercises:
        _suite(root, result)
    suites = root.findall("testsuite")
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))
    root.set("time", _seconds(sum(float(s.get("time", "0")) for s in suites)))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    body = COMMAND_LINE.sub(lambda m: m.group(1) + "&#58;", body).replace("##[", "##&#91;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
