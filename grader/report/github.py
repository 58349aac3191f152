"""GitHub Actions: annotations on the learner's files and a table in the job summary.

Used when GITHUB_ACTIONS=true. Each exercise that did not pass becomes one annotation
(`::error` for a failure, error, time-out or banned call, `::warning` for one not yet
implemented or attempted) on the learner's file, at the line their code failed on, or at
the function's `def`. A markdown table (exercise, status, score) is appended to the file
named by $GITHUB_STEP_SUMMARY. Workflow-command escaping follows GitHub's rules: in the
message `%`, CR and LF; in properties also `:` and `,`.

The runner also reads commands from what a step prints, so text the learner controls
(their output, messages, answers) must not be able to forge one: `guard` wraps a report
printed to the log between `::stop-commands::TOKEN` and `::TOKEN::` with an unguessable
token, and `defuse` escapes machine-readable reports losslessly.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
from pathlib import Path
from typing import Mapping, TextIO

from grader.hidden import redact
from grader.report.detail import exercise_message, one_line
from grader.results import ExerciseResult, RunReport, Status

WARN = (Status.NOT_IMPLEMENTED,)
ICONS = {Status.PASSED: "✅", Status.FAILED: "❌", Status.ERROR: "💥", Status.TIMEOUT: "⏱️",
         Status.BANNED: "⛔", Status.NOT_IMPLEMENTED: "📝"}
DEF_LINE = re.compile(r"^def\s+([A-Za-z_]\w*)\s*\(", re.M)
MAX_SOURCE = 1 << 20


def escape_data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also : and , escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace(env: Mapping[str, str]) -> Path:
    return Path(env.get("GITHUB_WORKSPACE") or os.getcwd())


def repo_path(file: str, env: Mapping[str, str]) -> str:
    """The learner's file relative to the repository (GitHub places annotations by that path)."""
    path = Path(file)
    for base in (workspace(env), Path.cwd()):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return path.as_posix()


def def_line(file: str, exercise: str) -> int:
    """The line of the learner's `def` (the function named like the exercise, else the first)."""
    try:
        with open(file, encoding="utf-8", errors="replace") as handle:
            source = handle.read(MAX_SOURCE)
    except OSError:
        return 1
    found = [(m.group(1), source.count("\n", 0, m.start()) + 1) for m in DEF_LINE.finditer(source)]
    named = [line for name, line in found if name == exercise]
    return (named or [line for _, line in found] or [1])[0]


def annotation(result: ExerciseResult, env: Mapping[str, str]) -> str:
    """The workflow command that marks one exercise's failure on the learner's file."""
    level = "warning" if result.status in WARN else "error"
    first = result.first_failure
    line = (first.line if first is not None else None) or result.line
    if line is None:
        line = def_line(result.file, result.exercise) if result.file and Path(result.file).is_file() else 1
    title = f"{result.exercise}: {result.status.value} ({result.score:g}/{result.max_score:g})"
    message = one_line(exercise_message(result), 900)
    if first is not None and not first.hidden and result.status is not Status.NOT_IMPLEMENTED:
        message += f" (reproduce: {result.reproduce})"
    props = [f"file={escape_property(repo_path(result.file, env))}"] if result.file else []
    props += [f"line={line}", f"title={escape_property(title)}"]
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def cell(text: str) -> str:
    """Markdown table cell text: pipes, backslashes and HTML made inert, one line."""
    text = one_line(text, 200).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def summary_table(report: RunReport) -> str:
    """The job summary: a heading with the total, and a row per exercise."""
    passed = sum(e.passed for e in report.exercises)
    lines = [f"### grade: {passed} of {len(report.exercises)} exercises passed, score "
             f"{report.score:g}/{report.max_score:g}", "",
             "| exercise | status | score |", "| --- | --- | ---: |"]
    for e in report.exercises:
        lines.append(f"| {cell(e.exercise)} | {ICONS[e.status]} {cell(e.status.value)} | "
                     f"{e.score:g}/{e.max_score:g} |")
    lines += ["", f"Seed {report.seed}: `grade EXERCISE --seed {report.seed}` reproduces the visible cases.", ""]
    return "\n".join(lines) + "\n"


def annotate(report: RunReport, stream: TextIO | None = None, env: Mapping[str, str] | None = None) -> None:
    """Print annotations for the exercises that did not pass and append the summary table."""
    env = os.environ if env is None else env
    stream = sys.stderr if stream is None else stream
    report = redact(report)
    failing = sorted((e for e in report.exercises if not e.passed), key=lambda e: e.status in WARN)
    for result in failing:
        print(annotation(result, env), file=stream)
    stream.flush()
    path = env.get("GITHUB_STEP_SUMMARY")
    if path:
        try:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(summary_table(report))
        except OSError as exc:
            print(f"grade: cannot append to the job summary {path}: {exc}", file=sys.stderr)


def guard(text: str, token: str | None = None) -> str:
    """A report for the log with workflow commands switched off while it prints."""
    token = token or secrets.token_hex(16)
    body = text if text.endswith("\n") else text + "\n"
    return f"::stop-commands::{token}\n{body}::{token}::\n"


def defuse(text: str, fmt: str) -> str:
    """A machine-readable report that cannot start a workflow command, read back unchanged."""
    if fmt in ("json", "gradescope"):
        return text.replace("##[", "##\\u005b")  # only inside JSON strings; \u005b reads back as [
    return text
