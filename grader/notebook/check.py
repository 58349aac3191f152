"""`check(exercise_id, func)` and `hint(exercise_id)` for notebooks.

check() writes the function (and what it uses, see source.py) to a learner file and grades it like
`grade EXERCISE`: the same isolated runner (one per kernel, started on first use, reused), limits,
bans and verdicts; the result is recorded in the state file, so `grade progress` counts it.
"""

from __future__ import annotations

import atexit
import base64
import html
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from grader import catalog, state
from grader.errors import GradeError
from grader.results import CaseResult, ExerciseResult, RunReport, Status

_settings: dict[str, Any] = {"exercises": None, "cases": None, "seed": None}
_lock = threading.Lock()
_runner: dict[str, Any] = {}
STATUS_COLORS = {"passed": "#1a7f37", "failed": "#cf222e", "error": "#cf222e", "timeout": "#9a6700",
                 "banned": "#cf222e", "not_implemented": "#9a6700"}


def configure(exercises: str | os.PathLike[str] | None = None, cases: int | None = None,
              seed: int | None = None) -> None:
    """Defaults for check(): the exercises folder, the number of random cases, a fixed seed."""
    _settings.update(exercises=str(exercises) if exercises is not None else _settings["exercises"],
                     cases=cases, seed=seed)


def _grader() -> Any:
    """The kernel's one isolated runner and grader, started on first use and closed when the kernel exits."""
    with _lock:
        if "grader" not in _runner:
            from grader.hidden import make_grader
            from grader.sandbox.client import Sandbox

            sandbox = Sandbox().__enter__()
            _runner.update(sandbox=sandbox, grader=make_grader(sandbox),
                           folder=Path(tempfile.mkdtemp(prefix="grade-notebook-")))
            atexit.register(_close)
        return _runner["grader"]


def _close() -> None:
    sandbox = _runner.pop("sandbox", None)
    _runner.pop("grader", None)
    if sandbox is not None:
        sandbox.__exit__(None, None, None)
    folder = _runner.pop("folder", None)
    if folder is not None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class CheckResult:
    """What check() returns: the verdict, shown as HTML in a notebook and as text elsewhere."""

    result: ExerciseResult
    picture: bytes | None = field(default=None, repr=False)  # a PNG explaining the failing case, if any

    @property
    def passed(self) -> bool:
        return self.result.passed

    @property
    def score(self) -> float:
        return self.result.score

    @property
    def max_score(self) -> float:
        return self.result.max_score

    @property
    def status(self) -> str:
        return self.result.status.value

    @property
    def cases(self) -> tuple[CaseResult, ...]:
        return self.result.cases

    @property
    def seed(self) -> int:
        return self.result.seed

    @property
    def mistake(self) -> str | None:
        first = self.result.first_failure
        return first.mistake if first is not None else None

    def __repr__(self) -> str:
        from grader.report import ReportOptions
        from grader.report.text import render

        return render(RunReport((self.result,), self.result.seed), ReportOptions(single=True)).rstrip("\n")

    def _repr_html_(self) -> str:
        return render_html(self.result, self.picture)


def render_html(r: ExerciseResult, picture: bytes | None) -> str:
    """Status line, the failing case as a small table, the mistake, the way to reproduce it."""
    esc = html.escape
    color = STATUS_COLORS.get(r.status.value, "#222")
    passed = sum(c.passed for c in r.cases)
    parts = [f"<div class='grade-result' style='font-family:sans-serif'>",
             f"<p><b>{esc(r.exercise)}</b>: <b style='color:{color}'>{esc(r.status.value)}</b>"
             f" &mdash; score {r.score:.3g}/{r.max_score:g}"
             + (f" &mdash; {passed} of {len(r.cases)} cases passed" if r.cases and r.cases[0].name != "import" else "")
             + "</p>"]
    first = r.first_failure
    if r.passed:
        parts.append(f"<p>{esc(r.message)}</p>")
    elif first is None or first.name == "import" or r.status is Status.NOT_IMPLEMENTED:
        parts.append(f"<p>{esc(r.message)}</p>")
    else:
        parts.append(f"<p>First failing case: <code>{esc(first.name)}</code>: {esc(first.message)}</p>")
        if first.mistake:
            parts.append(f"<p style='color:{color}'><b>Mistake:</b> {esc(first.mistake)}</p>")
        rows: list[tuple[str, str | None]] = [(f"input <code>{esc(k)}</code>", v) for k, v in first.inputs.items()]
        rows += [("expected", first.expected), ("yours", first.actual)]
        cells = "".join(f"<tr><th style='text-align:left'>{label}</th><td><pre style='margin:0'>{esc(value)}</pre>"
                        f"</td></tr>" for label, value in rows if value is not None)
        if first.hidden:
            parts.append("<p>(a hidden case: its inputs are not shown)</p>")
        elif cells:
            parts.append(f"<table>{cells}</table>")
        if first.traceback:
            parts.append(f"<details><summary>traceback</summary><pre>{esc(first.traceback)}</pre></details>")
    if picture is not None:
        data = base64.b64encode(picture).decode("ascii")
        parts.append(f"<img alt='picture of the failing case' src='data:image/png;base64,{data}'>")
    if not r.passed and r.status is not Status.NOT_IMPLEMENTED:
        parts.append(f"<p>Reproduce: <code>check({esc(repr(r.exercise))}, {esc(r.exercise)}, seed={r.seed})</code>"
                     f" &middot; a hint: <code>hint({esc(repr(r.exercise))})</code></p>")
    parts.append("</div>")
    return "\n".join(parts)


def check(exercise_id: str, func: Callable[..., Any], *, seed: int | None = None, cases: int | None = None,
          exercises: str | os.PathLike[str] | None = None, picture: bool = True) -> CheckResult:
    """Grade a function defined in the notebook for an exercise, as `grade EXERCISE` would."""
    from grader.commands.output import pick_seed
    from grader.hidden import redact_exercise
    from grader.notebook.source import learner_source

    root = catalog.find_root(str(exercises) if exercises is not None else _settings["exercises"])
    ex = catalog.load_one(root, exercise_id)
    source = learner_source(func, ex.function)
    grader = _grader()
    folder: Path = _runner["folder"]
    file = folder / f"{ex.function}.py"
    file.write_text(source, encoding="utf-8")
    used_seed = pick_seed(seed if seed is not None else _settings["seed"])
    count = cases if cases is not None else _settings["cases"]
    result = grader.grade(ex, file, used_seed, count)
    result = redact_exercise(result)
    state.record_results(root, [result])
    png = None
    if picture and result.status is Status.FAILED:
        try:
            from grader.pictures import picture_for

            shown = picture_for(grader, ex, file, result, count)
            png = shown.png if shown is not None else None
        except GradeError:
            png = None  # matplotlib not installed: the table says it all
    return CheckResult(result, png)


@dataclass(frozen=True)
class Hints:
    """The hints unlocked so far for an exercise (what hint() returns)."""

    exercise: str
    hints: tuple[str, ...]
    total: int

    def __repr__(self) -> str:
        lines = [f"Hint {i}/{self.total}: {h}" for i, h in enumerate(self.hints, start=1)]
        lines.append("(that was the last hint)" if len(self.hints) == self.total
                     else f"(call hint({self.exercise!r}) again for the next hint)")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(h)}</li>" for h in self.hints)
        more = "that was the last hint" if len(self.hints) == self.total else \
            f"call <code>hint({html.escape(repr(self.exercise))})</code> again for the next hint"
        return f"<div><b>Hints for {html.escape(self.exercise)}</b><ol>{items}</ol><p>({more})</p></div>"


def hint(exercise_id: str, *, exercises: str | os.PathLike[str] | None = None) -> Hints:
    """Unlock the next hint of an exercise and show the hints unlocked so far."""
    root = catalog.find_root(str(exercises) if exercises is not None else _settings["exercises"])
    ex = catalog.load_one(root, exercise_id)
    unlocked = state.unlock_hint(root, ex.id, len(ex.hints))
    return Hints(ex.id, tuple(h.strip() for h in ex.hints[:unlocked]), len(ex.hints))
