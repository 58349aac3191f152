"""Report formats: each renders results (and nothing else) to text."""

from __future__ import annotations

from typing import Callable

from grader.results import RunReport

Formatter = Callable[[RunReport, "ReportOptions"], str]


class ReportOptions:
    """What formatters may need besides results: colour, single vs many, the command to rerun."""

    def __init__(self, color: bool = False, single: bool = True, verbose: bool = False,
                 command: str = "grade") -> None:
        self.color = color
        self.single = single
        self.verbose = verbose
        self.command = command


def formatter(name: str) -> Formatter:
    """The formatter for a --format name (imported only when used)."""
    if name == "text":
        from grader.report.text import render
    elif name == "json":
        from grader.report.json import render
    elif name == "junit":
        from grader.report.junit import render
    elif name == "gradescope":
        from grader.report.gradescope import render
    else:
        raise KeyError(name)
    return render


FORMATS = ("text", "json", "junit", "gradescope")
