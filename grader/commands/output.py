"""What the grading commands share: the seed, the report's rendering and destination, the exit status."""

from __future__ import annotations

import os
import secrets
import shlex
import sys
from pathlib import Path
from typing import Any

import click

from grader.errors import GradeError
from grader.report import ReportOptions, formatter
from grader.results import RunReport


def rerun_options(*, file: str | None = None, submission: str | None = None, exercises_dir: str | None = None,
                  cases: int | None = None) -> str:
    """The options a reproduce line needs besides the exercise and seed: the file graded (--file, or the
    --submission folder it came from), the exercises folder and the number of cases, as given."""
    parts: list[str] = []
    if file is not None:
        parts += ["--file", file]
    elif submission is not None:
        parts += ["--submission", submission]
    if exercises_dir is not None:
        parts += ["--exercises", exercises_dir]
    if cases is not None:
        parts += ["--cases", str(cases)]
    return "".join(f" {shlex.quote(part)}" for part in parts)


def pick_seed(seed: int | None) -> int:
    """The seed to use: the one given (option or GRADE_SEED), else a fresh one named in the report."""
    return seed if seed is not None else secrets.randbelow(2**31)


def supports_colour(stream: Any) -> bool:
    """Whether ANSI colours may go to the stream: a terminal, NO_COLOR unset, TERM not `dumb`, and on Windows
    a console that takes escape sequences (turned on here; Windows 10 and later)."""
    try:
        if not stream.isatty():
            return False
    except (AttributeError, ValueError):
        return False
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    if os.name == "nt":
        return _windows_vt(stream)
    return True


def _windows_vt(stream: Any) -> bool:
    """Turn on escape-sequence processing in the Windows console behind the stream; whether it is on."""
    try:
        import ctypes
        import msvcrt

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = msvcrt.get_osfhandle(stream.fileno())
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(mode.value & 0x0004 or kernel32.SetConsoleMode(handle, mode.value | 0x0004))
    except (ImportError, AttributeError, OSError, ValueError):
        return False


def emit(report: RunReport, fmt: str, output: str | None, single: bool, verbose: bool = False) -> None:
    """Render the report and write it to the output file or standard output."""
    color = output is None and fmt == "text" and supports_colour(sys.stdout)
    from grader.hidden import redact

    report = redact(report)  # hidden cases: name, status and mistake only, in every format
    text = formatter(fmt)(report, ReportOptions(color=color, single=single, verbose=verbose))
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    if output is None and in_actions:  # learner text in the log must not forge workflow commands
        from grader.report.github import defuse, guard

        text = guard(text) if fmt == "text" else defuse(text, fmt)
    if output is not None:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise GradeError(f"cannot write the report to {output}: {exc}") from None
    else:
        click.echo(text, nl=False)
    if in_actions:
        from grader.report.github import annotate

        annotate(report)


def exit_status(report: RunReport) -> int:
    """0 when everything graded passed, else 1."""
    return 0 if report.passed else 1
